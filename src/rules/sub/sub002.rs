//! SUB-002: an active subcontractor is bound by an NDA and its security is assessed every
//! `audit_interval_months`.

use crate::calendar::dates::Interval;
use crate::model::kinds::{Engagement, Subcontractor};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, report_periodic};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sub002;

static META: Meta = Meta {
    id: "SUB-002",
    severity: Severity::Warning,
    section: "§1.4",
    title_en: "An active subcontractor has signed an NDA and is security-assessed every interval",
    title_zh: "在服务的分包商须签署保密协议，并按周期进行安全评估",
    explanation_en: "A subcontractor handles the customer's systems and data like the provider's \
own staff (banking outsourcing regulation; good practice elsewhere). A Subcontractor serving on \
the as-of date (started, not `ended` before it) needs an `nda_signed_at` on or before the as-of \
date, and a `security_assessment_at` within the last `audit_interval_months` (12 by default); \
the first assessment is due one interval after it started (or after the term's start or \
`records_from`, when later).",
    explanation_zh: "分包商接触客户的系统和数据，与服务商自有人员无异（银行业外包监管要求；其他行业为良好实践）。\
评估日仍在服务的分包商（已开始服务且未在评估日之前结束 `ended`），须有评估日当天或之前的保密协议签署\
日期（`nda_signed_at`），并须在最近 `audit_interval_months`（默认 12）个月内进行过安全评估\
（`security_assessment_at`）；首次评估应在其开始服务（或合同期开始、`records_from`，以较晚者为准）后\
一个周期内完成。",
    failing: include_str!("../../../fixtures/SUB-002.failing.yaml"),
    passing: include_str!("../../../fixtures/SUB-002.passing.yaml"),
    params: &["audit_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sub002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for s in &cx.records.subcontractors {
            if !s.active_on(cx.as_of) || cx.engagement_of(RecordView::Subcontractor(s)).is_none() {
                continue;
            }
            out.checked();
            if s.nda_signed_at.as_ref().is_some_and(|d| cx.known_date(d.value)) {
                continue;
            }
            let (id, name) = (s.id.value.as_str(), s.name.value.as_str());
            out.report(
                s.id.span,
                msg!(
                    "subcontractor {id} ({name}) serves the engagement without a signed NDA",
                    "分包商 {id}（{name}）在服务期间未签署保密协议"
                ),
            )
            .help(msg!(
                "record the day the NDA was signed as `nda_signed_at`",
                "请将保密协议签署日期填写为 `nda_signed_at`"
            ))
            .record(Kind::Subcontractor, id)
            .about(&["nda_signed_at"]);
        }
        for (eng, p, duty) in duties(cx) {
            out.checked();
            report_periodic(out, eng, &p, &duty);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, p, _)| p.fires()).map(|(.., d)| d));
    }
}

/// Each active subcontractor's next security assessment; it stops when the subcontractor ends.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, Periodic, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.audit_interval_months);
    cx.records.subcontractors.iter().filter_map(move |s: &'a Subcontractor| {
        if !s.active_on(cx.as_of) {
            return None;
        }
        let eng = cx.engagement_for(RecordView::Subcontractor(s))?;
        let day = judged_at(cx, eng)?;
        let last = s.security_assessment_at.as_ref().map(|d| d.value).filter(|d| *d <= day);
        let mut p = Periodic::new(cx, eng, last, duty_start(eng, Some(s.started.value)), interval, day);
        if let Some(ended) = &s.ended {
            p.until = p.until.min(ended.value);
        }
        let (id, name) = (s.id.value.as_str(), s.name.value.as_str());
        let what = msg!("security assessment of subcontractor {id} ({name})", "分包商 {id}（{name}）的安全评估");
        let duty = Duty::new(META.id, Kind::Subcontractor, id, Some("security-assessment"), p.due, s.id.span, what)
            .help(msg!(
                "record the day of the latest assessment as `security_assessment_at`",
                "请将最近一次安全评估的日期填写为 `security_assessment_at`"
            ));
        Some((eng, p, duty))
    })
}
