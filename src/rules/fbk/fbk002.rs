//! FBK-002: urgent feedback is resolved within the urgent-feedback days.

use crate::model::kinds::feedback::{FeedbackClass, FeedbackStatus};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Fbk002;

static META: Meta = Meta {
    id: "FBK-002",
    severity: Severity::Error,
    section: "§5.2",
    title_en: "Urgent feedback is resolved within the urgent-feedback days",
    title_zh: "紧急客户反馈须在规定天数内解决",
    explanation_en: "Feedback is handled by priority (§5.2): an urgent complaint needs a resolution within \
days, not weeks. Feedback of `class: urgent` is judged on when it was resolved (`resolution.at`), not on when it \
was closed: it must be resolved within `urgent_feedback_days` (3 by default) after its `received_at`. A \
resolution later than that is reported, and stays reported after the feedback is closed; feedback \
still without a resolution after the limit is reported at its status. A resolved item only awaiting \
the customer's confirmation is not this rule's concern (FBK-001 checks the closed loop), nor is \
closed feedback without any resolution (FBK-001 again). Days are calendar days in the engagement's \
time zone and the limit is inclusive: feedback received on 28 October with 3 days may be resolved \
through 31 October, and is late from 1 November.",
    explanation_zh: "客户反馈须按轻重缓急处理（§5.2）：紧急投诉须在几天内解决，而不是几周。紧急（`class: \
urgent`）反馈按解决时间（`resolution.at`）判断，而不按关闭时间：须自接收时间 `received_at` 起 `urgent_feedback_days`（\
默认 3）天内解决。解决时间晚于期限的，予以报告，反馈关闭后仍然报告；超过期限仍未解决的，在其状态处报\
告。已解决、仅待客户确认的反馈不属于本规则检查范围（闭环管理由 FBK-001 检查），已关闭但没有处理结果的\
反馈同样由 FBK-001 检查。天数按服务项目时区的自然日计算，期限含当日：10 月 28 日收到、期限为 3 天的反\
馈，可在 10 月 31 日（含）之前解决，自 11 月 1 日起即为逾期。",
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
            // "Within N days" is inclusive and counts calendar days in the engagement's zone:
            // received on the 28th with 3 days, it may be resolved through the 31st.
            let received_day = received.to_zoned_datetime(tz.clone()).date();
            let deadline = crate::calendar::dates::add_days(received_day, i64::from(days));
            let id = f.id.value.as_str();
            let received_text = local(received, &tz);
            // A resolution after the end of the as-of day has not happened yet (decision 14:
            // `resolution.at`; Feedback has no `resolved_at`).
            match f.resolution.as_ref().filter(|r| r.at.instant < end) {
                Some(r) => {
                    let resolved_day = r.at.instant.to_zoned_datetime(tz.clone()).date();
                    if resolved_day <= deadline {
                        continue;
                    }
                    let resolved = local(r.at.instant, &tz);
                    out.report(
                        r.at.span,
                        msg!(
                            "urgent feedback {id} was resolved {resolved}, after {deadline}: received {received_text}, it was due to be resolved within {days} days",
                            "紧急客户反馈 {id} 于 {resolved} 解决，晚于 {deadline}：接收于 {received_text}，应在 {days} 天内解决"
                        ),
                    )
                    .label(f.received_at.span, msg!("received", "接收时间"))
                    .help(msg!(
                        "a late resolution stays a finding: analyse why it took longer (an improvement action), or waive it with the reason",
                        "解决超期的记录始终会被报告：请分析超期原因并纳入改进措施，或以豁免记录说明理由"
                    ))
                    .record(Kind::Feedback, id);
                }
                // Closed without any resolution is FBK-001's (the closed loop), not reported twice.
                None if f.status.value == FeedbackStatus::Closed => {}
                None => {
                    if cx.as_of <= deadline {
                        continue;
                    }
                    let (status, as_of) = (f.status.value, cx.as_of);
                    let status_zh = status.zh();
                    out.report(
                        f.status.span,
                        msg!(
                            "urgent feedback {id} is still unresolved (`{status}`) at the end of {as_of}: received {received_text}, it was due to be resolved by the end of {deadline} (within {days} days)",
                            "紧急客户反馈 {id} 截至 {as_of} 日终仍未解决（状态为“{status_zh}”）：接收于 {received_text}，应于 {deadline}（含）前（{days} 天内）解决"
                        ),
                    )
                    .label(f.received_at.span, msg!("received", "接收时间"))
                    .help(msg!(
                        "resolve it with the customer and record `resolution: {{at, summary}}`",
                        "请与客户一同处理，并记录 `resolution: {{at, summary}}`"
                    ))
                    .record(Kind::Feedback, id);
                }
            }
        }
    }
}

/// An instant as local time in the engagement's zone, e.g. `2026-10-29 11:30`.
fn local(instant: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    instant.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string()
}
