//! PLN-001: an approved service plan covers every day of the term (from the term's start plus
//! `plan_grace_days`), and says what it aims at and with whom.

use jiff::civil::Date;

use crate::calendar::dates::add_days;
use crate::model::kinds::{Engagement, ServicePlan};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, duty_start, ended, judged_at};
use crate::rules::{Context, Meta, Rule, Sink, Stage, by_engagement};

pub struct Pln001;

static META: Meta = Meta {
    id: "PLN-001",
    severity: Severity::Error,
    section: "§2.2",
    title_en: "An approved service plan covers the term, with objectives and resources",
    title_zh: "合同期内须有经批准的服务计划，并写明服务目标和资源配置",
    explanation_en: "The manual asks for a service plan with the service objectives, resource \
allocation, staffing, training plan and risk assessment (§2.2). From `plan_grace_days` (30 by \
default) after the term starts (or after `records_from`), every day up to the term's end must be \
covered by the `period` of a ServicePlan of the engagement that the customer approved \
(`approved_at`) on or before the as-of date. Every plan must list at least one of its \
`objectives` and one of its `resources`.",
    explanation_zh: "手册要求制定服务计划，明确服务目标、资源配置、人员安排、培训计划和风险评估等内容（§2.2）。\
自合同期开始（或 `records_from`）后 `plan_grace_days`（默认 30）天起，至合同期结束，每一天都须处于\
该服务项目某份服务计划（`ServicePlan`）的 `period` 之内，且该计划已于评估日当天或之前经客户批准\
（`approved_at`）。每份计划须至少列出一项服务目标（`objectives`）和一项资源配置（`resources`）。",
    failing: include_str!("../../../fixtures/PLN-001.failing.yaml"),
    passing: include_str!("../../../fixtures/PLN-001.passing.yaml"),
    params: &["plan_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Pln001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let plans = by_engagement(cx, &cx.records.service_plans, RecordView::ServicePlan);
        for eng in &cx.records.engagements {
            let Some((day, duty)) = coverage_duty(cx, eng, plans.get(eng.id.value.as_str())) else { continue };
            out.checked();
            if !duty.overdue_on(day) {
                continue;
            }
            let (id, since) = (eng.id.value.as_str(), add_days(duty.due, 1));
            let f = out.overdue(
                &duty,
                msg!(
                    "no approved service plan of engagement {id} covers {day}: none has since {since}",
                    "截至 {day}，服务项目 {id} 没有经批准且覆盖当日的服务计划：自 {since} 起即无有效计划"
                ),
            );
            // The plan that ended, or the one approved too late, says why.
            let own = plans.get(id).map(Vec::as_slice).unwrap_or_default();
            if let Some(late) = own.iter().find(|p| p.covers(day) && p.approved_at.value > day) {
                let at = late.approved_at.value;
                f.label(late.approved_at.span, msg!("approved only on {at}", "直至 {at} 才获批准"));
            } else if let Some(last) = own.iter().filter(|p| p.period.to.value < day).max_by_key(|p| p.period.to.value)
            {
                let to = last.period.to.value;
                f.label(last.period.to.span, msg!("the last plan ended on {to}", "最近一份服务计划于 {to} 到期"));
            }
        }
        // What a plan must say, whatever it covers.
        for plan in &cx.records.service_plans {
            if cx.engagement_of(RecordView::ServicePlan(plan)).is_none() {
                continue;
            }
            out.checked();
            let pid = plan.id.value.as_str();
            let objectives = plan.objectives.iter().any(|o| !o.value.trim().is_empty());
            let resources = !plan.resources.is_empty();
            let (en, zh, field) = match (objectives, resources) {
                (true, true) => continue,
                (false, true) => ("objectives", "服务目标（`objectives`）", "objectives"),
                (true, false) => ("resources", "资源配置（`resources`）", "resources"),
                (false, false) => ("objectives or resources", "服务目标和资源配置", "objectives"),
            };
            let at = match field {
                "resources" => plan.resources.span.unwrap_or(plan.id.span),
                _ => plan.objectives.span.unwrap_or(plan.id.span),
            };
            out.report(at, msg!("service plan {pid} has no {en}", "服务计划 {pid} 未写明{zh}"))
                .help(msg!(
                    "list the service objectives and the roles staffed (`resources: [{{role, persons, count}}]`)",
                    "请列出服务目标，以及各角色的人员安排（`resources: [{{role, persons, count}}]`）"
                ))
                .record(Kind::ServicePlan, pid)
                .about(&["objectives", "resources"]);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        let plans = by_engagement(cx, &cx.records.service_plans, RecordView::ServicePlan);
        for eng in &cx.records.engagements {
            if let Some((_, duty)) = coverage_duty(cx, eng, plans.get(eng.id.value.as_str()))
                && duty.due < ended(cx, eng)
            {
                out.push(duty);
            }
        }
    }
}

/// The judging day and the engagement's plan duty: due the last day before the first day,
/// on or after the judging day (or the first day a plan is required), that no approved plan
/// covers — once that day has passed, the rule reports it.
fn coverage_duty(cx: &Context<'_>, eng: &Engagement, plans: Option<&Vec<&ServicePlan>>) -> Option<(Date, Duty)> {
    let day = judged_at(cx, eng)?;
    let grace_due = add_days(duty_start(eng, None), i64::from(cx.policy.plan_grace_days));
    // The days approved plans cover, merged into runs.
    let mut spans: Vec<(Date, Date)> = plans
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|p| p.approved_at.value <= day && p.period.from.value <= p.period.to.value)
        .map(|p| (p.period.from.value, p.period.to.value))
        .collect();
    spans.sort_unstable();
    let mut runs: Vec<(Date, Date)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match runs.last_mut() {
            Some(last) if from <= add_days(last.1, 1) => last.1 = last.1.max(to),
            _ => runs.push((from, to)),
        }
    }
    let required = day.max(add_days(grace_due, 1));
    let due = match runs.iter().find(|(from, to)| *from <= required && required <= *to) {
        Some((_, to)) => *to,
        None => {
            runs.iter().map(|(_, to)| *to).filter(|to| *to < required).max().map_or(grace_due, |to| to.max(grace_due))
        }
    };
    let id = eng.id.value.as_str();
    let what = msg!("an approved service plan for engagement {id}", "服务项目 {id} 经批准的服务计划");
    let duty = Duty::new(META.id, Kind::Engagement, id, Some("service-plan"), due, eng.id.span, what).help(msg!(
        "record the plan the customer approved as a ServicePlan whose `period` covers the days ahead",
        "请以 `ServicePlan` 记录经客户批准的服务计划，其 `period` 须覆盖后续日期"
    ));
    Some((day, duty))
}
