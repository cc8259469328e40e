//! SAT-001: A satisfaction survey covers the last survey interval.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sat001;

static META: Meta = Meta {
    id: "SAT-001",
    severity: Severity::Warning,
    section: "§5.3",
    title_en: "A satisfaction survey covers the last survey interval",
    title_zh: "最近一个调查周期内须开展满意度调查",
    explanation_en: "Customer satisfaction is surveyed regularly (§5.3). At the as-of date there must be a Survey whose `period` overlaps the last `survey_interval_months` (6 by default); the first is due one interval after the term starts. The finding points at the Engagement.",
    explanation_zh: "须定期开展客户满意度调查(§5.3)。评估日时,须有 `period` 与最近 `survey_interval_months`(默认 6)个月重叠的调查(Survey);首次调查应在合同期开始后一个周期内完成。发现项指向 Engagement。",
    failing: "kind: Survey\nid: SAT-2026-Q4\nperiod: {from: 2025-10-01, to: 2025-12-31}\ninvited: 6\nresponses:\n  - {respondent: 信息科技部, scores: {quality: 5, reliability: 4}}\n  - {respondent: 运营管理部, scores: {quality: 4, reliability: 4}}\n",
    passing: "kind: Survey\nid: SAT-2026-H1\nperiod: {from: 2026-01-01, to: 2026-06-30}\ninvited: 6\nresponses:\n  - {respondent: 信息科技部, scores: {quality: 5, reliability: 4}}\n  - {respondent: 运营管理部, scores: {quality: 4, reliability: 4}}\n",
    params: &["survey_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Sat001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        let interval = Interval::Months(cx.policy.survey_interval_months);
        for eng in &cx.records.engagements {
            let Some(day) = crate::rules::duty::judged_at(cx, eng) else { continue };
            let start = eng.term.start.value;
            if day <= interval.after(start) {
                continue; // the first survey is not due yet
            }
            out.checked();
            let from = interval.before(day);
            let covered = cx.records.surveys.iter().any(|s| {
                cx.engagement_of(RecordView::Survey(s)).is_some_and(|e| e.value == eng.id.value)
                    && s.period.from.value <= day
                    && s.period.to.value >= from
            });
            if !covered {
                let (id, n) = (eng.id.value.as_str(), cx.policy.survey_interval_months);
                out.report(
                    eng.id.span,
                    msg!(
                        "no satisfaction survey covers the last {n} months ({from} to {day})",
                        "最近 {n} 个月({from} 至 {day})没有满意度调查"
                    ),
                )
                .record(Kind::Engagement, id);
            }
        }
    }
}
