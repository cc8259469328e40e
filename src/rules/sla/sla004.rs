//! SLA-004: A satisfaction target is set.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sla004;

static META: Meta = Meta {
    id: "SLA-004",
    severity: Severity::Warning,
    section: "§5.1, §5.3",
    title_en: "A satisfaction target is set",
    title_zh: "须设定客户满意度目标",
    explanation_en: "Customer satisfaction is one of the measures of the service (§5.1, §5.3). An Sla should say what counts as good enough: a minimum mean score (`satisfaction_min`, 1–5) or a minimum share of good scores (`satisfaction_rate_min`, percent of scores of 4 or 5).",
    explanation_zh: "客户满意度是服务考核指标之一（§5.1、§5.3）。SLA 应写明达标标准：最低平均分（`satisfaction_min`，1–5 分）或最低满意率（`satisfaction_rate_min`，4 分及以上评分所占百分比）。",
    failing: include_str!("../../../fixtures/SLA-004.failing.yaml"),
    passing: include_str!("../../../fixtures/SLA-004.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sla004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for sla in &cx.records.slas {
            out.checked();
            let sid = sla.id.value.as_str();
            if sla.satisfaction_min.is_none() && sla.satisfaction_rate_min.is_none() {
                out.report(
                    sla.id.span,
                    msg!("Sla `{sid}` sets no satisfaction target", "SLA `{sid}` 未设定满意度目标"),
                )
                .help(msg!(
                    "add `satisfaction_min` (mean score 1–5) or `satisfaction_rate_min` (percent)",
                    "请添加 `satisfaction_min`（平均分 1–5）或 `satisfaction_rate_min`（百分比）"
                ))
                .record(Kind::Sla, sid)
                .about(&["satisfaction_min", "satisfaction_rate_min"]);
            }
        }
    }
}
