//! FBK-001: closed feedback has a resolution and the customer's confirmation (closed loop).

use crate::model::kinds::feedback::FeedbackStatus;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Fbk001;

static META: Meta = Meta {
    id: "FBK-001",
    severity: Severity::Error,
    section: "§5.2",
    title_en: "Closed feedback has a resolution and the customer's confirmation",
    title_zh: "已关闭的客户反馈须有处理结果和客户确认",
    explanation_en: "Feedback handling is a closed loop (§5.2): collected, analysed, acted on, and \
confirmed by the customer. Feedback with `status: closed` needs a `resolution` (when and what was \
done) and `customer_confirmed_at` (when the customer confirmed it), both dated on or before the \
as-of day; feedback closed without them was closed by the provider alone, which is exactly what \
the loop is meant to prevent.",
    explanation_zh: "客户反馈的处理实行闭环管理（§5.2）：收集、分析、处理，并由客户确认。已关闭（`status: \
closed`）的反馈，须有处理结果 `resolution`（处理时间和处理结果）和客户确认时间 `customer_confirmed_at`，\
且均不晚于评估日；缺少这些就关闭，等于服务方单方面关闭，这正是闭环管理要避免的。",
    failing: include_str!("../../../fixtures/FBK-001.failing.yaml"),
    passing: include_str!("../../../fixtures/FBK-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Fbk001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for f in &cx.records.feedback {
            if f.status.value != FeedbackStatus::Closed {
                continue;
            }
            let Some(eng) = cx.engagement_for(RecordView::Feedback(f)) else { continue };
            // Instants at or after the end of the as-of day have not happened yet.
            let end = cx.as_of_end(&eng.tz());
            if f.received_at.instant >= end {
                continue;
            }
            out.checked();
            let resolved =
                f.resolution.as_ref().is_some_and(|r| r.at.instant < end && !r.summary.value.trim().is_empty());
            let confirmed = f.customer_confirmed_at.as_ref().is_some_and(|c| c.instant < end);
            let id = f.id.value.as_str();
            let present = [("resolution", "处理结果", resolved), ("customer_confirmed_at", "客户确认时间", confirmed)];
            let Some((list, _)) = cx.missing(Kind::Feedback, id, "", &present) else {
                continue;
            };
            let what = match (resolved, confirmed) {
                (false, false) => msg!("a resolution or the customer's confirmation", "处理结果和客户确认"),
                (false, true) => msg!("a resolution", "处理结果"),
                _ => msg!("the customer's confirmation", "客户确认"),
            };
            let (en, zh) = (&what.en, &what.zh);
            let list_zh = list.replace(", ", "`、`");
            out.report(
                f.id.span,
                msg!(
                    "feedback {id} is closed without {en} ({list}); the loop is closed only when the customer confirms the resolution",
                    "客户反馈 `{id}` 已关闭，但缺少{zh}（`{list_zh}`）；只有客户确认处理结果后才能闭环"
                ),
            )
            .label(f.status.span, msg!("closed", "已关闭"))
            .help(msg!(
                "record `resolution: {{at, summary}}` and `customer_confirmed_at`, or reopen the feedback",
                "请补充 `resolution: {{at, summary}}` 和 `customer_confirmed_at`，或将反馈重新打开"
            ))
            .record(Kind::Feedback, id);
        }
    }
}
