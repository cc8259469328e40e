//! TRN-001: Active staff attend security-awareness training every interval.

use crate::model::{Kind, Severity};
use crate::msg;
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

            out.checked();
            let sessions = cx.records.trainings.iter().filter(|t| {
                t.topic.value == TrainingTopic::SecurityAwareness && t.attendees.iter().any(|a| a.value == p.id.value)
            });
            let last = latest_until(sessions.map(|t| t.held_at.value), as_of);
            let start = p.joined.value;
            if let Some(o) = overdue(last, start, interval, as_of) {
                let id = p.id.value.as_str();
                let what = msg!("security-awareness training of {id}", "{id} 的信息安全意识培训");
                out.report(p.id.span, periodic_message(&what, o, start, interval, as_of)).record(Kind::Person, id);
            }
        }
    }
}
