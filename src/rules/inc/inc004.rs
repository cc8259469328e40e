//! INC-004: major incidents are reviewed within `major_review_workdays` working days.

use super::util::major_review_due;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc004;

static META: Meta = Meta {
    id: "INC-004",
    severity: Severity::Error,
    section: "§2.3, §6.4",
    title_en: "Major incidents are reviewed in time",
    title_zh: "重大事件须按时完成复盘",
    explanation_en: "After a major incident the manual asks for analysis and a written summary of \
the lessons (§6.4, §2.3). A major incident resolved more than `major_review_workdays` (5 by \
default) working days before the as-of date, counted on the engagement's calendar, needs a \
`review` with its root cause, summary and lessons, completed by that deadline. A review \
completed later is reported too, at its date.",
    explanation_zh: "重大事件处置后须进行分析并形成书面总结（§6.4、§2.3）。重大事件在评估日之前已解决\
超过 `major_review_workdays`（默认 5）个工作日（按服务项目日历计算）的，须有包含根本原因、总结和经验\
教训的事件复盘 `review`，且须在该期限内完成；逾期完成的复盘，也会在其日期处报告。",
    failing: include_str!("../../../fixtures/INC-004.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-004.passing.yaml"),
    params: &["major_review_workdays"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let n = cx.policy.major_review_workdays;
        for inc in &cx.records.incidents {
            let Some(due) = major_review_due(cx, inc) else { continue };
            out.checked();
            let id = inc.id.value.as_str();
            let (eng, resolved_day, deadline) = (due.engagement, due.resolved_day, due.deadline);
            let tz = eng.tz();
            let as_of = cx.as_of;
            if as_of <= deadline {
                continue;
            }
            // A review counts once it is complete and dated by the as-of day; when it came
            // does not matter to this rule (rules.md: "without a complete review").
            let Some(review) = inc.review.as_deref() else {
                out.report(
                    inc.id.span,
                    msg!(
                        "major incident `{id}` was resolved on {resolved_day} and has no review; one was due within {n} working days, by {deadline}",
                        "重大事件 `{id}` 已于 {resolved_day} 解决，但没有复盘；应在 {n} 个工作日内（即 {deadline} 前）完成"
                    ),
                )
                .label(due.resolved_at, msg!("resolved", "解决时间"))
                .record(Kind::Incident, id)
                .about(&["review"]);
                continue;
            };
            let review_span = review.span;
            let blank = |t: &crate::model::Sp<String>| t.value.trim().is_empty();
            let gaps = cx.missing(
                Kind::Incident,
                id,
                "review",
                &[
                    ("root_cause", "根本原因", !blank(&review.root_cause)),
                    ("summary", "事件概述", !blank(&review.summary)),
                    ("lessons", "经验教训", !blank(&review.lessons)),
                ],
            );
            if let Some((list, list_zh)) = gaps {
                out.report(
                    review_span,
                    msg!(
                        "the review of major incident `{id}` is incomplete: no {list}; a complete review was due by {deadline}",
                        "重大事件 `{id}` 的复盘不完整：缺少{list_zh}；完整的复盘应于 {deadline} 前完成"
                    ),
                )
                .record(Kind::Incident, id);
            } else if !cx.known(RecordView::Incident(inc), &review.completed_at.value) {
                let done = review.completed_at.instant.to_zoned_datetime(tz).date();
                out.report(
                    review.completed_at.span,
                    msg!(
                        "review of major incident `{id}` is dated {done}, after the as-of date; it was due by {deadline}",
                        "重大事件 `{id}` 的复盘日期 {done} 晚于评估日；应于 {deadline} 前完成"
                    ),
                )
                .record(Kind::Incident, id);
            }
        }
    }
}
