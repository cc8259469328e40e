//! EMR-001: The engagement has an emergency plan.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr001;

static META: Meta = Meta {
    id: "EMR-001",
    severity: Severity::Error,
    section: "§6.3",
    title_en: "The engagement has an emergency plan",
    title_zh: "服务项目须有应急预案",
    explanation_en: "The manual requires an emergency plan (§6.3) with response levels, roles and resources, so that a major incident is handled by a rehearsed procedure rather than improvised. An engagement without any EmergencyPlan record is reported at the Engagement.",
    explanation_zh: "手册要求制定应急预案(§6.3),明确响应级别、角色和资源,使重大事件按演练过的流程处置,而非临场发挥。没有任何 EmergencyPlan 记录的服务项目在 Engagement 处报告。",
    failing: "kind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n",
    passing: "kind: EmergencyPlan\nid: EP-CORE\nversion: \"3.1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断超过 30 分钟, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-zhang-wei}\nresources: [同城灾备中心]\n---\nkind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Emr001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            if crate::rules::duty::judged_at(cx, eng).is_none() {
                continue;
            }
            out.checked();
            let has_plan = cx
                .records
                .emergency_plans
                .iter()
                .any(|p| cx.engagement_of(RecordView::EmergencyPlan(p)).is_some_and(|e| e.value == eng.id.value));
            if !has_plan {
                let id = eng.id.value.as_str();
                out.report(
                    eng.id.span,
                    msg!(
                        "engagement `{id}` has no emergency plan (EmergencyPlan)",
                        "服务项目 `{id}` 没有应急预案(EmergencyPlan)"
                    ),
                )
                .record(Kind::Engagement, id);
            }
        }
    }
}
