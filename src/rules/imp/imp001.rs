//! IMP-001: an improvement is done by its due date and then evaluated (PDCA).

use crate::model::kinds::Improvement;
use crate::model::kinds::improvement::ImprovementStatus;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Imp001;

static META: Meta = Meta {
    id: "IMP-001",
    severity: Severity::Error,
    section: "§2.5, §5.4, §5.5",
    title_en: "An improvement is done by its due date and its effect evaluated",
    title_zh: "服务改进计划须按期完成并评估效果",
    explanation_en: "Continual improvement follows the PDCA cycle (§2.5, §5.4, §5.5): plan, do, check, \
act. An Improvement not `done` after its `due` date is late — `planned`, `in-progress` or \
`dropped` alike: dropping a plan does not close the finding that prompted it, so a dropped plan \
needs a waiver (or a new plan) that says why; one marked `done` without an `evaluation` dated on or before the \
as-of day skipped the \"check\": nobody knows whether the measures worked.",
    explanation_zh: "持续改进遵循 PDCA 循环（§2.5、§5.4、§5.5）：计划、执行、检查、处理。服务改进计划\
过了计划完成日期 `due` 仍未完成（`done`）的，即为逾期，无论其状态是已计划（`planned`）、进行中（`in-progress`）\
还是已放弃（`dropped`）：放弃计划并不能关闭引发该计划的问题，放弃的计划须有例外审批（或新的计划）说明\
理由。标记为已完成（`done`）却没有评估日当日或之前的效果评估 `evaluation` 的，跳过了“检查”环节：没有\
人知道改进措施是否见效。",
    failing: include_str!("../../../fixtures/IMP-001.failing.yaml"),
    passing: include_str!("../../../fixtures/IMP-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Imp001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for i in &cx.records.improvements {
            if cx.engagement_of(RecordView::Improvement(i)).is_none() {
                continue;
            }
            out.checked();
            let (id, due, status) = (i.id.value.as_str(), i.due.value, i.status.value);
            match status {
                ImprovementStatus::Done => {
                    if i.evaluation.as_ref().is_some_and(|e| e.at.value <= as_of) {
                        continue;
                    }
                    out.report(
                        i.id.span,
                        msg!(
                            "improvement {id} is done but has no `evaluation` of whether its measures worked",
                            "服务改进计划 {id} 已完成，但没有评估改进措施是否见效的 `evaluation`"
                        ),
                    )
                    .label(i.status.span, msg!("done", "已完成"))
                    .help(msg!(
                        "add `evaluation: {{at, effective, notes}}` once the effect has been checked",
                        "检查效果后请补充 `evaluation: {{at, effective, notes}}`"
                    ))
                    .record(Kind::Improvement, id)
                    .about(&["evaluation"]);
                }
                // "Not done" (rules.md) includes `dropped`: giving a plan up is recorded with a
                // waiver or a new plan, not by a status that silences the finding.
                ImprovementStatus::Planned | ImprovementStatus::InProgress | ImprovementStatus::Dropped => {
                    let duty = duty(i);
                    if !duty.overdue_on(as_of) {
                        continue;
                    }
                    let status_zh = status.zh();
                    let late_n = crate::calendar::dates::days_between(due, as_of);
                    let late = if late_n == 1 { "1 day".to_owned() } else { format!("{late_n} days") };
                    out.overdue(
                        &duty,
                        msg!(
                            "improvement {id} was due on {due} and is `{status}`, not done, as of {as_of}: {late} late",
                            "服务改进计划 {id} 应于 {due} 完成，截至 {as_of} 已逾期 {late_n} 天，状态为“{status_zh}”，未完成"
                        ),
                    )
                    .label(i.status.span, msg!("status", "状态"));
                }
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for i in &cx.records.improvements {
            if cx.engagement_of(RecordView::Improvement(i)).is_some() && i.status.value != ImprovementStatus::Done {
                out.push(duty(i));
            }
        }
    }
}

/// An improvement to carry out by its due date.
fn duty(i: &Improvement) -> Duty {
    let id = i.id.value.as_str();
    let what = msg!("carry out improvement {id}", "完成服务改进计划 {id}");
    Duty::new(META.id, Kind::Improvement, id, None, i.due.value, i.due.span, what)
        .help(msg!(
            "finish it and set `status: done`, or agree a new due date with the customer (a plan given up needs a waiver that says why)",
            "请完成后改为 `status: done`，或与客户商定新的完成日期（放弃计划须以例外审批说明原因）"
        ))
        .owner(Some(&i.owner.value))
}
