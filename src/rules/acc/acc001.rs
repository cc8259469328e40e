//! ACC-001: Failed or conditional acceptance has a follow-up.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Acc001;

static META: Meta = Meta {
    id: "ACC-001",
    severity: Severity::Error,
    section: "§2.4",
    title_en: "Failed or conditional acceptance has a follow-up",
    title_zh: "验收未通过或有条件通过时须有后续措施",
    explanation_en: "An acceptance that failed, or passed on conditions, is not the end of the delivery (§2.4): the record must say what happens next — the rework, the missing part, the date. Without `follow_up` nobody owns closing the gap.",
    explanation_zh: "验收未通过或有条件通过并不意味着交付结束(§2.4):记录须写明后续措施——返工内容、待补部分及完成时间。没有 `follow_up`,就无人负责关闭差距。",
    failing: "kind: Acceptance\nid: ACC-2026-07\nsubject: 服务台知识库建设\ncriteria: [知识条目不少于 300 条]\nresult: conditional\naccepted_by: 周敏\naccepted_at: 2026-08-28\n",
    passing: "kind: Acceptance\nid: ACC-2026-07\nsubject: 服务台知识库建设\ncriteria: [知识条目不少于 300 条]\nresult: conditional\naccepted_by: 周敏\naccepted_at: 2026-08-28\nfollow_up: 10 月底前补充 50 条分行常见问题\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Acc001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::acceptance::AcceptanceResult;
        for a in &cx.records.acceptances {
            out.checked();
            if a.result.value == AcceptanceResult::Passed {
                continue;
            }
            if a.follow_up.as_ref().is_none_or(|f| f.value.trim().is_empty()) {
                let (id, result) = (a.id.value.as_str(), a.result.value);
                out.report(
                    a.result.span,
                    msg!(
                        "acceptance `{id}` is `{result}` but records no `follow_up`",
                        "验收 `{id}` 结果为 `{result}`,但未记录后续措施 `follow_up`"
                    ),
                )
                .record(Kind::Acceptance, id);
            }
        }
    }
}
