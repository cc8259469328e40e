//! SLA clocks of one ticket (sla.md, "Clocks of a ticket"): business time counted over the
//! ticket's open periods on the priority's calendar, pauses removed; the deadline at which
//! the target is reached; met, breached or still in progress; the instant it was decided.

use jiff::Timestamp;

use crate::calendar::WorkCalendar;

/// The four clocks of a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClockKind {
    Response,
    OnSite,
    Restoration,
    Resolution,
}

impl ClockKind {
    pub const ALL: [ClockKind; 4] =
        [ClockKind::Response, ClockKind::OnSite, ClockKind::Restoration, ClockKind::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Response => "response",
            ClockKind::OnSite => "on-site",
            ClockKind::Restoration => "restoration",
            ClockKind::Resolution => "resolution",
        }
    }

    /// The clock's name in `lang` (zh-CN from `model::labels`).
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::model::labels::label(lang, "ClockKind", self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Met,
    Breached,
    /// Still running at the report's end instant and not past its deadline.
    InProgress,
}

/// One counted stretch of a clock: an active piece of an open period (pauses removed) and
/// the working seconds it contributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub from: Timestamp,
    pub to: Timestamp,
    pub business_seconds: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub kind: ClockKind,
    pub target: i64,
    /// Business seconds counted, pauses removed.
    pub elapsed: i64,
    /// When elapsed business time first reaches the target (`None`: the calendar has no
    /// working time left to reach it).
    pub deadline: Option<Timestamp>,
    /// When the clock stopped, if it did by the end instant.
    pub stopped: Option<Timestamp>,
    pub outcome: Outcome,
    /// Stop instant if met, deadline if breached; `None` while in progress.
    pub decided: Option<Timestamp>,
    pub pieces: Vec<Piece>,
    /// Business seconds removed by pauses.
    pub paused: i64,
    /// Still running inside an open-ended pause: no deadline yet.
    pub paused_open: bool,
}

/// The open periods of a clock, each from its start to its stop (`None`: still running).
pub type Periods = Vec<(Timestamp, Option<Timestamp>)>;

/// Merge intervals into a sorted union.
pub fn union(mut spans: Vec<(Timestamp, Timestamp)>) -> Vec<(Timestamp, Timestamp)> {
    spans.retain(|(a, b)| b > a);
    spans.sort();
    let mut out: Vec<(Timestamp, Timestamp)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// `[from, to)` minus the (sorted, disjoint) pauses.
fn active_pieces(from: Timestamp, to: Timestamp, pauses: &[(Timestamp, Timestamp)]) -> Vec<(Timestamp, Timestamp)> {
    let mut out = Vec::new();
    let mut cursor = from;
    for &(p0, p1) in pauses {
        if p1 <= cursor || p0 >= to {
            continue;
        }
        if p0 > cursor {
            out.push((cursor, p0.min(to)));
        }
        cursor = cursor.max(p1);
        if cursor >= to {
            break;
        }
    }
    if cursor < to {
        out.push((cursor, to));
    }
    out
}

/// Evaluate a clock over `periods` on `calendar`, with `pauses` removed, against a target
/// of `target` business seconds, as seen at the report's `end` instant.
pub fn evaluate(
    kind: ClockKind,
    periods: &Periods,
    pauses: &[(Timestamp, Timestamp)],
    target: i64,
    calendar: &WorkCalendar,
    end: Timestamp,
) -> Clock {
    let pauses = union(pauses.to_vec());
    let mut pieces = Vec::new();
    let mut elapsed = 0i64;
    let mut paused = 0i64;
    let mut deadline = None;
    let mut running = false;
    let mut last_stop = None;
    for &(start, stop) in periods {
        if start >= end {
            break; // a period that begins after the end instant has not happened yet
        }
        let (until, still_running) = match stop {
            Some(s) if s <= end => (s.max(start), false),
            _ => (end, true),
        };
        running = still_running;
        last_stop = if still_running { None } else { Some(until) };
        let mut active = 0;
        for (a, b) in active_pieces(start, until, &pauses) {
            let secs = calendar.business_seconds(a, b);
            if deadline.is_none() && elapsed + secs >= target && target > 0 {
                deadline = calendar.add_business(a, target - elapsed);
            }
            elapsed += secs;
            active += secs;
            pieces.push(Piece { from: a, to: b, business_seconds: secs });
        }
        paused += calendar.business_seconds(start, until) - active;
    }
    if deadline.is_none() {
        // Not reached yet: project from where counting stopped (the stop, or the end instant),
        // after any pause still in effect there.
        let mut from = last_stop.unwrap_or(end);
        if running {
            for &(p0, p1) in &pauses {
                if p0 <= from && from < p1 {
                    from = p1;
                }
            }
        }
        deadline = calendar.add_business(from, target - elapsed);
    }
    let breached_at = || deadline.map(|d| breach_instant(&pieces, d, calendar));
    let (outcome, decided) = if !running && last_stop.is_some() {
        if elapsed <= target { (Outcome::Met, last_stop) } else { (Outcome::Breached, breached_at()) }
    } else if elapsed > target {
        (Outcome::Breached, breached_at())
    } else {
        (Outcome::InProgress, None)
    };
    Clock {
        kind,
        target,
        elapsed,
        deadline,
        stopped: last_stop.filter(|_| !running),
        outcome,
        decided,
        pieces,
        paused,
        paused_open: false,
    }
}

/// The instant a breach happens: the first instant after the deadline at which business time
/// accrues (revision2-decisions.md 2). On `24x7` that is the deadline itself; a deadline at
/// the end of Friday's hours is breached on Monday morning, in Monday's month.
fn breach_instant(pieces: &[Piece], deadline: Timestamp, calendar: &WorkCalendar) -> Timestamp {
    for p in pieces.iter().filter(|p| p.to > deadline && p.business_seconds > 0) {
        if let Some(start) = calendar.first_working_instant(p.from.max(deadline), p.to) {
            return start;
        }
    }
    deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn cn() -> WorkCalendar {
        WorkCalendar::cn_workdays()
    }

    fn all() -> WorkCalendar {
        WorkCalendar::always(crate::model::scalar::default_tz())
    }

    #[test]
    fn pause_across_a_weekend_removes_only_paused_working_time() {
        // Opened Fri 2026-10-16 16:00, paused Fri 17:00 → Mon 10-19 10:00, resolved Mon 12:00.
        let periods = vec![(ts("2026-10-16T16:00:00+08:00"), Some(ts("2026-10-19T12:00:00+08:00")))];
        let pauses = vec![(ts("2026-10-16T17:00:00+08:00"), ts("2026-10-19T10:00:00+08:00"))];
        let c = evaluate(ClockKind::Resolution, &periods, &pauses, 8 * 3600, &cn(), ts("2026-11-01T00:00:00+08:00"));
        // Working time: Fri 16–18 (2h) + Mon 9–12 (3h) = 5h; paused working time Fri 17–18 + Mon 9–10 = 2h.
        assert_eq!(c.elapsed, 3 * 3600);
        assert_eq!(c.paused, 2 * 3600);
        assert_eq!(c.outcome, Outcome::Met);
    }

    #[test]
    fn pause_outside_working_hours_removes_nothing() {
        let periods = vec![(ts("2026-10-14T10:00:00+08:00"), Some(ts("2026-10-15T11:00:00+08:00")))];
        let pauses = vec![(ts("2026-10-14T19:00:00+08:00"), ts("2026-10-15T08:00:00+08:00"))];
        let c = evaluate(ClockKind::Resolution, &periods, &pauses, 4 * 3600, &cn(), ts("2026-11-01T00:00:00+08:00"));
        assert_eq!(c.elapsed, 8 * 3600 + 2 * 3600);
        assert_eq!(c.paused, 0);
        assert_eq!(c.outcome, Outcome::Breached);
        // 4 working hours from Wed 10:00 is Wed 14:00.
        assert_eq!(c.deadline, Some(ts("2026-10-14T14:00:00+08:00")));
        assert_eq!(c.decided, c.deadline);
    }

    #[test]
    fn reopened_ticket_met_in_total() {
        // 24x7, target 4h: 2h, then reopened for 1h30 → 3h30 in total: met, decided at the last stop.
        let periods = vec![
            (ts("2026-10-01T10:00:00+08:00"), Some(ts("2026-10-01T12:00:00+08:00"))),
            (ts("2026-10-03T09:00:00+08:00"), Some(ts("2026-10-03T10:30:00+08:00"))),
        ];
        let c = evaluate(ClockKind::Resolution, &periods, &[], 4 * 3600, &all(), ts("2026-11-01T00:00:00+08:00"));
        assert_eq!(c.elapsed, 3 * 3600 + 1800);
        assert_eq!(c.outcome, Outcome::Met);
        assert_eq!(c.decided, Some(ts("2026-10-03T10:30:00+08:00")));
        // The deadline is projected past the last stop: 30 more minutes.
        assert_eq!(c.deadline, Some(ts("2026-10-03T11:00:00+08:00")));
    }

    #[test]
    fn running_clock_before_and_after_its_deadline() {
        // P1 24x7 4h opened on the month's last evening.
        let periods = vec![(ts("2026-10-31T21:00:00+08:00"), None)];
        let end = ts("2026-11-01T00:00:00+08:00");
        let c = evaluate(ClockKind::Resolution, &periods, &[], 4 * 3600, &all(), end);
        assert_eq!(c.outcome, Outcome::InProgress);
        assert_eq!(c.deadline, Some(ts("2026-11-01T01:00:00+08:00")));
        let periods = vec![(ts("2026-10-31T19:00:00+08:00"), None)];
        let c = evaluate(ClockKind::Resolution, &periods, &[], 4 * 3600, &all(), end);
        assert_eq!(c.outcome, Outcome::Breached);
        assert_eq!(c.decided, Some(ts("2026-10-31T23:00:00+08:00")));
    }

    #[test]
    fn a_running_clock_s_deadline_waits_for_a_pause_in_effect() {
        // 24x7, 4 h: opened 10-31 20:00, paused from 22:00 to 11-01 05:00, still open at midnight.
        // 2 h counted; the remaining 2 h start when the pause ends: deadline 11-01 07:00.
        let periods = vec![(ts("2026-10-31T20:00:00+08:00"), None)];
        let pauses = vec![(ts("2026-10-31T22:00:00+08:00"), ts("2026-11-01T05:00:00+08:00"))];
        let c = evaluate(ClockKind::Resolution, &periods, &pauses, 4 * 3600, &all(), ts("2026-11-01T00:00:00+08:00"));
        assert_eq!((c.elapsed, c.outcome), (7200, Outcome::InProgress));
        assert_eq!(c.deadline, Some(ts("2026-11-01T07:00:00+08:00")));
    }

    #[test]
    fn a_stop_after_the_end_instant_is_not_seen_yet() {
        let periods = vec![(ts("2026-10-31T22:00:00+08:00"), Some(ts("2026-11-01T00:30:00+08:00")))];
        let c = evaluate(ClockKind::Response, &periods, &[], 3600, &all(), ts("2026-11-01T00:00:00+08:00"));
        assert_eq!(c.outcome, Outcome::Breached);
        assert_eq!(c.stopped, None);
    }
}
