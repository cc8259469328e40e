//! RSK-001: the engagement's risks are assessed every `risk_assessment_interval_months`.

use crate::calendar::dates::{Interval, add_days};
use crate::model::kinds::Engagement;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, ended, judged_at, label_records_from, latest_until};
use crate::rules::{Context, Meta, Rule, Sink, Stage, by_engagement};

pub struct Rsk001;

static META: Meta = Meta {
    id: "RSK-001",
    severity: Severity::Error,
    section: "§2.2",
    title_en: "The engagement's risks are assessed at least every interval",
    title_zh: "服务项目须按周期开展风险评估",
    explanation_en: "The service plan rests on a risk assessment (§2.2), and banking regulation \
asks for an outsourcing risk assessment at least yearly. Each engagement needs a \
RiskAssessment performed within the last `risk_assessment_interval_months` (12 by default). \
The first is due `plan_grace_days` (30 by default) after the term starts (or after \
`records_from`); each next one an interval after the last.",
    explanation_zh: "服务计划须以风险评估为基础（§2.2），银行业监管亦要求至少每年开展一次外包风险评估。\
每个服务项目须在最近 `risk_assessment_interval_months`（默认 12）个月内有一次风险评估\
（`RiskAssessment`）。首次评估应在合同期开始（或 `records_from`）后 `plan_grace_days`（默认 30）天内\
完成，此后每次应在上次评估后一个周期内完成。",
    failing: include_str!("../../../fixtures/RSK-001.failing.yaml"),
    passing: include_str!("../../../fixtures/RSK-001.passing.yaml"),
    params: &["risk_assessment_interval_months", "plan_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Rsk001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let grace = cx.policy.plan_grace_days;
        for (eng, p, duty) in duties(cx) {
            out.checked();
            let Some(o) = p.overdue() else { continue };
            let (id, day, due) = (eng.id.value.as_str(), p.day, o.due);
            let message = match o.last {
                Some(last) => {
                    let every = p.interval.phrase();
                    let (every_en, every_zh) = (&every.en, &every.zh);
                    msg!(
                        "engagement {id}: the last risk assessment was on {last}; one is required every {every_en} (due {due})",
                        "服务项目 {id}：最近一次风险评估在 {last}；要求每 {every_zh}至少一次（应于 {due} 前完成）"
                    )
                }
                None => {
                    let start = p.start;
                    msg!(
                        "engagement {id} has no risk assessment since {start}; the first was due within {grace} days, by {due} (as of {day})",
                        "服务项目 {id} 自 {start} 以来没有风险评估；首次评估应在 {grace} 天内（即 {due} 前）完成（评估日 {day}）"
                    )
                }
            };
            let f = out.overdue(&duty, message);
            label_records_from(f, eng, p.start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, p, _)| p.fires()).map(|(.., d)| d));
    }
}

/// Each judged engagement's next risk assessment.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, Periodic, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.risk_assessment_interval_months);
    let grace = i64::from(cx.policy.plan_grace_days);
    let assessments = by_engagement(cx, &cx.records.risk_assessments, RecordView::RiskAssessment);
    cx.records.engagements.iter().filter_map(move |eng| {
        let day = judged_at(cx, eng)?;
        let own = assessments.get(eng.id.value.as_str()).map(Vec::as_slice).unwrap_or_default();
        let last = latest_until(own.iter().map(|a| a.performed_at.value), day);
        let start = duty_start(eng, None);
        let first = add_days(start, grace);
        // An assessment before the start still counts for its interval, never shortening the
        // grace the first one has.
        let due = match last {
            Some(l) if l >= start => interval.after(l),
            Some(l) => interval.after(l).max(first),
            None => first,
        };
        let p = Periodic { day, start, last, interval, due, until: ended(cx, eng) };
        let id = eng.id.value.as_str();
        let what = msg!("risk assessment of engagement {id}", "服务项目 {id} 的风险评估");
        let duty =
            Duty::new(META.id, Kind::Engagement, id, Some("risk-assessment"), due, eng.id.span, what).help(msg!(
                "record it as a RiskAssessment with its date, scope and the risks assessed",
                "请以 `RiskAssessment` 记录风险评估，注明日期、范围和所评估的风险"
            ));
        Some((eng, p, duty))
    })
}
