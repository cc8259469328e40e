//! CHG-014: a change goes approved → notified → implemented, in that order.

use jiff::Timestamp;

use crate::figures::changes::{self, Approved};
use crate::model::kinds::change::{ChangeClass, Decision};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg014;

static META: Meta = Meta {
    id: "CHG-014",
    severity: Severity::Error,
    section: "§6.1",
    title_en: "Stakeholders are notified after approval and before implementation",
    title_zh: "变更须在审批通过后、实施前通知相关方",
    explanation_en: "The manual orders a change: approved, then the stakeholders told (审批通过后…与相关方沟通), \
then implemented (§6.1). For every implemented change that is neither standard nor an emergency, \
`notified_at` is required and must lie between the first instant from which the approvals CHG-002 \
requires have all stood (or `requested_at` when no approval is required) and \
`implementation.started_at`, both included. A change whose approvals CHG-002 already reports is \
not judged here. An emergency change may start first: its notice is due within \
`emergency_approval_workdays` (2 by default) working days after the start.",
    explanation_zh: "手册规定变更须按以下顺序进行：先审批通过，再与相关方沟通，然后实施（§6.1）。已实\
施的非标准、非紧急变更，须填写通知时间 `notified_at`，且该时间须介于 CHG-002 所要求的审批全部生效的最\
早时刻（无需审批时为 `requested_at`）与 `implementation.started_at` 之间（含两端）。审批问题已由 CHG-002 \
报告的变更，本规则不再判断。紧急变更可先行实施，但须在实施开始后 `emergency_approval_workdays`（默认 \
2）个工作日内通知相关方。",
    failing: include_str!("../../../fixtures/CHG-014.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-014.passing.yaml"),
    params: &["emergency_approval_workdays", "approval_matrix", "risk_approval_matrix", "customer_approval_classes"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg014 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in &cx.records.changes {
            let Some(imp) = &c.implementation else { continue };
            if c.class.value == ChangeClass::Standard {
                continue;
            }
            let id = c.id.value.as_str();
            let start = &imp.started_at;
            if c.is_emergency() {
                let Some(eng) = cx.engagement_for(RecordView::Change(c)) else { continue };
                out.checked();
                let tz = eng.tz();
                let n = cx.policy.emergency_approval_workdays;
                let started = start.instant.to_zoned_datetime(tz.clone()).date();
                let last = cx.working_days(Some(eng)).add_working_days(started, n);
                let due = crate::model::scalar::civil_in(
                    &tz,
                    crate::calendar::dates::add_days(last, 1).to_datetime(jiff::civil::Time::midnight()),
                )
                .unwrap_or(Timestamp::MAX);
                match &c.notified_at {
                    Some(t) if t.instant < due => {}
                    Some(t) => {
                        let w = cx.text(t.span);
                        out.report(
                            t.span,
                            msg!(
                                "emergency change `{id}` notified the stakeholders at {w}, after {last} ({n} working days after it started)",
                                "紧急变更 `{id}` 于 {w} 通知相关方，晚于 {last}（实施开始后 {n} 个工作日）"
                            ),
                        )
                        .label(start.span, msg!("started", "实施开始"))
                        .record(Kind::Change, id);
                    }
                    // Not yet due while the as-of day is inside the grace period.
                    None if last >= cx.as_of => {}
                    None => {
                        out.report(
                            c.id.span,
                            msg!(
                                "emergency change `{id}` has no `notified_at`: the stakeholders were due to be told by {last} ({n} working days after it started)",
                                "紧急变更 `{id}` 没有 `notified_at`：应于 {last} 前（实施开始后 {n} 个工作日内）通知相关方"
                            ),
                        )
                        .label(start.span, msg!("started", "实施开始"))
                        .record(Kind::Change, id)
                        .about(&["notified_at"]);
                    }
                }
                continue;
            }
            // The lower bound: when the approvals came to stand, or the request.
            let (from, from_span, from_en, from_zh) = match changes::approved_before(c, cx.policy, start.instant) {
                // CHG-002 reports the approvals; the order cannot be judged without them.
                Approved::Missing => continue,
                Approved::Since(at) => {
                    let span = c
                        .approvals
                        .iter()
                        .find(|a| a.at.instant == at && a.decision.value == Decision::Approved)
                        .map_or(c.approvals.span.unwrap_or(c.id.span), |a| a.at.span);
                    (at, span, "the approvals it needs were complete", "所需审批全部通过")
                }
                Approved::NotNeeded => {
                    (c.requested_at.instant, c.requested_at.span, "it was requested", "变更申请提出")
                }
            };
            out.checked();
            let Some(notified) = &c.notified_at else {
                out.report(
                    c.id.span,
                    msg!(
                        "change `{id}` was implemented without notifying the stakeholders first (`notified_at`)",
                        "变更 `{id}` 在实施前未通知相关方（缺少 `notified_at`）"
                    ),
                )
                .label(start.span, msg!("started", "实施开始"))
                .help(msg!(
                    "record when the plan was communicated: `notified_at`, after approval and before the start",
                    "请填写与相关方沟通变更计划的时间 `notified_at`（审批通过后、实施开始前）"
                ))
                .record(Kind::Change, id)
                .about(&["notified_at"]);
                continue;
            };
            let w = cx.text(notified.span);
            if notified.instant < from {
                let f = cx.text(from_span);
                out.report(
                    notified.span,
                    msg!(
                        "change `{id}` notified the stakeholders at {w}, before {from_en} ({f})",
                        "变更 `{id}` 于 {w} 通知相关方，早于{from_zh}的时间（{f}）"
                    ),
                )
                .label(from_span, msg!("from here", "自此时起"))
                .record(Kind::Change, id);
            }
            if notified.instant > start.instant {
                let s = cx.text(start.span);
                out.report(
                    notified.span,
                    msg!(
                        "change `{id}` notified the stakeholders at {w}, after its implementation started ({s})",
                        "变更 `{id}` 于 {w} 通知相关方，晚于实施开始时间（{s}）"
                    ),
                )
                .label(start.span, msg!("started", "实施开始"))
                .record(Kind::Change, id);
            }
        }
    }
}
