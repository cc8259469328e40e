//! CHG-005: Implemented changes record the implementation, inside the approved window.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg005;

static META: Meta = Meta {
    id: "CHG-005",
    severity: Severity::Error,
    section: "§6.1",
    title_en: "Implemented changes record the implementation, inside the approved window",
    title_zh: "已实施的变更须有实施记录，且在批准的变更窗口内实施",
    explanation_en: "A change whose status says it was implemented (implemented, verified, closed, rolled-back) must say who implemented it and when (§6.1). The implementation must lie inside the approved `schedule` window: starting earlier or finishing later is an unapproved change of its own.",
    explanation_zh: "状态表明已实施的变更（已实施 `implemented`、已验证 `verified`、已关闭 `closed`、已回退 `rolled-back`），须记录实施人和实施时间（§6.1）。实施须在批准的变更窗口 `schedule` 内进行：提前开始或延后结束，本身就是一次未经批准的变更。",
    failing: include_str!("../../../fixtures/CHG-005.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-005.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::ChangeStatus as S;
        for c in &cx.records.changes {
            out.checked();
            let id = c.id.value.as_str();
            let status = c.status.value;
            let status_zh = status.zh();
            let claims = matches!(status, S::Implemented | S::Verified | S::Closed | S::RolledBack);
            let Some(imp) = &c.implementation else {
                if claims {
                    out.report(
                        c.id.span,
                        msg!(
                            "change `{id}` is `{status}` but has no `implementation` record",
                            "变更 `{id}` 状态为“{status_zh}”，但没有实施记录（`implementation`）"
                        ),
                    )
                    .label(c.status.span, msg!("status", "状态"))
                    .record(Kind::Change, id)
                    .about(&["implementation"]);
                }
                continue;
            };
            let Some(window) = &c.schedule else { continue };
            if imp.started_at.instant < window.start.instant {
                let (a, b) = (cx.text(imp.started_at.span), cx.text(window.start.span));
                out.report(
                    imp.started_at.span,
                    msg!(
                        "implementation of `{id}` started ({a}) before the approved window ({b})",
                        "变更 `{id}` 的实施开始时间（{a}）早于批准的窗口（{b}）"
                    ),
                )
                .label(window.start.span, msg!("window starts", "窗口开始"))
                .record(Kind::Change, id);
            }
            if imp.finished_at.instant > window.end.instant {
                let (a, b) = (cx.text(imp.finished_at.span), cx.text(window.end.span));
                out.report(
                    imp.finished_at.span,
                    msg!(
                        "implementation of `{id}` finished ({a}) after the approved window ({b})",
                        "变更 `{id}` 的实施结束时间（{a}）晚于批准的窗口（{b}）"
                    ),
                )
                .label(window.end.span, msg!("window ends", "窗口结束"))
                .record(Kind::Change, id);
            }
        }
    }
}
