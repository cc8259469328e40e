//! SLA targets on a working calendar (revision2-decisions.md, decision 1): a business-time
//! target is its seconds; `Nwd` becomes one business-time target per clock, at the clock's
//! start — the deadline falls at the same business-time position N working days later.

use jiff::Timestamp;
use jiff::civil::Date;

use super::WorkCalendar;
use super::business::seconds_between;
use crate::model::scalar::SlaTarget;

impl WorkCalendar {
    /// The business seconds of a clock's target for a clock that starts at `start`.
    ///
    /// For `Nwd`: let d0 be the working day containing `start` and p the business time from
    /// d0's first working instant to `start` — an instant at the end of d0's last range still
    /// belongs to d0; before d0's first range p is 0; after its last range, or on a day off,
    /// d0 is the next working day and p is 0. The target is the business time from `start` to
    /// the instant at position min(p, length of that day) on the N-th working day after d0.
    pub fn target_seconds(&self, target: SlaTarget, start: Timestamp) -> i64 {
        let n = match target {
            SlaTarget::Business(d) => return d.seconds(),
            SlaTarget::WorkingDays(n) => n,
        };
        let mut pieces = Vec::new();
        let (d0, p) = self.working_day_position(start, &mut pieces);
        let day = self.add_working_days(d0, n);
        self.day_pieces(day, &mut pieces);
        let length: i64 = pieces.iter().map(|&(a, b)| seconds_between(a, b)).sum();
        let due = self.at_position(day, &pieces, p.min(length));
        self.business_seconds(start, due)
    }

    /// A target's length for static comparisons (SLA-002's response ≤ restoration ≤
    /// resolution, the strictest of several targets): `Nwd` counts N times the length of
    /// `mon`'s ranges (24 h on `24x7`).
    pub fn nominal_seconds(&self, target: SlaTarget) -> i64 {
        match target {
            SlaTarget::Business(d) => d.seconds(),
            SlaTarget::WorkingDays(n) => i64::from(n).saturating_mul(self.nominal_day_seconds()),
        }
    }

    /// The length of one working day for static comparisons: `mon`'s ranges.
    pub fn nominal_day_seconds(&self) -> i64 {
        self.week[0].iter().map(|r| i64::from(r.end) * 60 - i64::from(r.start) * 60).sum()
    }

    /// The working day an instant counts in and the business time of that day before it.
    fn working_day_position(&self, t: Timestamp, pieces: &mut Vec<(Timestamp, Timestamp)>) -> (Date, i64) {
        let day = self.local_date(t);
        if self.is_working_day(day) {
            self.day_pieces(day, pieces);
            if let (Some(&(first, _)), Some(&(_, last))) = (pieces.first(), pieces.last()) {
                if t <= first {
                    return (day, 0);
                }
                if t <= last {
                    let p = pieces.iter().map(|&(a, b)| seconds_between(a, b.min(t)).max(0)).sum();
                    return (day, p);
                }
            }
        }
        (self.add_working_days(day, 1), 0)
    }

    /// The first instant of `day` (whose working `pieces` are given) at which `position`
    /// seconds of its working time have passed; a day without working time: its midnight.
    fn at_position(&self, day: Date, pieces: &[(Timestamp, Timestamp)], position: i64) -> Timestamp {
        let mut left = position;
        for &(a, b) in pieces {
            let available = seconds_between(a, b);
            if left <= available {
                return a.checked_add(jiff::SignedDuration::from_secs(left)).unwrap_or(b);
            }
            left -= available;
        }
        match pieces.last() {
            Some(&(_, end)) => end,
            None => crate::model::scalar::civil_in(&self.tz, day.to_datetime(jiff::civil::Time::midnight()))
                .unwrap_or(Timestamp::MIN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scalar::{Dur, TimeRange};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The deadline of a clock without pauses: where the target's business time is reached.
    fn due(cal: &WorkCalendar, target: SlaTarget, opened: &str) -> Option<Timestamp> {
        let start = ts(opened);
        cal.add_business(start, cal.target_seconds(target, start))
    }

    const WD1: SlaTarget = SlaTarget::WorkingDays(1);
    const WD2: SlaTarget = SlaTarget::WorkingDays(2);

    fn range(a: &str, b: &str) -> TimeRange {
        let minutes = |s: &str| {
            let (h, m) = s.split_once(':').unwrap_or(("0", "0"));
            h.parse::<u16>().unwrap_or(0) * 60 + m.parse::<u16>().unwrap_or(0)
        };
        TimeRange { start: minutes(a), end: minutes(b) }
    }

    /// Mon–Thu 09:00–18:00, a short Friday 09:00–15:00, Asia/Shanghai, no holidays.
    fn short_friday() -> WorkCalendar {
        let mut cal = WorkCalendar::cn_workdays();
        cal.id = "short-friday".into();
        cal.holidays.clear();
        cal.workdays.clear();
        cal.data_years = None;
        cal.week[4] = vec![range("09:00", "15:00")];
        cal
    }

    /// Mon–Fri 08:30–12:00 and 13:00–17:30 (8 h), Asia/Shanghai.
    fn lunch_break() -> WorkCalendar {
        let mut cal = WorkCalendar::cn_workdays();
        for day in cal.week.iter_mut().take(5) {
            *day = vec![range("08:30", "12:00"), range("13:00", "17:30")];
        }
        cal
    }

    #[test]
    fn one_working_day_before_national_day() {
        // Wed 2026-09-30 15:00 on cn-workdays: p = 6 h; the next working day is Thu 10-08
        // (10-01..10-07 are off); 6 h into it is 15:00. T = 3 h + 6 h.
        let cn = WorkCalendar::cn_workdays();
        let start = ts("2026-09-30T15:00:00+08:00");
        assert_eq!(cn.target_seconds(WD1, start), 9 * 3600);
        assert_eq!(due(&cn, WD1, "2026-09-30T15:00:00+08:00"), Some(ts("2026-10-08T15:00:00+08:00")));
    }

    #[test]
    fn opened_at_the_end_of_a_working_day() {
        // The decision's example: opened Tue 18:00 on a 09:00–18:00 calendar with 2wd. 18:00
        // is the end of Tuesday (p = 9 h): due Thu 18:00, T = Wed 9 h + Thu 9 h.
        let cn = WorkCalendar::cn_workdays();
        assert_eq!(cn.target_seconds(WD2, ts("2026-10-13T18:00:00+08:00")), 18 * 3600);
        assert_eq!(due(&cn, WD2, "2026-10-13T18:00:00+08:00"), Some(ts("2026-10-15T18:00:00+08:00")));
        // A minute later Tuesday is over: counted from Wednesday's start, due Thu 18:00 too.
        assert_eq!(due(&cn, WD2, "2026-10-13T18:01:00+08:00"), Some(ts("2026-10-15T18:00:00+08:00")));
        // Opened inside the day: the same position two working days later.
        assert_eq!(due(&cn, WD2, "2026-10-13T15:00:00+08:00"), Some(ts("2026-10-15T15:00:00+08:00")));
    }

    #[test]
    fn opened_on_a_day_off_counts_from_the_next_working_days_start() {
        let cn = WorkCalendar::cn_workdays();
        // Saturday 2026-10-17: p = 0 on Monday 10-19; one working day ends Mon 18:00.
        assert_eq!(cn.target_seconds(WD1, ts("2026-10-17T10:00:00+08:00")), 9 * 3600);
        assert_eq!(due(&cn, WD1, "2026-10-17T10:00:00+08:00"), Some(ts("2026-10-19T18:00:00+08:00")));
        // A National Day holiday (Sat 10-03): the first working day is Thu 10-08.
        assert_eq!(due(&cn, WD1, "2026-10-03T11:00:00+08:00"), Some(ts("2026-10-08T18:00:00+08:00")));
        assert_eq!(due(&cn, WD2, "2026-10-03T11:00:00+08:00"), Some(ts("2026-10-09T18:00:00+08:00")));
    }

    #[test]
    fn opened_before_the_working_day_starts() {
        // Tue 07:30: Tuesday is d0 with p = 0; one working day is all of Tuesday.
        let cn = WorkCalendar::cn_workdays();
        assert_eq!(cn.target_seconds(WD1, ts("2026-10-13T07:30:00+08:00")), 9 * 3600);
        assert_eq!(due(&cn, WD1, "2026-10-13T07:30:00+08:00"), Some(ts("2026-10-13T18:00:00+08:00")));
        assert_eq!(due(&cn, WD1, "2026-10-13T09:00:00+08:00"), Some(ts("2026-10-13T18:00:00+08:00")));
    }

    #[test]
    fn a_shorter_day_caps_the_position() {
        // Thu 2026-10-15 17:00, p = 8 h; Friday has 6 h: due at its end, Fri 15:00 (T = 7 h).
        let cal = short_friday();
        assert_eq!(cal.target_seconds(WD1, ts("2026-10-15T17:00:00+08:00")), 7 * 3600);
        assert_eq!(due(&cal, WD1, "2026-10-15T17:00:00+08:00"), Some(ts("2026-10-16T15:00:00+08:00")));
        // From Friday 14:00 (p = 5 h) to Monday, a full day: Mon 14:00.
        assert_eq!(due(&cal, WD1, "2026-10-16T14:00:00+08:00"), Some(ts("2026-10-19T14:00:00+08:00")));
    }

    #[test]
    fn a_make_up_saturday_is_a_working_day() {
        let cn = WorkCalendar::cn_workdays();
        // Fri 2026-10-09 16:00 (p = 7 h): the next working day is the make-up Saturday 10-10.
        assert_eq!(due(&cn, WD1, "2026-10-09T16:00:00+08:00"), Some(ts("2026-10-10T16:00:00+08:00")));
        // Opened on the make-up Saturday itself: Monday 10-12 at the same position.
        assert_eq!(due(&cn, WD1, "2026-10-10T10:00:00+08:00"), Some(ts("2026-10-12T10:00:00+08:00")));
    }

    #[test]
    fn a_lunch_break_keeps_the_position() {
        // Opened 12:30 in the lunch break: p = the morning, 3 h 30; due when the next day's
        // morning is over, 12:00 (T = 4 h 30 + 3 h 30).
        let cal = lunch_break();
        assert_eq!(cal.target_seconds(WD1, ts("2026-10-13T12:30:00+08:00")), 8 * 3600);
        assert_eq!(due(&cal, WD1, "2026-10-13T12:30:00+08:00"), Some(ts("2026-10-14T12:00:00+08:00")));
        assert_eq!(due(&cal, WD1, "2026-10-13T14:00:00+08:00"), Some(ts("2026-10-14T14:00:00+08:00")));
    }

    #[test]
    fn round_the_clock_working_days_are_days() {
        let all = WorkCalendar::always(crate::model::scalar::default_tz());
        assert_eq!(all.target_seconds(WD1, ts("2026-10-13T10:00:00+08:00")), 86_400);
        assert_eq!(due(&all, WD2, "2026-10-13T10:00:00+08:00"), Some(ts("2026-10-15T10:00:00+08:00")));
    }

    #[test]
    fn business_targets_and_nominal_lengths() {
        let cn = WorkCalendar::cn_workdays();
        let four_hours = SlaTarget::Business(Dur(4 * 3600));
        assert_eq!(cn.target_seconds(four_hours, ts("2026-10-13T10:00:00+08:00")), 4 * 3600);
        assert_eq!(cn.nominal_seconds(four_hours), 4 * 3600);
        assert_eq!(cn.nominal_seconds(WD1), 9 * 3600);
        assert_eq!(cn.nominal_seconds(WD2), 18 * 3600);
        assert_eq!(lunch_break().nominal_seconds(WD1), 8 * 3600);
        assert_eq!(WorkCalendar::always(crate::model::scalar::default_tz()).nominal_seconds(WD1), 86_400);
        // A huge count saturates instead of overflowing.
        assert!(cn.nominal_seconds(SlaTarget::WorkingDays(u32::MAX)) > 0);
    }
}
