//! CON-005: Termination notice at least the policy minimum.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con005;

static META: Meta = Meta {
    id: "CON-005",
    severity: Severity::Warning,
    section: "§7.1",
    title_en: "Termination notice at least the policy minimum",
    title_zh: "终止通知期不得短于策略规定的最短期限",
    explanation_en: "The manual expects written notice before the contract ends, usually 30 days as the contract says (§7.1), so that the handover can be prepared. A contract whose `termination.notice_days` is below the policy's `termination_notice_days` (30 by default) leaves too little time and is warned about; a notice period exactly at the minimum passes. The contract still governs the exit: HND-001 judges the notice actually given against the contract's `notice_days`.",
    explanation_zh: "手册要求合同终止前书面通知，通常提前 30 天或按合同约定（§7.1），以便准备交接。合同约定的 `termination.notice_days` 短于策略 `termination_notice_days`（默认 30 天）的，准备时间不足，予以警告；恰好等于最短期限视为符合。退出时仍以合同为准：HND-001 按合同约定的 `notice_days` 判断实际通知是否及时。",
    failing: include_str!("../../../fixtures/CON-005.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-005.passing.yaml"),
    params: &["termination_notice_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let min = cx.policy.termination_notice_days;
        for eng in &cx.records.engagements {
            out.checked();
            let days = eng.termination.notice_days.value;
            if days < min {
                out.report(
                    eng.termination.notice_days.span,
                    msg!(
                        "termination notice is {days} days; the policy asks for at least {min}",
                        "终止通知期为 {days} 天，策略要求至少 {min} 天"
                    ),
                )
                .record(Kind::Engagement, &eng.id);
            }
        }
    }
}
