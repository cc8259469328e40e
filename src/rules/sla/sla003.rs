//! SLA-003: MTTR and MTBF targets are set.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sla003;

static META: Meta = Meta {
    id: "SLA-003",
    severity: Severity::Warning,
    section: "§2.1",
    title_en: "MTTR and MTBF targets are set",
    title_zh: "须设定平均修复时间（MTTR）和平均故障间隔时间（MTBF）目标",
    explanation_en: "The manual names mean time to repair and mean time between failures among the service targets (§2.1). Without `mttr_max` and `mtbf_min` the SLA report can compute both figures but not say whether they are good enough.",
    explanation_zh: "手册将平均修复时间和平均故障间隔时间列为服务目标（§2.1）。未设定 `mttr_max` 和 `mtbf_min` 的，SLA 报告虽能计算这两项指标，却无法判断是否达标。",
    failing: include_str!("../../../fixtures/SLA-003.failing.yaml"),
    passing: include_str!("../../../fixtures/SLA-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sla003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for sla in &cx.records.slas {
            out.checked();
            let sid = sla.id.value.as_str();
            let present = [
                ("mttr_max", "平均修复时间（MTTR）", sla.mttr_max.is_some()),
                ("mtbf_min", "平均故障间隔时间（MTBF）", sla.mtbf_min.is_some()),
            ];
            if let Some((list, list_zh)) = cx.missing(Kind::Sla, sid, "", &present) {
                out.report(sla.id.span, msg!("Sla `{sid}` sets no {list} target", "SLA `{sid}` 未设定{list_zh}目标"))
                    .record(Kind::Sla, sid);
            }
        }
    }
}
