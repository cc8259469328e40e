//! FBK-001: Closed feedback has a resolution and the customer's confirmation.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Fbk001;

static META: Meta = Meta {
    id: "FBK-001",
    severity: Severity::Error,
    section: "§5.2",
    title_en: "Closed feedback has a resolution and the customer's confirmation",
    title_zh: "已关闭的反馈须有处理结果和客户确认",
    explanation_en: "Feedback handling is a closed loop (§5.2): collected, analysed, acted on, and confirmed by the customer. Feedback marked closed without a `resolution` or without `customer_confirmed_at` was closed by the provider alone, which is exactly what the loop is meant to prevent.",
    explanation_zh: "反馈处理是闭环管理(§5.2):收集、分析、处理,并由客户确认。标记为已关闭但没有 `resolution`(处理结果)或 `customer_confirmed_at`(客户确认时间)的反馈,等于服务方单方面关闭,这正是闭环要避免的。",
    failing: "kind: Feedback\nid: FB-2026-014\nreceived_at: 2026-10-16T11:30:00+08:00\nchannel: phone\nclass: urgent\nsummary: 核心系统故障期间通报不够及时\nresolution: {at: 2026-10-18T16:00:00+08:00, summary: 通报名单增加业务部门负责人}\nstatus: closed\n",
    passing: "kind: Feedback\nid: FB-2026-014\nreceived_at: 2026-10-16T11:30:00+08:00\nchannel: phone\nclass: urgent\nsummary: 核心系统故障期间通报不够及时\nresolution: {at: 2026-10-18T16:00:00+08:00, summary: 通报名单增加业务部门负责人}\ncustomer_confirmed_at: 2026-10-19T09:30:00+08:00\nstatus: closed\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Fbk001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::feedback::FeedbackStatus;
        for f in &cx.records.feedback {
            out.checked();
            if f.status.value != FeedbackStatus::Closed {
                continue;
            }
            let id = f.id.value.as_str();
            let present =
                [("resolution", f.resolution.is_some()), ("customer_confirmed_at", f.customer_confirmed_at.is_some())];
            if let Some(list) = crate::rules::missing(&present) {
                out.report(
                    f.status.span,
                    msg!("feedback `{id}` is closed without {list}", "反馈 `{id}` 已关闭,但缺少 {list}"),
                )
                .record(Kind::Feedback, id);
            }
        }
    }
}
