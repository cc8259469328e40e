//! Shared reading of time for rules (rules.md, "How rules read time"): the day a duty is
//! judged at, periodic duties ("an audit every 12 months"), and how to say so.

use jiff::civil::Date;

use crate::calendar::dates::{Interval, days_between};
use crate::model::Msg;
use crate::model::kinds::Engagement;
use crate::msg;

use super::Context;

/// The day an engagement's duties are judged at: as-of, but not past the term's end or the
/// effective date of its termination (an ended contract is judged as it stood when it ended;
/// what its exit requires, the HND rules check); `None` before the term starts.
pub fn judged_at(cx: &Context<'_>, engagement: &Engagement) -> Option<Date> {
    let term = &engagement.term;
    if cx.as_of < term.start.value {
        return None;
    }
    let ended = crate::rules::hnd::exit::handover_of(cx, engagement)
        .map_or(term.end.value, |h| h.termination.effective_at.value.min(term.end.value));
    Some(cx.as_of.min(ended))
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
                "最近一次{what_zh}在 {last},距 {day} 已 {ago} 天;要求每 {every_zh}至少一次(应于 {due} 前完成)"
            )
        }
        None => msg!(
            "no {what_en} since {since}; one is required every {every_en} (due {due})",
            "自 {since} 以来没有{what_zh};要求每 {every_zh}至少一次(应于 {due} 前完成)"
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
