//! EMR-002: each emergency plan is drilled every interval; a failed or partial drill lists its actions.

use crate::calendar::dates::Interval;
use crate::model::kinds::drill::DrillOutcome;
use crate::model::kinds::{Drill, Engagement};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, report_periodic};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr002;

static META: Meta = Meta {
    id: "EMR-002",
    severity: Severity::Error,
    section: "§6.3",
    title_en: "Each emergency plan is drilled every interval; a failed or partial drill lists its actions",
    title_zh: "应急预案须按周期演练，演练失败或部分成功须列出改进措施",
    explanation_en: "A plan that is never rehearsed fails when it is needed (§6.3, 应急演练). Each \
EmergencyPlan needs a Drill (`plan` naming it) held within the last `drill_interval_months` (12 \
by default); the first is due one interval after the term starts (or after the Engagement's \
`records_from` when that is later), whatever the plan's \
`reviewed_at` (a review is not a drill). A Drill whose `outcome` is `failed` or `partial` must list \
the `actions` taken from it, or the same shortfall waits for the real emergency.",
    explanation_zh: "从未演练过的预案，真正需要时往往不管用（§6.3，应急演练）。每份应急预案（`EmergencyPlan`）\
在最近 `drill_interval_months`（默认 12）个月内，至少须有一次应急演练（`Drill`，其 `plan` 指向该预案\
）；首次演练应在合同期开始（或服务项目的 `records_from`，取较晚者）后一个周期内完成，与预案的评审日期 `reviewed_at` \
无关（评审不能代替演练）。演练结果 `outcome` 为失败（`failed`）或部分成功（`partial`）的，须列出由此\
产生的改进措施 `actions`，否则同样的问题会留到真正的突发事件中。",
    failing: include_str!("../../../fixtures/EMR-002.failing.yaml"),
    passing: include_str!("../../../fixtures/EMR-002.passing.yaml"),
    params: &["drill_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Emr002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (eng, p, last, duty) in duties(cx) {
            out.checked();
            let Some(f) = report_periodic(out, eng, &p, &duty) else { continue };
            if let Some(d) = last {
                let did = d.id.value.as_str();
                f.label(d.held_at.span, msg!("last drill {did}", "最近一次演练 {did}"));
            }
        }
        for d in &cx.records.drills {
            // §6.3: a drill that fell short in part needs its improvements as a failed one does.
            if d.outcome.value == DrillOutcome::Passed
                || d.held_at.value > cx.as_of
                || cx.engagement_of(RecordView::Drill(d)).is_none()
            {
                continue;
            }
            out.checked();
            if d.actions.iter().any(|a| !a.value.trim().is_empty()) {
                continue;
            }
            let (id, on) = (d.id.value.as_str(), d.held_at.value);
            let (message, label) = match d.outcome.value {
                DrillOutcome::Failed => (
                    msg!(
                        "drill {id} on {on} failed but lists no `actions` to fix what failed",
                        "应急演练 {id}（{on}）失败，但未列出改进措施 `actions`"
                    ),
                    msg!("failed", "演练失败"),
                ),
                _ => (
                    msg!(
                        "drill {id} on {on} passed only in part but lists no `actions` to fix what fell short",
                        "应急演练 {id}（{on}）仅部分成功，但未列出改进措施 `actions`"
                    ),
                    msg!("partial", "部分成功"),
                ),
            };
            out.report(d.id.span, message)
            .label(d.outcome.span, label)
            .help(msg!(
                "list in `actions` what is changed in the plan, systems or training, and when the drill is repeated",
                "请在 `actions` 中列出对预案、系统或培训的改进，以及复演安排"
            ))
            .record(Kind::Drill, id)
            .about(&["actions"]);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, p, ..)| p.fires()).map(|(.., d)| d));
    }
}

/// Each emergency plan's next drill.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, Periodic, Option<&'a Drill>, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.drill_interval_months);
    cx.records.emergency_plans.iter().filter_map(move |plan| {
        let eng = cx.engagement_for(RecordView::EmergencyPlan(plan))?;
        let day = judged_at(cx, eng)?;
        let last = cx
            .records
            .drills
            .iter()
            .filter(|d| d.plan.value == plan.id.value && d.held_at.value <= day)
            .max_by_key(|d| d.held_at.value);
        let p = Periodic::new(cx, eng, last.map(|d| d.held_at.value), duty_start(eng, None), interval, day);
        let pid = plan.id.value.as_str();
        let what = msg!("drill of emergency plan {pid}", "应急预案 {pid} 的应急演练");
        let duty = Duty::new(META.id, Kind::EmergencyPlan, pid, None, p.due, plan.id.span, what).help(msg!(
            "hold a drill of the plan and record it as a Drill with `plan: {pid}`",
            "请组织该预案的应急演练，并以 `Drill` 记录（`plan: {pid}`）"
        ));
        Some((eng, p, last, duty))
    })
}
