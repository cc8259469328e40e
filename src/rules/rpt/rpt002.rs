//! RPT-002: the customer confirms a delivered service report within `report_confirmation_days`.

use crate::calendar::dates::add_days;
use crate::model::kinds::ServiceReport;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage, has_text};

pub struct Rpt002;

static META: Meta = Meta {
    id: "RPT-002",
    severity: Severity::Warning,
    section: "§1.2, §5.1",
    title_en: "The customer confirms a delivered service report in time",
    title_zh: "已交付的服务报告须经客户按期确认",
    explanation_en: "A service report is the basis of SLA assessment and payment only once the \
customer has confirmed it (§1.2, §5.1). A ServiceReport delivered more than \
`report_confirmation_days` (10 by default) days before the as-of date needs `confirmed_by` and a \
`confirmed_at` no later than that many days after `delivered_at`; a confirmation that came \
later is reported too, at its date.",
    explanation_zh: "服务报告经客户确认后，才能作为 SLA 考核和结算的依据（§1.2、§5.1）。交付（`delivered_at`）\
已超过 `report_confirmation_days`（默认 10）天的服务报告（`ServiceReport`），须有确认人 `confirmed_by` \
和不晚于交付后该天数的确认日期 `confirmed_at`；逾期确认的，也会在其确认日期处报告。",
    failing: include_str!("../../../fixtures/RPT-002.failing.yaml"),
    passing: include_str!("../../../fixtures/RPT-002.passing.yaml"),
    params: &["report_confirmation_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Rpt002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let (as_of, n) = (cx.as_of, cx.policy.report_confirmation_days);
        for r in &cx.records.service_reports {
            if cx.engagement_of(RecordView::ServiceReport(r)).is_none() || !cx.known_date(r.delivered_at.value) {
                continue;
            }
            let duty = duty(cx, r);
            if !duty.overdue_on(as_of) {
                continue;
            }
            out.checked();
            let (id, delivered, due) = (r.id.value.as_str(), r.delivered_at.value, duty.due);
            match confirmed(cx, r) {
                Some(at) if at <= due => {}
                Some(at) => {
                    let late = crate::calendar::dates::days_between(due, at);
                    let span = r.confirmed_at.as_ref().map_or(r.id.span, |c| c.span);
                    out.report(
                        span,
                        msg!(
                            "service report {id} was delivered on {delivered} and confirmed only on {at}, {late} days after the {n} days allowed (by {due})",
                            "服务报告 {id} 于 {delivered} 交付，直至 {at} 才经客户确认，超出 {n} 天确认期限（{due}）{late} 天"
                        ),
                    )
                    .label(r.delivered_at.span, msg!("delivered", "交付日期"))
                    .record(Kind::ServiceReport, id)
                    .about(&["confirmed_at"]);
                }
                None => {
                    out.overdue(
                        &duty,
                        msg!(
                            "service report {id} was delivered on {delivered} and is not confirmed by the customer as of {as_of}; confirmation was due within {n} days, by {due}",
                            "服务报告 {id} 于 {delivered} 交付，截至 {as_of} 仍未经客户确认；应在 {n} 天内（即 {due} 前）确认"
                        ),
                    )
                    .label(r.delivered_at.span, msg!("delivered", "交付日期"));
                }
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for r in &cx.records.service_reports {
            if cx.engagement_of(RecordView::ServiceReport(r)).is_some()
                && cx.known_date(r.delivered_at.value)
                && confirmed(cx, r).is_none()
            {
                out.push(duty(cx, r));
            }
        }
    }
}

/// The day the customer confirmed the report, when both who and when are written and the day
/// has come.
fn confirmed(cx: &Context<'_>, r: &ServiceReport) -> Option<jiff::civil::Date> {
    let at = r.confirmed_at.as_ref()?.value;
    (has_text(&r.confirmed_by) && cx.known_date(at)).then_some(at)
}

/// The customer's confirmation of `r`, due `report_confirmation_days` after delivery.
fn duty(cx: &Context<'_>, r: &ServiceReport) -> Duty {
    let id = r.id.value.as_str();
    let due = add_days(r.delivered_at.value, i64::from(cx.policy.report_confirmation_days));
    let what = msg!("customer's confirmation of service report {id}", "客户对服务报告 {id} 的确认");
    Duty::new(META.id, Kind::ServiceReport, id, Some("confirmation"), due, r.id.span, what).help(msg!(
        "record who confirmed it and when: `confirmed_by` and `confirmed_at`",
        "请记录确认人和确认日期：`confirmed_by` 和 `confirmed_at`"
    ))
}
