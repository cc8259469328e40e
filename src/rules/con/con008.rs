//! CON-008: Contract about to expire without a renewal decision or a handover.

use super::util::blank;
use crate::calendar::dates::add_days;
use crate::model::kinds::Engagement;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con008;

static META: Meta = Meta {
    id: "CON-008",
    severity: Severity::Warning,
    section: "§1.4, §7.1",
    title_en: "Contract about to expire without a renewal decision or a handover",
    title_zh: "合同即将到期但既无续约决定也无退出交接",
    explanation_en: "A contract that ends within `contract_expiry_warning_days` (90 by default) of the as-of date needs a decision (§1.4, §7.1): either a renewal, written in `term.renewal`, or an exit, recorded as a Handover. Without either, the service may simply stop on the last day. The rule also warns once the last day to give termination notice (the term's end minus the contract's `notice_days`) has passed without either: from then on the contract can no longer be ended on time by notice.",
    explanation_zh: "合同在评估日后 `contract_expiry_warning_days`（默认 90）天内到期的，须作出决定（§1.4、§7.1）：续约（写入 `term.renewal`），或退出（以退出交接记录 `Handover` 办理交接）。两者都没有，服务可能在合同到期当天戛然而止。发出终止通知的最后期限（到期日减去合同约定的 `notice_days`）已过而两者仍都没有的，本规则同样提示：此后已无法按约定提前通知终止合同。",
    failing: include_str!("../../../fixtures/CON-008.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-008.passing.yaml"),
    params: &["contract_expiry_warning_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con008 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for (eng, undecided, duties) in duties(cx) {
            out.checked();
            if !undecided {
                continue;
            }
            let end = eng.term.end.value;
            let left = crate::calendar::dates::days_between(as_of, end);
            let [renewal, notice] = duties;
            if renewal.overdue_on(as_of) {
                out.overdue(
                    &renewal,
                    msg!(
                        "the term ends on {end}, {left} days after {as_of}, with no renewal decision and no Handover",
                        "服务期于 {end} 到期，距 {as_of} 仅 {left} 天，既无续约决定也无交接记录"
                    ),
                );
            }
            if notice.overdue_on(as_of) {
                let (days, last) = (eng.termination.notice_days.value, notice.due);
                out.overdue(
                    &notice,
                    msg!(
                        "the last day to give {days} days' termination notice before the term ends on {end} was {last}; there is no renewal decision and no Handover",
                        "服务期于 {end} 到期，提前 {days} 天发出终止通知的最后期限 {last} 已过，既无续约决定也无交接记录"
                    ),
                )
                .label(eng.term.end.span, msg!("the term ends", "服务期到期日"));
            }
        }
    }

    /// Until the term ends: the renewal decision and the last day to give notice, while
    /// neither a renewal nor a Handover is written.
    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for (_, undecided, duties) in duties(cx) {
            if undecided {
                out.extend(duties);
            }
        }
    }
}

/// Each engagement, whether its end is undecided on the as-of day (still running, no
/// renewal text, no Handover), and its two duties: decide before the warning window opens
/// (`contract_expiry_warning_days` before the end) and give notice by end − `notice_days`.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, bool, [Duty; 2])> + 'a {
    let window = i64::from(cx.policy.contract_expiry_warning_days);
    cx.records.engagements.iter().map(move |eng| {
        let undecided = cx.as_of <= eng.term.end.value
            && eng.term.renewal.as_ref().is_none_or(blank)
            && !cx.records.handovers.iter().any(|h| {
                cx.engagement_of(crate::model::RecordView::Handover(h)).is_some_and(|e| e.value == eng.id.value)
            });
        let (id, end, days) = (eng.id.value.as_str(), eng.term.end.value, eng.termination.notice_days.value);
        let help = msg!(
            "write the decision in `term.renewal`, or start the exit with a Handover record",
            "请在 `term.renewal` 中写明续约决定，或以 `Handover` 记录启动退出交接"
        );
        let renewal = Duty::new(
            META.id,
            Kind::Engagement,
            id,
            Some("renewal"),
            add_days(end, -window - 1),
            eng.term.end.span,
            msg!("decide on renewal or exit: the term ends on {end}", "作出续约或退出决定：服务期于 {end} 到期"),
        )
        .help(help.clone());
        let notice = Duty::new(
            META.id,
            Kind::Engagement,
            id,
            Some("notice"),
            add_days(end, -i64::from(days)),
            eng.termination.notice_days.span,
            msg!(
                "last day to give {days} days' termination notice before the term ends on {end}",
                "服务期于 {end} 到期，提前 {days} 天发出终止通知的最后期限"
            ),
        )
        .help(help);
        (eng, undecided, [renewal, notice])
    })
}
