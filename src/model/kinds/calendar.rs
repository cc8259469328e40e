//! Calendar (records.md "Calendar"; §1.2, §6.1): working time for SLA clocks and working-day
//! policy durations, plus change-freeze periods.

use serde_json::{Value as Json, json};

use super::{Kind, RecordKind, Ref, Target};
use crate::model::decode::{Decode, Decoder, Seg, closest};
use crate::model::node::{Node, Value};
use crate::model::scalar::{Date, TimeRange, Tz, Weekday};
use crate::model::{Sp, Span};

crate::object! {
    /// A working calendar: weekly working hours, holidays, make-up workdays, freeze periods.
    #[check(Calendar::check)]
    pub struct Calendar {
        id: req String,
        timezone: req Tz,
        /// Weekday (`mon`…`sun`) → working-time ranges; with `extends`, `{}` keeps the
        /// inherited week.
        week: req_map Ranges,
        /// Days off.
        holidays: list Date,
        /// Working days although their weekday has no ranges (they use `mon`'s ranges).
        workdays: list Date,
        /// Years whose public holidays and make-up workdays `holidays` and `workdays` list
        /// completely, added to those of the calendar it extends (`cn-workdays`: 2024–2026).
        /// Working days counted in other years draw a note (docs/calendars.md).
        holiday_years: list u32,
        /// Calendar id to inherit `week`, `holidays` and `workdays` from.
        extends: opt String,
        /// Change-freeze periods (封网期).
        freeze: list Freeze,
    }
}

crate::object! {
    /// A change-freeze period.
    pub struct Freeze {
        from: req Date,
        to: req Date,
        reason: req String,
    }
}

/// The working-time ranges of one weekday, in source order.
#[derive(Clone, Debug, Default)]
pub struct Ranges(pub Vec<Sp<TimeRange>>);

impl std::ops::Deref for Ranges {
    type Target = [Sp<TimeRange>];
    fn deref(&self) -> &[Sp<TimeRange>] {
        &self.0
    }
}

impl Decode for Ranges {
    const EXPECTED: (&'static str, &'static str) =
        ("a list of time ranges such as `09:00-18:00`", "时间段列表，如 `09:00-18:00`");
    fn decode(node: &Node<'_>, anchor: Span, d: &mut Decoder) -> Option<Self> {
        let Value::Seq(items) = &node.value else {
            d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
            return None;
        };
        let before = d.errors();
        let ranges: Vec<Sp<TimeRange>> =
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| d.with(Seg::Index(i), |d| <Sp<TimeRange>>::decode(item, anchor, d)))
                .collect();
        (d.errors() == before).then_some(Ranges(ranges))
    }
    fn schema() -> Json {
        json!({ "type": "array", "items": TimeRange::schema() })
    }
}

impl Calendar {
    /// Constraints across fields (GEN-003): weekday keys, overlapping ranges, a date that is
    /// both a holiday and a workday, a `holiday_years` year without a holiday, a freeze that
    /// ends before it starts.
    fn check(&self, d: &mut Decoder) -> bool {
        let before = d.errors();
        for (day, ranges) in self.week.iter() {
            let name = day.value.as_str();
            if Weekday::parse(name).is_none() {
                let help = closest(name, Weekday::NAMES.iter().copied())
                    .map(|c| crate::msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
                let days = Weekday::NAMES.join(", ");
                d.error(
                    day.span,
                    crate::msg!("`week.{name}` is not a weekday ({days})", "`week.{name}` 不是星期名称（{days}）"),
                    help,
                );
            }
            let mut sorted: Vec<&Sp<TimeRange>> = ranges.iter().collect();
            sorted.sort_by_key(|r| r.value.start);
            for pair in sorted.windows(2) {
                if pair[1].value.start < pair[0].value.end {
                    let (a, b) = (pair[0].value, pair[1].value);
                    d.error(
                        pair[1].span,
                        crate::msg!("`week.{name}`: {b} overlaps {a}", "`week.{name}`:{b} 与 {a} 重叠"),
                        None,
                    );
                }
            }
        }
        for workday in &self.workdays {
            if self.holidays.iter().any(|h| h.value == workday.value) {
                let date = workday.value;
                d.error(
                    workday.span,
                    crate::msg!(
                        "{date} is listed both as a holiday and as a workday",
                        "{date} 同时被列为节假日和工作日"
                    ),
                    None,
                );
            }
        }
        for year in &self.holiday_years {
            let y = year.value;
            if !(1970..=2200).contains(&y) {
                d.error(
                    year.span,
                    crate::msg!("`holiday_years`: {y} is not a year from 1970 to 2200", "`holiday_years`:{y} 不是 1970 至 2200 之间的年份"),
                    None,
                );
            } else if !self.holidays.iter().any(|h| i64::from(h.value.year()) == i64::from(y)) {
                d.error(
                    year.span,
                    crate::msg!(
                        "`holiday_years` lists {y}, but `holidays` has no date in {y}",
                        "`holiday_years` 列出了 {y} 年，但 `holidays` 中没有该年的日期"
                    ),
                    Some(crate::msg!(
                        "list the public holidays of {y} (and its make-up workdays under `workdays`)",
                        "请列出 {y} 年的法定节假日（调休上班日列在 `workdays` 下）"
                    )),
                );
            }
        }
        for f in &self.freeze {
            if f.to.value < f.from.value {
                let (from, to) = (f.from.value, f.to.value);
                d.error(
                    f.to.span,
                    crate::msg!("freeze ends ({to}) before it starts ({from})", "封网期结束（{to}）早于开始（{from}）"),
                    None,
                );
            }
        }
        d.errors() == before
    }

    pub fn tz(&self) -> jiff::tz::TimeZone {
        self.timezone.value.zone.clone()
    }
}

impl RecordKind for Calendar {
    const KIND: Kind = Kind::Calendar;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        if let Some(e) = &self.extends {
            out.push(Ref::new("extends", Target::Calendar, e));
        }
    }
}
