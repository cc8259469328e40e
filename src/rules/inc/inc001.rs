//! INC-001: Priority is one the service's Sla defines.

use super::util::sla_of;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc001;

static META: Meta = Meta {
    id: "INC-001",
    severity: Severity::Error,
    section: "§1.3, §5.1",
    title_en: "Priority is one the service's Sla defines",
    title_zh: "事件优先级须为该服务 SLA 中定义的优先级",
    explanation_en: "Every ticket is measured against the targets of its priority in its service's Sla (§1.3, §5.1). A priority the Sla does not define — `p1` for `P1`, or a level of another service — means the ticket cannot be measured at all, and silently drops out of the SLA report. The same holds for every `priority_changes[].to`.",
    explanation_zh: "每张工单都按其服务 SLA 中对应优先级的时限考核（§1.3、§5.1）。SLA 中未定义的优先级（如把 `P1` 写成 `p1`，或用了其他服务的级别）会使工单无法考核，并悄然从 SLA 报告中消失。调整后的优先级 `priority_changes[].to` 同样适用本规则。",
    failing: include_str!("../../../fixtures/INC-001.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for inc in &cx.records.incidents {
            let id = inc.id.value.as_str();
            let Some((_, sla)) = sla_of(cx, inc) else { continue };
            out.checked();
            // The priority at opening and every priority it was changed to (sla.md, "Priority
            // changes"; revision2-decisions.md 3).
            let names: Vec<&str> = sla.priorities.iter().map(|(k, _)| k.value.as_str()).collect();
            let written = std::iter::once(&inc.priority).chain(inc.priority_changes.iter().map(|c| &c.value.to));
            for priority in written {
                let p = priority.value.as_str();
                if sla.priority(p).is_some() {
                    continue;
                }
                let (list, sid) = (names.join(", "), sla.id.value.as_str());
                let list_zh = crate::model::labels::zh_list(&names);
                let f = out
                    .report(
                        priority.span,
                        msg!(
                            "priority `{p}` is not defined by Sla `{sid}` ({list})",
                            "优先级 `{p}` 未在 SLA `{sid}` 中定义（已定义的优先级：{list_zh}）"
                        ),
                    )
                    .record(Kind::Incident, id);
                f.help = crate::model::decode::closest(p, names.iter().copied())
                    .map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
            }
        }
    }
}
