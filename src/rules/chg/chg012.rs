//! CHG-012: Implemented major and critical changes are reviewed.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg012;

static META: Meta = Meta {
    id: "CHG-012",
    severity: Severity::Warning,
    section: "§2.3, §6.5",
    title_en: "Implemented major and critical changes are reviewed",
    title_zh: "已实施的重大及特别重大变更须进行变更回顾",
    explanation_en: "After a major or critical change the manual expects a post-implementation review (§2.3, §6.5, 变更回顾): what went as planned, what did not, what to change next time. An implemented major or critical change without `review` is reported.",
    explanation_zh: "重大及特别重大变更实施后,手册要求进行变更回顾(§2.3、§6.5):哪些按计划完成、哪些没有、下次如何改进。已实施但没有 `review` 的重大或特别重大变更将被报告。",
    failing: include_str!("../../../fixtures/CHG-012.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-012.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg012 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::ChangeClass;
        for c in &cx.records.changes {
            if !matches!(c.class.value, ChangeClass::Major | ChangeClass::Critical) || c.implementation.is_none() {
                continue;
            }
            out.checked();
            // A review dated after as-of had not happened yet.
            if c.review.as_deref().is_none_or(|r| !cx.known(crate::model::RecordView::Change(c), &r.at.value)) {
                let (id, class) = (c.id.value.as_str(), c.class.value);
                out.report(
                    c.id.span,
                    msg!(
                        "implemented `{class}` change `{id}` has no post-implementation `review`",
                        "已实施的 `{class}` 变更 `{id}` 没有变更回顾 `review`"
                    ),
                )
                .record(Kind::Change, id);
            }
        }
    }
}
