//! FBK-002: urgent feedback is closed within the urgent-feedback days.

use crate::model::kinds::feedback::{FeedbackClass, FeedbackStatus};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Fbk002;

static META: Meta = Meta {
    id: "FBK-002",
    severity: Severity::Error,
    section: "§5.2",
    title_en: "Urgent feedback is closed within the urgent-feedback days",
    title_zh: "紧急客户反馈须在规定天数内处理关闭",
    explanation_en: "Feedback is handled by priority (§5.2): an urgent complaint needs an answer within \
days, not weeks. Feedback of `class: urgent` that is not `closed` more than \
`urgent_feedback_days` (3 by default) after its `received_at` is overdue. Days are calendar \
days in the engagement's time zone and the limit is inclusive: feedback received on 28 October \
with 3 days may be closed through 31 October, and is overdue from 1 November.",
    explanation_zh: "客户反馈须按轻重缓急处理(§5.2):紧急投诉须在数日内答复,而不是数周。`class: urgent` 的反馈\
自 `received_at`(接收时间)起超过 `urgent_feedback_days`(默认 3)天仍未 `closed` 的,即为逾期。天数按服务项目所在时区的\
自然日计算,期限含当日:10 月 28 日收到、期限 3 天的反馈,可在 10 月 31 日(含)前关闭,11 月 1 日起逾期。",
    failing: include_str!("../../../fixtures/FBK-002.failing.yaml"),
    passing: include_str!("../../../fixtures/FBK-002.passing.yaml"),
    params: &["urgent_feedback_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Fbk002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let days = cx.policy.urgent_feedback_days;
        for f in &cx.records.feedback {
            if f.class.value != FeedbackClass::Urgent {
                continue;
            }
            let Some(eng) = cx.engagement_for(RecordView::Feedback(f)) else { continue };
            let tz = eng.tz();
            let end = cx.as_of_end(&tz);
            let received = f.received_at.instant;
            if received >= end {
                continue;
            }
            out.checked();
            if f.status.value == FeedbackStatus::Closed {
                continue;
            }
            // "Within N days" is inclusive and counts calendar days in the engagement's zone:
            // received on the 28th with 3 days, it may be closed through the 31st.
            let received_day = received.to_zoned_datetime(tz.clone()).date();
            let deadline = crate::calendar::dates::add_days(received_day, i64::from(days));
            if cx.as_of <= deadline {
                continue;
            }
            let (id, status, as_of) = (f.id.value.as_str(), f.status.value, cx.as_of);
            let received = local(received, &tz);
            out.report(
                f.status.span,
                msg!(
                    "urgent feedback {id} is still `{status}` at the end of {as_of}: received {received}, it was due to be closed by the end of {deadline} (within {days} days)",
                    "紧急客户反馈 {id} 截至 {as_of} 日终仍为 `{status}`:接收于 {received},应于 {deadline}(含)前({days} 天内)处理关闭"
                ),
            )
            .label(f.received_at.span, msg!("received", "接收时间"))
            .help(msg!(
                "resolve it with the customer, record `resolution` and `customer_confirmed_at`, and close it",
                "请与客户一同处理,记录 `resolution` 和 `customer_confirmed_at` 后关闭"
            ))
            .record(Kind::Feedback, id);
        }
    }
}

/// An instant as local time in the engagement's zone, e.g. `2026-10-29 11:30`.
fn local(instant: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    instant.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string()
}
