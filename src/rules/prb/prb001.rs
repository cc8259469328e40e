//! PRB-001: Problems are resolved by their due date.

use crate::model::kinds::problem::ProblemStatus;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Prb001;

static META: Meta = Meta {
    id: "PRB-001",
    severity: Severity::Error,
    section: "§2.3, §5.2",
    title_en: "Problems are resolved by their due date",
    title_zh: "问题须在到期日前解决",
    explanation_en: "Problem management (§2.3, §5.2) gives every problem an owner and a due date. A problem past its `due` date that is neither resolved nor closed is overdue: the incidents it causes keep coming back until it is fixed.",
    explanation_zh: "问题管理（§2.3、§5.2）要求每个问题都有责任人和到期日。超过 `due` 仍未解决或关闭的问题即已逾期：在修复之前，它引发的事件还会反复出现。",
    failing: include_str!("../../../fixtures/PRB-001.failing.yaml"),
    passing: include_str!("../../../fixtures/PRB-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Prb001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for p in &cx.records.problems {
            out.checked();
            let id = p.id.value.as_str();
            let done = matches!(p.status.value, ProblemStatus::Resolved | ProblemStatus::Closed);
            let (due, as_of) = (p.due.value, cx.as_of);
            if !done && due < as_of {
                let status = p.status.value;
                let status_zh = status.zh();
                out.report(
                    p.due.span,
                    msg!(
                        "problem `{id}` was due on {due} and is still `{status}` (as of {as_of})",
                        "问题 `{id}` 应于 {due} 解决，截至 {as_of} 仍为“{status_zh}”状态"
                    ),
                )
                .record(Kind::Problem, id);
            }
        }
    }
}
