//! TRN-002: People with an emergency role are trained in emergency response.

use super::util::training_duty;
use crate::model::kinds::training::TrainingTopic;
use crate::model::{Msg, Severity};
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

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        // `{id}` is filled in per person by `training_duty`.
        let what = Msg::new("emergency-response training of {id}", "{id} 的应急响应培训");
        training_duty(cx, out, TrainingTopic::EmergencyResponse, &what, |p| {
            cx.records.emergency_plans.iter().any(|plan| plan.roles.iter().any(|r| r.person.value == p.id.value))
        });
    }
}
