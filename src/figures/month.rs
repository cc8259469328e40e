//! The report month (sla.md): boundaries at local midnight in the Sla's time zone, an end
//! instant that never lies after the as-of day, and attainment figures over the clocks
//! decided within it.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use crate::model::scalar::civil_in;

use crate::model::Exact;

use super::clock::Outcome;

/// One calendar month of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub first: Date,
    /// Local midnight starting the month.
    pub start: Timestamp,
    /// The earlier of the month's end and the end of the as-of day.
    pub end: Timestamp,
}

impl Month {
    /// `first` is any day of the month; `as_of_end` the end of the as-of day.
    pub fn new(first: Date, tz: &TimeZone, as_of_end: Timestamp) -> Option<Month> {
        let first = first.first_of_month();
        let next = first.last_of_month().tomorrow().ok()?;
        let start = civil_in(tz, first.to_datetime(Time::midnight()))?;
        let month_end = civil_in(tz, next.to_datetime(Time::midnight()))?;
        Some(Month { first, start, end: month_end.min(as_of_end).max(start) })
    }

    pub fn contains(&self, t: Timestamp) -> bool {
        self.start <= t && t < self.end
    }
}

/// Nearest-rank percentile of `sorted` values (`p` in 1..=100); `None` when empty.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (u64::from(p) * n as u64).div_ceil(100).max(1) as usize;
    sorted.get(rank.min(n) - 1).copied()
}

/// Attainment of one clock kind over the clocks decided in a month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attainment {
    pub decided: usize,
    pub met: usize,
    /// met / decided in percent, exactly; `None` ("n/a") when nothing was decided.
    pub percent: Option<Exact>,
    /// Median and 90th percentile of elapsed business seconds (nearest rank).
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

/// Figures over the clocks whose decision falls in `month`.
pub fn attainment(decided: impl Iterator<Item = (Outcome, i64)>) -> Attainment {
    let mut elapsed = Vec::new();
    let mut met = 0;
    for (outcome, counted) in decided {
        if outcome == Outcome::Met {
            met += 1;
        }
        elapsed.push(counted);
    }
    elapsed.sort_unstable();
    let decided = elapsed.len();
    Attainment {
        decided,
        met,
        percent: (decided > 0).then(|| Exact::ratio(100 * met as i128, decided as i128)),
        median: percentile(&elapsed, 50),
        p90: percentile(&elapsed, 90),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::clock::{Clock, ClockKind};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn month_boundaries_are_local_midnight_and_never_after_as_of() {
        let tz = crate::model::scalar::default_tz();
        let m = Month::new(jiff::civil::date(2026, 10, 15), &tz, Timestamp::MAX);
        assert_eq!(
            m.map(|m| (m.start, m.end)),
            Some((ts("2026-10-01T00:00:00+08:00"), ts("2026-11-01T00:00:00+08:00")))
        );
        let running = Month::new(jiff::civil::date(2026, 10, 1), &tz, ts("2026-10-21T00:00:00+08:00"));
        assert_eq!(running.map(|m| m.end), Some(ts("2026-10-21T00:00:00+08:00")));
        // Berlin in the month of the DST change: October has 31 days and one extra hour.
        let berlin = crate::model::scalar::tzdb().get("Europe/Berlin").unwrap_or_else(|_| tz.clone());
        let m = Month::new(jiff::civil::date(2026, 10, 1), &berlin, Timestamp::MAX);
        let secs = m.map(|m| m.end.as_second() - m.start.as_second());
        assert_eq!(secs, Some(31 * 86_400 + 3600));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        assert_eq!(percentile(&v, 50), Some(50));
        assert_eq!(percentile(&v, 90), Some(90));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[1, 2, 3], 50), Some(2));
        assert_eq!(percentile(&[], 50), None);
    }

    fn clock(outcome: Outcome, decided: &str, elapsed: i64) -> Clock {
        Clock {
            kind: ClockKind::Resolution,
            target: 3600,
            elapsed,
            deadline: None,
            stopped: None,
            outcome,
            decided: Some(ts(decided)),
            pieces: Vec::new(),
            paused: 0,
            paused_open: false,
        }
    }

    #[test]
    fn attainment_counts_clocks_decided_in_the_month_and_says_na_when_none() {
        let tz = crate::model::scalar::default_tz();
        let Some(oct) = Month::new(jiff::civil::date(2026, 10, 1), &tz, Timestamp::MAX) else { return };
        let clocks = [
            clock(Outcome::Met, "2026-10-05T10:00:00+08:00", 1800),
            clock(Outcome::Breached, "2026-10-31T23:59:00+08:00", 5400),
            clock(Outcome::Met, "2026-11-01T00:00:00+08:00", 600),
        ];
        let in_october = clocks.iter().filter(|c| c.decided.is_some_and(|d| oct.contains(d)));
        let a = attainment(in_october.map(|c| (c.outcome, c.elapsed)));
        assert_eq!((a.decided, a.met, a.percent), (2, 1, Some(Exact::int(50))));
        assert_eq!((a.median, a.p90), (Some(1800), Some(5400)));
        let none = attainment(std::iter::empty());
        assert_eq!(none.percent, None);
    }
}
