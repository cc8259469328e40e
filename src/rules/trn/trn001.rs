//! TRN-001: Active staff attend security-awareness training every interval.

use super::util::training_duty;
use crate::model::kinds::training::TrainingTopic;
use crate::model::{Msg, Severity};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Trn001;

static META: Meta = Meta {
    id: "TRN-001",
    severity: Severity::Error,
    section: "§3.5, §4.1",
    title_en: "Active staff attend security-awareness training every interval",
    title_zh: "在岗人员须按周期参加信息安全意识培训",
    explanation_en: "Security awareness is trained regularly (§3.5): every active person must have attended a Training of topic `security-awareness` within `security_training_interval_months` (12 by default); the first is due one interval after the person joined.",
    explanation_zh: "信息安全意识须定期培训(§3.5):每名在岗人员须在 `security_training_interval_months`(默认 12)个月内参加过 `topic: security-awareness` 的培训;首次培训应在入场后一个周期内完成。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-03-01\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-03-01\n---\nkind: Training\nid: TRN-2026-SEC-01\ntopic: security-awareness\nheld_at: 2026-03-18\nattendees: [p-li-na]\n",
    params: &["security_training_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Trn001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        // `{id}` is filled in per person by `training_duty`.
        let what = Msg::new("security-awareness training of {id}", "{id} 的信息安全意识培训");
        training_duty(cx, out, TrainingTopic::SecurityAwareness, &what, |_| true);
    }
}
