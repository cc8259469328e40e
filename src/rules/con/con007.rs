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
    explanation_zh: "合同须写明技术支持方式（§1.4）：如何响应请求、如何处理问题、多久维护一次，分别对应 `support` 的字段；为空则服务缺少约定的工作方式。",
    failing: include_str!("../../../fixtures/CON-007.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-007.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
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
            for (name, zh, text) in [
                ("response", "支持响应机制", &s.response),
                ("problem_process", "问题处理流程", &s.problem_process),
                ("maintenance_cycle", "维护周期", &s.maintenance_cycle),
            ] {
                if blank(text) {
                    out.report(text.span, msg!("`support.{name}` is empty", "{zh}（`support.{name}`）为空"))
                        .record(Kind::Engagement, &eng.id);
                }
            }
        }
    }
}
