//! AUD-002: Audits within the interval cover all four areas.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Aud002;

static META: Meta = Meta {
    id: "AUD-002",
    severity: Severity::Error,
    section: "§3.3",
    title_en: "Audits within the interval cover all four areas",
    title_zh: "审计周期内的审计须覆盖全部四个领域",
    explanation_en: "The security audit (§3.3) covers four areas: security policy, encryption and access control, vulnerabilities and incidents, training and awareness. Topic audits (专项审计) may each cover one, but together the audits performed within the last `audit_interval_months` (12 by default) must cover all four. Like the audit itself (AUD-001), coverage is judged once one interval has passed since the term's start, or since the Engagement's `records_from` when that is later.",
    explanation_zh: "信息安全审计（§3.3）涵盖四个领域：安全策略、加密与访问控制、漏洞与事件、培训与意识。专项审计可以各覆盖一个领域，但最近 `audit_interval_months`（默认 12）个月内的审计合起来须覆盖全部四个领域。与审计本身（AUD-001）一样，自合同期开始（或服务项目的 `records_from`，取较晚者）满一个周期后才判断覆盖情况。",
    failing: include_str!("../../../fixtures/AUD-002.failing.yaml"),
    passing: include_str!("../../../fixtures/AUD-002.passing.yaml"),
    params: &["audit_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Aud002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        use crate::model::kinds::audit::AuditArea;
        let interval = Interval::Months(cx.policy.audit_interval_months);
        for eng in &cx.records.engagements {
            let Some(day) = crate::rules::duty::judged_at(cx, eng) else { continue };
            // Every area is a periodic duty (decision 8): first due one interval after the
            // term's start or `records_from`; audits before it may never have been recorded.
            if day <= interval.after(crate::rules::duty::duty_start(eng, None)) {
                continue;
            }
            let from = interval.before(day);
            let audits: Vec<_> = cx
                .records
                .audits
                .iter()
                .filter(|a| cx.engagement_of(RecordView::Audit(a)).is_some_and(|e| e.value == eng.id.value))
                .filter(|a| a.performed_at.value >= from && a.performed_at.value <= day)
                .collect();
            if audits.is_empty() {
                continue; // AUD-001 reports the missing audit
            }
            out.checked();
            let missing: Vec<&str> = AuditArea::ALL
                .iter()
                .filter(|area| !audits.iter().any(|a| a.areas.iter().any(|x| x.value == **area)))
                .map(|a| a.as_str())
                .collect();
            if !missing.is_empty() {
                let (list, id) = (missing.join(", "), eng.id.value.as_str());
                let list_zh =
                    missing.iter().filter_map(|m| AuditArea::parse(m)).map(|a| a.zh()).collect::<Vec<_>>().join("、");
                let latest = audits
                    .iter()
                    .max_by_key(|a| a.performed_at.value)
                    .map_or(eng.id.span, |a| a.areas.span.unwrap_or(a.id.span));
                let n = cx.policy.audit_interval_months;
                out.report(
                    eng.id.span,
                    msg!(
                        "the audits of the last {n} months (since {from}) do not cover: {list}",
                        "最近 {n} 个月（自 {from} 起）的审计未覆盖：{list_zh}"
                    ),
                )
                .label(latest, msg!("latest audit's areas", "最近一次审计的领域"))
                .record(Kind::Engagement, id);
            }
        }
    }
}
