//! AUD-001: an information-security audit within every `audit_interval_months`.

use crate::calendar::dates::Interval;
use crate::model::kinds::Engagement;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, latest_until, report_periodic};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Aud001;

static META: Meta = Meta {
    id: "AUD-001",
    severity: Severity::Error,
    section: "§3.3",
    title_en: "An information-security audit at least every audit interval",
    title_zh: "按审计周期开展信息安全审计",
    explanation_en: "The manual (§3.3) requires regular information-security audits of the \
service: policy, encryption and access control, vulnerabilities and incidents, training and \
awareness. The engagement must have an Audit performed within the last \
`audit_interval_months` (12 by default); the first is due one interval after the term \
starts, or after the Engagement's `records_from` when that is later. The finding points at the \
Engagement, since the duty is the engagement's.",
    explanation_zh: "手册 §3.3 要求定期对服务开展信息安全审计，涵盖安全策略、加密与访问控制、漏洞与事\
件、培训与意识。服务项目在最近 `audit_interval_months`（默认 12）个月内须有一次审计（`Audit`）；首次\
审计应在合同期开始（或服务项目的 `records_from`，取较晚者）后一个周期内完成。该义务属于服务项目，因此\
发现项指向服务项目记录。",
    failing: include_str!("../../../fixtures/AUD-001.failing.yaml"),
    passing: include_str!("../../../fixtures/AUD-001.passing.yaml"),
    params: &["audit_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Aud001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (eng, p, duty) in duties(cx) {
            out.checked();
            report_periodic(out, eng, &p, &duty);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, p, _)| p.fires()).map(|(.., d)| d));
    }
}

/// Each judged engagement's next audit.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, Periodic, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.audit_interval_months);
    cx.records.engagements.iter().filter_map(move |eng| {
        let day = judged_at(cx, eng)?;
        let audits = cx
            .records
            .audits
            .iter()
            .filter(|a| cx.engagement_of(RecordView::Audit(a)).is_some_and(|e| e.value == eng.id.value));
        let last = latest_until(audits.map(|a| a.performed_at.value), day);
        let p = Periodic::new(cx, eng, last, duty_start(eng, None), interval, day);
        let what = msg!("information-security audit", "信息安全审计");
        let duty = Duty::new(META.id, Kind::Engagement, &eng.id.value, None, p.due, eng.id.span, what).help(msg!(
            "record the audit as an Audit (kind: Audit) with its date, auditor and areas",
            "请以 `Audit` 记录登记审计，注明日期、审计方和覆盖领域"
        ));
        Some((eng, p, duty))
    })
}
