//! Shared reading of time for rules (rules.md, "How rules read time"): the day a duty is
//! judged at, periodic duties ("an audit every 12 months"), how to say so, and [`Duty`], the
//! one model of a dated obligation: a rule with a due date lists its duties
//! ([`super::Rule::duties`]) from the same computation its `check` reports overdue ones from,
//! so `report due` shows exactly what `validate` will report the day after each due date.

use jiff::civil::Date;

use crate::calendar::dates::{Interval, days_between};
use crate::model::kinds::Engagement;
use crate::model::{Kind, Msg, RecordRef, Span};
use crate::msg;

/// A dated obligation: once the as-of day is after `due` ("within N" is inclusive), `rule`
/// reports it at `span`, its finding carrying `key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    pub rule: &'static str,
    /// The duty's identity, stable while its due date moves: `Kind/id` of the record, and
    /// `#part` when one record holds several duties of the rule (an audit's findings, a
    /// system's two reviews, a reporting period). ICS UIDs are built from it (decision 28).
    pub key: String,
    pub due: Date,
    /// Where the finding points once it is overdue.
    pub span: Span,
    pub record: RecordRef,
    /// What has to be done, e.g. "information-security audit".
    pub what: Msg,
    /// How to discharge it (the finding's help).
    pub help: Option<Msg>,
    /// The person a record names as responsible, as written.
    pub owner: Option<String>,
}

impl Duty {
    /// A duty of `rule` on the record `kind`/`id`; `part` tells several duties of one record apart.
    pub fn new(rule: &'static str, kind: Kind, id: &str, part: Option<&str>, due: Date, span: Span, what: Msg) -> Duty {
        let key = Duty::key(kind, id, part);
        Duty { rule, key, due, span, record: RecordRef { kind, id: id.to_owned() }, what, help: None, owner: None }
    }

    /// `Kind/id`, or `Kind/id#part`.
    pub fn key(kind: Kind, id: &str, part: Option<&str>) -> String {
        let name = kind.name();
        match part {
            Some(part) => format!("{name}/{id}#{part}"),
            None => format!("{name}/{id}"),
        }
    }

    pub fn help(mut self, help: Msg) -> Duty {
        self.help = Some(help);
        self
    }

    /// The responsible person, when the record names one (blank text is nobody).
    pub fn owner(mut self, owner: Option<&str>) -> Duty {
        self.owner = owner.map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned);
        self
    }

    /// Overdue on `day`: the day is after the due date.
    pub fn overdue_on(&self, day: Date) -> bool {
        day > self.due
    }
}

use super::Context;

/// The day an engagement's duties are judged at: as-of, but not past the term's end or the
/// effective date of its termination (an ended contract is judged as it stood when it ended;
/// what its exit requires, the HND rules check); `None` before the term starts, and while
/// the adoption date `records_from` cannot be read (GEN-003 reports it; judging from the
/// term's start instead would turn one typo into a finding for every period before it).
pub fn judged_at(cx: &Context<'_>, engagement: &Engagement) -> Option<Date> {
    let term = &engagement.term;
    if cx.as_of < term.start.value
        || cx.index.value_left_out(crate::model::Kind::Engagement, &engagement.id.value, "records_from")
    {
        return None;
    }
    Some(cx.as_of.min(ended(cx, engagement)))
}

/// The last day an engagement's periodic duties are judged at: the term's end, or the
/// effective date of its termination when earlier.
pub fn ended(cx: &Context<'_>, engagement: &Engagement) -> Date {
    let end = engagement.term.end.value;
    crate::exit::handover_of(cx, engagement).map_or(end, |h| h.termination.effective_at.value.min(end))
}

/// A periodic duty of one subject as judged on `day`: due one `interval` after the later of
/// the last qualifying event and `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periodic {
    pub day: Date,
    pub start: Date,
    pub last: Option<Date>,
    pub interval: Interval,
    pub due: Date,
    /// The last day it is judged at ([`ended`]): a duty falling due on or after it never fires.
    pub until: Date,
}

impl Periodic {
    /// The duty of an engagement's subject judged on `day` (from [`judged_at`]).
    pub fn new(
        cx: &Context<'_>,
        engagement: &Engagement,
        last: Option<Date>,
        start: Date,
        interval: Interval,
        day: Date,
    ) -> Periodic {
        let due = interval.after(last.map_or(start, |l| l.max(start)));
        Periodic { day, start, last, interval, due, until: ended(cx, engagement) }
    }

    /// Overdue on the judging day.
    pub fn overdue(&self) -> Option<Overdue> {
        (self.day > self.due).then_some(Overdue { last: self.last, due: self.due })
    }

    /// Whether the rule ever reports it: it falls due before judging stops.
    pub fn fires(&self) -> bool {
        self.due < self.until
    }

    /// The finding's message (see [`periodic_message`]).
    pub fn message(&self, what: &Msg) -> Option<Msg> {
        self.overdue().map(|o| periodic_message(what, o, self.start, self.interval, self.day))
    }
}

/// The day a periodic duty of `engagement`'s subject starts (revision 2, decision 8): the
/// latest of the subject's own start (`own`: a person's `joined`; none for the engagement,
/// its systems, backup policies and plans), the term's start and `records_from` (a
/// repository adopted mid-contract holds no history before it). Never a commit date.
pub fn duty_start(engagement: &Engagement, own: Option<Date>) -> Date {
    let start = engagement.records_start();
    own.map_or(start, |d| d.max(start))
}

/// Whether a one-off duty of `engagement` that fell due on `due` (a person's onboarding
/// training) lies before the engagement's records begin: due before a `records_from` later
/// than the term's start, its history was never entered and it is not judged. A
/// `records_from` on or before the term's start changes nothing. Items with an explicit date
/// (`due`, `expires`, leftover issues, audit findings) are judged whatever their date and do
/// not ask this.
pub fn before_records(engagement: &Engagement, due: Date) -> bool {
    let start = engagement.records_start();
    start > engagement.term.start.value && due < start
}

/// Label an engagement's `records_from` on a finding when it is what set a duty's `start`, so
/// that the reader sees why nothing earlier counts.
pub fn label_records_from(finding: &mut crate::model::Finding, engagement: &Engagement, start: Date) {
    if let Some(r) = &engagement.records_from
        && r.value == start
        && r.value > engagement.term.start.value
    {
        finding.label(r.span, msg!("records begin here (`records_from`)", "记录自此日开始（`records_from`）"));
    }
}

/// A periodic duty that is overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// The last qualifying event (on or before the judging day), if any.
    pub last: Option<Date>,
    /// When the next one was due: one interval after the later of `last` and the start.
    pub due: Date,
}

/// A duty due one `interval` after the later of the last qualifying event and `start`;
/// overdue when `day` is after the due date ("within N" is inclusive).
pub fn overdue(last: Option<Date>, start: Date, interval: Interval, day: Date) -> Option<Overdue> {
    let from = last.map_or(start, |l| l.max(start));
    let due = interval.after(from);
    (day > due).then_some(Overdue { last, due })
}

/// Report `duty` of `engagement` when its periodic computation `p` is overdue, with the
/// periodic message and the `records_from` label; `None` when it is not overdue.
pub fn report_periodic<'s>(
    out: &'s mut super::Sink,
    engagement: &Engagement,
    p: &Periodic,
    duty: &Duty,
) -> Option<&'s mut crate::model::Finding> {
    let message = p.message(&duty.what)?;
    let f = out.overdue(duty, message);
    label_records_from(f, engagement, p.start);
    Some(f)
}

/// The latest of `dates` on or before `day` (evidence dated after as-of is ignored).
pub fn latest_until(dates: impl Iterator<Item = Date>, day: Date) -> Option<Date> {
    dates.filter(|d| *d <= day).max()
}

/// "the last {what} was on 2026-06-02, 151 days before 2026-10-31; one is required every
/// 90 days (due 2026-08-31)" — or, with none: "no {what} since 2025-07-01; …".
pub fn periodic_message(what: &Msg, o: Overdue, since: Date, interval: Interval, day: Date) -> Msg {
    let every = interval.phrase();
    let (what_en, what_zh, every_en, every_zh, due) = (&what.en, &what.zh, &every.en, &every.zh, o.due);
    match o.last {
        Some(last) => {
            let ago = days_between(last, day);
            msg!(
                "the last {what_en} was on {last}, {ago} days before {day}; one is required every {every_en} (due {due})",
                "{what_zh}：最近一次在 {last}，距 {day} 已 {ago} 天；要求每 {every_zh}至少一次（应于 {due} 前完成）"
            )
        }
        None => msg!(
            "no {what_en} since {since}; one is required every {every_en} (due {due})",
            "{what_zh}：自 {since} 以来无记录；要求每 {every_zh}至少一次（应于 {due} 前完成）"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn within_the_interval_is_inclusive() {
        let start = date(2025, 7, 1);
        let last = Some(date(2025, 10, 31));
        assert_eq!(overdue(last, start, Interval::Months(12), date(2026, 10, 31)), None);
        assert_eq!(
            overdue(last, start, Interval::Months(12), date(2026, 11, 1)),
            Some(Overdue { last, due: date(2026, 10, 31) })
        );
        // Nothing yet: due one interval after the start.
        assert_eq!(overdue(None, start, Interval::Days(90), date(2025, 9, 29)), None);
        assert!(overdue(None, start, Interval::Days(90), date(2025, 9, 30)).is_some());
    }
}
