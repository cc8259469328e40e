//! Calendar (records.md "Calendar"; §1.2, §6.1): working time for SLA clocks and working-day
//! policy durations, plus change-freeze periods.

use serde_json::{Value as Json, json};

use super::{Kind, RecordKind, Ref, Target};
use crate::model::decode::{Decode, Decoder, Seg};
use crate::model::node::{Node, Value};
use crate::model::scalar::{Date, TimeRange, Tz};
use crate::model::{Sp, Span};

crate::object! {
    /// A working calendar. Weekday keys of `week` are checked by a rule.
    pub struct Calendar {
        id: req String,
        timezone: req Tz,
        /// Weekday (`mon`…`sun`) → working-time ranges.
        week: req_map Ranges,
        /// Days off.
        holidays: list Date,
        /// Working days although their weekday has no ranges (they use `mon`'s ranges).
        workdays: list Date,
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
        ("a list of time ranges such as `09:00-18:00`", "时间段列表,如 `09:00-18:00`");
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
