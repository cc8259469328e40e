//! EMR-002: Each plan is drilled within the drill interval; failed drills have actions.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr002;

static META: Meta = Meta {
    id: "EMR-002",
    severity: Severity::Error,
    section: "§6.3",
    title_en: "Each plan is drilled within the drill interval; failed drills have actions",
    title_zh: "应急预案须按周期演练,演练失败须有改进措施",
    explanation_en: "A plan that is never rehearsed fails when it is needed (§6.3). Each EmergencyPlan needs a Drill within `drill_interval_months` (12 by default); the first is due one interval after the later of the term start and the plan's first review. A drill that failed must list the `actions` taken from it.",
    explanation_zh: "从未演练的预案在真正需要时往往失效(§6.3)。每份应急预案须在 `drill_interval_months`(默认 12)个月内至少演练一次;首次演练应在合同期开始或预案首次评审(取较晚者)后一个周期内完成。演练失败的须列出改进措施 `actions`。",
    failing: "kind: EmergencyPlan\nid: EP-CORE\nversion: \"3.1\"\nreviewed_at: 2025-07-01\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断超过 30 分钟, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-zhang-wei}\nresources: [同城灾备中心]\n---\nkind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n---\nkind: Drill\nid: DR-2026-05\nplan: EP-CORE\nheld_at: 2025-09-20\nscenario: 主数据中心存储故障\noutcome: passed\nevaluation: 切换用时 48 分钟\n",
    passing: "kind: EmergencyPlan\nid: EP-CORE\nversion: \"3.1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断超过 30 分钟, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-zhang-wei}\nresources: [同城灾备中心]\n---\nkind: Person\nid: p-zhang-wei\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n---\nkind: Drill\nid: DR-2026-05\nplan: EP-CORE\nheld_at: 2026-05-23\nscenario: 主数据中心存储故障\noutcome: passed\nevaluation: 切换用时 48 分钟\n",
    params: &["drill_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Emr002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        use crate::model::kinds::drill::DrillOutcome;
        use crate::rules::duty::{judged_at, latest_until, overdue, periodic_message};
        let interval = Interval::Months(cx.policy.drill_interval_months);
        for plan in &cx.records.emergency_plans {
            let Some(eng) = cx.engagement_for(RecordView::EmergencyPlan(plan)) else { continue };
            let Some(day) = judged_at(cx, eng) else { continue };
            out.checked();
            let pid = plan.id.value.as_str();
            let drills = cx.records.drills.iter().filter(|d| d.plan.value == plan.id.value);
            let last = latest_until(drills.map(|d| d.held_at.value), day);
            let start = eng.term.start.value;
            if let Some(o) = overdue(last, start, interval, day) {
                let what = msg!("drill of plan", "预案演练");
                let m = periodic_message(&what, o, start, interval, day);
                out.report(
                    plan.id.span,
                    crate::model::Msg::new(format!("plan `{pid}`: {}", m.en), format!("预案 `{pid}`:{}", m.zh)),
                )
                .record(Kind::EmergencyPlan, pid);
            }
        }
        for d in &cx.records.drills {
            out.checked();
            if d.outcome.value == DrillOutcome::Failed && d.actions.is_empty() && d.held_at.value <= cx.as_of {
                let id = d.id.value.as_str();
                out.report(
                    d.outcome.span,
                    msg!("drill `{id}` failed and lists no `actions`", "演练 `{id}` 失败,但未列出改进措施 `actions`"),
                )
                .record(Kind::Drill, id);
            }
        }
    }
}
