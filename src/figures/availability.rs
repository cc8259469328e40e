//! Availability (sla.md, "Availability"): scheduled time on the service-hours calendar minus
//! maintenance, and downtime as the integral of the outage weight over scheduled time
//! (1 under a full outage, else the largest partial weight, else 0). Interval unions and the
//! weight sweep are done by sorting: O(n log n) in the number of outages.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::calendar::WorkCalendar;
use crate::calendar::wall::local_range;
use crate::model::Exact;
use crate::model::scalar::WeeklyWindow;

use super::clock::union;

pub type Span = (Timestamp, Timestamp);

/// An outage as it counts against availability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outage {
    pub start: Timestamp,
    pub end: Timestamp,
    /// 1 for a full outage, `degraded_percent / 100` for a partial one, exactly.
    pub weight: Exact,
}

fn secs(a: Timestamp, b: Timestamp) -> i64 {
    b.as_second() - a.as_second()
}

/// Total seconds of a list of disjoint spans.
pub fn total(spans: &[Span]) -> i64 {
    spans.iter().map(|&(a, b)| secs(a, b).max(0)).sum()
}

/// `spans` minus `holes` (both sorted and disjoint).
pub fn subtract(spans: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut h = 0;
    for &(a, b) in spans {
        let mut cursor = a;
        while h < holes.len() && holes[h].1 <= cursor {
            h += 1;
        }
        let mut k = h;
        while k < holes.len() && holes[k].0 < b {
            let (ha, hb) = holes[k];
            if ha > cursor {
                out.push((cursor, ha.min(b)));
            }
            cursor = cursor.max(hb);
            if cursor >= b {
                break;
            }
            k += 1;
        }
        if cursor < b {
            out.push((cursor, b));
        }
    }
    out
}

/// The instants of weekly windows (e.g. `sun 02:00-04:00`, local time in `tz`) within `[from, to)`.
pub fn weekly_windows(windows: &[WeeklyWindow], tz: &TimeZone, from: Timestamp, to: Timestamp) -> Vec<Span> {
    if windows.is_empty() || to <= from {
        return Vec::new();
    }
    let first: Date = from.to_zoned_datetime(tz.clone()).date();
    let last: Date = to.to_zoned_datetime(tz.clone()).date();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let weekday = crate::model::scalar::Weekday::from_jiff(day.weekday());
        for w in windows.iter().filter(|w| w.day == weekday) {
            for (a, b) in local_range(tz, day, w.range.start, w.range.end).iter() {
                let (a, b) = (a.max(from), b.min(to));
                if b > a {
                    out.push((a, b));
                }
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    union(out)
}

/// Scheduled time in `[from, to)`: the calendar's working time minus maintenance.
pub fn scheduled(hours: &WorkCalendar, from: Timestamp, to: Timestamp, maintenance: &[Span]) -> Vec<Span> {
    let working = hours.working_intervals(from, to);
    subtract(&working, &union(maintenance.to_vec()))
}

/// Downtime seconds (weighted, exact) of `outages` over `scheduled` time.
pub fn downtime(scheduled: &[Span], outages: &[Outage]) -> Exact {
    // The weight as a step function: at every boundary, the largest weight of the outages
    // covering the next stretch.
    let mut bounds: Vec<Timestamp> = outages.iter().flat_map(|o| [o.start, o.end]).collect();
    bounds.sort();
    bounds.dedup();
    let mut steps: Vec<(Span, Exact)> = Vec::new();
    // Outages sorted by start; an active set scanned per stretch (outage counts per service
    // and month are small, and each stretch only sees the outages covering it).
    let mut sorted: Vec<&Outage> = outages.iter().filter(|o| o.end > o.start && o.weight > Exact::ZERO).collect();
    sorted.sort_by_key(|o| o.start);
    let mut active: Vec<&Outage> = Vec::new();
    let mut next = 0;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < sorted.len() && sorted[next].start <= a {
            active.push(sorted[next]);
            next += 1;
        }
        active.retain(|o| o.end > a);
        let weight = active.iter().filter(|o| o.start <= a).map(|o| o.weight).fold(Exact::ZERO, Exact::max);
        if weight > Exact::ZERO {
            steps.push(((a, b), weight.min(Exact::ONE)));
        }
    }
    // Integrate the steps over scheduled time (both sorted): a merge walk.
    let mut total = Exact::ZERO;
    let mut i = 0;
    for &((a, b), weight) in &steps {
        while i < scheduled.len() && scheduled[i].1 <= a {
            i += 1;
        }
        let mut j = i;
        while j < scheduled.len() && scheduled[j].0 < b {
            let (s, e) = (scheduled[j].0.max(a), scheduled[j].1.min(b));
            if e > s {
                total = total.plus(weight.mul_int(secs(s, e)));
            }
            j += 1;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn day() -> Vec<Span> {
        vec![(ts("2026-10-05T00:00:00+08:00"), ts("2026-10-06T00:00:00+08:00"))]
    }

    #[test]
    fn overlapping_outages_count_once() {
        let outages = [
            Outage { start: ts("2026-10-05T10:00:00+08:00"), end: ts("2026-10-05T11:00:00+08:00"), weight: Exact::ONE },
            Outage { start: ts("2026-10-05T10:30:00+08:00"), end: ts("2026-10-05T11:30:00+08:00"), weight: Exact::ONE },
        ];
        assert_eq!(downtime(&day(), &outages), Exact::int(5400));
    }

    #[test]
    fn partial_outage_is_weighted_and_a_full_one_wins() {
        let outages = [
            Outage {
                start: ts("2026-10-05T10:00:00+08:00"),
                end: ts("2026-10-05T12:00:00+08:00"),
                weight: Exact::ratio(1, 2),
            },
            Outage { start: ts("2026-10-05T11:00:00+08:00"), end: ts("2026-10-05T11:30:00+08:00"), weight: Exact::ONE },
        ];
        // 1.5 h at 0.5 + 0.5 h at 1.0 = 45 min + 30 min.
        assert_eq!(downtime(&day(), &outages), Exact::int(4500));
    }

    #[test]
    fn maintenance_is_not_scheduled_and_an_overrun_counts() {
        let cal = WorkCalendar::always(crate::model::scalar::default_tz());
        let (from, to) = day()[0];
        let maintenance = vec![(ts("2026-10-05T02:00:00+08:00"), ts("2026-10-05T04:00:00+08:00"))];
        let sched = scheduled(&cal, from, to, &maintenance);
        assert_eq!(total(&sched), 22 * 3600);
        // An outage 03:00–05:00 during a 02:00–04:00 window counts only for 04:00–05:00.
        let o = [Outage {
            start: ts("2026-10-05T03:00:00+08:00"),
            end: ts("2026-10-05T05:00:00+08:00"),
            weight: Exact::ONE,
        }];
        assert_eq!(downtime(&sched, &o), Exact::int(3600));
    }

    #[test]
    fn weekly_windows_in_local_time() {
        let tz = crate::model::scalar::default_tz();
        let w = [WeeklyWindow {
            day: crate::model::scalar::Weekday::Sun,
            range: crate::model::scalar::TimeRange { start: 120, end: 240 },
        }];
        // October 2026 has four Sundays (4, 11, 18, 25).
        let spans = weekly_windows(&w, &tz, ts("2026-10-01T00:00:00+08:00"), ts("2026-11-01T00:00:00+08:00"));
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[0], (ts("2026-10-04T02:00:00+08:00"), ts("2026-10-04T04:00:00+08:00")));
    }
}

/// Availability of one service in one month, exact (sla.md, "Exactness").
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Scheduled seconds (service hours within the month and the term, minus maintenance).
    pub scheduled: i64,
    /// Weighted downtime seconds.
    pub downtime: Exact,
    /// 100 × (scheduled − downtime) / scheduled; `None` ("n/a") when nothing was scheduled.
    pub percent: Option<Exact>,
    pub target: Exact,
    /// Decimals shown: one more than the target as written (`99.90` → 3).
    pub decimals: u8,
    /// Error budget: the downtime the target allows, in seconds.
    pub budget: Exact,
}

impl Figures {
    pub fn compute(scheduled: &[Span], outages: &[Outage], target: Exact, target_decimals: u8) -> Figures {
        let sched = total(scheduled);
        let down = downtime(scheduled, outages);
        let percent = Exact::HUNDRED.times(Exact::int(sched).minus(down)).over(Exact::int(sched));
        Figures {
            scheduled: sched,
            downtime: down,
            percent,
            target,
            decimals: target_decimals.saturating_add(1),
            budget: Exact::int(sched).times(Exact::HUNDRED.minus(target)).over(Exact::HUNDRED).unwrap_or_default(),
        }
    }

    /// Met when availability ≥ target, exactly ("n/a" is not met).
    pub fn met(&self) -> Option<bool> {
        self.percent.map(|p| p >= self.target)
    }

    /// The percentage as shown: truncated, never rounded up to meet the target.
    pub fn shown(&self) -> Option<String> {
        self.percent.map(|p| crate::figures::figure::percent(p, self.decimals))
    }

    pub fn budget_left(&self) -> Exact {
        self.budget.minus(self.downtime)
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    fn target() -> Exact {
        Exact::ratio(999, 10)
    }

    #[test]
    fn a_partial_outage_of_exactly_the_budget_meets_the_target() {
        // February 2026, 24x7, target 99.9: 63 min at 64 % = 2,419.2 s = exactly 0.1 % of the
        // month's 2,419,200 s. Availability is exactly 99.9: met, shown 99.900.
        let start = ts("2026-02-01T00:00:00+08:00");
        let end = ts("2026-03-01T00:00:00+08:00");
        let o = [Outage {
            start: ts("2026-02-10T10:00:00+08:00"),
            end: ts("2026-02-10T11:03:00+08:00"),
            weight: Exact::ratio(64, 100),
        }];
        let f = Figures::compute(&[(start, end)], &o, Exact::ratio(9990, 100), 2);
        assert_eq!(f.downtime, Exact::ratio(24_192, 10));
        assert_eq!(f.percent, Some(Exact::ratio(999, 10)));
        assert_eq!(f.met(), Some(true));
        assert_eq!(f.shown().as_deref(), Some("99.900"));
        assert_eq!(f.budget_left(), Exact::ZERO);
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn just_below_target_fails_and_is_never_rounded_up() {
        // 1,000,000 s scheduled, 1,010 s down → 99.899 %, against a 99.9 target.
        let start = ts("2026-10-01T00:00:00+08:00");
        let end = Timestamp::from_second(start.as_second() + 1_000_000).unwrap_or(start);
        let down_end = Timestamp::from_second(start.as_second() + 1_010).unwrap_or(start);
        let f = Figures::compute(&[(start, end)], &[Outage { start, end: down_end, weight: Exact::ONE }], target(), 1);
        assert_eq!(f.met(), Some(false));
        assert_eq!(f.shown().as_deref(), Some("99.89"));
        assert_eq!(f.budget, Exact::int(1000));
        assert_eq!(f.budget_left(), Exact::int(-10));
    }

    #[test]
    fn exact_target_is_met_and_nothing_scheduled_is_na() {
        let start = ts("2026-10-01T00:00:00+08:00");
        let end = Timestamp::from_second(start.as_second() + 1_000_000).unwrap_or(start);
        let down_end = Timestamp::from_second(start.as_second() + 1_000).unwrap_or(start);
        let f = Figures::compute(&[(start, end)], &[Outage { start, end: down_end, weight: Exact::ONE }], target(), 1);
        assert_eq!(f.met(), Some(true));
        assert_eq!(f.shown().as_deref(), Some("99.90"));
        let none = Figures::compute(&[], &[], target(), 1);
        assert_eq!((none.percent, none.met()), (None, None));
    }

    #[test]
    fn an_outage_across_the_month_boundary_is_split_at_local_midnight() {
        let cal = WorkCalendar::always(crate::model::scalar::default_tz());
        let oct = scheduled(&cal, ts("2026-10-01T00:00:00+08:00"), ts("2026-11-01T00:00:00+08:00"), &[]);
        let nov = scheduled(&cal, ts("2026-11-01T00:00:00+08:00"), ts("2026-12-01T00:00:00+08:00"), &[]);
        // 23:00 local on 10-31 to 01:00 on 11-01: one hour in each month (UTC midnight would split 15:00).
        let o = [Outage {
            start: ts("2026-10-31T23:00:00+08:00"),
            end: ts("2026-11-01T01:00:00+08:00"),
            weight: Exact::ONE,
        }];
        assert_eq!(downtime(&oct, &o), Exact::int(3600));
        assert_eq!(downtime(&nov, &o), Exact::int(3600));
    }
}
