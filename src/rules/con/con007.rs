//! CON-007: Support: response mechanism, problem process, maintenance cycle.

use super::util::blank;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con007;

static META: Meta = Meta {
    id: "CON-007",
    severity: Severity::Error,
    section: "§1.4",
    title_en: "Support: response mechanism, problem process, maintenance cycle",
    title_zh: "技术支持须明确响应机制、问题处理流程和维护周期",
    explanation_en: "The contract states how support works (§1.4): how requests are answered, how problems are handled and how often maintenance is done. These are the fields of `support`; an empty one leaves the service without an agreed way of working.",
    explanation_zh: "合同须写明技术支持方式(§1.4):如何响应请求、如何处理问题、多久维护一次,分别对应 `support` 的字段;为空则服务缺少约定的工作方式。",
    failing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}\nliability: {service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}\nsupport: {response: 7×24 电话响应, problem_process: \"\", maintenance_cycle: 每月}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n",
    passing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}\nliability: {service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}\nsupport: {response: 7×24 电话响应, problem_process: 按问题管理流程, maintenance_cycle: 每月}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Con007 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            out.checked();
            let s = &eng.support;
            for (name, text) in [
                ("response", &s.response),
                ("problem_process", &s.problem_process),
                ("maintenance_cycle", &s.maintenance_cycle),
            ] {
                if blank(text) {
                    out.report(text.span, msg!("`support.{name}` is empty", "`support.{name}` 为空"))
                        .record(Kind::Engagement, &eng.id);
                }
            }
        }
    }
}
