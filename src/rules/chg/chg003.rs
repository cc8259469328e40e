//! CHG-003: The impact assessment covers business, technical, security and cost.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg003;

static META: Meta = Meta {
    id: "CHG-003",
    severity: Severity::Error,
    section: "§6.2",
    title_en: "The impact assessment covers business, technical, security and cost",
    title_zh: "变更影响评估须涵盖业务、技术、安全和成本",
    explanation_en: "The impact assessment (§6.2, 变更影响评估) looks at four sides of a change: business, technical, security and cost. For major and critical changes a missing side is an error; for normal changes a warning; standard (pre-approved) changes are exempt.",
    explanation_zh: "变更影响评估（§6.2）须从业务、技术、安全、成本四个方面进行。重大变更和特别重大变更缺少任一方面的，报告为错误；一般变更报告为警告；标准变更（预先批准的例行变更）不作要求。",
    failing: include_str!("../../../fixtures/CHG-003.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg003 {
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
            let id = c.id.value.as_str();
            let i = &c.impact;
            use crate::rules::has_text;
            let present = [
                ("business", "业务", has_text(&i.business)),
                ("technical", "技术", has_text(&i.technical)),
                ("security", "安全", has_text(&i.security)),
                ("cost", "成本", has_text(&i.cost)),
            ];
            if let Some((list, list_zh)) = cx.missing(Kind::Change, id, "impact", &present) {
                let class_zh = class.zh();
                let f = out
                    .report(
                        i.anchor,
                        msg!(
                            "the impact assessment of `{class}` change `{id}` lacks: {list}",
                            "{class_zh} `{id}` 缺少{list_zh}影响评估"
                        ),
                    )
                    .record(Kind::Change, id);
                if class == ChangeClass::Normal {
                    f.severity = Severity::Warning;
                }
            }
        }
    }
}
