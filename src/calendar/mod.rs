//! Working calendars (pure, no I/O): which days are working days and which hours of them are
//! working time, for the built-in `24x7` and `cn-workdays` calendars and for Calendar records
//! (with `extends`). Everything is computed per day, never per minute.

pub mod business;
pub mod cn;
pub mod dates;
pub mod target;
pub mod wall;

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::kinds::Calendar as CalendarRecord;
use crate::model::kinds::Records;
use crate::model::scalar::{TimeRange, Weekday};

/// A resolved working calendar.
#[derive(Clone, Debug)]
pub struct WorkCalendar {
    pub id: String,
    pub tz: TimeZone,
    /// Working ranges per weekday (Monday first), minutes since midnight, sorted.
    pub week: [Vec<TimeRange>; 7],
    pub holidays: BTreeSet<Date>,
    /// Days that work although their weekday has no ranges; they use Monday's ranges.
    pub workdays: BTreeSet<Date>,
    /// Every instant is working time (`24x7`).
    pub always: bool,
    /// Years for which holiday data is complete (`cn-workdays`, and a Calendar record's
    /// `holiday_years` added to what it extends); outside them only weekends are days off,
    /// and users are told. `None`: the calendar makes no such claim (never judged).
    pub data_years: Option<Years>,
    /// Working seconds of each local month 1970–2200, each computed on first need, so
    /// business time over decades costs the days of two partial months, not of every day.
    pub(crate) month_totals: std::sync::OnceLock<Box<[std::sync::OnceLock<i64>]>>,
    /// The same per local year (the sum of its months), so decades add a few dozen numbers.
    pub(crate) year_totals: std::sync::OnceLock<Box<[std::sync::OnceLock<i64>]>>,
}

/// A set of years, shown as runs: `2024–2026`, `2024–2026, 2028`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Years(BTreeSet<i16>);

impl Years {
    /// `from` to `to`, both included.
    pub fn range(from: i16, to: i16) -> Years {
        Years((from..=to).collect())
    }

    pub fn covers(&self, year: i16) -> bool {
        self.0.contains(&year)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn insert(&mut self, year: i16) {
        self.0.insert(year);
    }

    pub fn iter(&self) -> impl Iterator<Item = i16> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<i16> for Years {
    fn from_iter<I: IntoIterator<Item = i16>>(iter: I) -> Years {
        Years(iter.into_iter().collect())
    }
}

impl std::fmt::Display for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut runs: Vec<(i16, i16)> = Vec::new();
        for y in self.iter() {
            match runs.last_mut() {
                Some(run) if i32::from(run.1) + 1 == i32::from(y) => run.1 = y,
                _ => runs.push((y, y)),
            }
        }
        let shown: Vec<String> =
            runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
        f.write_str(&shown.join(", "))
    }
}

pub const ALWAYS: &str = "24x7";
pub const CN_WORKDAYS: &str = "cn-workdays";

impl WorkCalendar {
    pub fn always(tz: TimeZone) -> WorkCalendar {
        let all_day = vec![TimeRange { start: 0, end: 24 * 60 }];
        WorkCalendar {
            id: ALWAYS.to_owned(),
            tz,
            week: std::array::from_fn(|_| all_day.clone()),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            always: true,
            data_years: None,
            month_totals: std::sync::OnceLock::new(),
            year_totals: std::sync::OnceLock::new(),
        }
    }

    /// Mon–Fri 09:00–18:00 Asia/Shanghai with mainland China's public holidays and make-up
    /// workdays (data in `data/cn-holidays.tsv`).
    pub fn cn_workdays() -> WorkCalendar {
        let tz = crate::model::scalar::default_tz();
        let office = vec![TimeRange { start: 9 * 60, end: 18 * 60 }];
        let mut week: [Vec<TimeRange>; 7] = Default::default();
        for day in week.iter_mut().take(5) {
            *day = office.clone();
        }
        let (holidays, workdays) = cn::dates();
        WorkCalendar {
            id: CN_WORKDAYS.to_owned(),
            tz,
            week,
            holidays,
            workdays,
            always: false,
            data_years: Some(Years::range(cn::YEARS.0, cn::YEARS.1)),
            month_totals: std::sync::OnceLock::new(),
            year_totals: std::sync::OnceLock::new(),
        }
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        if self.always {
            return true;
        }
        if self.workdays.contains(&day) {
            return true;
        }
        !self.week[Weekday::from_jiff(day.weekday()).index()].is_empty() && !self.holidays.contains(&day)
    }

    /// The working ranges of a day (empty on a day off).
    pub fn ranges(&self, day: Date) -> &[TimeRange] {
        if self.workdays.contains(&day) {
            return &self.week[0];
        }
        if !self.always && self.holidays.contains(&day) {
            return &[];
        }
        &self.week[Weekday::from_jiff(day.weekday()).index()]
    }

    /// The `n`-th working day after `day` (n = 0: `day` itself). "Within N working days after
    /// X" means on or before `add_working_days(X, N)`.
    pub fn add_working_days(&self, day: Date, n: u32) -> Date {
        let mut current = day;
        let mut left = n;
        // A calendar without any working weekday would loop forever: stop after ten years
        // without a working day (or at the end of the calendar).
        let mut idle = 0u32;
        while left > 0 && idle < 3_660 {
            let Ok(next) = current.tomorrow() else { break };
            current = next;
            if self.is_working_day(current) {
                left -= 1;
                idle = 0;
            } else {
                idle += 1;
            }
        }
        current
    }

    /// Whether `day` lies outside the years the holiday data covers.
    pub fn beyond_data(&self, day: Date) -> bool {
        self.beyond_data_year(day.year())
    }

    /// Whether `year` lies outside the years the holiday data covers.
    pub fn beyond_data_year(&self, year: i16) -> bool {
        self.data_years.as_ref().is_some_and(|y| !y.covers(year))
    }

    /// The warning of a report on a month (`first`: its first day) counted on this calendar
    /// (named `id`) when the holiday data does not cover it.
    pub fn month_warning(&self, id: &str, first: Date) -> Option<crate::model::Msg> {
        let years = self.data_years.as_ref()?;
        let month = format!("{:04}-{:02}", first.year(), first.month());
        (self.beyond_data(first) || self.beyond_data(first.last_of_month())).then(|| {
            crate::msg!(
                "calendar `{id}` has public-holiday data for {years} only: in {month} it counts plain weekdays, without holidays or make-up workdays; add them, with `holiday_years`, to a Calendar record that extends it (docs/calendars.md)",
                "日历 `{id}` 仅含 {years} 年的法定节假日数据：{month} 按普通工作日计算，未计节假日与调休；请在继承它的 `Calendar` 记录中补充，并写明 `holiday_years`（见 docs/calendars.md）"
            )
        })
    }

    /// The warning of a ticket's ledger when the day it was opened lies outside the data.
    pub fn day_warning(&self, id: &str, day: Date) -> Option<crate::model::Msg> {
        let years = self.data_years.as_ref()?;
        self.beyond_data(day).then(|| {
            crate::msg!(
                "calendar `{id}` has public-holiday data for {years} only: {day} is counted as a plain weekday",
                "日历 `{id}` 仅含 {years} 年的法定节假日数据：{day} 按普通工作日计算"
            )
        })
    }
}

/// A problem met while resolving calendars (an `extends` cycle).
#[derive(Clone, Debug)]
pub struct CalendarProblem {
    pub calendar: String,
    pub message: crate::model::Msg,
}

/// All calendars of a repository by id, built-ins included.
#[derive(Debug)]
pub struct Calendars {
    by_id: HashMap<String, WorkCalendar>,
    pub problems: Vec<CalendarProblem>,
}

impl Calendars {
    pub fn build(records: &Records) -> Calendars {
        let mut by_id = HashMap::new();
        let default_tz = crate::model::scalar::default_tz();
        by_id.insert(ALWAYS.to_owned(), WorkCalendar::always(default_tz));
        by_id.insert(CN_WORKDAYS.to_owned(), WorkCalendar::cn_workdays());
        // Aliases (`7x24`) are the same calendar under the name written.
        for (alias, target) in crate::model::kinds::CALENDAR_ALIASES {
            if let Some(cal) = by_id.get(*target).cloned() {
                by_id.insert((*alias).to_owned(), cal);
            }
        }
        let records_by_id: HashMap<&str, &CalendarRecord> =
            records.calendars.iter().map(|c| (c.id.value.as_str(), c)).collect();
        // Calendars resolved from records: a chain stops at one (each is resolved once, so a
        // chain of 5,000 `extends` costs 5,000 steps, not 5,000² or more).
        let mut from_records: HashSet<String> = HashSet::new();
        let mut problems = Vec::new();
        for cal in &records.calendars {
            if by_id.contains_key(cal.id.value.as_str()) {
                continue;
            }
            match resolve(cal, &records_by_id, &by_id, &from_records) {
                Ok(resolved) => {
                    // Every calendar of the chain, root first, is resolved on the way.
                    for wc in resolved {
                        if !by_id.contains_key(&wc.id) {
                            from_records.insert(wc.id.clone());
                            by_id.insert(wc.id.clone(), wc);
                        }
                    }
                }
                Err(message) => problems.push(CalendarProblem { calendar: cal.id.value.clone(), message }),
            }
        }
        Calendars { by_id, problems }
    }

    pub fn get(&self, id: &str) -> Option<&WorkCalendar> {
        self.by_id.get(id)
    }

    /// `id`, or `cn-workdays` when it is unknown (unknown ids are reported by GEN-005).
    pub fn get_or_default(&self, id: &str) -> &WorkCalendar {
        self.by_id.get(id).or_else(|| self.by_id.get(CN_WORKDAYS)).unwrap_or_else(|| unreachable_calendar())
    }
}

fn unreachable_calendar() -> &'static WorkCalendar {
    static FALLBACK: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
    FALLBACK.get_or_init(WorkCalendar::cn_workdays)
}

/// Resolve a Calendar record, following `extends` (own `week` replaces, own dates add) up to
/// a calendar already resolved, a built-in or an unknown id. Returns the calendars of the
/// chain resolved on the way, root first, `cal` last.
fn resolve(
    cal: &CalendarRecord,
    records: &HashMap<&str, &CalendarRecord>,
    resolved: &HashMap<String, WorkCalendar>,
    from_records: &HashSet<String>,
) -> Result<Vec<WorkCalendar>, crate::model::Msg> {
    // Collect the chain, child first.
    let mut chain = vec![cal];
    let mut base: Option<WorkCalendar> = None;
    let mut seen = vec![cal.id.value.as_str()];
    let mut seen_set: HashSet<&str> = seen.iter().copied().collect();
    let mut next = cal.extends.as_ref().map(|e| e.value.as_str());
    while let Some(parent) = next {
        if seen_set.contains(parent) {
            let path = seen.join(" → ");
            return Err(crate::msg!(
                "calendar `extends` forms a cycle: {path} → {parent}",
                "日历的 `extends` 形成循环：{path} → {parent}"
            ));
        }
        if from_records.contains(parent) {
            // Resolved already: inherit it as it is.
            base = resolved.get(parent).cloned();
            next = None;
        } else if let Some(record) = records.get(parent) {
            chain.push(record);
            seen.push(parent);
            seen_set.insert(parent);
            next = record.extends.as_ref().map(|e| e.value.as_str());
        } else {
            // A built-in, or an unknown id (reported by GEN-005): inherit nothing then.
            base = resolved.get(parent).cloned();
            next = None;
        }
    }
    let mut out = base.unwrap_or_else(|| WorkCalendar {
        id: String::new(),
        tz: cal.timezone.zone.clone(),
        week: Default::default(),
        holidays: BTreeSet::new(),
        workdays: BTreeSet::new(),
        always: false,
        data_years: None,
        month_totals: std::sync::OnceLock::new(),
        year_totals: std::sync::OnceLock::new(),
    });
    out.always = false;
    let mut done = Vec::with_capacity(chain.len());
    for record in chain.iter().rev() {
        if !record.week.is_empty() {
            let mut week: [Vec<TimeRange>; 7] = Default::default();
            for (day, ranges) in record.week.iter() {
                if let Some(w) = Weekday::parse(&day.value) {
                    let mut list: Vec<TimeRange> = ranges.value.iter().map(|r| r.value).collect();
                    list.sort();
                    week[w.index()] = list;
                }
            }
            out.week = week;
        }
        // A calendar's own dates override what it inherits: its holiday removes an inherited
        // make-up workday, its workday an inherited holiday.
        for d in record.holidays.iter().map(|d| d.value) {
            out.workdays.remove(&d);
            out.holidays.insert(d);
        }
        for d in record.workdays.iter().map(|d| d.value) {
            out.holidays.remove(&d);
            out.workdays.insert(d);
        }
        // Years whose holidays and make-up workdays the record lists completely add to the
        // data it inherits.
        for year in record.holiday_years.iter().filter_map(|y| i16::try_from(y.value).ok()) {
            out.data_years.get_or_insert_with(Years::default).insert(year);
        }
        let mut this = out.clone();
        // Totals of what it inherited would be wrong for its own dates.
        this.month_totals = std::sync::OnceLock::new();
        this.year_totals = std::sync::OnceLock::new();
        this.id = record.id.value.clone();
        this.tz = record.timezone.zone.clone();
        done.push(this);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn cn_workdays_knows_holidays_and_makeup_days() {
        let cn = WorkCalendar::cn_workdays();
        assert!(!cn.is_working_day(date(2026, 10, 1)), "National Day");
        assert!(cn.is_working_day(date(2026, 10, 10)), "make-up Saturday");
        assert!(!cn.is_working_day(date(2026, 10, 11)), "ordinary Sunday");
        assert!(cn.is_working_day(date(2026, 10, 9)));
        assert_eq!(cn.ranges(date(2026, 10, 10)).len(), 1);
    }

    #[test]
    fn adding_working_days_skips_days_off() {
        let cn = WorkCalendar::cn_workdays();
        // Month end 2026-09-30 (Wed); 10-01..10-07 are off, 10-08 Thu, 10-09 Fri,
        // 10-10 make-up Sat, 10-11 Sun off, 10-12 Mon, 10-13 Tue.
        assert_eq!(cn.add_working_days(date(2026, 9, 30), 1), date(2026, 10, 8));
        assert_eq!(cn.add_working_days(date(2026, 9, 30), 5), date(2026, 10, 13));
        assert_eq!(cn.add_working_days(date(2026, 9, 30), 0), date(2026, 9, 30));
    }

    #[test]
    fn own_dates_override_inherited_ones() {
        let text = "kind: Calendar\nid: bank\ntimezone: Asia/Shanghai\nextends: cn-workdays\nweek: {mon: [\"09:00-17:00\"], tue: [\"09:00-17:00\"], wed: [\"09:00-17:00\"], thu: [\"09:00-17:00\"], fri: [\"09:00-17:00\"]}\nholidays: [2026-10-10]\nworkdays: [2026-10-08]\n";
        let repo = crate::load::Repository::from_texts(
            &[("c.yaml".to_owned(), text.to_owned())],
            crate::config::Config::default(),
        );
        let cal = repo.calendars.get("bank").unwrap();
        // 2026-10-10 is a make-up Saturday on cn-workdays; the bank keeps it off.
        assert!(!cal.is_working_day(date(2026, 10, 10)));
        // 2026-10-08 is a National Day holiday; the bank works.
        assert!(cal.is_working_day(date(2026, 10, 8)));
    }

    #[test]
    fn years_show_as_runs() {
        assert_eq!(Years::range(2024, 2026).to_string(), "2024–2026");
        assert_eq!([2024, 2025, 2026, 2028].into_iter().collect::<Years>().to_string(), "2024–2026, 2028");
        assert_eq!([2027].into_iter().collect::<Years>().to_string(), "2027");
        assert_eq!(Years::default().to_string(), "");
    }

    #[test]
    fn warnings_beyond_the_data() {
        let cn = WorkCalendar::cn_workdays();
        // The texts of the SLA report and the ledger, as they were before years became a set.
        let month = cn.month_warning(CN_WORKDAYS, date(2027, 2, 1)).map(|m| m.en);
        assert_eq!(
            month.as_deref(),
            Some(
                "calendar `cn-workdays` has public-holiday data for 2024–2026 only: in 2027-02 it counts plain weekdays, without holidays or make-up workdays; add them, with `holiday_years`, to a Calendar record that extends it (docs/calendars.md)"
            )
        );
        assert!(cn.month_warning(CN_WORKDAYS, date(2026, 12, 1)).is_none());
        let day = cn.day_warning("cn-workdays", date(2023, 5, 4)).map(|m| m.zh);
        assert_eq!(
            day.as_deref(),
            Some("日历 `cn-workdays` 仅含 2024–2026 年的法定节假日数据：2023-05-04 按普通工作日计算")
        );
        // 24x7 has no holidays to miss.
        assert!(
            WorkCalendar::always(crate::model::scalar::default_tz()).month_warning(ALWAYS, date(2030, 1, 1)).is_none()
        );
    }

    #[test]
    fn holiday_years_add_to_the_inherited_data() {
        let texts = [
            ("a.yaml".to_owned(), "kind: Calendar\nid: plain\ntimezone: Asia/Shanghai\nextends: cn-workdays\nweek: {}\n".to_owned()),
            ("b.yaml".to_owned(), "kind: Calendar\nid: plus\ntimezone: Asia/Shanghai\nextends: plain\nweek: {}\nholiday_years: [2028]\nholidays: [2028-01-03]\n".to_owned()),
            ("c.yaml".to_owned(), "kind: Calendar\nid: own\ntimezone: Europe/Berlin\nweek: {mon: [\"09:00-17:00\"]}\nholiday_years: [2026]\nholidays: [2026-12-25]\n".to_owned()),
        ];
        let repo = crate::load::Repository::from_texts(&texts, crate::config::Config::default());
        let years = |id: &str| repo.calendars.get(id).and_then(|c| c.data_years.as_ref()).map(ToString::to_string);
        // `week: {}` keeps the inherited week; no `holiday_years`, the inherited years.
        assert_eq!(years("plain").as_deref(), Some("2024–2026"));
        assert!(repo.calendars.get("plain").is_some_and(|c| c.is_working_day(date(2026, 10, 9))));
        assert_eq!(years("plus").as_deref(), Some("2024–2026, 2028"));
        assert!(
            repo.calendars
                .get("plus")
                .is_some_and(|c| c.beyond_data(date(2027, 3, 1)) && !c.beyond_data(date(2028, 3, 1)))
        );
        // A calendar of its own claims the years it names.
        assert_eq!(years("own").as_deref(), Some("2026"));
    }

    #[test]
    fn data_years_are_known() {
        let cn = WorkCalendar::cn_workdays();
        assert!(!cn.beyond_data(date(2026, 12, 31)));
        assert!(cn.beyond_data(date(2027, 1, 4)));
    }
}
