//! Business time on a working calendar: the working time between two instants, and the
//! instant at which a given amount of working time has elapsed. Computed day by day (each day
//! contributes its working ranges clipped to the interval), never minute by minute.

use jiff::Timestamp;
use jiff::civil::Date;

use super::WorkCalendar;
use std::ops::ControlFlow;

use super::wall::{QuickRange, local_range, quick_range};
use crate::model::scalar::TimeRange;

/// Seconds of a signed duration between two instants (b − a).
pub(crate) fn seconds_between(a: Timestamp, b: Timestamp) -> i64 {
    b.as_second() - a.as_second()
}

impl WorkCalendar {
    /// Calls `f` with the working time of `day` in time order — each working range as the
    /// instants whose wall-clock time lies in it (`local_range`) — until `f` breaks. Only
    /// where a repeated hour splits ranges can the pieces of two ranges interleave: from the
    /// first range near a transition on, the day's pieces are sorted. Pieces never overlap:
    /// an instant has one wall-clock time.
    pub(crate) fn visit_day<B>(
        &self,
        day: Date,
        mut f: impl FnMut(Timestamp, Timestamp) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        let ranges = self.ranges(day);
        for (i, r) in ranges.iter().enumerate() {
            match quick_range(&self.tz, day, r.start, r.end) {
                QuickRange::One(a, b) => f(a, b)?,
                QuickRange::Empty => {}
                QuickRange::NearTransition => {
                    for (a, b) in self.sorted_pieces(day, ranges.get(i..).unwrap_or_default()) {
                        f(a, b)?;
                    }
                    return ControlFlow::Continue(());
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// The pieces of `ranges` of `day` in time order.
    #[cold]
    #[inline(never)]
    fn sorted_pieces(&self, day: Date, ranges: &[TimeRange]) -> Vec<(Timestamp, Timestamp)> {
        let mut pieces: Vec<(Timestamp, Timestamp)> = Vec::new();
        for r in ranges {
            pieces.extend(local_range(&self.tz, day, r.start, r.end).iter());
        }
        pieces.sort_unstable();
        pieces
    }

    /// The working time of `day` in time order, into `buf` (cleared first).
    pub(crate) fn day_pieces(&self, day: Date, buf: &mut Vec<(Timestamp, Timestamp)>) {
        buf.clear();
        let _ = self.visit_day(day, |a, b| {
            buf.push((a, b));
            ControlFlow::<()>::Continue(())
        });
    }

    pub(crate) fn local_date(&self, t: Timestamp) -> Date {
        t.to_zoned_datetime(self.tz.clone()).date()
    }

    /// Working seconds in `[a, b)` (0 when `b <= a`). Whole local months inside the interval
    /// come from per-month totals (computed once per calendar): the sum is additive over
    /// local midnights, since every working range lies within its day, so decades cost the
    /// days of two partial months.
    pub fn business_seconds(&self, a: Timestamp, b: Timestamp) -> i64 {
        if b <= a {
            return 0;
        }
        if self.always {
            return seconds_between(a, b);
        }
        let (first, last) = (self.local_date(a), self.local_date(b));
        let first_full = first.first_of_month().last_of_month().tomorrow().ok();
        let last_start = last.first_of_month();
        if let Some(first_full) = first_full
            && first_full < last_start
            && let (Some(inner_from), Some(inner_to)) = (self.midnight(first_full), self.midnight(last_start))
            && let Some(middle) = self.whole_months(first_full, last_start)
        {
            return self.day_by_day(a, inner_from) + middle + self.day_by_day(inner_to, b);
        }
        self.day_by_day(a, b)
    }

    fn midnight(&self, day: Date) -> Option<Timestamp> {
        crate::model::scalar::civil_in(&self.tz, day.to_datetime(jiff::civil::Time::midnight()))
    }

    /// Working seconds of the whole months from `from` (a first of month) up to `to` (a first
    /// of month, excluded), when they lie within 1970–2200.
    fn whole_months(&self, from: Date, to: Date) -> Option<i64> {
        let (lo, hi) = crate::model::scalar::TS_YEARS;
        if from.year() < lo || to.year() > hi {
            return None;
        }
        let index = |d: Date| usize::try_from(i32::from(d.year() - lo) * 12 + i32::from(d.month()) - 1).ok();
        let months = usize::try_from(i32::from(hi - lo + 1) * 12).ok()?;
        // One cell a month, each computed the first time a sum spans that month.
        let cells = self.month_totals.get_or_init(|| (0..months).map(|_| std::sync::OnceLock::new()).collect());
        let month_total = |month: Date| -> Option<i64> {
            let next = month.last_of_month().tomorrow().ok()?;
            let cell = cells.get(index(month)?)?;
            Some(*cell.get_or_init(|| match (self.midnight(month), self.midnight(next)) {
                (Some(s), Some(e)) => self.day_by_day(s, e),
                _ => 0,
            }))
        };
        let years = self.year_totals.get_or_init(|| (lo..=hi).map(|_| std::sync::OnceLock::new()).collect());
        let mut sum = 0;
        let mut month = from;
        while month < to {
            let next_year = Date::new(month.year().checked_add(1)?, 1, 1).ok()?;
            if month.month() == 1 && next_year <= to {
                // A whole year at once: its twelve months, summed once.
                let cell = years.get(usize::try_from(month.year() - lo).ok()?)?;
                let mut total = None;
                if cell.get().is_none() {
                    let mut t = 0;
                    let mut m = month;
                    while m < next_year {
                        t += month_total(m)?;
                        m = m.last_of_month().tomorrow().ok()?;
                    }
                    total = Some(t);
                }
                sum += *cell.get_or_init(|| total.unwrap_or(0));
                month = next_year;
            } else {
                sum += month_total(month)?;
                month = month.last_of_month().tomorrow().ok()?;
            }
        }
        Some(sum)
    }

    /// The first working instant in `[a, b)`, looking no further than needed.
    pub fn first_working_instant(&self, a: Timestamp, b: Timestamp) -> Option<Timestamp> {
        if b <= a {
            return None;
        }
        if self.always {
            return Some(a);
        }
        let (mut day, last) = (self.local_date(a), self.local_date(b));
        loop {
            let found = self.visit_day(day, |s, e| {
                let (s, e) = (s.max(a), e.min(b));
                if e > s { ControlFlow::Break(s) } else { ControlFlow::Continue(()) }
            });
            if let ControlFlow::Break(s) = found {
                return Some(s);
            }
            if day >= last {
                return None;
            }
            day = day.tomorrow().ok()?;
        }
    }

    fn day_by_day(&self, a: Timestamp, b: Timestamp) -> i64 {
        self.working_intervals(a, b).iter().map(|&(s, e)| seconds_between(s, e)).sum()
    }

    /// The working intervals within `[a, b)`, in order (one per working range and day, two
    /// for a range the repeated hour of a fall-back night splits).
    pub fn working_intervals(&self, a: Timestamp, b: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        if b <= a {
            return Vec::new();
        }
        if self.always {
            return vec![(a, b)];
        }
        let (first, last) = (self.local_date(a), self.local_date(b));
        let mut out = Vec::new();
        let mut day = first;
        loop {
            let _ = self.visit_day(day, |rs, re| {
                let (s, e) = (rs.max(a), re.min(b));
                if e > s {
                    out.push((s, e));
                }
                ControlFlow::<()>::Continue(())
            });
            if day >= last {
                break;
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }

    /// The first instant at which `seconds` of working time have elapsed since `a` (for
    /// `seconds` ≤ 0, `a`). `None` when the calendar has no working time for ten years.
    pub fn add_business(&self, a: Timestamp, seconds: i64) -> Option<Timestamp> {
        if seconds <= 0 {
            return Some(a);
        }
        if self.always {
            return a.checked_add(jiff::SignedDuration::from_secs(seconds)).ok();
        }
        let mut left = seconds;
        let mut day = self.local_date(a);
        for _ in 0..3_660 * 2 {
            let found = self.visit_day(day, |rs, re| {
                let s = rs.max(a);
                if re <= s {
                    return ControlFlow::Continue(());
                }
                let available = seconds_between(s, re);
                if available >= left {
                    return ControlFlow::Break(s.checked_add(jiff::SignedDuration::from_secs(left)).ok());
                }
                left -= available;
                ControlFlow::Continue(())
            });
            if let ControlFlow::Break(at) = found {
                return at;
            }
            day = day.tomorrow().ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn business_time_on_cn_workdays() {
        let cn = WorkCalendar::cn_workdays();
        // Fri 2026-10-09 17:00 → Mon 2026-10-12 10:00: Fri 1h, make-up Sat 10-10 9h, Mon 1h.
        assert_eq!(cn.business_seconds(ts("2026-10-09T17:00:00+08:00"), ts("2026-10-12T10:00:00+08:00")), 11 * 3600);
        // Opened on a public holiday (2026-10-01): nothing counts until 10-08 09:00.
        assert_eq!(cn.business_seconds(ts("2026-10-01T10:00:00+08:00"), ts("2026-10-08T09:30:00+08:00")), 1800);
        // Outside working hours: nothing.
        assert_eq!(cn.business_seconds(ts("2026-10-12T19:00:00+08:00"), ts("2026-10-13T08:00:00+08:00")), 0);
    }

    #[test]
    fn adding_business_time_lands_inside_working_hours() {
        let cn = WorkCalendar::cn_workdays();
        // 2 hours from Fri 17:00: 1h on Friday, then Saturday 10-10 (make-up day) 10:00.
        let t = cn.add_business(ts("2026-10-09T17:00:00+08:00"), 7200);
        assert_eq!(t, Some(ts("2026-10-10T10:00:00+08:00")));
        // Exactly the end of a day's hours stays on that day.
        let t = cn.add_business(ts("2026-10-09T17:00:00+08:00"), 3600);
        assert_eq!(t, Some(ts("2026-10-09T18:00:00+08:00")));
    }

    /// Europe/Berlin, Sundays only: `range`.
    fn berlin_sundays(start: u16, end: u16) -> WorkCalendar {
        let mut cal =
            WorkCalendar::always(crate::model::scalar::tzdb().get("Europe/Berlin").unwrap_or(jiff::tz::TimeZone::UTC));
        cal.always = false;
        cal.id = "berlin".into();
        for (i, day) in cal.week.iter_mut().enumerate() {
            *day = if i == 6 { vec![crate::model::scalar::TimeRange { start, end }] } else { Vec::new() };
        }
        cal
    }

    #[test]
    fn a_repeated_hour_is_working_time_twice_when_its_wall_clock_times_are_in_range() {
        // Clocks go back on Sun 2026-10-25 (03:00 CEST → 02:00 CET).
        let (day_start, day_end) = (ts("2026-10-24T12:00:00Z"), ts("2026-10-25T12:00:00Z"));
        // 02:15–05:00: 02:15–03:00 CEST and 02:15–05:00 CET, 3 h 30 min.
        let cal = berlin_sundays(135, 300);
        assert_eq!(cal.business_seconds(day_start, day_end), 3 * 3600 + 1800);
        assert_eq!(
            cal.working_intervals(day_start, day_end),
            [
                (ts("2026-10-25T02:15:00+02:00"), ts("2026-10-25T03:00:00+02:00")),
                (ts("2026-10-25T02:15:00+01:00"), ts("2026-10-25T05:00:00+01:00")),
            ]
        );
        // The second 02:00–02:14 is not working time.
        assert_eq!(cal.business_seconds(ts("2026-10-25T02:00:00+01:00"), ts("2026-10-25T02:15:00+01:00")), 0);
        // 01:00–02:30: 01:00–02:30 CEST and 02:00–02:30 CET, 2 h.
        assert_eq!(berlin_sundays(60, 150).business_seconds(day_start, day_end), 2 * 3600);
        // Spring forward on 2026-03-29 (02:00 → 03:00): 02:30–05:00 is 03:00–05:00, 2 h.
        let spring = berlin_sundays(150, 300);
        assert_eq!(spring.business_seconds(ts("2026-03-28T12:00:00Z"), ts("2026-03-29T12:00:00Z")), 2 * 3600);
        assert_eq!(spring.add_business(ts("2026-03-28T12:00:00Z"), 1), Some(ts("2026-03-29T03:00:01+02:00")));
    }

    #[test]
    fn adding_business_time_across_the_repeated_hour() {
        // 02:15–05:00 on the fall-back night: 45 min until the change, then nothing until the
        // second 02:15, then the rest.
        let cal = berlin_sundays(135, 300);
        let from = ts("2026-10-25T02:15:00+02:00");
        assert_eq!(cal.add_business(from, 45 * 60), Some(ts("2026-10-25T03:00:00+02:00")));
        assert_eq!(cal.add_business(from, 45 * 60 + 1), Some(ts("2026-10-25T02:15:01+01:00")));
        assert_eq!(cal.add_business(from, 3600), Some(ts("2026-10-25T02:30:00+01:00")));
        assert_eq!(cal.add_business(from, 3 * 3600 + 1800), Some(ts("2026-10-25T05:00:00+01:00")));
        // Beyond the night: the next Sunday 02:15 (CET), one second in.
        assert_eq!(cal.add_business(from, 3 * 3600 + 1801), Some(ts("2026-11-01T02:15:01+01:00")));
        // 01:00–05:00 runs through the repeated hour without a break: 2 h before the change
        // and 3 h after, one piece of 5 h; 2 h 30 min in is 02:30 CET.
        let whole = berlin_sundays(60, 300);
        let start = ts("2026-10-25T01:00:00+02:00");
        assert_eq!(whole.working_intervals(start, ts("2026-10-26T00:00:00+01:00")).len(), 1);
        assert_eq!(whole.add_business(start, 9000), Some(ts("2026-10-25T02:30:00+01:00")));
        // Two ranges the repeated hour splits interleave in time and are counted in time order.
        let mut two = berlin_sundays(0, 150);
        two.week[6].push(crate::model::scalar::TimeRange { start: 165, end: 300 });
        let night = ts("2026-10-25T00:00:00+02:00");
        // 00:00–02:30 CEST (2 h 30), 02:45–03:00 CEST (15 min), 02:00–02:30 CET (30 min) …
        assert_eq!(two.add_business(night, 9000 + 900), Some(ts("2026-10-25T03:00:00+02:00")));
        assert_eq!(two.add_business(night, 9000 + 900 + 1800), Some(ts("2026-10-25T02:30:00+01:00")));
        // … then 02:45–05:00 CET (2 h 15).
        assert_eq!(two.business_seconds(night, ts("2026-10-26T00:00:00+01:00")), 9000 + 900 + 1800 + 8100);
    }

    #[test]
    fn always_is_wall_clock() {
        let all = WorkCalendar::always(crate::model::scalar::default_tz());
        let (a, b) = (ts("2026-10-31T23:00:00+08:00"), ts("2026-11-01T01:00:00+08:00"));
        assert_eq!(all.business_seconds(a, b), 7200);
        assert_eq!(all.add_business(a, 7200), Some(b));
    }

    #[test]
    fn decades_of_business_time_are_the_day_by_day_sum() {
        // Whole years from the per-year totals agree with walking every day, on cn-workdays
        // (holidays, make-up days) and across DST in Berlin.
        let cn = WorkCalendar::cn_workdays();
        let berlin = WorkCalendar {
            tz: crate::model::scalar::tzdb().get("Europe/Berlin").unwrap_or(cn.tz.clone()),
            ..cn.clone()
        };
        for cal in [&cn, &berlin] {
            for (a, b) in [
                ("1971-03-15T10:30:00+08:00", "2026-10-31T17:45:00+08:00"),
                ("2023-12-31T23:00:00+01:00", "2026-01-01T00:30:00+01:00"),
                ("2024-06-01T12:00:00Z", "2027-02-10T08:00:00Z"),
            ] {
                let (a, b) = (ts(a), ts(b));
                assert_eq!(cal.business_seconds(a, b), cal.day_by_day(a, b), "{a} {b}");
            }
        }
    }
}
