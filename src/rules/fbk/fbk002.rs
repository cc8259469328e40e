//! FBK-002: Urgent feedback is closed within the urgent feedback days.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Fbk002;

static META: Meta = Meta {
    id: "FBK-002",
    severity: Severity::Error,
    section: "§5.2",
    title_en: "Urgent feedback is closed within the urgent feedback days",
    title_zh: "紧急反馈须在规定天数内关闭",
    explanation_en: "Urgent feedback (§5.2) needs an answer within days, not weeks: feedback of class `urgent` still open more than `urgent_feedback_days` (3 by default) days after it was received, counted up to the end of the as-of day, is overdue.",
    explanation_zh: "紧急反馈(§5.2)须在数日内答复:`class: urgent` 的反馈自接收起超过 `urgent_feedback_days`(默认 3)天(计至评估日结束)仍未关闭,即为逾期。",
    failing: "kind: Feedback\nid: FB-2026-014\nreceived_at: 2026-10-26T11:30:00+08:00\nchannel: phone\nclass: urgent\nsummary: 核心系统故障期间通报不够及时\nstatus: in-progress\n",
    passing: "kind: Feedback\nid: FB-2026-014\nreceived_at: 2026-10-29T11:30:00+08:00\nchannel: phone\nclass: urgent\nsummary: 核心系统故障期间通报不够及时\nstatus: in-progress\n",
    params: &["urgent_feedback_days"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Fbk002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::feedback::{FeedbackClass, FeedbackStatus};
        let days = i64::from(cx.policy.urgent_feedback_days);
        for f in &cx.records.feedback {
            if f.class.value != FeedbackClass::Urgent {
                continue;
            }
            out.checked();
            if f.status.value == FeedbackStatus::Closed {
                continue;
            }
            let Some(eng) = cx.engagement_for(RecordView::Feedback(f)) else { continue };
            let end = cx.as_of_end(&eng.tz());
            let open = end.as_second() - f.received_at.instant.as_second();
            if open > days * 86_400 {
                let (id, d, status) = (f.id.value.as_str(), open / 86_400, f.status.value);
                out.report(f.status.span, msg!("urgent feedback `{id}` is still `{status}` {d} days after it was received; the policy allows {days}", "紧急反馈 `{id}` 接收已 {d} 天仍为 `{status}`,策略要求 {days} 天内关闭"))
                    .label(f.received_at.span, msg!("received", "接收时间"))
                    .record(Kind::Feedback, id);
            }
        }
    }
}
