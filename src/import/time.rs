//! Timestamps of an export: RFC 3339 / ISO 8601 first, then the mapping's `date_formats` in
//! order (strftime-style, parsed by jiff: `%d` and `%m` take one or two digits, `%y` 00–68 is
//! 20xx). A value without an offset is in `[source] timezone`; in a DST overlap it is the
//! earlier instant, in a gap it is no instant at all (the row is skipped).

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

use super::read::Cell;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// The text matches no accepted form.
    NoMatch,
    /// A local time that a DST change skipped.
    Gap,
    /// A local time, and the mapping names no `[source] timezone`.
    NoZone,
}

impl TimeError {
    /// Why a row is skipped, the same words for every value (rows are counted per reason).
    pub fn reason(&self) -> &'static str {
        match self {
            TimeError::NoMatch => "not a timestamp in any of the mapping's date_formats",
            TimeError::Gap => "a local time skipped by a daylight-saving change",
            TimeError::NoZone => "no UTC offset and no [source] timezone",
        }
    }

    pub fn reason_zh(&self) -> &'static str {
        match self {
            TimeError::NoMatch => "不是映射文件 date_formats 中任何一种格式的时间",
            TimeError::Gap => "该本地时间因夏令时切换而不存在",
            TimeError::NoZone => "没有 UTC 偏移，且映射文件未设置 [source] timezone",
        }
    }
}

/// The instant a cell names, truncated to the second.
pub fn parse(cell: &Cell, formats: &[String], zone: Option<&TimeZone>) -> Result<Timestamp, TimeError> {
    let local = match cell {
        Cell::DateTime(dt) => *dt,
        Cell::Number(serial) => excel_serial(*serial).ok_or(TimeError::NoMatch)?,
        Cell::Empty => return Err(TimeError::NoMatch),
        Cell::Text(text) => {
            let text = text.trim();
            if let Ok(ts) = text.parse::<Timestamp>() {
                return Ok(truncate(ts));
            }
            match local_of(text, formats) {
                Local::Instant(ts) => return Ok(truncate(ts)),
                Local::Civil(dt) => dt,
                Local::None => return Err(TimeError::NoMatch),
            }
        }
    };
    let zone = zone.ok_or(TimeError::NoZone)?;
    let ambiguous = zone.to_ambiguous_timestamp(local);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } | AmbiguousOffset::Fold { before: offset, .. } => {
            offset.to_timestamp(local).map(truncate).map_err(|_| TimeError::NoMatch)
        }
        AmbiguousOffset::Gap { .. } => Err(TimeError::Gap),
    }
}

enum Local {
    Instant(Timestamp),
    Civil(DateTime),
    None,
}

fn local_of(text: &str, formats: &[String]) -> Local {
    if let Ok(dt) = text.parse::<DateTime>() {
        return Local::Civil(dt);
    }
    for format in formats {
        let Ok(tm) = jiff::fmt::strtime::parse(format.as_str(), text) else { continue };
        if tm.offset().is_some()
            && let Ok(ts) = tm.to_timestamp()
        {
            return Local::Instant(ts);
        }
        if let Ok(dt) = tm.to_datetime() {
            return Local::Civil(dt);
        }
        // A format with a date but no time of day (`%d/%m/%Y`) is midnight.
        if let Ok(date) = tm.to_date() {
            return Local::Civil(date.to_datetime(jiff::civil::Time::midnight()));
        }
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Local::Civil(date.to_datetime(jiff::civil::Time::midnight()));
    }
    Local::None
}

fn truncate(ts: Timestamp) -> Timestamp {
    Timestamp::from_second(ts.as_second()).unwrap_or(ts)
}

/// An Excel date serial (days since 1899-12-30, the 1900 date system, fraction = time of day)
/// as a local time, to the nearest second. Serials before 1900-03-01 (Excel's invented 29 Feb
/// 1900) and after 9999 are not dates.
pub fn excel_serial(serial: f64) -> Option<DateTime> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let seconds = (serial * 86_400.0).round() as i64;
    let base = jiff::civil::date(1899, 12, 30).to_datetime(jiff::civil::Time::midnight());
    base.checked_add(jiff::SignedDuration::from_secs(seconds)).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(text: &str, formats: &[&str], zone: &str) -> Result<String, TimeError> {
        let formats: Vec<String> = formats.iter().map(|s| (*s).to_owned()).collect();
        let zone = TimeZone::get(zone).unwrap();
        parse(&Cell::Text(text.to_owned()), &formats, Some(&zone)).map(|t| t.to_string())
    }

    #[test]
    fn day_first_without_leading_zeros() {
        assert_eq!(at("29/2/2016 01:16", &["%d/%m/%Y %H:%M"], "UTC"), Ok("2016-02-29T01:16:00Z".into()));
        assert_eq!(at("1/3/2016 1:05", &["%d/%m/%Y %H:%M"], "UTC"), Ok("2016-03-01T01:05:00Z".into()));
    }

    #[test]
    fn jira_dates_with_am_pm_and_two_digit_years() {
        let f = ["%d/%b/%y %I:%M %p"];
        assert_eq!(at("12/Mar/24 9:41 AM", &f, "Asia/Shanghai"), Ok("2024-03-12T01:41:00Z".into()));
        assert_eq!(at("12/Mar/24 9:41 PM", &f, "UTC"), Ok("2024-03-12T21:41:00Z".into()));
    }

    #[test]
    fn offsets_win_and_seconds_are_truncated() {
        assert_eq!(at("2026-09-01T09:00:00.9+08:00", &[], "UTC"), Ok("2026-09-01T01:00:00Z".into()));
        assert_eq!(at("2026-09-01 09:00:00", &[], "Asia/Shanghai"), Ok("2026-09-01T01:00:00Z".into()));
        assert_eq!(at("soon", &["%d/%m/%Y"], "UTC"), Err(TimeError::NoMatch));
    }

    #[test]
    fn dst_overlap_takes_the_earlier_instant_and_a_gap_is_no_time() {
        let f = ["%Y-%m-%d %H:%M"];
        // Berlin: 2026-10-25 02:30 happens twice, 2026-03-29 02:30 never.
        assert_eq!(at("2026-10-25 02:30", &f, "Europe/Berlin"), Ok("2026-10-25T00:30:00Z".into()));
        assert_eq!(at("2026-03-29 02:30", &f, "Europe/Berlin"), Err(TimeError::Gap));
    }

    #[test]
    fn chinese_dates() {
        let f = ["%Y年%m月%d日 %H:%M"];
        assert_eq!(at("2026年9月10日 09:05", &f, "Asia/Shanghai"), Ok("2026-09-10T01:05:00Z".into()));
    }

    #[test]
    fn excel_serials() {
        // 45000.5 = 2023-03-15 12:00.
        assert_eq!(excel_serial(45000.5).unwrap().to_string(), "2023-03-15T12:00:00");
        assert_eq!(excel_serial(f64::NAN), None);
    }
}
