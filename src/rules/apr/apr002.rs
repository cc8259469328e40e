//! APR-002: a poor appraisal comes with an improvement plan.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage, has_text};

pub struct Apr002;

static META: Meta = Meta {
    id: "APR-002",
    severity: Severity::Error,
    section: "§4.2",
    title_en: "A needs-improvement or unsatisfactory appraisal has an improvement plan",
    title_zh: "考核结果为待改进或不合格的，须有改进计划",
    explanation_en: "Appraisal results are there to be acted on (§4.2): an Appraisal performed on \
or before the as-of date with `result: needs-improvement` or `unsatisfactory` must say in \
`improvement_plan` what the person will do, with what support, by when.",
    explanation_zh: "绩效考核的结果须加以运用（§4.2）：评估日当天或之前完成、结果为待改进（`needs-improvement`）\
或不合格（`unsatisfactory`）的绩效考核（`Appraisal`），须在 `improvement_plan` 中写明改进措施、所需支持\
和完成时间。",
    failing: include_str!("../../../fixtures/APR-002.failing.yaml"),
    passing: include_str!("../../../fixtures/APR-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Apr002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for a in &cx.records.appraisals {
            if cx.engagement_of(RecordView::Appraisal(a)).is_none() || !cx.known_date(a.performed_at.value) {
                continue;
            }
            out.checked();
            if !a.needs_plan() || has_text(&a.improvement_plan) {
                continue;
            }
            let (aid, who, result) = (a.id.value.as_str(), a.person.value.as_str(), a.result.value);
            let (who_zh, result_zh) = (cx.person_zh(who), result.zh());
            out.report(
                a.result.span,
                msg!(
                    "appraisal {aid} of {who} is `{result}` and has no `improvement_plan`",
                    "{who_zh}的绩效考核 {aid} 结果为“{result_zh}”，但没有改进计划（`improvement_plan`）"
                ),
            )
            .help(msg!(
                "write the agreed improvement plan in `improvement_plan`",
                "请在 `improvement_plan` 中写明商定的改进计划"
            ))
            .record(Kind::Appraisal, aid)
            .about(&["improvement_plan"]);
        }
    }
}
