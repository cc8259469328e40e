//! CHG-007: Non-standard changes have a rollback plan.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg007;

static META: Meta = Meta {
    id: "CHG-007",
    severity: Severity::Error,
    section: "§6.1, §6.2",
    title_en: "Non-standard changes have a rollback plan",
    title_zh: "非标准变更须有回退方案",
    explanation_en: "Every change that is not a pre-approved standard change can fail, and must say beforehand how it will be undone (§6.1, §6.2, 回退方案). A normal, major or critical change without `rollback_plan` is reported.",
    explanation_zh: "凡不是预先批准的标准变更，都有失败的可能，须事先说明如何回退（§6.1、§6.2）。一般变更、重大变更和特别重大变更缺少回退方案 `rollback_plan` 的，予以报告。",
    failing: include_str!("../../../fixtures/CHG-007.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-007.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg007 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::ChangeClass;
        for c in &cx.records.changes {
            let class = c.class.value;
            if class == ChangeClass::Standard {
                continue;
            }
            out.checked();
            if c.rollback_plan.as_ref().is_none_or(|r| r.value.trim().is_empty()) {
                let (id, class_zh) = (c.id.value.as_str(), class.zh());
                out.report(
                    c.id.span,
                    msg!(
                        "`{class}` change `{id}` has no `rollback_plan`",
                        "{class_zh} `{id}` 没有回退方案（`rollback_plan`）"
                    ),
                )
                .label(c.class.span, msg!("class", "变更类别"))
                .record(Kind::Change, id)
                .about(&["rollback_plan"]);
            }
        }
    }
}
