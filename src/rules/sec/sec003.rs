//! SEC-003: Systems get regular access reviews; critical ones privileged reviews too.

use crate::calendar::dates::Interval;
use crate::model::kinds::access_review::ReviewScope;
use crate::model::kinds::system::Criticality;
use crate::model::kinds::{AccessReview, Engagement, System};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, label_records_from, latest_until};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sec003;

static META: Meta = Meta {
    id: "SEC-003",
    severity: Severity::Error,
    section: "§3.2",
    title_en: "Systems get regular access reviews; critical ones privileged reviews too",
    title_zh: "系统须定期进行权限复核，关键系统还须复核特权账号",
    explanation_en: "Least privilege (§3.2, 最小权限原则) decays unless access is reviewed. Every System needs an AccessReview within `access_review_interval_months` (6 by default); a critical System also needs a review of `scope: privileged` within `privileged_review_interval_months` (3 by default). The first reviews are due one interval after the term starts, or after the Engagement's `records_from` when that is later.",
    explanation_zh: "最小权限原则（§3.2）要靠定期复核才能落实。每个系统须在 `access_review_interval_months`（默认 6）个月内有一次权限复核（`AccessReview`）；关键系统还须在 `privileged_review_interval_months`（默认 3）个月内有一次特权账号复核（`scope: privileged`）。首次复核应在合同期开始（或服务项目的 `records_from`，取较晚者）后一个周期内完成。",
    failing: include_str!("../../../fixtures/SEC-003.failing.yaml"),
    passing: include_str!("../../../fixtures/SEC-003.passing.yaml"),
    params: &["access_review_interval_months", "privileged_review_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sec003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let mut counted = None;
        for d in duties(cx) {
            // One subject per system, however many reviews it owes.
            if counted != Some(d.system.id.span) {
                out.checked();
                counted = Some(d.system.id.span);
            }
            let Some(message) = d.periodic.message(&d.duty.what) else { continue };
            let f = out.overdue(&d.duty, message);
            if d.privileged {
                f.label(d.system.criticality.span, msg!("critical", "关键"));
            }
            label_records_from(f, d.engagement, d.periodic.start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|d| d.periodic.fires()).map(|d| d.duty));
    }
}

/// One review a system owes.
struct ReviewDuty<'a> {
    system: &'a System,
    engagement: &'a Engagement,
    /// The privileged-account review of a critical system (else the review of all accounts).
    privileged: bool,
    periodic: Periodic,
    duty: Duty,
}

/// Each system's next access review and, for a critical system, its next privileged-account
/// review.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = ReviewDuty<'a>> + 'a {
    let all = Interval::Months(cx.policy.access_review_interval_months);
    let privileged = Interval::Months(cx.policy.privileged_review_interval_months);
    // Reviews by system, once (no scan of every review per system).
    let mut reviews_of: std::collections::HashMap<&str, Vec<&AccessReview>> = std::collections::HashMap::new();
    for r in &cx.records.access_reviews {
        reviews_of.entry(r.system.value.as_str()).or_default().push(r);
    }
    cx.records.systems.iter().flat_map(move |sys| {
        let mut owed = Vec::new();
        let Some(eng) = cx.engagement_for(RecordView::System(sys)) else { return owed };
        let Some(day) = judged_at(cx, eng) else { return owed };
        let id = sys.id.value.as_str();
        let start = duty_start(eng, None);
        let reviews: &[&AccessReview] = reviews_of.get(sys.id.value.as_str()).map_or(&[], Vec::as_slice);
        let last = latest_until(reviews.iter().map(|r| r.performed_at.value), day);
        let periodic = Periodic::new(cx, eng, last, start, all, day);
        let what = msg!("access review of {id}", "系统 {id} 的权限复核");
        let duty = Duty::new(META.id, Kind::System, id, Some("all"), periodic.due, sys.id.span, what).help(msg!(
            "review every account of {id} and record it as an AccessReview with `system: {id}`",
            "请复核系统 {id} 的全部账号，并以 `AccessReview` 记录（`system: {id}`）"
        ));
        owed.push(ReviewDuty { system: sys, engagement: eng, privileged: false, periodic, duty });
        if sys.criticality.value == Criticality::Critical {
            let last = latest_until(
                reviews.iter().filter(|r| r.scope() == ReviewScope::Privileged).map(|r| r.performed_at.value),
                day,
            );
            let periodic = Periodic::new(cx, eng, last, start, privileged, day);
            let what = msg!("privileged-account review of critical system {id}", "关键系统 {id} 的特权账号复核");
            let duty = Duty::new(META.id, Kind::System, id, Some("privileged"), periodic.due, sys.id.span, what)
                .help(msg!(
                    "review the privileged accounts of {id} and record it as an AccessReview with `system: {id}` and `scope: privileged`",
                    "请复核系统 {id} 的特权账号，并以 `AccessReview` 记录（`system: {id}`、`scope: privileged`）"
                ));
            owed.push(ReviewDuty { system: sys, engagement: eng, privileged: true, periodic, duty });
        }
        owed
    })
}
