//! GEN-003: fields are known, present when required, and of the right type and value.

use crate::model::Severity;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen003;

static META: Meta = Meta {
    id: crate::load::GEN_003,
    severity: Severity::Error,
    section: "§2.3",
    title_en: "Fields are known, present and well-formed",
    title_zh: "字段须为已知字段、必填项齐全且格式正确",
    explanation_en: "Every field of a record is checked against the record format: an unknown \
field is reported at its key with the closest known name (typos must not pass silently; keys \
starting with `x-` are free for your own use), a missing required field at the record's `id` \
(or the key of the nested mapping), and a value of the wrong type at the value, naming what was \
expected — dates such as `2026-02-30` and YAML 1.1 booleans such as `no` included. One bad \
value never hides a record: a wrong optional value reads as absent (a bad list item is left \
out) and the rest of the record is checked by every other rule, which does not report that \
field missing as well; only a record whose kind, id or another required field cannot be read \
is left out of the other checks until it is fixed (references to it still resolve).",
    explanation_zh: "记录的每个字段都按记录格式检查：未知字段在其键处报告，并给出最接近的字段名，拼写\
错误不会被悄悄放过（以 `x-` 开头的键可自由用于自定义扩展）；缺少必填字段的，在记录的 `id`（或上级键）\
处报告；类型或取值错误的，在值处报告并说明正确格式，包括 `2026-02-30` 这类不存在的日期，以及 `no` 这\
类 YAML 1.1 的布尔值写法。一个值有误，不会使整条记录作废：有误的可选值视为未填写（列表中有误的一项略\
去），记录的其余部分照常参与其他规则的检查，且这些规则不会再就该字段报告“缺少”。只有类型、编号或其他\
必填字段无法读取的记录，才在改正前不参与其他检查（对它的引用仍视为有效）。",
    failing: include_str!("../../../fixtures/GEN-003.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-003.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Load,
};

impl Rule for Gen003 {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _out: &mut Sink) {}
}
