//! SEC-004: Access-review exceptions are acted on in time.

use crate::model::kinds::AccessReview;
use crate::model::kinds::access_review::AccessException;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sec004;

static META: Meta = Meta {
    id: "SEC-004",
    severity: Severity::Error,
    section: "§3.2",
    title_en: "Access-review exceptions are acted on in time",
    title_zh: "权限复核发现的异常须及时处理",
    explanation_en: "An access review (§3.2, 权限复核) is only worth its follow-up: every exception found must be acted on — revoked, reduced or consciously accepted — and `done_at` recorded no later than `exception_action_days` (30 by default) after the review.",
    explanation_zh: "权限复核（§3.2）的价值在于后续处理：发现的每个异常都须处理（回收、缩减或明确接受），并在复核后 `exception_action_days`（默认 30）天内记录处理日期 `done_at`。",
    failing: include_str!("../../../fixtures/SEC-004.failing.yaml"),
    passing: include_str!("../../../fixtures/SEC-004.passing.yaml"),
    params: &["exception_action_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sec004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let days = i64::from(cx.policy.exception_action_days);
        for r in &cx.records.access_reviews {
            let due = crate::calendar::dates::add_days(r.performed_at.value, days);
            for e in &r.exceptions {
                out.checked();
                let (id, account) = (r.id.value.as_str(), e.account.value.as_str());
                // Evidence dated after as-of is ignored: the exception was not yet acted on.
                match e.done_at.as_ref().filter(|d| d.value <= cx.as_of) {
                    Some(done) if done.value > due => {
                        let d = done.value;
                        out.report(done.span, msg!("exception `{account}` of review `{id}` was acted on {d}, after the {days} days allowed (by {due})", "权限复核 `{id}` 发现的账号 `{account}` 异常于 {d} 才处理，超过 {days} 天的期限（{due}）"))
                            .record(Kind::AccessReview, id);
                    }
                    None if cx.as_of > due => {
                        out.overdue(
                            &duty(r, e, days),
                            msg!(
                                "exception `{account}` of review `{id}` is not acted on; it was due by {due}",
                                "权限复核 `{id}` 发现的账号 `{account}` 异常尚未处理；应于 {due} 前完成"
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        let days = i64::from(cx.policy.exception_action_days);
        for r in &cx.records.access_reviews {
            for e in r.exceptions.iter().filter(|e| e.done_at.as_ref().is_none_or(|d| d.value > cx.as_of)) {
                out.push(duty(r, e, days));
            }
        }
    }
}

/// An exception of an access review to act on within `days` of the review.
fn duty(r: &AccessReview, e: &AccessException, days: i64) -> Duty {
    let (id, account) = (r.id.value.as_str(), e.account.value.as_str());
    let due = crate::calendar::dates::add_days(r.performed_at.value, days);
    let what =
        msg!("act on exception `{account}` of access review {id}", "处理权限复核 {id} 发现的账号 `{account}` 异常");
    Duty::new(META.id, Kind::AccessReview, id, Some(account), due, e.account.span, what).help(msg!(
        "remove or correct the account and record the day in the exception's `done_at`",
        "请删除或纠正该账号，并在该异常的 `done_at` 中记录处理日期"
    ))
}
