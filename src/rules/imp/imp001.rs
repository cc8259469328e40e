//! IMP-001: Improvements are done on time and evaluated.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Imp001;

static META: Meta = Meta {
    id: "IMP-001",
    severity: Severity::Error,
    section: "§2.5, §5.4, §5.5",
    title_en: "Improvements are done on time and evaluated",
    title_zh: "改进计划须按期完成并评估效果",
    explanation_en: "Improvement follows the PDCA cycle (§2.5, §5.4, §5.5): plan, do, check, act. An improvement past its `due` date that is neither done nor dropped is late; one marked done without an `evaluation` skipped the check of whether it worked.",
    explanation_zh: "服务改进遵循 PDCA 循环(§2.5、§5.4、§5.5):计划、执行、检查、处理。超过 `due` 仍未完成(也未放弃)的改进计划即为逾期;标记为完成却没有 `evaluation`(效果评估)的,则跳过了“检查”环节。",
    failing: "kind: Improvement\nid: IMP-2026-03\ngoal: 月度服务报告增加风险趋势分析\nmeasures: [修订报告模板]\nowner: p-zhang-wei\ndue: 2026-08-31\nstatus: done\n",
    passing: "kind: Improvement\nid: IMP-2026-03\ngoal: 月度服务报告增加风险趋势分析\nmeasures: [修订报告模板]\nowner: p-zhang-wei\ndue: 2026-08-31\nstatus: done\nevaluation: {at: 2026-09-30, effective: true}\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Imp001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::improvement::ImprovementStatus as S;
        let as_of = cx.as_of;
        for i in &cx.records.improvements {
            out.checked();
            let (id, due, status) = (i.id.value.as_str(), i.due.value, i.status.value);
            match status {
                S::Done if i.evaluation.is_none() => {
                    out.report(
                        i.status.span,
                        msg!(
                            "improvement `{id}` is done but has no `evaluation` of its effect",
                            "改进计划 `{id}` 已完成,但没有效果评估 `evaluation`"
                        ),
                    )
                    .record(Kind::Improvement, id);
                }
                S::Planned | S::InProgress if due < as_of => {
                    out.report(
                        i.due.span,
                        msg!(
                            "improvement `{id}` was due on {due} and is still `{status}` (as of {as_of})",
                            "改进计划 `{id}` 应于 {due} 完成,截至 {as_of} 仍为 `{status}`"
                        ),
                    )
                    .record(Kind::Improvement, id);
                }
                _ => {}
            }
        }
    }
}
