//! The exit's items of §7.3 leftover issues: owner and plan by the effective date, closed by their own due date.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { cx, h, as_of, effective, grace_end, after_exit, .. } = *s;
    // §7.3 Leftover issues: owner and plan by the effective date, closed by their due date.
    match h {
        Some(h) if !h.leftover_issues.is_empty() => {
            for (i, issue) in h.leftover_issues.iter().enumerate() {
                let v = &issue.value;
                let id = v.id.value.as_str();
                let title = v.title.value.as_str();
                // cli.md: owner and plan are due at E; closing is due at the issue's own `due`,
                // when it has one (rules.md: "open past its `due`").
                let own_due = v.due.as_ref().map(|d| d.value);
                let due = own_due.unwrap_or(effective);
                let mut d = Draft::new(
                    format!("leftover.{id}"),
                    "§7.3",
                    msg!("leftover issue {id}: {title}", "遗留问题 {id}：{title}"),
                    &[HND_004],
                )
                .due(due);
                let unreadable = s.unreadable_in(issue.span);
                d.unreadable(unreadable);
                // §7.3 "验证…确认": a resolved issue is closed once verified and confirmed by the
                // customer; an accepted one once the customer accepted it.
                let confirmed = known(cx, v.verified_at.as_ref()).is_some()
                    && known(cx, v.customer_confirmed_at.as_ref()).is_some();
                d.satisfied = match v.status.value {
                    LeftoverStatus::Open => false,
                    LeftoverStatus::Resolved => confirmed,
                    LeftoverStatus::Accepted => true,
                };
                // Closed when verified (or confirmed by the customer); an open issue has no such date.
                d.item.done_at = Some(v)
                    .filter(|v| v.status.value != LeftoverStatus::Open)
                    .and_then(|v| known(cx, v.verified_at.as_ref()).or(known(cx, v.customer_confirmed_at.as_ref())))
                    .map(|x| x.value);
                let owner = v.owner.value.as_str();
                let owner_zh = cx.person_zh(owner);
                d.item.notes.push(msg!("owner {owner}", "负责人：{owner_zh}"));
                if v.status.value == LeftoverStatus::Resolved {
                    // Judged on what the record says, not on as-of: a date still to come only
                    // leaves the item pending until its due date.
                    // A date left out for GEN-003 is shown as that problem, not as missing too.
                    let absent: Vec<&str> = [
                        ("verified_at", v.verified_at.is_none()),
                        ("customer_confirmed_at", v.customer_confirmed_at.is_none()),
                    ]
                    .into_iter()
                    .filter_map(|(name, absent)| absent.then_some(name))
                    .filter(|name| {
                        !cx.index.value_left_out(
                            crate::model::Kind::Handover,
                            &h.id.value,
                            &format!("leftover_issues[{i}].{name}"),
                        )
                    })
                    .collect();
                    if !absent.is_empty() {
                        let fields = absent.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>();
                        let words: Vec<String> = absent
                            .iter()
                            .map(|f| {
                                let w = if *f == "verified_at" { "验证日期" } else { "客户确认日期" };
                                format!("{w}（`{f}`）")
                            })
                            .collect();
                        let (en, zh) = (fields.join(" and "), crate::model::labels::zh_list(&words));
                        d.problem(
                            HND_004,
                            v.status.span,
                            msg!(
                                "leftover issue {id} is marked resolved without {en}: §7.3 requires the resolution verified and confirmed by the customer",
                                "遗留问题 {id} 标记为已解决，但缺少{zh}：§7.3 要求解决结果经验证并由客户确认"
                            ),
                            Some(msg!(
                                "record when the resolution was verified (`verified_at`) and when the customer confirmed it (`customer_confirmed_at`), or set the status back to open",
                                "请记录验证日期 `verified_at` 和客户确认日期 `customer_confirmed_at`，或将状态改回“未解决”（`status: open`）"
                            )),
                        );
                        d.item.missing.push(msg!("{en}", "{zh}"));
                    }
                }
                let has_plan = v.plan.as_ref().is_some_and(|p| !p.value.trim().is_empty());
                if v.status.value == LeftoverStatus::Open && own_due.is_none() && has_plan {
                    // Planned, with no date to be past: open, not overdue.
                    d.item.due = None;
                    d.item.notes.push(msg!("open; planned, no due date", "未关闭；已有处理计划，未设期限"));
                }
                if v.status.value == LeftoverStatus::Open {
                    if own_due.is_some_and(|_| as_of > due) {
                        d.problem(
                            HND_004,
                            v.status.span,
                            msg!(
                                "leftover issue {id} is still open after its due date {due}",
                                "遗留问题 {id} 已过期限 {due} 仍未关闭"
                            ),
                            Some(msg!(
                                "resolve and verify it, or record the customer's acceptance (status accepted)",
                                "请解决并验证，或记录客户接受（改为 `status: accepted`）"
                            )),
                        );
                    }
                    if own_due.is_some() {
                        d.item.missing.push(msg!("resolution by {due}", "于 {due} 前解决"));
                    } else {
                        d.item.missing.push(msg!("resolution", "解决"));
                    }
                }
                if v.plan.as_ref().is_none_or(|p| p.value.trim().is_empty()) && v.status.value == LeftoverStatus::Open {
                    // rules.md judges the plan "at the effective date": on E it must exist, so
                    // the item is due the day before at the latest (what `report due` lists).
                    d.item.due = Some(due.min(add_days(effective, -1)));
                    if as_of >= effective {
                        d.problem(
                            HND_004,
                            issue.span,
                            msg!(
                                "leftover issue {id} has no `plan` at the effective date {effective}",
                                "遗留问题 {id} 在终止生效日 {effective} 仍无处理计划（`plan`）"
                            ),
                            Some(msg!("write how and by when it will be resolved", "请写明处理方式和完成时间")),
                        );
                    }
                    d.item.missing.push(msg!("a `plan`", "处理计划（`plan`）"));
                }
                items.push(d.finish(as_of));
            }
        }
        _ => {
            let mut d = Draft::new(
                "leftover.identified",
                "§7.3",
                msg!("leftover issues identified, each with owner and plan", "识别遗留问题并明确负责人和处理计划"),
                &[HND_004],
            )
            .due(effective);
            if h.is_some() {
                d.satisfied = true;
                d.item.notes.push(msg!("none recorded", "未记录遗留问题"));
            } else {
                d.item.missing.push(msg!("no Handover record yet", "尚无交接记录（`Handover`）"));
            }
            items.push(d.finish(as_of));
        }
    }
    let mut report = Draft::new(
        "leftover.report",
        "§7.3",
        msg!("leftover-issue report submitted to the customer", "向客户提交遗留问题处理报告"),
        &[HND_004],
    )
    .due(grace_end);
    match known(cx, h.and_then(|h| h.leftover_report_submitted_at.as_ref())) {
        Some(d) => {
            report.satisfied = true;
            report.item.done_at = Some(d.value);
        }
        None => {
            report
                .item
                .missing
                .push(msg!("`leftover_report_submitted_at`", "报告提交日期（`leftover_report_submitted_at`）"));
            if let Some(h) = h.filter(|_| after_exit) {
                report.problem(
                    HND_004,
                    h.id.span,
                    msg!(
                        "no leftover-issue report submitted after exit (grace period ended {grace_end})",
                        "退出后未提交遗留问题处理报告（宽限期已于 {grace_end} 结束）"
                    ),
                    Some(msg!("record `leftover_report_submitted_at`", "请记录 `leftover_report_submitted_at`")),
                );
            }
        }
    }
    items.push(report.finish(as_of));
}
