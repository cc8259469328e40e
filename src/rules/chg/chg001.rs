//! CHG-001: A change request is complete.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg001;

static META: Meta = Meta {
    id: "CHG-001",
    severity: Severity::Error,
    section: "§6.1",
    title_en: "A change request is complete",
    title_zh: "变更申请须要素齐全",
    explanation_en: "A change starts with a complete request (§6.1, 变更申请): who asks and when, what is changed, which services it affects, what impact is expected and the risk. These fields are required by the record format; this rule also refuses them written empty, and an empty list of impacted services.",
    explanation_zh: "变更始于完整的变更申请（§6.1）：申请人及申请时间、变更内容、受影响的服务、预期影响和风险。这些字段在记录格式中为必填；本规则同时拒绝空白内容和空的受影响服务列表。",
    failing: include_str!("../../../fixtures/CHG-001.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in &cx.records.changes {
            out.checked();
            let id = c.id.value.as_str();
            for (name, zh, text) in [
                ("requested_by", "申请人", &c.requested_by),
                ("description", "变更内容", &c.description),
                ("impact.expected", "预期影响", &c.impact.expected),
            ] {
                if text.value.trim().is_empty() {
                    out.report(
                        text.span,
                        msg!("change request `{id}`: `{name}` is empty", "变更申请 `{id}`:{zh}（`{name}`）为空"),
                    )
                    .record(Kind::Change, id);
                }
            }
            if c.impact.services.is_empty() {
                let at = c.impact.services.span.unwrap_or(c.impact.anchor);
                out.report(
                    at,
                    msg!("change request `{id}` names no impacted service", "变更申请 `{id}` 未列出受影响的服务"),
                )
                .record(Kind::Change, id);
            }
        }
    }
}
