//! SLA-001: Availability target between 0 and 100, at least one priority.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sla001;

static META: Meta = Meta {
    id: "SLA-001",
    severity: Severity::Error,
    section: "§1.2, §2.1",
    title_en: "Availability target between 0 and 100, at least one priority",
    title_zh: "可用率目标须在 0 到 100 之间且至少定义一个优先级",
    explanation_en: "An Sla states a measurable availability target (§1.2, §2.1): a percentage greater than 0 and at most 100 — a target of 0 promises nothing — and at least one priority with its response and resolution times, without which no ticket can be measured.",
    explanation_zh: "SLA 须给出可衡量的可用率目标（§1.2、§2.1）：大于 0 且不超过 100 的百分比（目标为 0 等于没有承诺），并至少定义一个优先级及其响应时限和解决时限，否则任何工单都无法考核。",
    failing: include_str!("../../../fixtures/SLA-001.failing.yaml"),
    passing: include_str!("../../../fixtures/SLA-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sla001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for sla in &cx.records.slas {
            out.checked();
            let sid = sla.id.value.as_str();
            let target = sla.availability.target.value.value;
            let exact = sla.availability.target.value.exact;
            if exact <= crate::model::Exact::ZERO || exact > crate::model::Exact::HUNDRED {
                out.report(
                    sla.availability.target.span,
                    msg!(
                        "availability target is {target}%; it must be greater than 0 and at most 100",
                        "可用率目标为 {target}%，须大于 0 且不超过 100"
                    ),
                )
                .record(Kind::Sla, sid);
            }
            if sla.priorities.is_empty() {
                let at = sla.priorities.span.unwrap_or(sla.id.span);
                out.report(at, msg!("Sla `{sid}` defines no priority", "SLA `{sid}` 未定义任何优先级"))
                    .help(msg!(
                        "e.g. `P1: {{response: 15m, resolution: 4h}}`",
                        "例如 `P1: {{response: 15m, resolution: 4h}}`"
                    ))
                    .record(Kind::Sla, sid);
            }
        }
    }
}
