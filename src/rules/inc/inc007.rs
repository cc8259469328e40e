//! INC-007: Resolved tickets record their response time.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc007;

static META: Meta = Meta {
    id: "INC-007",
    severity: Severity::Warning,
    section: "§5.1",
    title_en: "Resolved tickets record their response time",
    title_zh: "已解决的事件须记录响应时间",
    explanation_en: "A resolved ticket without `responded_at` cannot show when it was answered; the SLA report then takes the first resolution as the response (sla.md), which may hide a slow answer. The warning makes the data gap visible instead of passing it silently (§5.1).",
    explanation_zh: "已解决的工单没有 `responded_at`，就无法证明何时响应；SLA 报告会以首次解决时间作为响应时间，可能掩盖响应迟缓的问题。本警告让这一数据缺口显现出来，而不是悄然放过（§5.1）。",
    failing: include_str!("../../../fixtures/INC-007.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-007.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc007 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for inc in &cx.records.incidents {
            let id = inc.id.value.as_str();
            if inc.is_cancelled() {
                continue;
            }
            out.checked();
            if cx.resolved(inc).is_some()
                && inc
                    .responded_at
                    .as_ref()
                    .is_none_or(|r| !cx.known(crate::model::RecordView::Incident(inc), &r.value))
            {
                out.report(
                    inc.id.span,
                    msg!(
                        "resolved ticket `{id}` has no `responded_at`; the response clock stops at its resolution",
                        "已解决的工单 `{id}` 缺少 `responded_at`；响应计时将以解决时间为准"
                    ),
                )
                .record(Kind::Incident, id)
                .about(&["responded_at"]);
            }
        }
    }
}
