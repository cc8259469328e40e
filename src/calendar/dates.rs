//! Date arithmetic of the rules ("How rules read time" in rules.md): intervals in days or
//! months, months clamped to the month's end (Jan 31 + 1 month = Feb 28/29).

use jiff::civil::Date;

/// A policy interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    /// `day` + this interval.
    pub fn after(self, day: Date) -> Date {
        match self {
            Interval::Days(n) => add_days(day, i64::from(n)),
            Interval::Months(n) => add_months(day, n),
        }
    }

    /// `day` − this interval.
    pub fn before(self, day: Date) -> Date {
        match self {
            Interval::Days(n) => add_days(day, -i64::from(n)),
            Interval::Months(n) => sub_months(day, n),
        }
    }

    /// "90 days" / "12 months" and the Chinese.
    pub fn phrase(self) -> crate::model::Msg {
        match self {
            Interval::Days(n) => crate::msg!("{n} days", "{n} 天"),
            Interval::Months(n) => crate::msg!("{n} months", "{n} 个月"),
        }
    }
}

pub fn add_days(day: Date, n: i64) -> Date {
    // A policy may ask for any number of days: past jiff's range the date clamps, never panics.
    let clamped = if n < 0 { Date::MIN } else { Date::MAX };
    jiff::Span::new().try_days(n).ok().and_then(|span| day.checked_add(span).ok()).unwrap_or(clamped)
}

/// Add months, clamping the day to the end of the target month.
pub fn add_months(day: Date, n: u32) -> Date {
    let total = i64::from(day.year()) * 12 + i64::from(day.month() - 1) + i64::from(n);
    from_month_index(total, day.day())
}

pub fn sub_months(day: Date, n: u32) -> Date {
    let total = i64::from(day.year()) * 12 + i64::from(day.month() - 1) - i64::from(n);
    from_month_index(total, day.day())
}

fn from_month_index(total: i64, day: i8) -> Date {
    let year = i16::try_from(total.div_euclid(12)).unwrap_or(9999).clamp(-9999, 9999);
    let month = i8::try_from(total.rem_euclid(12) + 1).unwrap_or(1);
    let first = Date::new(year, month, 1).unwrap_or(Date::MAX);
    let day = day.min(first.days_in_month());
    Date::new(year, month, day).unwrap_or(first)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// The last day of `day`'s month.
pub fn month_end(day: Date) -> Date {
    day.last_of_month()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn huge_day_counts_clamp_instead_of_panicking() {
        assert_eq!(add_days(date(2026, 10, 28), 3), date(2026, 10, 31));
        assert_eq!(add_days(date(2026, 10, 28), 10_000_000), Date::MAX);
        assert_eq!(add_days(date(2026, 10, 28), i64::MIN), Date::MIN);
    }

    #[test]
    fn months_clamp_to_the_month_end() {
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2024, 1, 31), 1), date(2024, 2, 29));
        assert_eq!(add_months(date(2025, 11, 30), 3), date(2026, 2, 28));
        assert_eq!(add_months(date(2025, 10, 31), 12), date(2026, 10, 31));
        assert_eq!(sub_months(date(2026, 3, 31), 1), date(2026, 2, 28));
        assert_eq!(sub_months(date(2026, 1, 15), 1), date(2025, 12, 15));
    }

    #[test]
    fn days() {
        assert_eq!(days_between(date(2026, 6, 2), date(2026, 10, 31)), 151);
        assert_eq!(days_between(date(2026, 10, 31), date(2026, 6, 2)), -151);
        assert_eq!(Interval::Days(90).after(date(2026, 1, 1)), date(2026, 4, 1));
    }
}
