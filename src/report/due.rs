//! What falls due (`itos report due`, 待办与到期提醒): the dated duties of every enabled rule
//! ([`crate::rules::Rule::duties`]), overdue ones first, then those due within a window.
//! The duties come from the computation the rules report with, so a duty listed here due on
//! day D is reported by `validate --as-of D+1` (with nothing else changed) and not before.

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::calendar::dates::{Interval, days_between};
use crate::context::Context;
use crate::load::Repository;
use crate::model::{Msg, RecordRef};
use crate::msg;
use crate::rules::Settings;
use crate::rules::duty::Duty;

/// How far ahead to look: `30d`, `90d`, `6m`, `1y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Within(pub Interval);

impl Within {
    pub const DEFAULT: Within = Within(Interval::Days(30));

    /// `30d` (days), `6m` (months) or `1y` (years); at most 100 years.
    pub fn parse(text: &str) -> Result<Within, Msg> {
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let n: Option<u32> = number.parse().ok().filter(|n| *n <= 36_500);
        let interval = match (n, unit.trim()) {
            (Some(n), "d") => Some(Interval::Days(n)),
            (Some(n), "m") if n <= 1_200 => Some(Interval::Months(n)),
            (Some(n), "y") if n <= 100 => Some(Interval::Months(n * 12)),
            _ => None,
        };
        interval.map(Within).ok_or_else(|| {
            msg!(
                "`{text}` is not a period: write a number of days, months or years, e.g. `30d`, `6m`, `1y`",
                "`{text}` 不是有效的时间范围：请写天数、月数或年数，如 `30d`、`6m`、`1y`"
            )
        })
    }

    /// As written on the command line: `30d`, `6m`.
    pub fn text(self) -> String {
        match self.0 {
            Interval::Days(n) => format!("{n}d"),
            Interval::Months(n) => format!("{n}m"),
        }
    }
}

/// One duty as of the report's day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueLine {
    pub duty: Duty,
    /// Days from the as-of day to the due date: negative once overdue, 0 due today.
    pub days_left: i64,
    /// The engagement the duty belongs to, when its record has one.
    pub engagement: Option<String>,
    /// Where the finding will point: the file as shown to users, line and column.
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Stable calendar identity (decision 28): from the engagement, rule and duty key, never
    /// the due date, so a calendar updates the event when the date moves.
    pub uid: String,
}

impl DueLine {
    pub fn overdue(&self) -> bool {
        self.days_left < 0
    }

    pub fn record(&self) -> &RecordRef {
        &self.duty.record
    }
}

#[derive(Debug)]
pub struct DueReport {
    pub as_of: Date,
    pub within: Within,
    /// The last day of the window (as-of + within).
    pub until: Date,
    pub owner: Option<String>,
    pub engagement: Option<String>,
    /// Overdue first (earliest due first), then by due date; ties by rule and key.
    pub lines: Vec<DueLine>,
    /// Duties of the selection beyond the window (not listed).
    pub later: usize,
    /// The configuration the duties were judged with (assurance.md: disclosed in every report).
    pub configuration: crate::config::Disclosure,
}

impl DueReport {
    pub fn overdue(&self) -> usize {
        self.lines.iter().filter(|l| l.overdue()).count()
    }
}

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct DueOptions {
    pub within: Option<Within>,
    /// Only duties whose record names this person (by id or name, as `Context::person` reads).
    pub owner: Option<String>,
    pub engagement: Option<String>,
}

/// The duties of every enabled rule as of `as_of`.
pub fn build(repo: &Repository, settings: &Settings, as_of: Date, options: &DueOptions) -> DueReport {
    let mut cx = Context::new(repo, as_of);
    cx.prepare_exits();
    let mut duties = Vec::new();
    for (rule, _) in settings.enabled() {
        rule.duties(&cx, &mut duties);
    }
    let within = options.within.unwrap_or(Within::DEFAULT);
    let until = within.0.after(as_of);
    let owner = options.owner.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let wanted_owner = owner.map(|o| (o, cx.person(o).map(|p| p.id.value.as_str())));
    let mut later = 0;
    let mut lines = Vec::new();
    for duty in duties {
        let engagement = cx
            .index
            .position(duty.record.kind, &duty.record.id)
            .and_then(|pos| cx.records.get(duty.record.kind, pos))
            .and_then(|view| cx.engagement_of(view))
            .map(|e| e.value.clone());
        if options.engagement.as_ref().is_some_and(|want| engagement.as_ref() != Some(want)) {
            continue;
        }
        if let Some((written, person)) = wanted_owner {
            let Some(named) = duty.owner.as_deref() else { continue };
            let same_person = person.is_some() && cx.person(named).map(|p| p.id.value.as_str()) == person;
            if !(named == written || same_person) {
                continue;
            }
        }
        if duty.due > until {
            later += 1;
            continue;
        }
        let (file, line, column) = match repo.sources.get(duty.span.file) {
            Some(src) => {
                let at = src.line_col(duty.span.start);
                (src.display.clone(), at.line, at.col)
            }
            None => (String::new(), 0, 0),
        };
        let uid = uid(engagement.as_deref().unwrap_or(""), &duty);
        lines.push(DueLine { days_left: days_between(as_of, duty.due), duty, engagement, file, line, column, uid });
    }
    lines.sort_by(|a, b| {
        (a.duty.due, a.duty.rule, &a.duty.key, &a.file, a.line).cmp(&(
            b.duty.due,
            b.duty.rule,
            &b.duty.key,
            &b.file,
            b.line,
        ))
    });
    lines.dedup_by(|a, b| a.uid == b.uid && a.duty.due == b.duty.due);
    DueReport {
        as_of,
        within,
        until,
        owner: owner.map(str::to_owned),
        engagement: options.engagement.clone(),
        lines,
        later,
        configuration: repo.config.disclosure(),
    }
}

/// `<32 hex digits>@itos`: SHA-256 of engagement, rule and key.
fn uid(engagement: &str, duty: &Duty) -> String {
    let digest = Sha256::digest(format!("{engagement}|{}|{}", duty.rule, duty.key).as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@itos")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_reads_days_months_and_years() {
        assert_eq!(Within::parse("30d"), Ok(Within(Interval::Days(30))));
        assert_eq!(Within::parse("6m"), Ok(Within(Interval::Months(6))));
        assert_eq!(Within::parse("1y"), Ok(Within(Interval::Months(12))));
        assert!(Within::parse("30").is_err());
        assert!(Within::parse("d").is_err());
        assert!(Within::parse("-3d").is_err());
        assert!(Within::parse("99999999999d").is_err());
    }
}
