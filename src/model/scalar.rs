//! Scalar types of the record format (records.md, "Scalars"): dates, timestamps, durations,
//! percentages, Likert scores, repository paths, time zones and time ranges. Each parses
//! strictly and explains a bad value in plain words.

use super::exact::Exact;
use crate::msg;
use std::fmt;
use std::sync::OnceLock;

use jiff::civil;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use serde_json::{Value as Json, json};

use super::decode::{Decode, Decoder, decode_number, scalar};
use super::node::Node;
use super::span::Span;

pub type Date = civil::Date;

/// The time zone database itos uses: the copy bundled into the binary, so every machine
/// computes the same results whatever its system zoneinfo says.
pub fn tzdb() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

/// `Asia/Shanghai`, falling back to a fixed +08:00 should the bundled database lack it.
pub fn default_tz() -> TimeZone {
    tzdb().get(DEFAULT_TIMEZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(8)))
}

/// Parse `YYYY-MM-DD`, explaining what is wrong with a malformed or impossible date.
pub fn parse_date(s: &str) -> Result<Date, (String, String)> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err((
            format!("`{s}` is not a date in the form YYYY-MM-DD"),
            format!("`{s}` 不是 YYYY-MM-DD 格式的日期"),
        ));
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i16>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&m) {
        return Err((format!("`{s}` has no month {m}"), format!("`{s}` 的月份 {m} 不存在")));
    }
    let Ok(first) = Date::new(y, m as i8, 1) else {
        return Err((format!("`{s}` is out of range"), format!("`{s}` 超出范围")));
    };
    let days = first.days_in_month();
    match Date::new(y, m as i8, d as i8) {
        Ok(date) if d >= 1 => Ok(date),
        _ => Err((
            format!("`{s}` is not a date: {y}-{m:02} has {days} days"),
            format!("`{s}` 不是有效日期：{y}年{m}月只有 {days} 天"),
        )),
    }
}

impl Decode for Date {
    const EXPECTED: (&'static str, &'static str) = ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        match parse_date(s) {
            Ok(date) => Some(date),
            Err((en, zh)) => {
                d.value_error(node, super::Msg::new(en, zh), None);
                None
            }
        }
    }
    fn schema() -> Json {
        json!({ "title": "date", "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// An instant. Written without an offset it is "floating": read first in `Asia/Shanghai`,
/// then re-read by the loader in the zone records.md names (the Sla's for incidents, the
/// Engagement's otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ts {
    pub instant: jiff::Timestamp,
    pub floating: Option<civil::DateTime>,
}

impl Ts {
    pub fn fixed(instant: jiff::Timestamp) -> Self {
        Ts { instant, floating: None }
    }
    pub fn seconds(&self) -> i64 {
        self.instant.as_second()
    }
}

impl fmt::Display for Ts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instant)
    }
}

pub fn civil_in(tz: &TimeZone, dt: civil::DateTime) -> Option<jiff::Timestamp> {
    tz.to_ambiguous_timestamp(dt).compatible().ok()
}

/// The years a timestamp may lie in.
pub const TS_YEARS: (i16, i16) = (1970, 2200);

impl Decode for Ts {
    const EXPECTED: (&'static str, &'static str) =
        ("a timestamp (RFC 3339, e.g. 2026-10-03T09:12:00+08:00)", "时间戳（RFC 3339，如 2026-10-03T09:12:00+08:00）");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        // The date part is checked first so that `2026-02-30T…` gets the plain explanation.
        if let Some(date) = s.get(..10) {
            match parse_date(date) {
                Err((en, zh)) => {
                    d.value_error(node, super::Msg::new(en, zh), None);
                    return None;
                }
                // Clocks are counted day by day: an instant centuries away is a typing
                // mistake, and would make every clock of the ticket walk those centuries.
                Ok(day) if !(TS_YEARS.0..=TS_YEARS.1).contains(&day.year()) => {
                    let (from, to) = TS_YEARS;
                    d.value_error(
                        node,
                        msg!(
                            "`{s}` lies outside the years {from}–{to} a timestamp may have",
                            "`{s}` 超出时间戳允许的年份范围 {from}–{to}"
                        ),
                        None,
                    );
                    return None;
                }
                Ok(_) => {}
            }
        }
        if s.len() == 10 {
            d.value_error(
                node,
                msg!("`{s}` is a date; a timestamp needs a time of day", "`{s}` 是日期；时间戳需要包含时刻"),
                Some(msg!("write e.g. `{s}T09:00:00+08:00`", "请补充时刻，例如 `{s}T09:00:00+08:00`")),
            );
            return None;
        }
        if let Ok(instant) = s.parse::<jiff::Timestamp>() {
            return Some(Ts::fixed(instant));
        }
        if let Ok(dt) = s.parse::<civil::DateTime>()
            && let Some(instant) = civil_in(&default_tz(), dt)
        {
            d.floating_time.get_or_insert(node.span);
            return Some(Ts { instant, floating: Some(dt) });
        }
        d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
        None
    }
    fn schema() -> Json {
        json!({ "title": "timestamp", "type": "string", "format": "date-time" })
    }
    fn fix_times(&mut self, tz: &TimeZone) {
        if let Some(dt) = self.floating
            && let Some(instant) = civil_in(tz, dt)
        {
            self.instant = instant;
        }
    }
}

/// A duration `(<int>d)?(<int>h)?(<int>m)?`, greater than zero, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dur(pub i64);

impl Dur {
    pub fn parse(s: &str) -> Option<Dur> {
        let mut total: i64 = 0;
        let mut rest = s;
        let mut last_unit = 0u8;
        if s.is_empty() {
            return None;
        }
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            let n: i64 = rest.get(..digits)?.parse().ok()?;
            let unit = *rest.as_bytes().get(digits)?;
            let (rank, secs) = match unit {
                b'd' => (1, 86_400),
                b'h' => (2, 3_600),
                b'm' => (3, 60),
                _ => return None,
            };
            // Units must appear once each, in the order d, h, m.
            if rank <= last_unit {
                return None;
            }
            last_unit = rank;
            total = total.checked_add(n.checked_mul(secs)?)?;
            rest = rest.get(digits + 1..)?;
        }
        (total > 0).then_some(Dur(total))
    }

    pub fn seconds(self) -> i64 {
        self.0
    }

    pub fn minutes(self) -> i64 {
        self.0 / 60
    }
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, h, m) = (self.0 / 86_400, self.0 % 86_400 / 3_600, self.0 % 3_600 / 60);
        if d > 0 {
            write!(f, "{d}d")?;
        }
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 || self.0 < 60 {
            write!(f, "{m}m")?;
        }
        Ok(())
    }
}

impl Decode for Dur {
    const EXPECTED: (&'static str, &'static str) =
        ("a duration such as `15m`, `4h`, `1h30m` or `2d`", "时长，如 `15m`、`4h`、`1h30m`、`2d`");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        let parsed = Dur::parse(s);
        if parsed.is_none() {
            if let Some(n) = parse_working_days(s) {
                // `wd` counts working days on a priority's calendar; elsewhere there is none.
                let days = if n == 1 { "1d".to_owned() } else { format!("{n}d") };
                d.type_error_with_help(
                    node,
                    Self::EXPECTED,
                    msg!(
                        "working days (`wd`) are only for the targets under an Sla's `priorities`; here durations are wall-clock time, e.g. `{days}`",
                        "工作日（`wd`）只能用于 SLA `priorities` 下的时限；此处的时长按自然时间计算，请改为如 `{days}`"
                    ),
                );
            } else {
                d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
            }
        }
        parsed
    }
    fn schema() -> Json {
        json!({ "title": "duration", "type": "string", "pattern": "^([0-9]+d)?([0-9]+h)?([0-9]+m)?$", "minLength": 2, "examples": ["15m", "4h", "1h30m", "2d"] })
    }
}

/// `<int>wd`, greater than zero: a number of working days.
fn parse_working_days(s: &str) -> Option<u32> {
    let digits = s.strip_suffix("wd")?;
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u32>().ok().filter(|&n| n > 0)
}

/// The most working days a target may count (about ten years of working days).
pub const MAX_WORKING_DAYS: u32 = 2_500;

/// The target of one clock of an Sla priority (`response`, `resolution`, `restoration`,
/// `on_site`): business time on the priority's calendar (`4h`, `1d` = 24 business hours), or
/// `<int>wd` working days of that calendar — "N 个工作日" (records.md, "duration"). A
/// working-day target becomes business time per clock, at the clock's start
/// (`WorkCalendar::target_seconds`); static comparisons use `WorkCalendar::nominal_seconds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SlaTarget {
    Business(Dur),
    WorkingDays(u32),
}

impl SlaTarget {
    pub fn parse(s: &str) -> Option<SlaTarget> {
        Dur::parse(s).map(SlaTarget::Business).or_else(|| parse_working_days(s).map(SlaTarget::WorkingDays))
    }
}

impl fmt::Display for SlaTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlaTarget::Business(d) => d.fmt(f),
            SlaTarget::WorkingDays(n) => write!(f, "{n}wd"),
        }
    }
}

impl Decode for SlaTarget {
    const EXPECTED: (&'static str, &'static str) = (
        "a duration such as `15m`, `4h` or `1h30m`, or working days such as `1wd`",
        "时长（如 `15m`、`4h`、`1h30m`）或工作日数（如 `1wd`）",
    );
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        let parsed = SlaTarget::parse(s);
        match parsed {
            None => d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1),
            // Counted day by day per ticket: a bound keeps every clock cheap, and no contract
            // gives more than ten years to resolve a ticket.
            Some(SlaTarget::WorkingDays(n)) if n > MAX_WORKING_DAYS => {
                d.value_error(
                    node,
                    msg!(
                        "{n} working days is more than {MAX_WORKING_DAYS} (ten years of working days)",
                        "{n} 个工作日超过上限 {MAX_WORKING_DAYS}（约十年的工作日）"
                    ),
                    None,
                );
                return None;
            }
            Some(_) => {}
        }
        parsed
    }
    fn schema() -> Json {
        json!({
            "title": "target (business time or working days)",
            "type": "string",
            "pattern": "^(([0-9]+d)?([0-9]+h)?([0-9]+m)?|[0-9]+wd)$",
            "minLength": 2,
            "examples": ["15m", "4h", "1h30m", "1wd"]
        })
    }
}

/// A percentage 0–100.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Percent {
    pub value: f64,
    /// The value exactly as written, for every decision (sla.md, "Exactness").
    pub exact: Exact,
    /// Decimals as written (`99.90` → 2), which sets how availability is shown (sla.md).
    pub decimals: u8,
}

impl Decode for Percent {
    const EXPECTED: (&'static str, &'static str) = ("a percentage (0–100)", "百分比（0–100）");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (value, exact, decimals) = percent_parts(node, d, Self::EXPECTED)?;
        if !(0.0..=100.0).contains(&value) {
            d.value_error(node, msg!("{value} is not between 0 and 100", "{value} 不在 0 到 100 之间"), None);
            return None;
        }
        Some(Percent { value, exact, decimals })
    }
    fn schema() -> Json {
        json!({ "title": "percent", "type": "number", "minimum": 0, "maximum": 100 })
    }
}

/// A percentage's value and its decimals as written (`99.90` → 2), which set how availability
/// is shown (sla.md).
fn percent_parts(node: &Node<'_>, d: &mut Decoder, expected: (&'static str, &'static str)) -> Option<(f64, Exact, u8)> {
    let Decimal { value, exact, decimals } = Decimal::decode_as(node, d, expected)?;
    Some((value, exact, decimals))
}

/// A decimal number kept exactly as written (an amount of money, a credit tier's threshold):
/// at most 18 digits before the point and 9 after it.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Decimal {
    /// An approximation for messages; never for a decision.
    pub value: f64,
    pub exact: Exact,
    /// Decimals as written (`99.90` → 2).
    pub decimals: u8,
}

impl Decimal {
    fn decode_as(node: &Node<'_>, d: &mut Decoder, expected: (&'static str, &'static str)) -> Option<Decimal> {
        let value = decode_number(node, d, expected)?;
        let text = node.as_scalar().unwrap_or("");
        match Exact::parse_decimal(text) {
            Some((exact, decimals)) => Some(Decimal { value, exact, decimals }),
            None => {
                d.value_error(
                    node,
                    msg!(
                        "`{text}` has more digits than an exact figure keeps (18 before the point, 9 after it)",
                        "`{text}` 的位数超出精确计算的范围（整数最多 18 位，小数最多 9 位）"
                    ),
                    None,
                );
                None
            }
        }
    }
}

impl Decode for Decimal {
    const EXPECTED: (&'static str, &'static str) = ("a number", "数字");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        Decimal::decode_as(node, d, Self::EXPECTED)
    }
    fn schema() -> Json {
        json!({ "type": "number" })
    }
}

/// A percentage whose range a rule judges instead of the type: an Sla's availability target,
/// where 0 or 120 is SLA-001's finding (the Sla still loads and its other rules still run).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct TargetPercent {
    pub value: f64,
    pub exact: Exact,
    pub decimals: u8,
}

impl Decode for TargetPercent {
    const EXPECTED: (&'static str, &'static str) = ("a percentage", "百分比");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (value, exact, decimals) = percent_parts(node, d, Self::EXPECTED)?;
        Some(TargetPercent { value, exact, decimals })
    }
    fn schema() -> Json {
        json!({ "title": "percent", "type": "number" })
    }
}

/// A mean score on the 1–5 Likert scale (a target such as `satisfaction_min: 4.2`).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Score(pub f64, pub Exact);

impl Decode for Score {
    const EXPECTED: (&'static str, &'static str) = ("a score from 1 to 5", "1 至 5 的评分");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let Decimal { value, exact, .. } = Decimal::decode_as(node, d, Self::EXPECTED)?;
        if !(1.0..=5.0).contains(&value) {
            d.ignored_value(node, msg!("{value} is not a score from 1 to 5", "{value} 不是 1 至 5 的评分"));
            return None;
        }
        Some(Score(value, exact))
    }
    fn schema() -> Json {
        json!({ "title": "score 1–5", "type": "number", "minimum": 1, "maximum": 5 })
    }
}

/// A Likert score 1–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Likert(pub u8);

impl Decode for Likert {
    const EXPECTED: (&'static str, &'static str) = ("a score from 1 to 5", "1 至 5 的评分");
    fn decode(node: &Node<'_>, anchor: Span, d: &mut Decoder) -> Option<Self> {
        let n = u8::decode(node, anchor, d)?;
        if !(1..=5).contains(&n) {
            d.value_error(node, msg!("{n} is not a score from 1 to 5", "{n} 不是 1 至 5 的评分"), None);
            return None;
        }
        Some(Likert(n))
    }
    fn schema() -> Json {
        json!({ "title": "score 1–5", "type": "integer", "minimum": 1, "maximum": 5 })
    }
}

/// A repository-relative, `/`-separated path. Its syntax is checked here; whether it
/// exists inside the repository is checked once all files are known.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelPath(pub String);

impl RelPath {
    /// Why a path may not be used, if it may not.
    pub fn problem(s: &str) -> Option<(String, String)> {
        if s.is_empty() {
            return Some(("the path is empty".into(), "路径为空".into()));
        }
        if s.starts_with('/') || s.starts_with('\\') || s.get(1..2) == Some(":") {
            return Some((
                format!("`{s}` is absolute; paths are relative to the repository root"),
                format!("`{s}` 是绝对路径；路径应相对于仓库根目录"),
            ));
        }
        if s.contains('\\') {
            return Some((
                format!("`{s}` uses `\\`; separate folders with `/`"),
                format!("`{s}` 使用了 `\\`；请用 `/` 分隔目录"),
            ));
        }
        if s.split('/').any(|c| c == "..") {
            return Some((
                format!("`{s}` has a `..` component, which could leave the repository"),
                format!("`{s}` 含有 `..`，可能指向仓库之外"),
            ));
        }
        None
    }
}

impl Decode for RelPath {
    const EXPECTED: (&'static str, &'static str) = ("a repository-relative path", "相对于仓库的路径");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        if let Some((en, zh)) = RelPath::problem(s) {
            d.value_error(node, super::Msg::new(en, zh), None);
            return None;
        }
        Some(RelPath(s.to_owned()))
    }
    fn schema() -> Json {
        json!({ "title": "path", "type": "string", "pattern": "^[^/\\\\]", "not": { "pattern": "(^|/)\\.\\.(/|$)" } })
    }
}

/// An IANA time zone name, checked against the bundled database.
#[derive(Clone, Debug)]
pub struct Tz {
    pub name: String,
    pub zone: TimeZone,
}

impl Decode for Tz {
    const EXPECTED: (&'static str, &'static str) =
        ("an IANA time zone name such as Asia/Shanghai", "IANA 时区名，如 Asia/Shanghai");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        match tzdb().get(s) {
            Ok(zone) => Some(Tz { name: s.to_owned(), zone }),
            Err(_) => {
                d.value_error(
                    node,
                    msg!("`{s}` is not a known IANA time zone", "`{s}` 不是已知的 IANA 时区"),
                    Some(msg!("for mainland China write `Asia/Shanghai`", "中国大陆请写 `Asia/Shanghai`")),
                );
                None
            }
        }
    }
    fn schema() -> Json {
        json!({ "title": "IANA time zone", "type": "string", "examples": ["Asia/Shanghai", "Europe/Berlin"] })
    }
}

/// `HH:MM-HH:MM` within one day, in minutes since midnight; the end may be `24:00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeRange {
    pub start: u16,
    pub end: u16,
}

fn hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

impl TimeRange {
    pub fn parse(s: &str) -> Result<TimeRange, (String, String)> {
        let bad = || (format!("`{s}` is not a time range HH:MM-HH:MM"), format!("`{s}` 不是 HH:MM-HH:MM 格式的时间段"));
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (start, end) = (hhmm(a).ok_or_else(bad)?, hhmm(b).ok_or_else(bad)?);
        if start >= end || start == 24 * 60 {
            return Err((
                format!("`{s}` ends before it starts; split a range that passes midnight into two days"),
                format!("`{s}` 的结束早于开始；跨午夜的时间段请拆分到两天"),
            ));
        }
        Ok(TimeRange { start, end })
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}-{:02}:{:02}", self.start / 60, self.start % 60, self.end / 60, self.end % 60)
    }
}

impl Decode for TimeRange {
    const EXPECTED: (&'static str, &'static str) = ("a time range such as `09:00-18:00`", "时间段，如 `09:00-18:00`");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        TimeRange::parse(s).map_err(|(en, zh)| d.value_error(node, super::Msg::new(en, zh), None)).ok()
    }
    fn schema() -> Json {
        json!({ "title": "time range", "type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}$", "examples": ["09:00-18:00"] })
    }
}

crate::enumeration! {
    /// A day of the week, as used in calendars and maintenance windows.
    pub enum Weekday {
        Mon = "mon", Tue = "tue", Wed = "wed", Thu = "thu", Fri = "fri", Sat = "sat", Sun = "sun",
    }
}

impl Weekday {
    pub fn from_jiff(w: jiff::civil::Weekday) -> Weekday {
        use jiff::civil::Weekday as W;
        match w {
            W::Monday => Weekday::Mon,
            W::Tuesday => Weekday::Tue,
            W::Wednesday => Weekday::Wed,
            W::Thursday => Weekday::Thu,
            W::Friday => Weekday::Fri,
            W::Saturday => Weekday::Sat,
            W::Sunday => Weekday::Sun,
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A weekly window such as `sun 02:00-04:00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeklyWindow {
    pub day: Weekday,
    pub range: TimeRange,
}

impl Decode for WeeklyWindow {
    const EXPECTED: (&'static str, &'static str) =
        ("a weekly window such as `sun 02:00-04:00`", "每周时间窗，如 `sun 02:00-04:00`");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        let parsed = s.trim().split_once(' ').and_then(|(day, range)| {
            Some(WeeklyWindow {
                day: Weekday::parse(&day.to_ascii_lowercase())?,
                range: TimeRange::parse(range.trim()).ok()?,
            })
        });
        if parsed.is_none() {
            d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
        }
        parsed
    }
    fn schema() -> Json {
        json!({ "title": "weekly window", "type": "string", "pattern": "^(mon|tue|wed|thu|fri|sat|sun) [0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}$", "examples": ["sun 02:00-04:00"] })
    }
}

/// An ISO 4217 currency code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Currency(pub String);

/// The codes of ISO 4217 (list one, current codes, plus those replaced since 2021 that old
/// records may still carry: ANG, CUC, SLL, ZWL), sorted for a binary search.
pub const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF",
    "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB",
    "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR",
    "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
    "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
    "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
    "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF",
    "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA",
    "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

impl Decode for Currency {
    const EXPECTED: (&'static str, &'static str) =
        ("an ISO 4217 currency code such as CNY", "ISO 4217 币种代码，如 CNY");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        if ISO_4217.binary_search(&s).is_ok() {
            return Some(Currency(s.to_owned()));
        }
        if matches!(s.to_ascii_uppercase().as_str(), "RMB" | "YUAN" | "CNH") {
            let help = msg!("the ISO 4217 code of the renminbi is `CNY`", "人民币的 ISO 4217 代码是 `CNY`");
            d.value_error(
                node,
                msg!("`{s}` is not an ISO 4217 currency code", "`{s}` 不是 ISO 4217 币种代码"),
                Some(help),
            );
            return None;
        }
        d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
        None
    }
    fn schema() -> Json {
        json!({ "title": "currency code (ISO 4217)", "type": "string", "enum": ISO_4217, "examples": ["CNY"] })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_codes_are_iso_4217() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]), "sorted, for the binary search");
        assert!(ISO_4217.binary_search(&"CNY").is_ok() && ISO_4217.binary_search(&"XOF").is_ok());
        assert!(ISO_4217.binary_search(&"RMB").is_err() && ISO_4217.binary_search(&"ABC").is_err());
    }

    #[test]
    fn targets_and_working_days() {
        assert_eq!(SlaTarget::parse("1wd"), Some(SlaTarget::WorkingDays(1)));
        assert_eq!(SlaTarget::parse("12wd"), Some(SlaTarget::WorkingDays(12)));
        assert_eq!(SlaTarget::parse("1d"), Some(SlaTarget::Business(Dur(86_400))));
        for bad in ["0wd", "wd", "1wd2h", "1.5wd", "-1wd", "1 wd", "1WD", "9999999999wd", "1dwd"] {
            assert_eq!(SlaTarget::parse(bad), None, "{bad}");
        }
        assert_eq!(SlaTarget::WorkingDays(3).to_string(), "3wd");
        assert_eq!(SlaTarget::Business(Dur(5400)).to_string(), "1h30m");
        // `wd` is not a plain duration.
        assert_eq!(Dur::parse("1wd"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(Dur::parse("15m"), Some(Dur(900)));
        assert_eq!(Dur::parse("1h30m"), Some(Dur(5400)));
        assert_eq!(Dur::parse("2d"), Some(Dur(172_800)));
        assert_eq!(Dur::parse("1d2h3m"), Some(Dur(93_780)));
        for bad in ["", "0m", "m", "1x", "30m1h", "1h1h", "1.5h", "-1h", "1 h", "9999999999d"] {
            assert_eq!(Dur::parse(bad), None, "{bad}");
        }
        assert_eq!(Dur(5400).to_string(), "1h30m");
    }

    #[test]
    fn dates() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        let err = parse_date("2026-02-30").unwrap_err();
        assert!(err.0.contains("28 days"), "{}", err.0);
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("2026-1-01").is_err());
        assert!(parse_date("2026-00-10").is_err());
        assert!(parse_date("2026-01-00").is_err());
    }

    #[test]
    fn time_ranges() {
        assert_eq!(TimeRange::parse("09:00-18:00"), Ok(TimeRange { start: 540, end: 1080 }));
        assert_eq!(TimeRange::parse("00:00-24:00").map(|r| r.end), Ok(1440));
        assert!(TimeRange::parse("18:00-09:00").is_err());
        assert!(TimeRange::parse("9-18").is_err());
        assert!(TimeRange::parse("24:00-24:00").is_err());
    }

    #[test]
    fn paths() {
        assert!(RelPath::problem("evidence/a.pdf").is_none());
        for bad in ["", "/etc/passwd", "C:/x", "a/../../b", "..", "a\\b"] {
            assert!(RelPath::problem(bad).is_some(), "{bad}");
        }
    }
}
