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
    explanation_zh: "客户满意度是服务考核指标之一(§5.1、§5.3)。SLA 应写明达标标准:最低平均分(`satisfaction_min`,1–5 分)或最低满意率(`satisfaction_rate_min`,4 分及以上评分所占百分比)。",
    failing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry]}\nliability: {service_interruption: a, data_loss: b, system_failure: c}\nsupport: {response: a, problem_process: b, maintenance_cycle: c}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\nmttr_max: 2h\nmtbf_min: 15d\n",
    passing: "kind: Engagement\nid: demo\ntitle: 示例服务项目\ncustomer: {name: 示例银行}\nprovider: {name: 示例服务商}\nterm: {start: 2025-07-01, end: 2027-06-30}\nscope:\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]\nfees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}\ntermination: {notice_days: 30, conditions: [contract-expiry]}\nliability: {service_interruption: a, data_loss: b, system_failure: c}\nsupport: {response: a, problem_process: b, maintenance_cycle: c}\n---\nkind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\nmttr_max: 2h\nmtbf_min: 15d\nsatisfaction_rate_min: 80\n",
    params: &[],
    configurable: true,
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
                    "请添加 `satisfaction_min`(平均分 1–5)或 `satisfaction_rate_min`(百分比)"
                ))
                .record(Kind::Sla, sid);
            }
        }
    }
}
