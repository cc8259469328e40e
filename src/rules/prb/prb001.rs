//! PRB-001: Problems are resolved by their due date.

use crate::model::kinds::Problem;
use crate::model::kinds::problem::ProblemStatus;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::Duty;
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
        for (p, duty) in duties(cx) {
            out.checked();
            let Some(duty) = duty.filter(|d| d.overdue_on(cx.as_of)) else { continue };
            let (id, due, as_of, status) = (p.id.value.as_str(), p.due.value, cx.as_of, p.status.value);
            let status_zh = status.zh();
            out.overdue(
                &duty,
                msg!(
                    "problem `{id}` was due on {due} and is still `{status}` (as of {as_of})",
                    "问题 `{id}` 应于 {due} 解决，截至 {as_of} 仍为“{status_zh}”状态"
                ),
            );
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter_map(|(_, d)| d));
    }
}

/// Every problem, with its duty while it is neither resolved nor closed.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Problem, Option<Duty>)> + 'a {
    cx.records.problems.iter().map(|p| {
        let done = matches!(p.status.value, ProblemStatus::Resolved | ProblemStatus::Closed);
        let id = p.id.value.as_str();
        let duty = (!done).then(|| {
            let what = msg!("resolve problem {id}", "解决问题 {id}");
            Duty::new(META.id, Kind::Problem, id, None, p.due.value, p.due.span, what)
                .help(msg!(
                    "find the root cause, fix it through a change and set `status: resolved`, or agree a new `due` date",
                    "请查明根本原因、通过变更消除问题并改为 `status: resolved`，或商定新的 `due` 日期"
                ))
                .owner(Some(&p.owner.value))
        });
        (p, duty)
    })
}
