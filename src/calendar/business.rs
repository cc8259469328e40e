//! Business time on a working calendar: the working time between two instants, and the
//! instant at which a given amount of working time has elapsed. Computed day by day (each day
//! contributes its working ranges clipped to the interval), never minute by minute.

use jiff::Timestamp;
use jiff::civil::Date;

use super::WorkCalendar;
use crate::model::scalar::local_range;

/// Seconds of a signed duration between two instants (b − a).
fn seconds_between(a: Timestamp, b: Timestamp) -> i64 {
    b.as_second() - a.as_second()
}

impl WorkCalendar {
    /// The instants a working range of `day` covers (`24:00` is the next midnight).
    fn range_instants(&self, day: Date, start: u16, end: u16) -> Option<(Timestamp, Timestamp)> {
        local_range(&self.tz, day, start, end)
    }

    fn local_date(&self, t: Timestamp) -> Date {
        t.to_zoned_datetime(self.tz.clone()).date()
    }

    /// Working seconds in `[a, b)` (0 when `b <= a`).
    pub fn business_seconds(&self, a: Timestamp, b: Timestamp) -> i64 {
        self.working_intervals(a, b).iter().map(|&(s, e)| seconds_between(s, e)).sum()
    }

    /// The working intervals within `[a, b)`, in order (one per working range and day).
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
            for r in self.ranges(day) {
                if let Some((rs, re)) = self.range_instants(day, r.start, r.end) {
                    let (s, e) = (rs.max(a), re.min(b));
                    if e > s {
                        out.push((s, e));
                    }
                }
            }
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
            for r in self.ranges(day) {
                let Some((rs, re)) = self.range_instants(day, r.start, r.end) else { continue };
                let s = rs.max(a);
                if re <= s {
                    continue;
                }
                let available = seconds_between(s, re);
                if available >= left {
                    return s.checked_add(jiff::SignedDuration::from_secs(left)).ok();
                }
                left -= available;
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

    #[test]
    fn always_is_wall_clock() {
        let all = WorkCalendar::always(crate::model::scalar::default_tz());
        let (a, b) = (ts("2026-10-31T23:00:00+08:00"), ts("2026-11-01T01:00:00+08:00"));
        assert_eq!(all.business_seconds(a, b), 7200);
        assert_eq!(all.add_business(a, 7200), Some(b));
    }
}
