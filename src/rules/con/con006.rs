//! CON-006: Liability covers service interruption, data loss and system failure.

use super::util::blank;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con006;

static META: Meta = Meta {
    id: "CON-006",
    severity: Severity::Error,
    section: "§1.4",
    title_en: "Liability covers service interruption, data loss and system failure",
    title_zh: "责任条款须覆盖服务中断、数据丢失和系统故障",
    explanation_en: "The contract must divide responsibility for the three failures an outsourcing customer fears most (§1.4): service interruption, data loss and system failure. Each is a field of `liability`; one written empty leaves that case unresolved until a dispute.",
    explanation_zh: "合同须就外包客户最关心的三类风险划分责任（§1.4）：服务中断、数据丢失和系统故障，分别对应 `liability` 的字段；任何一项为空，都要到争议发生时才去解决。",
    failing: include_str!("../../../fixtures/CON-006.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-006.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con006 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            out.checked();
            let l = &eng.liability;
            for (name, zh, text) in [
                ("service_interruption", "服务中断", &l.service_interruption),
                ("data_loss", "数据丢失", &l.data_loss),
                ("system_failure", "系统故障", &l.system_failure),
            ] {
                if blank(text) {
                    out.report(
                        text.span,
                        msg!("`liability.{name}` is empty", "{zh}的责任约定（`liability.{name}`）为空"),
                    )
                    .record(Kind::Engagement, &eng.id);
                }
            }
        }
    }
}
