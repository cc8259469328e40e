//! The exit's items of §7.1 settlement and audit (the manual places 结算 under termination), the written sign-off, the outcome evaluation and post-exit feedback.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { cx, h, as_of, effective, grace_end, after_exit, .. } = *s;
    // Settlement and audit.
    let mut settle =
        Draft::new("settlement", "§7.1", msg!("settlement and audit complete", "结算与审计完成"), &[HND_006])
            .due(grace_end);
    let settlement = h.and_then(|h| h.settlement.as_ref());
    let completed = known(cx, settlement.and_then(|s| s.value.completed_at.as_ref()));
    let audited = settlement.and_then(|s| s.value.audit_done.as_ref()).is_some_and(|a| a.value);
    settle.satisfied = completed.is_some() && audited;
    settle.item.done_at = completed.map(|c| c.value);
    if completed.is_none() {
        settle.item.missing.push(msg!("`settlement.completed_at`", "费用结算完成日期（`settlement.completed_at`）"));
    }
    if !audited {
        settle
            .item
            .missing
            .push(msg!("`settlement.audit_done: true`", "服务审计完成（`settlement.audit_done: true`）"));
    }
    if let Some(h) = h.filter(|_| after_exit && !settle.satisfied) {
        let span = settlement.map_or(h.id.span, |s| s.span);
        settle.problem(
            HND_006,
            span,
            msg!("after exit, settlement and audit are not complete", "退出后结算与审计仍未完成"),
            Some(msg!(
                "record `settlement.completed_at` and `audit_done: true`",
                "请记录 `settlement.completed_at` 和 `audit_done: true`"
            )),
        );
    }
    items.push(settle.finish(as_of));

    // Written sign-off by both parties.
    let mut sign =
        Draft::new("sign-off", "§7.2", msg!("written sign-off by both parties", "双方书面签字确认"), &[HND_007])
            .due(grace_end);
    let sign_off = h.and_then(|h| h.sign_off.as_ref());
    let provider = sign_off.and_then(|s| s.value.provider.as_ref()).filter(|p| cx.known_date(p.value.at.value));
    let customer = sign_off.and_then(|s| s.value.customer.as_ref()).filter(|c| cx.known_date(c.value.at.value));
    sign.satisfied = provider.is_some() && customer.is_some();
    sign.item.done_at = provider.zip(customer).map(|(p, c)| p.value.at.value.max(c.value.at.value));
    if provider.is_none() {
        sign.item.missing.push(msg!("the provider's signature", "服务方签字"));
    }
    if customer.is_none() {
        sign.item.missing.push(msg!("the customer's signature", "客户方签字"));
    }
    if let Some(h) = h.filter(|_| after_exit && !sign.satisfied) {
        let span = sign_off.map_or(h.id.span, |s| s.span);
        let who = sign.item.missing.iter().map(|m| m.en.clone()).collect::<Vec<_>>().join(" and ");
        let who_zh = sign.item.missing.iter().map(|m| m.zh.clone()).collect::<Vec<_>>().join("和");
        sign.problem(
            HND_007,
            span,
            msg!("after exit, the written sign-off lacks {who}", "退出后书面确认仍缺少{who_zh}"),
            Some(msg!(
                "record `sign_off.provider` and `sign_off.customer` with name and date",
                "请记录双方签字人及日期"
            )),
        );
    }
    items.push(sign.finish(as_of));

    // §7.5 Outcome evaluation and post-exit feedback: follow-up after the service ended, so
    // dated on or after the effective date (and by as-of).
    let after_end = |d: Date| d >= effective && cx.known_date(d);
    let mut evaluation =
        Draft::new("evaluation", "§7.5", msg!("outcome evaluation", "服务成果评估"), &[HND_008]).due(grace_end);
    if let Some(e) = h.and_then(|h| h.evaluation.as_ref()).filter(|e| e.value.at.value < effective) {
        let at = e.value.at.value;
        evaluation.item.notes.push(msg!(
            "an evaluation dated {at}, before the effective date, does not count",
            "{at} 的评估早于终止生效日，不计入"
        ));
    }
    match h.and_then(|h| h.evaluation.as_ref()).filter(|e| after_end(e.value.at.value)) {
        Some(e) => {
            evaluation.satisfied = true;
            evaluation.item.done_at = Some(e.value.at.value);
        }
        None => {
            evaluation.item.missing.push(msg!("`evaluation`", "服务成果评估（`evaluation`）"));
            if let Some(h) = h.filter(|_| after_exit) {
                evaluation.problem(
                    HND_008,
                    h.id.span,
                    msg!("after exit, no outcome evaluation (§7.5)", "退出后未进行服务成果评估（§7.5）"),
                    Some(msg!(
                        "record `evaluation` with `at` and `summary`",
                        "请记录 `evaluation` 的 `at` 和 `summary`"
                    )),
                );
            }
        }
    }
    items.push(evaluation.finish(as_of));
    let mut feedback = Draft::new(
        "post-exit-feedback",
        "§7.5",
        msg!("post-exit customer feedback collected", "收集退出后客户反馈"),
        &[HND_008],
    )
    .due(grace_end);
    match h.and_then(|h| h.post_exit_feedback_at.as_ref()).filter(|d| after_end(d.value)) {
        Some(d) => {
            feedback.satisfied = true;
            feedback.item.done_at = Some(d.value);
        }
        None => {
            feedback.item.missing.push(msg!("`post_exit_feedback_at`", "客户反馈日期（`post_exit_feedback_at`）"));
            if let Some(h) = h.filter(|_| after_exit) {
                feedback.problem(
                    HND_008,
                    h.id.span,
                    msg!("after exit, no post-exit customer feedback (§7.5)", "退出后未收集客户反馈（§7.5）"),
                    Some(msg!("record `post_exit_feedback_at`", "请记录 `post_exit_feedback_at`")),
                );
            }
        }
    }
    items.push(feedback.finish(as_of));
}
