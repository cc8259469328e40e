//! TRN-002: People with an emergency role are trained in emergency response.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Trn002;

static META: Meta = Meta {
    id: "TRN-002",
    severity: Severity::Warning,
    section: "§3.5, §6.3",
    title_en: "People with an emergency role are trained in emergency response",
    title_zh: "应急预案中的角色人员须接受应急响应培训",
    explanation_en: "The people an EmergencyPlan names in its `roles` lead the response to a major incident (§6.3); each needs emergency-response training (Training topic `emergency-response`) within `security_training_interval_months` (12 by default).",
    explanation_zh: "应急预案 `roles` 中指定的人员负责重大事件的应急处置(§6.3),每人须在 `security_training_interval_months`(默认 12)个月内参加过 `topic: emergency-response` 的培训。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-03-01\n---\nkind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: I, criteria: 核心交易中断, response: 15m}\nroles:\n  - {role: 数据库恢复负责人, person: p-li-na}\nresources: [灾备中心]\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-03-01\n---\nkind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: I, criteria: 核心交易中断, response: 15m}\nroles:\n  - {role: 数据库恢复负责人, person: p-li-na}\nresources: [灾备中心]\n---\nkind: Training\nid: TRN-2026-EMR-01\ntopic: emergency-response\nheld_at: 2026-03-18\nattendees: [p-li-na]\n",
    params: &["security_training_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Trn002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    #[allow(unused_variables)]
    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        use crate::model::kinds::training::TrainingTopic;
        use crate::rules::duty::{latest_until, overdue, periodic_message};
        let interval = Interval::Months(cx.policy.security_training_interval_months);
        let as_of = cx.as_of;
        for p in &cx.records.people {
            if p.joined.value > as_of || p.left.as_ref().is_some_and(|l| l.value <= as_of) {
                continue;
            }
            if !cx.records.emergency_plans.iter().any(|plan| plan.roles.iter().any(|r| r.person.value == p.id.value)) {
                continue;
            }
            out.checked();
            let sessions = cx.records.trainings.iter().filter(|t| {
                t.topic.value == TrainingTopic::EmergencyResponse && t.attendees.iter().any(|a| a.value == p.id.value)
            });
            let last = latest_until(sessions.map(|t| t.held_at.value), as_of);
            let start = p.joined.value;
            if let Some(o) = overdue(last, start, interval, as_of) {
                let id = p.id.value.as_str();
                let what = msg!("emergency-response training of {id}", "{id} 的应急响应培训");
                out.report(p.id.span, periodic_message(&what, o, start, interval, as_of)).record(Kind::Person, id);
            }
        }
    }
}
