//! CHG-004: a change's risk level matches the policy's risk matrix.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg004;

static META: Meta = Meta {
    id: "CHG-004",
    severity: Severity::Error,
    section: "§6.2",
    title_en: "Risk level matches the risk matrix",
    title_zh: "变更风险等级须与风险矩阵一致",
    explanation_en: "The impact assessment (§6.2) rates a change's likelihood and impact from 1 to 5; \
its risk level is not a free choice but the cell of the policy's `risk_matrix` (row = \
likelihood, column = impact). The level decides who must approve, so a level set lower than \
the matrix gives would let a risky change through with too little scrutiny.",
    explanation_zh: "变更影响评估（§6.2）对可能性和影响程度按 1–5 分评分；风险等级不能自行填写，而应\
取策略 `risk_matrix` 中对应单元格的等级（行为可能性，列为影响程度）。风险等级决定审批层级，填写的等级\
低于风险矩阵的结果，就会让高风险变更绕过应有的审批。",
    failing: include_str!("../../../fixtures/CHG-004.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-004.passing.yaml"),
    params: &["risk_matrix"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for change in &cx.records.changes {
            out.checked();
            let risk = &change.risk;
            let (l, i) = (risk.likelihood.value.0, risk.impact.value.0);
            let written = risk.level.value;
            match cx.policy.risk_level(l, i) {
                Some(expected) if expected == written => {}
                Some(expected) => {
                    let (written_zh, expected_zh) = (written.zh(), expected.zh());
                    out.report(
                        risk.level.span,
                        msg!(
                            "risk level `{written}` does not match the risk matrix: likelihood {l} × impact {i} is `{expected}`",
                            "风险等级“{written_zh}”与风险矩阵不符：按风险矩阵，可能性 {l} × 影响程度 {i} 对应风险等级“{expected_zh}”"
                        ),
                    )
                    .label(risk.likelihood.span, msg!("likelihood", "可能性"))
                    .label(risk.impact.span, msg!("impact", "影响程度"))
                    .help(msg!("write `level: {expected}`", "请改为 `level: {expected}`"))
                    .record(Kind::Change, &change.id);
                }
                None => {
                    let span = if (1..=5).contains(&l) { risk.impact.span } else { risk.likelihood.span };
                    out.report(
                        span,
                        msg!(
                            "likelihood {l} and impact {i} must each be from 1 to 5",
                            "可能性 {l} 与影响程度 {i} 均须在 1 到 5 之间"
                        ),
                    )
                    .record(Kind::Change, &change.id);
                }
            }
        }
    }
}
