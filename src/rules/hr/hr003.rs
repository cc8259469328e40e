//! HR-003: Staff are trained before they start.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr003;

static META: Meta = Meta {
    id: "HR-003",
    severity: Severity::Warning,
    section: "§4.1",
    title_en: "Staff are trained before they start",
    title_zh: "人员上岗前须完成岗前培训",
    explanation_en: "New staff are trained before they start work on the engagement (§4.1, 上岗前培训). A person needs a Training of topic `onboarding` that they attended on or before `joined` plus `onboarding_training_grace_days` (0 by default).",
    explanation_zh: "新进人员须在上岗前接受培训(§4.1)。每名人员须参加一次 `topic: onboarding` 的培训,日期不晚于 `joined` 加 `onboarding_training_grace_days`(默认 0)天。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\n---\nkind: Training\nid: TRN-2025-ONB-01\ntopic: onboarding\nheld_at: 2025-06-18\nattendees: [p-li-na]\n",
    params: &["onboarding_training_grace_days"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Hr003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::training::TrainingTopic;
        let grace = i64::from(cx.policy.onboarding_training_grace_days);
        for p in &cx.records.people {
            if p.joined.value > cx.as_of {
                continue;
            }
            out.checked();
            let by = crate::calendar::dates::add_days(p.joined.value, grace);
            if by > cx.as_of {
                continue; // the grace period is still running
            }
            let trained = cx.records.trainings.iter().any(|t| {
                t.topic.value == TrainingTopic::Onboarding
                    && t.held_at.value <= by
                    && t.attendees.iter().any(|a| a.value == p.id.value)
            });
            if !trained {
                let (id, joined) = (p.id.value.as_str(), p.joined.value);
                out.report(
                    p.id.span,
                    msg!(
                        "`{id}` (joined {joined}) attended no onboarding training by {by}",
                        "`{id}`({joined} 入场)在 {by} 前未参加岗前培训"
                    ),
                )
                .record(Kind::Person, id);
            }
        }
    }
}
