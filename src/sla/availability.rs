//! Availability (sla.md, "Availability"): scheduled time on the service-hours calendar minus
//! maintenance, and downtime as the integral of the outage weight over scheduled time
//! (1 under a full outage, else the largest partial weight, else 0). Interval unions and the
//! weight sweep are done by sorting: O(n log n) in the number of outages.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::calendar::WorkCalendar;
use crate::model::scalar::{WeeklyWindow, local_range};

use super::clock::union;

pub type Span = (Timestamp, Timestamp);

/// An outage as it counts against availability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outage {
    pub start: Timestamp,
    pub end: Timestamp,
    /// 1.0 for a full outage, `degraded_percent / 100` for a partial one.
    pub weight: f64,
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

/// Downtime seconds (weighted) of `outages` over `scheduled` time.
pub fn downtime(scheduled: &[Span], outages: &[Outage]) -> f64 {
    // The weight as a step function: at every boundary, the largest weight of the outages
    // covering the next stretch.
    let mut bounds: Vec<Timestamp> = outages.iter().flat_map(|o| [o.start, o.end]).collect();
    bounds.sort();
    bounds.dedup();
    let mut steps: Vec<(Span, f64)> = Vec::new();
    // Outages sorted by start; an active set scanned per stretch (outage counts per service
    // and month are small, and each stretch only sees the outages covering it).
    let mut sorted: Vec<&Outage> = outages.iter().filter(|o| o.end > o.start && o.weight > 0.0).collect();
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
        let weight = active.iter().filter(|o| o.start <= a).map(|o| o.weight).fold(0.0_f64, f64::max);
        if weight > 0.0 {
            steps.push(((a, b), weight.min(1.0)));
        }
    }
    // Integrate the steps over scheduled time (both sorted): a merge walk.
    let mut total = 0.0;
    let mut i = 0;
    for &((a, b), weight) in &steps {
        while i < scheduled.len() && scheduled[i].1 <= a {
            i += 1;
        }
        let mut j = i;
        while j < scheduled.len() && scheduled[j].0 < b {
            let (s, e) = (scheduled[j].0.max(a), scheduled[j].1.min(b));
            if e > s {
                total += weight * secs(s, e) as f64;
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
            Outage { start: ts("2026-10-05T10:00:00+08:00"), end: ts("2026-10-05T11:00:00+08:00"), weight: 1.0 },
            Outage { start: ts("2026-10-05T10:30:00+08:00"), end: ts("2026-10-05T11:30:00+08:00"), weight: 1.0 },
        ];
        assert_eq!(downtime(&day(), &outages), 5400.0);
    }

    #[test]
    fn partial_outage_is_weighted_and_a_full_one_wins() {
        let outages = [
            Outage { start: ts("2026-10-05T10:00:00+08:00"), end: ts("2026-10-05T12:00:00+08:00"), weight: 0.5 },
            Outage { start: ts("2026-10-05T11:00:00+08:00"), end: ts("2026-10-05T11:30:00+08:00"), weight: 1.0 },
        ];
        // 1.5 h at 0.5 + 0.5 h at 1.0 = 45 min + 30 min.
        assert_eq!(downtime(&day(), &outages), 4500.0);
    }

    #[test]
    fn maintenance_is_not_scheduled_and_an_overrun_counts() {
        let cal = WorkCalendar::always(crate::model::scalar::default_tz());
        let (from, to) = day()[0];
        let maintenance = vec![(ts("2026-10-05T02:00:00+08:00"), ts("2026-10-05T04:00:00+08:00"))];
        let sched = scheduled(&cal, from, to, &maintenance);
        assert_eq!(total(&sched), 22 * 3600);
        // An outage 03:00–05:00 during a 02:00–04:00 window counts only for 04:00–05:00.
        let o = [Outage { start: ts("2026-10-05T03:00:00+08:00"), end: ts("2026-10-05T05:00:00+08:00"), weight: 1.0 }];
        assert_eq!(downtime(&sched, &o), 3600.0);
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

/// Availability of one service in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Scheduled seconds (service hours within the month and the term, minus maintenance).
    pub scheduled: i64,
    /// Weighted downtime seconds.
    pub downtime: f64,
    /// 100 × (scheduled − downtime) / scheduled; `None` ("n/a") when nothing was scheduled.
    pub percent: Option<f64>,
    pub target: f64,
    /// Decimals shown: one more than the target as written (`99.90` → 3).
    pub decimals: u8,
    /// Error budget: the downtime the target allows, in seconds.
    pub budget: f64,
}

impl Figures {
    pub fn compute(scheduled: &[Span], outages: &[Outage], target: f64, target_decimals: u8) -> Figures {
        let sched = total(scheduled);
        let down = downtime(scheduled, outages);
        let percent = (sched > 0).then(|| 100.0 * (sched as f64 - down) / sched as f64);
        Figures {
            scheduled: sched,
            downtime: down,
            percent,
            target,
            decimals: target_decimals + 1,
            budget: sched as f64 * (100.0 - target) / 100.0,
        }
    }

    /// Met when availability ≥ target (compared unrounded; "n/a" is not met).
    pub fn met(&self) -> Option<bool> {
        self.percent.map(|p| p >= self.target)
    }

    /// The percentage as shown: truncated, never rounded up to meet the target.
    pub fn shown(&self) -> Option<String> {
        self.percent.map(|p| truncate(p, self.decimals))
    }

    pub fn budget_left(&self) -> f64 {
        self.budget - self.downtime
    }
}

/// `value` cut (not rounded) to `decimals` places.
pub fn truncate(value: f64, decimals: u8) -> String {
    let factor = 10f64.powi(i32::from(decimals));
    // A tiny epsilon keeps exact decimals such as 99.9 from showing as 99.8999.
    let cut = ((value * factor) + 1e-9).floor() / factor;
    format!("{cut:.prec$}", prec = usize::from(decimals))
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn just_below_target_fails_and_is_never_rounded_up() {
        // 1,000,000 s scheduled, 1,010 s down → 99.899 %, against a 99.9 target.
        let start = ts("2026-10-01T00:00:00+08:00");
        let end = Timestamp::from_second(start.as_second() + 1_000_000).unwrap_or(start);
        let down_end = Timestamp::from_second(start.as_second() + 1_010).unwrap_or(start);
        let f = Figures::compute(&[(start, end)], &[Outage { start, end: down_end, weight: 1.0 }], 99.9, 1);
        assert_eq!(f.met(), Some(false));
        assert_eq!(f.shown().as_deref(), Some("99.89"));
        assert!((f.budget - 1000.0).abs() < 1e-6);
        assert!((f.budget_left() + 10.0).abs() < 1e-6);
    }

    #[test]
    fn exact_target_is_met_and_nothing_scheduled_is_na() {
        let start = ts("2026-10-01T00:00:00+08:00");
        let end = Timestamp::from_second(start.as_second() + 1_000_000).unwrap_or(start);
        let down_end = Timestamp::from_second(start.as_second() + 1_000).unwrap_or(start);
        let f = Figures::compute(&[(start, end)], &[Outage { start, end: down_end, weight: 1.0 }], 99.9, 1);
        assert_eq!(f.met(), Some(true));
        assert_eq!(f.shown().as_deref(), Some("99.90"));
        let none = Figures::compute(&[], &[], 99.9, 1);
        assert_eq!((none.percent, none.met()), (None, None));
    }

    #[test]
    fn an_outage_across_the_month_boundary_is_split_at_local_midnight() {
        let cal = WorkCalendar::always(crate::model::scalar::default_tz());
        let oct = scheduled(&cal, ts("2026-10-01T00:00:00+08:00"), ts("2026-11-01T00:00:00+08:00"), &[]);
        let nov = scheduled(&cal, ts("2026-11-01T00:00:00+08:00"), ts("2026-12-01T00:00:00+08:00"), &[]);
        // 23:00 local on 10-31 to 01:00 on 11-01: one hour in each month (UTC midnight would split 15:00).
        let o = [Outage { start: ts("2026-10-31T23:00:00+08:00"), end: ts("2026-11-01T01:00:00+08:00"), weight: 1.0 }];
        assert_eq!(downtime(&oct, &o), 3600.0);
        assert_eq!(downtime(&nov, &o), 3600.0);
    }
}
