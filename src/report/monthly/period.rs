//! The period a service report covers: a month, a quarter (from January) or a year.

use jiff::civil::Date;

use crate::model::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Month { year: i16, month: i8 },
    Quarter { year: i16, quarter: i8 },
    Year { year: i16 },
}

/// Years a report may cover (as `--month` accepts them).
const YEARS: std::ops::RangeInclusive<i16> = 1000..=9998;

impl Period {
    /// `2026-10`.
    pub fn parse_month(text: &str) -> Option<Period> {
        let (y, m) = text.trim().split_once('-')?;
        let (year, month) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
        (YEARS.contains(&year) && (1..=12).contains(&month) && y.len() == 4 && m.len() == 2)
            .then_some(Period::Month { year, month })
    }

    /// `2026-Q4` (`q` in either case).
    pub fn parse_quarter(text: &str) -> Option<Period> {
        let (y, q) = text.trim().split_once('-')?;
        let q = q.strip_prefix('Q').or_else(|| q.strip_prefix('q'))?;
        let (year, quarter) = (y.parse::<i16>().ok()?, q.parse::<i8>().ok()?);
        (YEARS.contains(&year) && (1..=4).contains(&quarter) && y.len() == 4 && q.len() == 1)
            .then_some(Period::Quarter { year, quarter })
    }

    /// `2026`.
    pub fn parse_year(text: &str) -> Option<Period> {
        let t = text.trim();
        let year = t.parse::<i16>().ok()?;
        (YEARS.contains(&year) && t.len() == 4).then_some(Period::Year { year })
    }

    pub fn first(self) -> Date {
        let (year, month) = match self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1),
            Period::Year { year } => (year, 1),
        };
        Date::new(year, month, 1).unwrap_or(Date::MIN)
    }

    /// The first day of each month of the period.
    pub fn months(self) -> Vec<Date> {
        let n = match self {
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 3,
            Period::Year { .. } => 12,
        };
        let first = self.first();
        (0..n).filter_map(|i| first.checked_add(jiff::Span::new().months(i)).ok()).collect()
    }

    pub fn last(self) -> Date {
        self.months().last().map_or(self.first(), |m| m.last_of_month())
    }

    /// The period before, for the change against it (环比).
    pub fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month { year: year - 1, month: 12 },
            Period::Month { year, month } => Period::Month { year, month: month - 1 },
            Period::Quarter { year, quarter: 1 } => Period::Quarter { year: year - 1, quarter: 4 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter - 1 },
            Period::Year { year } => Period::Year { year: year - 1 },
        }
    }

    /// `2026-10`, `2026-Q4`, `2026`: the report number's suffix.
    pub fn code(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Period::Year { year } => format!("{year:04}"),
        }
    }

    /// `October 2026` / `2026年10月`, `2026-Q4` / `2026年第4季度`, `2026` / `2026年度`.
    pub fn name(self, lang: Lang) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match (self, lang) {
            (Period::Month { year, month }, Lang::En) => {
                format!("{} {year}", MONTHS.get(month as usize - 1).copied().unwrap_or(""))
            }
            (Period::Month { year, month }, Lang::ZhCn) => format!("{year}年{month}月"),
            (Period::Quarter { year, quarter }, Lang::En) => format!("{year}-Q{quarter}"),
            (Period::Quarter { year, quarter }, Lang::ZhCn) => format!("{year}年第{quarter}季度"),
            (Period::Year { year }, Lang::En) => format!("{year}"),
            (Period::Year { year }, Lang::ZhCn) => format!("{year}年度"),
        }
    }

    /// "Monthly" / 月度, "Quarterly" / 季度, "Annual" / 年度.
    pub fn adjective(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Period::Month { .. }, Lang::En) => "Monthly",
            (Period::Quarter { .. }, Lang::En) => "Quarterly",
            (Period::Year { .. }, Lang::En) => "Annual",
            (Period::Month { .. }, Lang::ZhCn) => "月度",
            (Period::Quarter { .. }, Lang::ZhCn) => "季度",
            (Period::Year { .. }, Lang::ZhCn) => "年度",
        }
    }

    /// "this month" / 本月 …
    pub fn this(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Period::Month { .. }, Lang::En) => "this month",
            (Period::Quarter { .. }, Lang::En) => "this quarter",
            (Period::Year { .. }, Lang::En) => "this year",
            (Period::Month { .. }, Lang::ZhCn) => "本月",
            (Period::Quarter { .. }, Lang::ZhCn) => "本季度",
            (Period::Year { .. }, Lang::ZhCn) => "本年度",
        }
    }

    pub fn contains(self, day: Date) -> bool {
        self.first() <= day && day <= self.last()
    }

    pub fn is_month(self) -> bool {
        matches!(self, Period::Month { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_read_and_step_back() {
        let q4 = Period::parse_quarter("2026-Q4");
        assert_eq!(q4, Some(Period::Quarter { year: 2026, quarter: 4 }));
        let q4 = q4.unwrap_or(Period::Year { year: 1 });
        assert_eq!((q4.first(), q4.last()), (date(2026, 10, 1), date(2026, 12, 31)));
        assert_eq!(q4.previous().code(), "2026-Q3");
        assert_eq!(Period::Quarter { year: 2026, quarter: 1 }.previous().code(), "2025-Q4");
        assert_eq!(Period::Month { year: 2026, month: 1 }.previous().code(), "2025-12");
        assert_eq!(Period::parse_month("2026-10").map(|p| p.months().len()), Some(1));
        assert_eq!(Period::parse_year("2026").map(|p| (p.months().len(), p.last())), Some((12, date(2026, 12, 31))));
        for bad in ["2026-13", "2026-1", "26-10", "2026-Q5", "2026Q4", "999", "abcd"] {
            assert!(
                Period::parse_month(bad).is_none()
                    && Period::parse_quarter(bad).is_none()
                    && Period::parse_year(bad).is_none(),
                "{bad}"
            );
        }
        assert_eq!(Period::Month { year: 2026, month: 10 }.name(Lang::ZhCn), "2026年10月");
    }
}
