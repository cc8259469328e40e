//! TRN-002: a person with a role in an emergency plan is trained in emergency response.

use super::util::training_duty;
use std::collections::HashMap;

use crate::calendar::dates::Interval;
use crate::model::kinds::emergency_plan::{EmergencyPlan, EmergencyRole};
use crate::model::kinds::training::TrainingTopic;
use crate::model::kinds::{Engagement, Training};
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, label_records_from};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Trn002;

static META: Meta = Meta {
    id: "TRN-002",
    severity: Severity::Warning,
    section: "§3.5, §6.3",
    title_en: "A person with a role in an emergency plan is trained in emergency response",
    title_zh: "应急预案中承担角色的人员须接受应急响应培训",
    explanation_en: "The people an emergency plan names (§6.3) lead the response when a major incident \
strikes; the manual's training duty (§3.5) applies to them with the emergency procedures as the \
subject. Every active person named in an EmergencyPlan's `roles[].person` must have attended a \
Training with `topic: emergency-response` within the last `security_training_interval_months` \
(12 by default); the first is due one interval after the latest of the person's `joined` date, \
the term's start and the Engagement's `records_from`.",
    explanation_zh: "应急预案（§6.3）中指定的人员，在重大事件发生时负责组织处置；对他们而言，手册的培\
训要求（§3.5）就是应急处置流程的培训。应急预案 `roles[].person` 所列的每名在岗人员，在最近 `security_training_interval_months`（\
默认 12）个月内须参加过一次应急响应培训（`Training`，`topic: emergency-response`）；首次培训应在入场\
日期 `joined`、合同期开始日和服务项目的 `records_from` 三者中最晚者后一个周期内完成。",
    failing: include_str!("../../../fixtures/TRN-002.failing.yaml"),
    passing: include_str!("../../../fixtures/TRN-002.passing.yaml"),
    params: &["security_training_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Trn002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for d in duties(cx) {
            out.checked();
            let Some(message) = d.periodic.message(&d.duty.what) else { continue };
            let f = out.overdue(&d.duty, message);
            let (pid, name) = (d.plan.id.value.as_str(), d.role.role.value.as_str());
            f.label(d.role.person.span, msg!("role `{name}` in plan {pid}", "应急预案 {pid} 中的角色“{name}”"));
            if let Some(t) = d.last {
                let tid = t.id.value.as_str();
                f.label(t.held_at.span, msg!("last emergency-response training {tid}", "最近一次应急响应培训 {tid}"));
            }
            label_records_from(f, d.engagement, d.periodic.start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|d| d.periodic.fires()).map(|d| d.duty));
    }
}

/// The emergency-response training a person with a plan role owes.
struct RoleDuty<'a> {
    plan: &'a EmergencyPlan,
    role: &'a EmergencyRole,
    engagement: &'a Engagement,
    periodic: Periodic,
    last: Option<&'a Training>,
    duty: Duty,
}

fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = RoleDuty<'a>> + 'a {
    let interval = Interval::Months(cx.policy.security_training_interval_months);
    // Person id → the first role naming the person, in file order, by id or unique name
    // (Context::person); a shared name or the customer's staff written as text is nobody.
    let mut roles: HashMap<&str, (&EmergencyPlan, &EmergencyRole)> = HashMap::new();
    for plan in &cx.records.emergency_plans {
        for role in &plan.roles {
            if let Some(p) = cx.person(&role.person.value) {
                roles.entry(p.id.value.as_str()).or_insert((plan, role));
            }
        }
    }
    cx.records.people.iter().filter_map(move |person| {
        let &(plan, role) = roles.get(person.id.value.as_str())?;
        let (eng, periodic, last) = training_duty(cx, person, TrainingTopic::EmergencyResponse, interval)?;
        let (id, pid, name) = (person.id.value.as_str(), plan.id.value.as_str(), role.role.value.as_str());
        let who = cx.person_zh(id);
        let what = msg!(
            "emergency-response training attended by {id} ({name} in plan {pid})",
            "应急预案 {pid} 中的“{name}”{who}参加的应急响应培训"
        );
        let duty = Duty::new(META.id, Kind::Person, id, None, periodic.due, person.id.span, what)
            .help(msg!(
                "record the session as a Training with `topic: emergency-response` and {id} among its `attendees`",
                "请以 `Training` 记录培训（`topic: emergency-response`），并将 `{id}` 列入 `attendees`"
            ))
            .owner(Some(id));
        Some(RoleDuty { plan, role, engagement: eng, periodic, last, duty })
    })
}
