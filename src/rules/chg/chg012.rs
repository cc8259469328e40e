//! CHG-012: implemented changes of the classes that need it are reviewed.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

use crate::model::kinds::change::ChangeClass;

pub struct Chg012;

static META: Meta = Meta {
    id: "CHG-012",
    severity: Severity::Error,
    section: "§2.3, §6.5",
    title_en: "Implemented changes are reviewed",
    title_zh: "已实施的变更须进行变更回顾",
    explanation_en: "After a change the manual expects a post-implementation review (§2.3, §6.5, 变更回顾): what went as planned, what did not, what to change next time. An implemented change of a class in `review_required_classes` (by default normal, major and critical; standard changes are pre-approved routine work) without a `review` dated by the as-of day is reported: a warning for a normal change, an error for a major or critical one, whose review the manual stresses. Setting the rule to `warning` in `[rules]` makes every finding a warning.",
    explanation_zh: "变更实施后，手册要求进行变更回顾（§2.3、§6.5）：哪些按计划完成，哪些没有，下次如何改进。`review_required_classes` 所列类别（默认为一般变更、重大变更和特别重大变更；标准变更是预先批准的例行工作）的变更已实施，但截至评估日没有变更回顾 `review` 的，予以报告：一般变更为警告，重大变更和特别重大变更为错误。在 `[rules]` 中将本规则设为 `warning` 时，全部按警告报告。",
    failing: include_str!("../../../fixtures/CHG-012.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-012.passing.yaml"),
    params: &["review_required_classes"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg012 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in &cx.records.changes {
            let class = c.class.value;
            if !cx.policy.review_required_classes.contains(&class) || c.implementation.is_none() {
                continue;
            }
            out.checked();
            // A review dated after as-of had not happened yet.
            if c.review.as_deref().is_none_or(|r| !cx.known(RecordView::Change(c), &r.at.value)) {
                let (id, class_zh) = (c.id.value.as_str(), class.zh());
                let f = out
                    .report(
                        c.id.span,
                        msg!(
                            "implemented `{class}` change `{id}` has no post-implementation `review`",
                            "已实施的{class_zh} `{id}` 没有变更回顾（`review`）"
                        ),
                    )
                    .record(Kind::Change, id)
                    .about(&["review"]);
                // The manual stresses the review of major and critical changes (§6.5); for a
                // normal change a missing one is a warning. Never above the configured level.
                if class == ChangeClass::Normal {
                    f.severity = f.severity.min(Severity::Warning);
                }
            }
        }
    }
}
