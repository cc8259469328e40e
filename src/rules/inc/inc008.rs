//! INC-008: a major incident is classified at one of its emergency plan's levels, and gets its
//! written analysis report (事件分析报告) by the review deadline.

use std::collections::HashMap;

use crate::model::kinds::incident::{Incident, IncidentLevel};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

use super::util::{MajorReviewDue, major_review_due};

pub struct Inc008;

static META: Meta = Meta {
    id: "INC-008",
    severity: Severity::Error,
    section: "§6.4",
    title_en: "A major incident is classified at a level of its emergency plan and gets an analysis report",
    title_zh: "重大事件须按应急预案分级，并形成事件分析报告",
    explanation_en: "The manual asks for major incidents to be graded and handled by the \
emergency plan, and for a written analysis once they are over (§6.4). When the engagement's \
EmergencyPlans define levels whose names start with a Roman numeral (`Ⅰ级(特别重大)`, `II`), a \
major incident's `level` (I–IV, or Ⅰ–Ⅳ) must be one of them; an incident without `level` is not \
judged on this point. A major incident resolved more than `major_review_workdays` (5 by \
default) working days before the as-of date (INC-004's deadline) needs its analysis report: \
`review.report`, the path of the document.",
    explanation_zh: "手册要求按应急预案对重大事件分级处置，并在处置结束后形成书面分析（§6.4）。服务项目的\
应急预案（`EmergencyPlan`）定义了以罗马数字开头的级别（如 `Ⅰ级(特别重大)`、`II`）时，重大事件的 \
`level`（`I`–`IV` 或 Ⅰ–Ⅳ）须为其中之一；未填写 `level` 的工单不就此判断。重大事件在评估日之前已解决超过 \
`major_review_workdays`（默认 5）个工作日（即 INC-004 的期限）的，须有事件分析报告：`review.report`，\
即报告文件的路径。",
    failing: include_str!("../../../fixtures/INC-008.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-008.passing.yaml"),
    params: &["major_review_workdays"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc008 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let levels = plan_levels(cx);
        for inc in &cx.records.incidents {
            if !inc.is_major() || inc.is_cancelled() {
                continue;
            }
            let Some(eng) = cx.engagement_of(RecordView::Incident(inc)) else { continue };
            out.checked();
            let (Some(level), Some(defined)) = (&inc.level, levels.get(eng.value.as_str())) else { continue };
            if defined.contains(&level.value) {
                continue;
            }
            let id = inc.id.value.as_str();
            let (written, written_zh) = (level.value, level.value.zh());
            let list_en = defined.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ");
            let list_zh = defined.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、");
            out.report(
                level.span,
                msg!(
                    "major incident {id} is at level {written}, which the emergency plan does not define (levels: {list_en})",
                    "重大事件 {id} 定为{written_zh}，应急预案中没有该级别（已定义的级别：{list_zh}）"
                ),
            )
            .help(msg!(
                "use one of the plan's levels, or add the level to the EmergencyPlan's `levels`",
                "请使用应急预案中定义的级别，或在应急预案的 `levels` 中增加该级别"
            ))
            .record(Kind::Incident, id)
            .about(&["level"]);
        }
        let as_of = cx.as_of;
        for (inc, due, duty) in report_duties(cx) {
            out.checked();
            if !duty.overdue_on(as_of) {
                continue;
            }
            let (id, resolved, deadline) = (inc.id.value.as_str(), due.resolved_day, due.deadline);
            out.overdue(
                &duty,
                msg!(
                    "major incident {id} was resolved on {resolved} and has no analysis report (`review.report`); it was due by {deadline}",
                    "重大事件 {id} 已于 {resolved} 解决，但没有事件分析报告（`review.report`）；应于 {deadline} 前完成"
                ),
            )
            .label(due.resolved_at, msg!("resolved", "解决时间"));
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(report_duties(cx).map(|(.., d)| d));
    }
}

/// The levels each engagement's emergency plans define, read from their leading numeral.
fn plan_levels<'a>(cx: &Context<'a>) -> HashMap<&'a str, Vec<IncidentLevel>> {
    let mut out: HashMap<&'a str, Vec<IncidentLevel>> = HashMap::new();
    for plan in &cx.records.emergency_plans {
        let Some(eng) = cx.engagement_of(RecordView::EmergencyPlan(plan)) else { continue };
        for l in plan.levels.iter().filter_map(|l| IncidentLevel::of_plan_level(&l.level.value)) {
            let levels = out.entry(eng.value.as_str()).or_default();
            if !levels.contains(&l) {
                levels.push(l);
            }
        }
    }
    for levels in out.values_mut() {
        levels.sort_unstable();
    }
    out
}

/// Resolved major incidents without an analysis report.
fn report_duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Incident, MajorReviewDue<'a>, Duty)> + 'a {
    cx.records.incidents.iter().filter_map(move |inc| {
        let due = major_review_due(cx, inc)?;
        // A report counts once its review is complete by the end of the as-of day.
        let review = inc.review.as_deref();
        if review.is_some_and(|r| r.report.is_some() && cx.known(RecordView::Incident(inc), &r.completed_at.value)) {
            return None;
        }
        let id = inc.id.value.as_str();
        let what = msg!("analysis report of major incident {id}", "重大事件 {id} 的事件分析报告");
        let duty = Duty::new(META.id, Kind::Incident, id, Some("analysis-report"), due.deadline, inc.id.span, what)
            .help(msg!(
                "write the analysis report and give its path as `review.report`",
                "请编写事件分析报告，并在 `review.report` 中填写其路径"
            ));
        Some((inc, due, duty))
    })
}
