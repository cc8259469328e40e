//! The exit's items of §7.1 termination (reason, notice, agreement) and the §7.3 full system check before exit.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { cx, engagement, h, as_of, term_end, effective, n, .. } = *s;
    // §7.1 Termination: reason, notice, agreement.
    let mut reason = Draft::new(
        "termination.reason",
        "§7.1",
        msg!("termination reason is one of the contract's conditions", "终止原因属于合同约定的终止条件"),
        &[HND_001],
    )
    .due(effective);
    let mut notice = Draft::new(
        "termination.notice",
        "§7.1",
        msg!("termination notice given in time", "按期发出终止通知"),
        &[HND_001],
    )
    .due(add_days(effective, -i64::from(n)));
    let mut agreement = Draft::new(
        "termination.agreement",
        "§7.1",
        msg!("termination agreement signed (mutual agreement)", "签署终止协议（双方协商一致）"),
        &[HND_001],
    )
    .due(effective);
    match h {
        None => {
            reason.item.missing.push(msg!("no Handover record yet", "尚无交接记录（`Handover`）"));
            notice.item.missing.push(msg!(
                "notice at least {n} days before the term ends ({term_end})",
                "至少在服务期结束（{term_end}）前 {n} 天发出通知"
            ));
            agreement.item.notes.push(msg!("needed only when ending by mutual agreement", "仅在双方协商终止时需要"));
            agreement.item.missing.push(msg!("no Handover record yet", "尚无交接记录（`Handover`）"));
        }
        Some(h) => {
            let t = &h.termination.value;
            let why = t.reason.value;
            let (why_text, why_zh) = (why.as_str(), why.zh());
            reason.item.done_at = Some(t.notice_given_at.value).filter(|d| cx.known_date(*d));
            if engagement.termination.conditions.iter().any(|c| c.value == why) {
                reason.satisfied = true;
            } else {
                let allowed: Vec<&str> = engagement.termination.conditions.iter().map(|c| c.value.as_str()).collect();
                let allowed_zh = crate::model::labels::zh_list(
                    &engagement.termination.conditions.iter().map(|c| c.value.zh()).collect::<Vec<_>>(),
                );
                let allowed = allowed.join(", ");
                reason.problem(
                    HND_001,
                    t.reason.span,
                    msg!(
                        "`{why_text}` is not among the contract's termination conditions ({allowed})",
                        "终止原因“{why_zh}”（`{why_text}`）不属于合同约定的终止条件（{allowed_zh}）"
                    ),
                    Some(msg!(
                        "end the engagement on one of the contract's conditions, or amend the contract first",
                        "请依合同约定的终止条件终止，或先变更合同"
                    )),
                );
                reason.item.missing.push(msg!("a reason the contract allows", "合同允许的终止原因"));
            }
            let given = t.notice_given_at.value;
            // A notice dated after as-of has not been given yet (evidence after as-of is ignored).
            let given_yet = cx.known_date(given);
            notice.item.done_at = given_yet.then_some(given);
            if needs_notice_period(why) {
                let latest = add_days(t.effective_at.value, -i64::from(n));
                if given <= latest {
                    notice.satisfied = given_yet;
                } else {
                    let days = crate::calendar::dates::days_between(given, t.effective_at.value);
                    notice.problem(
                        HND_001,
                        t.notice_given_at.span,
                        msg!(
                            "notice given {given}, {days} days before the effective date {effective}; the contract requires at least {n} days (`notice_days`), i.e. by {latest}",
                            "终止通知于 {given} 发出，距生效日 {effective} 仅 {days} 天；合同约定至少提前 {n} 天（`notice_days`），即不晚于 {latest}"
                        ),
                        Some(msg!(
                            "move the effective date to {n} days after the notice, or record the customer's agreement (reason mutual-agreement)",
                            "请将生效日顺延至通知后 {n} 天，或记录客户同意（终止原因改为“双方协商一致”，即 `mutual-agreement`）"
                        )),
                    );
                    notice.item.missing.push(msg!("notice by {latest}", "不晚于 {latest} 的通知"));
                }
            } else if needs_evidence(why) {
                notice.item.due = Some(t.effective_at.value);
                if t.notice_evidence.is_some() {
                    notice.satisfied = true;
                } else {
                    notice.problem(
                        HND_001,
                        t.reason.span,
                        msg!(
                            "termination for `{why_text}` needs `notice_evidence`: the document that establishes it",
                            "因“{why_zh}”终止须提供证明该情形的文件（`notice_evidence`）"
                        ),
                        Some(msg!(
                            "commit the notice or evidence document and name it in `termination.notice_evidence`",
                            "请提交通知或证明文件，并在 `termination.notice_evidence` 中引用"
                        )),
                    );
                    notice.item.missing.push(msg!("notice evidence", "通知证明文件"));
                }
            } else {
                notice.not_applicable = true;
                notice
                    .item
                    .notes
                    .push(msg!("ended by mutual agreement: no notice period", "双方协商终止：无通知期要求"));
            }
            if let Some(path) = &t.notice_evidence {
                evidence(cx, &mut notice, path, true);
            }
            if why == TerminationCondition::MutualAgreement {
                match known(cx, t.agreement_signed_at.as_ref()) {
                    Some(d) => {
                        agreement.satisfied = true;
                        agreement.item.done_at = Some(d.value);
                    }
                    None => {
                        agreement.problem(
                            HND_001,
                            t.reason.span,
                            msg!(
                                "termination by mutual agreement without `agreement_signed_at`",
                                "双方协商终止，但缺少终止协议签署日期（`agreement_signed_at`）"
                            ),
                            Some(msg!(
                                "record the date both parties signed the termination agreement",
                                "请记录双方签署终止协议的日期"
                            )),
                        );
                        agreement.item.missing.push(msg!("signed termination agreement", "已签署的终止协议"));
                    }
                }
            } else {
                agreement.not_applicable = true;
            }
        }
    }
    items.push(reason.finish(as_of));
    items.push(notice.finish(as_of));
    items.push(agreement.finish(as_of));

    // §7.3 Full system check before exit, due 30 days before the effective date (HND-004).
    let due = add_days(effective, -30);
    let mut check =
        Draft::new("pre-exit-check", "§7.3", msg!("full system check before exit", "退出前全面系统检查"), &[HND_004])
            .due(due);
    let done = known(cx, h.and_then(|h| h.pre_exit_check_at.as_ref()));
    if let Some(d) = done {
        check.item.done_at = Some(d.value);
    }
    match (h, done) {
        (_, Some(d)) if d.value <= due => check.satisfied = true,
        // Once its due day has passed without a check on or before it, it is too late to
        // be the check before exit the manual asks for.
        (Some(h), _) if as_of > due => {
            let span = h.pre_exit_check_at.as_ref().map_or(h.id.span, |d| d.span);
            let message = match done {
                Some(d) => {
                    let on = d.value;
                    msg!(
                        "the full system check before exit was made on {on}, after {due} (30 days before the effective date {effective})",
                        "退出前全面系统检查于 {on} 进行，晚于 {due}（终止生效日 {effective} 前 30 天）"
                    )
                }
                None => msg!(
                    "no full system check before exit (`pre_exit_check_at`) by {due}, 30 days before the effective date {effective}",
                    "截至 {due}（终止生效日 {effective} 前 30 天）未进行退出前全面系统检查（`pre_exit_check_at`）"
                ),
            };
            check.problem(
                HND_004,
                span,
                message,
                Some(msg!(
                    "check every system with the customer at least 30 days before the effective date and record the day in `pre_exit_check_at`",
                    "请至少在终止生效日前 30 天与客户共同完成全面系统检查，并在 `pre_exit_check_at` 中记录日期"
                )),
            );
            check.item.missing.push(msg!("a check by {due}", "不晚于 {due} 的检查"));
        }
        _ => check.item.missing.push(msg!("`pre_exit_check_at`", "检查日期（`pre_exit_check_at`）")),
    }
    items.push(check.finish(as_of));
}
