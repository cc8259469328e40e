//! INC-003: Resolved tickets record their cause and resolution.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::has_text;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc003;

static META: Meta = Meta {
    id: "INC-003",
    severity: Severity::Warning,
    section: "§2.3, §5.2",
    title_en: "Resolved tickets record their cause and resolution",
    title_zh: "已解决的事件须记录原因和解决措施",
    explanation_en: "A resolved ticket without its cause and how it was resolved teaches nothing (§2.3, §5.2): problem management, the knowledge base and the monthly report all draw on these two fields.",
    explanation_zh: "已解决的工单若不记录原因和解决措施，就无法积累经验（§2.3、§5.2）：问题管理、知识库和月度报告都依赖这两个字段。",
    failing: include_str!("../../../fixtures/INC-003.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for inc in &cx.records.incidents {
            let id = inc.id.value.as_str();
            if inc.is_cancelled() {
                continue;
            }
            out.checked();
            if cx.resolved(inc).is_none() {
                continue;
            }
            let present =
                [("cause", "故障原因", has_text(&inc.cause)), ("resolution", "解决措施", has_text(&inc.resolution))];
            if let Some((list, list_zh)) = cx.missing(Kind::Incident, id, "", &present) {
                out.report(
                    inc.id.span,
                    msg!("resolved ticket `{id}` records no {list}", "已解决的工单 `{id}` 未记录{list_zh}"),
                )
                .record(Kind::Incident, id);
            }
        }
    }
}
