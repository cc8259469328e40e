//! EMR-001: the engagement has an emergency plan.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr001;

static META: Meta = Meta {
    id: "EMR-001",
    severity: Severity::Error,
    section: "§6.3",
    title_en: "The engagement has an emergency plan",
    title_zh: "服务项目须制定应急预案",
    explanation_en: "The manual requires an emergency plan (§6.3, 应急预案) with response levels, roles \
and resources, so that a service outage, system failure or security incident is handled by a \
prepared and rehearsed procedure rather than improvised. From the start of its term an \
engagement must have at least one EmergencyPlan record; the finding points at the Engagement, \
since the duty is the engagement's. GB/T 20988-2007 describes what a disaster-recovery plan \
contains.",
    explanation_zh: "手册要求制定应急预案（§6.3），明确响应级别、角色分工和应急资源，使服务中断、系统\
故障或安全事件按事先准备并演练过的流程处置，而不是临场发挥。服务项目自合同期开始起，至少须有一份应急\
预案（`EmergencyPlan`）记录；该义务属于服务项目，因此发现项指向服务项目记录。灾难恢复预案的内容可参考 \
GB/T 20988-2007。",
    failing: include_str!("../../../fixtures/EMR-001.failing.yaml"),
    passing: include_str!("../../../fixtures/EMR-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Emr001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            if cx.as_of < eng.term.start.value {
                continue;
            }
            out.checked();
            let has_plan = cx
                .records
                .emergency_plans
                .iter()
                .any(|p| cx.engagement_of(RecordView::EmergencyPlan(p)).is_some_and(|e| e.value == eng.id.value));
            if has_plan {
                continue;
            }
            let (id, start) = (eng.id.value.as_str(), eng.term.start.value);
            out.report(
                eng.id.span,
                msg!(
                    "engagement {id} has no emergency plan, although its term started on {start}",
                    "服务项目 {id} 的服务期已于 {start} 开始，但没有应急预案"
                ),
            )
            .help(msg!(
                "write the plan as an EmergencyPlan with its `levels`, `roles` and `resources`",
                "请以 `EmergencyPlan` 记录应急预案，写明响应级别 `levels`、角色 `roles` 和资源 `resources`"
            ))
            .record(Kind::Engagement, id);
        }
    }
}
