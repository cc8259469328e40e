//! PRB-003: Resolved problems record their root cause and the fixing change.

use crate::model::kinds::problem::ProblemStatus;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Prb003;

static META: Meta = Meta {
    id: "PRB-003",
    severity: Severity::Warning,
    section: "§2.3, §5.2, §6.5",
    title_en: "Resolved problems record their root cause and the fixing change",
    title_zh: "已解决的问题须记录根本原因和修复变更",
    explanation_en: "Closing a problem means its root cause was found and removed by a change (§2.3, §5.2, §6.5). A resolved or closed problem without `root_cause`, or without `fixed_by_change` naming that change, breaks the chain from incident to problem to change that an auditor follows.",
    explanation_zh: "关闭问题，意味着已查明根本原因并通过变更消除（§2.3、§5.2、§6.5）。已解决或已关闭的问题缺少根本原因 `root_cause`，或缺少指向修复变更的 `fixed_by_change` 的，审计人员就无法沿“事件—问题—变更”的链条追溯。",
    failing: include_str!("../../../fixtures/PRB-003.failing.yaml"),
    passing: include_str!("../../../fixtures/PRB-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Prb003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for p in &cx.records.problems {
            out.checked();
            let id = p.id.value.as_str();
            let done = matches!(p.status.value, ProblemStatus::Resolved | ProblemStatus::Closed);
            if done {
                let present = [
                    ("root_cause", "根本原因", crate::rules::has_text(&p.root_cause)),
                    ("fixed_by_change", "修复该问题的变更", p.fixed_by_change.is_some()),
                ];
                if let Some((list, list_zh)) = cx.missing(Kind::Problem, id, "", &present) {
                    let status = p.status.value;
                    let status_zh = status.zh();
                    out.report(
                        p.id.span,
                        msg!(
                            "`{status}` problem `{id}` records no {list}",
                            "状态为“{status_zh}”的问题 `{id}` 未记录{list_zh}"
                        ),
                    )
                    .record(Kind::Problem, id);
                }
            }
        }
    }
}
