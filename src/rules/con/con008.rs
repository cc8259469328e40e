//! CON-008: Contract about to expire without a renewal decision or a handover.

use super::util::blank;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con008;

static META: Meta = Meta {
    id: "CON-008",
    severity: Severity::Warning,
    section: "§1.4, §7.1",
    title_en: "Contract about to expire without a renewal decision or a handover",
    title_zh: "合同即将到期但既无续约决定也无退出交接",
    explanation_en: "A contract that ends within `contract_expiry_warning_days` (90 by default) of the as-of date needs a decision (§1.4, §7.1): either a renewal, written in `term.renewal`, or an exit, recorded as a Handover. Without either, the service may simply stop on the last day.",
    explanation_zh: "合同在评估日后 `contract_expiry_warning_days`（默认 90）天内到期的，须作出决定（§1.4、§7.1）：续约（写入 `term.renewal`），或退出（以退出交接记录 `Handover` 办理交接）。两者都没有，服务可能在合同到期当天戛然而止。",
    failing: include_str!("../../../fixtures/CON-008.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-008.passing.yaml"),
    params: &["contract_expiry_warning_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con008 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let window = i64::from(cx.policy.contract_expiry_warning_days);
        let as_of = cx.as_of;
        for eng in &cx.records.engagements {
            out.checked();
            let end = eng.term.end.value;
            let left = crate::calendar::dates::days_between(cx.as_of, end);
            if left < 0 || left > window {
                continue;
            }
            if eng.term.renewal.as_ref().is_some_and(|r| !blank(r)) {
                continue;
            }
            let has_handover = cx.records.handovers.iter().any(|h| {
                cx.engagement_of(crate::model::RecordView::Handover(h)).is_some_and(|e| e.value == eng.id.value)
            });
            if has_handover {
                continue;
            }
            out.report(
                eng.term.end.span,
                msg!(
                    "the term ends on {end}, {left} days after {as_of}, with no renewal decision and no Handover",
                    "服务期于 {end} 到期，距 {as_of} 仅 {left} 天，既无续约决定也无交接记录"
                ),
            )
            .help(msg!(
                "write the decision in `term.renewal`, or start the exit with a Handover record",
                "请在 `term.renewal` 中写明续约决定，或以 `Handover` 记录启动退出交接"
            ))
            .record(Kind::Engagement, &eng.id);
        }
    }
}
