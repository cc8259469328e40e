//! PRB-002: Known errors have a workaround.

use crate::model::kinds::problem::ProblemStatus;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Prb002;

static META: Meta = Meta {
    id: "PRB-002",
    severity: Severity::Warning,
    section: "§5.2",
    title_en: "Known errors have a workaround",
    title_zh: "已知错误须有临时解决方案",
    explanation_en: "A known error is a problem whose cause is understood but not yet removed (§5.2). Its value lies in the workaround that lets the service desk restore service quickly until the fix; a known error without one helps nobody.",
    explanation_zh: "已知错误是原因已查明但尚未根除的问题（§5.2）。其价值在于临时解决方案，使服务台在根本修复前能快速恢复服务；没有临时解决方案的已知错误没有实际作用。",
    failing: include_str!("../../../fixtures/PRB-002.failing.yaml"),
    passing: include_str!("../../../fixtures/PRB-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Prb002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for p in &cx.records.problems {
            out.checked();
            let id = p.id.value.as_str();
            let done = matches!(p.status.value, ProblemStatus::Resolved | ProblemStatus::Closed);
            let known = p.known_error.as_ref().is_some_and(|k| k.value) || p.status.value == ProblemStatus::KnownError;
            let has_workaround = p.workaround.as_ref().is_some_and(|w| !w.value.trim().is_empty());
            let _ = done;
            if known && !has_workaround {
                out.report(
                    p.id.span,
                    msg!("known error `{id}` has no workaround", "已知错误 `{id}` 没有临时解决方案（`workaround`）"),
                )
                .record(Kind::Problem, id)
                .about(&["workaround"]);
            }
        }
    }
}
