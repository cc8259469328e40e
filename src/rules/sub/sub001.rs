//! SUB-001: a subcontractor starts only after the customer has approved it.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sub001;

static META: Meta = Meta {
    id: "SUB-001",
    severity: Severity::Error,
    section: "§1.4",
    title_en: "A subcontractor starts only after the customer approved it",
    title_zh: "分包商须经客户批准后方可开始服务",
    explanation_en: "Banking outsourcing regulation requires the customer's prior approval before \
a provider subcontracts any part of the service; elsewhere it is good practice and usually a \
contract term (§1.4, responsibilities). A Subcontractor that has `started` on or before the \
as-of date needs a `customer_approval` dated on or before its `started` date.",
    explanation_zh: "银行业外包监管要求服务商在分包任何服务内容之前事先取得客户同意；在其他行业这也是良好实践，\
通常写入合同（§1.4 责任划分）。评估日当天或之前已开始服务（`started`）的分包商（`Subcontractor`），\
须有日期不晚于 `started` 的客户批准（`customer_approval`）。",
    failing: include_str!("../../../fixtures/SUB-001.failing.yaml"),
    passing: include_str!("../../../fixtures/SUB-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sub001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for s in &cx.records.subcontractors {
            if cx.engagement_of(RecordView::Subcontractor(s)).is_none() || !cx.known_date(s.started.value) {
                continue;
            }
            out.checked();
            let (id, name, started) = (s.id.value.as_str(), s.name.value.as_str(), s.started.value);
            let help = msg!(
                "record the customer's written approval as `customer_approval: {{by, at, evidence}}`; a subcontractor must not start before it",
                "请以 `customer_approval: {{by, at, evidence}}` 记录客户的书面批准；分包商不得在批准前开始服务"
            );
            match s.customer_approval.as_ref().filter(|a| cx.known_date(a.at.value)) {
                None => {
                    out.report(
                        s.id.span,
                        msg!(
                            "subcontractor {id} ({name}) started on {started} without the customer's approval",
                            "分包商 {id}（{name}）已于 {started} 开始服务，但未取得客户批准"
                        ),
                    )
                    .label(s.started.span, msg!("started", "开始服务"))
                    .help(help)
                    .record(Kind::Subcontractor, id)
                    .about(&["customer_approval"]);
                }
                Some(a) if a.at.value > started => {
                    let at = a.at.value;
                    out.report(
                        a.at.span,
                        msg!(
                            "subcontractor {id} ({name}) started on {started}, before the customer approved it on {at}",
                            "分包商 {id}（{name}）于 {started} 开始服务，早于客户批准日期 {at}"
                        ),
                    )
                    .label(s.started.span, msg!("started", "开始服务"))
                    .help(help)
                    .record(Kind::Subcontractor, id)
                    .about(&["customer_approval.at", "started"]);
                }
                Some(_) => {}
            }
        }
    }
}
