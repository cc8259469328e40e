//! EMR-003: Emergency plans are reviewed within the review interval.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr003;

static META: Meta = Meta {
    id: "EMR-003",
    severity: Severity::Warning,
    section: "§6.3",
    title_en: "Emergency plans are reviewed within the review interval",
    title_zh: "应急预案须按周期评审",
    explanation_en: "Systems, people and suppliers change; an emergency plan must follow (§6.3). A plan whose `reviewed_at` is older than `plan_review_interval_months` (12 by default) at the as-of date is due for review.",
    explanation_zh: "系统、人员和供应商都会变化,应急预案须随之更新(§6.3)。`reviewed_at` 距评估日超过 `plan_review_interval_months`(默认 12)个月的预案应重新评审。",
    failing: "kind: EmergencyPlan\nid: EP-CORE\nversion: \"3.1\"\nreviewed_at: 2025-09-30\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断超过 30 分钟, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-zhang-wei}\nresources: [同城灾备中心]\n---\nkind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n---\nkind: Drill\nid: DR-2026-05\nplan: EP-CORE\nheld_at: 2026-05-23\nscenario: 主数据中心存储故障\noutcome: passed\nevaluation: 切换用时 48 分钟\n",
    passing: "kind: EmergencyPlan\nid: EP-CORE\nversion: \"3.1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断超过 30 分钟, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-zhang-wei}\nresources: [同城灾备中心]\n---\nkind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n---\nkind: Drill\nid: DR-2026-05\nplan: EP-CORE\nheld_at: 2026-05-23\nscenario: 主数据中心存储故障\noutcome: passed\nevaluation: 切换用时 48 分钟\n",
    params: &["plan_review_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Emr003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        let interval = Interval::Months(cx.policy.plan_review_interval_months);
        for plan in &cx.records.emergency_plans {
            out.checked();
            let reviewed = plan.reviewed_at.value;
            let due = interval.after(reviewed);
            if cx.as_of > due {
                let (id, as_of, n) = (plan.id.value.as_str(), cx.as_of, cx.policy.plan_review_interval_months);
                out.report(plan.reviewed_at.span, msg!("plan `{id}` was last reviewed on {reviewed}; a review every {n} months was due by {due} (as of {as_of})", "预案 `{id}` 最近一次评审在 {reviewed};每 {n} 个月评审一次,应于 {due} 前完成(评估日 {as_of})"))
                    .record(Kind::EmergencyPlan, id);
            }
        }
    }
}
