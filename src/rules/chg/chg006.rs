//! CHG-006: Implemented changes are verified; failed ones rolled back or followed up.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg006;

static META: Meta = Meta {
    id: "CHG-006",
    severity: Severity::Error,
    section: "§6.1, §6.5",
    title_en: "Implemented changes are verified; failed ones rolled back or followed up",
    title_zh: "已实施的变更须经验证，验证失败须回退或跟进",
    explanation_en: "After implementation a change is verified (§6.1, 变更验证): who checked, when, the result, and the functional, performance and security checks. An implemented change without `verification` is unverified. A failed verification must be answered by a `rollback` or by a follow-up change whose `follows` names this one.",
    explanation_zh: "变更实施后须进行验证（§6.1）：验证人、验证时间、验证结果，以及功能、性能、安全检查。已实施但没有验证记录 `verification` 的变更，视为未验证。验证不通过的，须回退（`rollback`），或以在 `follows` 中引用本变更的后续变更加以处理。",
    failing: include_str!("../../../fixtures/CHG-006.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-006.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg006 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::{ChangeStatus as S, CheckResult};
        for c in &cx.records.changes {
            let Some(imp) = &c.implementation else { continue };
            if matches!(c.status.value, S::Cancelled | S::Rejected)
                || imp.finished_at.instant
                    >= cx.as_of_end(
                        &cx.engagement_for(RecordView::Change(c))
                            .map_or_else(crate::model::scalar::default_tz, |e| e.tz()),
                    )
            {
                continue;
            }
            out.checked();
            let id = c.id.value.as_str();
            // A verification dated after as-of had not happened yet.
            match c.verification.as_deref().filter(|v| cx.known(RecordView::Change(c), &v.at.value)) {
                None => {
                    out.report(
                        c.id.span,
                        msg!(
                            "implemented change `{id}` has no `verification`",
                            "已实施的变更 `{id}` 没有验证记录（`verification`）"
                        ),
                    )
                    .label(imp.finished_at.span, msg!("implemented", "实施完成"))
                    .record(Kind::Change, id)
                    .about(&["verification"]);
                }
                Some(v) => {
                    let checks = &v.checks.value;
                    let gaps = cx.missing(
                        Kind::Change,
                        id,
                        "verification.checks",
                        &[
                            ("functional", "功能", checks.functional.is_some()),
                            ("performance", "性能", checks.performance.is_some()),
                            ("security", "安全", checks.security.is_some()),
                        ],
                    );
                    if let Some((list, list_zh)) = gaps {
                        out.report(
                            v.checks.span,
                            msg!(
                                "verification of `{id}` records no {list} check (write `passed`, `failed` or `n/a`)",
                                "变更 `{id}` 的验证未记录{list_zh}检查结果（请填写 `passed`、`failed` 或 `n/a`）"
                            ),
                        )
                        .record(Kind::Change, id);
                    }
                    if v.result.value == CheckResult::Failed {
                        let followed = cx
                            .records
                            .changes
                            .iter()
                            .any(|o| o.follows.as_ref().is_some_and(|f| f.value == c.id.value));
                        if c.rollback.is_none() && !followed {
                            out.report(v.result.span, msg!("verification of `{id}` failed, and there is neither a `rollback` nor a change that `follows` it", "变更 `{id}` 验证未通过，但既无回退记录（`rollback`），也无引用它的后续变更（`follows`）"))
                                .record(Kind::Change, id);
                        }
                    }
                }
            }
        }
    }
}
