//! CON-009: Provider qualifications are current.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con009;

static META: Meta = Meta {
    id: "CON-009",
    severity: Severity::Warning,
    section: "§1.4, §4.1",
    title_en: "Provider qualifications are current",
    title_zh: "服务方资质须在有效期内",
    explanation_en: "The provider's qualifications — ITSS level, ISO/IEC 20000-1, ISO/IEC 27001 and the like — are often a condition of the contract (§1.4, §4.1). One whose `expires` date lies before the as-of date no longer backs the service and should be renewed or removed from the contract record.",
    explanation_zh: "服务方资质(ITSS 等级、ISO/IEC 20000-1、ISO/IEC 27001 等)常是合同条件(§1.4、§4.1)。`expires` 早于评估日的资质已不能为服务提供保证,应续证或从合同记录中移除。",
    failing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}\nliability: {service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}\nsupport: {response: 7×24 电话响应, problem_process: 按问题管理流程, maintenance_cycle: 每月}\nprovider_qualifications:\n  - {name: ISO/IEC 27001, expires: 2026-05-20}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n",
    passing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}\nliability: {service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}\nsupport: {response: 7×24 电话响应, problem_process: 按问题管理流程, maintenance_cycle: 每月}\nprovider_qualifications:\n  - {name: ISO/IEC 27001, expires: 2027-05-20}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Con009 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for eng in &cx.records.engagements {
            out.checked();
            for q in &eng.provider_qualifications {
                let Some(expires) = &q.expires else { continue };
                if expires.value < as_of {
                    let (name, day) = (q.name.value.as_str(), expires.value);
                    out.report(
                        expires.span,
                        msg!(
                            "provider qualification `{name}` expired on {day} (as of {as_of})",
                            "服务方资质 `{name}` 已于 {day} 过期(评估日 {as_of})"
                        ),
                    )
                    .record(Kind::Engagement, &eng.id);
                }
            }
        }
    }
}
