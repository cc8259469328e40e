//! Notes: what a command tells its reader besides findings. No rule fires (rule ids are a
//! fixed interface), but the judgement may rest on something the reader must know.
//!
//! Holiday data that runs out: `cn-workdays` knows mainland China's public holidays and
//! make-up workdays for the years the tool ships (2024–2026); in any other year it counts
//! plain weekdays. A command that may count working days in such a year says so once per
//! calendar (docs/decisions.md, "Holiday data that runs out").

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::calendar::Years;
use crate::model::kinds::RecordView;
use crate::model::{Lang, Msg};

use super::Context;

/// A calendar in use whose holiday data does not cover every year working days may be
/// counted in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDataNote {
    pub calendar: String,
    /// The years in use that the data does not cover.
    pub years: Years,
    /// The years it does cover.
    pub covered: Years,
    /// A built-in calendar (`cn-workdays`), which a Calendar record extends to add years;
    /// otherwise a Calendar record, to which they can be added.
    pub builtin: bool,
}

impl CalendarDataNote {
    pub fn message(&self) -> Msg {
        let (id, years, covered) = (&self.calendar, &self.years, &self.covered);
        let (fix_en, fix_zh) = if self.builtin {
            (
                format!("add them, with `holiday_years`, to a Calendar record that extends `{id}`"),
                format!("请在继承 `{id}` 的 `Calendar` 记录中补充，并列入 `holiday_years`"),
            )
        } else {
            (
                format!("add them, with `holiday_years`, to calendar `{id}`"),
                format!("请在日历 `{id}` 中补充，并列入 `holiday_years`"),
            )
        };
        crate::msg!(
            "calendar `{id}` has public-holiday data for {covered} only: working days in {years} are counted as plain weekdays, without public holidays or make-up workdays; {fix_en} (docs/calendars.md)",
            "日历 `{id}` 仅含 {covered} 年的法定节假日数据：{years} 年的工作日按普通工作日计算，未计法定节假日与调休上班日；{fix_zh}（见 docs/calendars.md）"
        )
    }

    /// The line on standard error: `note: …` / `注意:…`.
    pub fn line(&self, lang: Lang) -> String {
        let message = self.message();
        match lang {
            Lang::En => format!("note: {}", message.en),
            Lang::ZhCn => format!("注意：{}", message.zh),
        }
    }
}

/// The calendars an engagement counts on — its `calendar` (working-day policy durations) and,
/// for each of its Slas, the availability hours and every priority's calendar — and the years
/// from the start of the records (`records_from`, else the term's start) to the earlier of the term's end and a year after the as-of day:
/// what a run judges, plus the deadlines it computes ahead. Every calendar whose holiday data
/// misses one of those years gives one note (years of all engagements together).
pub fn calendar_data(cx: &Context<'_>) -> Vec<CalendarDataNote> {
    let mut missing: BTreeMap<&str, Years> = BTreeMap::new();
    let ahead = crate::calendar::dates::add_months(cx.as_of, 12);
    for engagement in &cx.records.engagements {
        let (start, end) = (engagement.records_start(), engagement.term.end.value.min(ahead));
        if end < start {
            continue;
        }
        let own = engagement.calendar.as_ref().map_or(crate::calendar::CN_WORKDAYS, |c| c.value.as_str());
        let mut ids = vec![own];
        for sla in &cx.records.slas {
            if cx.engagement_of(RecordView::Sla(sla)).is_some_and(|e| e.value == engagement.id.value) {
                ids.push(sla.availability.hours());
                ids.extend(sla.priorities.iter().map(|(_, p)| p.value.calendar()));
            }
        }
        for id in ids {
            // An unknown id is GEN-005's.
            let Some(cal) = cx.calendars.get(id) else { continue };
            for year in years(start, end).filter(|&y| cal.beyond_data_year(y)) {
                missing.entry(id).or_default().insert(year);
            }
        }
    }
    missing
        .into_iter()
        .filter_map(|(id, years)| {
            let covered = cx.calendars.get(id)?.data_years.clone()?;
            let builtin = [crate::calendar::CN_WORKDAYS, crate::calendar::ALWAYS].contains(&id);
            Some(CalendarDataNote { calendar: id.to_owned(), years, covered, builtin })
        })
        .collect()
}

fn years(start: Date, end: Date) -> impl Iterator<Item = i16> {
    start.year()..=end.year()
}
