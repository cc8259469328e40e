//! CON-003: Fees: amount, currency, period and payment terms.

use super::util::blank;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con003;

static META: Meta = Meta {
    id: "CON-003",
    severity: Severity::Error,
    section: "§1.4",
    title_en: "Fees: amount, currency, period and payment terms",
    title_zh: "服务费用须明确金额、币种、计费周期和支付条款",
    explanation_en: "The contract fixes the fees (§1.4): a positive amount, its currency, the period it covers and the payment terms. Service credits and the monthly fee of the SLA report are computed from them, so an amount of zero or empty payment terms make both meaningless.",
    explanation_zh: "合同须明确服务费用（§1.4）：大于零的金额、币种、计费周期和支付条款。服务费扣减和 SLA 报告中的月度服务费都据此计算，金额为零或支付条款为空，二者就失去意义。",
    failing: include_str!("../../../fixtures/CON-003.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            out.checked();
            let id = eng.id.value.as_str();
            let fees = &eng.fees;
            let amount = fees.amount.value.value;
            if fees.amount.value.exact <= crate::model::Exact::ZERO {
                out.report(
                    fees.amount.span,
                    msg!("fee amount is {amount}; it must be greater than zero", "服务费金额为 {amount}，须大于零"),
                )
                .record(Kind::Engagement, id);
            }
            if blank(&fees.payment_terms) {
                out.report(fees.payment_terms.span, msg!("payment terms are empty", "支付条款为空"))
                    .help(msg!("e.g. `payment_terms: 次月 15 日前支付`", "例如 `payment_terms：次月 15 日前支付`"))
                    .record(Kind::Engagement, id);
            }
        }
    }
}
