//! GEN-008: timestamps carry their UTC offset.

use crate::model::Severity;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen008;

static META: Meta = Meta {
    id: crate::load::GEN_008,
    severity: Severity::Warning,
    section: "§2.3",
    title_en: "Timestamps carry a UTC offset",
    title_zh: "时间戳须带时区偏移",
    explanation_en: "A timestamp without an offset (`2026-10-03T09:12:00`) is read in the time zone \
of the incident's Sla, or of the engagement for every other record. That is usually right, but \
an export from a ticket system in another zone would silently shift every SLA clock, so itos \
warns once per file, at the first such timestamp.",
    explanation_zh: "不带时区偏移的时间戳（如 `2026-10-03T09:12:00`），事件按其 SLA 的时区解读，其他\
记录按服务项目的时区解读。这通常没有问题，但工单系统如在其他时区导出数据，所有 SLA 时效都会悄然偏移，\
因此每个文件在第一个此类时间戳处警告一次。",
    failing: include_str!("../../../fixtures/GEN-008.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-008.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: true,
    stage: Stage::Load,
};

impl Rule for Gen008 {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _out: &mut Sink) {}
}
