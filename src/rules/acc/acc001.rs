//! ACC-001: a failed or conditional acceptance records its follow-up.

use crate::model::kinds::acceptance::AcceptanceResult;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage, has_text};

pub struct Acc001;

static META: Meta = Meta {
    id: "ACC-001",
    severity: Severity::Error,
    section: "§2.4",
    title_en: "A failed or conditional acceptance records its follow-up",
    title_zh: "验收未通过或有条件通过时须记录后续措施",
    explanation_en: "Acceptance (§2.4) marks the formal hand-over of a delivery, and the manual's \
acceptance steps include the follow-up support after it. An Acceptance whose `result` is \
`failed` or `conditional` is not the end of the delivery: the record must say in `follow_up` what \
happens next — the rework, the missing part, who does it and by when. Without it nobody owns \
closing the gap and the delivery stays half-accepted.",
    explanation_zh: "验收（§2.4）标志着交付成果的正式移交，手册的验收步骤也包括验收后的后续支持。`result` \
为 `failed`（未通过）或 `conditional`（有条件通过）的验收并不意味着交付结束：记录须在 `follow_up` 中\
写明后续措施——返工内容、待补部分、责任人及完成时间。没有后续措施，就无人负责弥补差距，交付始终处于“半\
验收”状态。",
    failing: include_str!("../../../fixtures/ACC-001.failing.yaml"),
    passing: include_str!("../../../fixtures/ACC-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Acc001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for a in &cx.records.acceptances {
            let result = a.result.value;
            if result == AcceptanceResult::Passed
                || a.accepted_at.value > cx.as_of
                || cx.engagement_of(RecordView::Acceptance(a)).is_none()
            {
                continue;
            }
            out.checked();
            if has_text(&a.follow_up) || cx.index.value_left_out(Kind::Acceptance, &a.id.value, "follow_up") {
                continue;
            }
            let (id, subject) = (a.id.value.as_str(), a.subject.value.as_str());
            let (result_en, result_zh) = match result {
                AcceptanceResult::Failed => ("failed", "未通过"),
                _ => ("was only conditionally accepted", "为有条件通过"),
            };
            let result_label = result.zh();
            out.report(
                a.id.span,
                msg!(
                    "acceptance {id} of “{subject}” {result_en} but records no `follow_up`",
                    "“{subject}”的验收 {id} {result_zh}，但未记录后续措施 `follow_up`"
                ),
            )
            .label(a.result.span, msg!("result `{result}`", "验收结果：{result_label}"))
            .help(msg!(
                "write in `follow_up` what is reworked or delivered, by whom and by when",
                "请在 `follow_up` 中写明返工或补交内容、责任人及完成时间"
            ))
            .record(Kind::Acceptance, id);
        }
    }
}
