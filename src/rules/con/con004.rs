//! CON-004: Term starts before it ends; termination conditions listed.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con004;

static META: Meta = Meta {
    id: "CON-004",
    severity: Severity::Error,
    section: "§1.4, §7.1",
    title_en: "Term starts before it ends; termination conditions listed",
    title_zh: "合同期限起始须早于结束，并列明终止条件",
    explanation_en: "A contract term that ends on or before its start cannot be served, and the exit rules of chapter 7 need to know under which conditions the contract may end (§1.4, §7.1): contract expiry, mutual agreement, force majeure, a breach by either party, a change on the customer's side, or the provider's own decision. An adoption date `records_from` after the term's end is reported too: no duty or report of the term would be judged, which is almost always a mistyped year.",
    explanation_zh: "合同期的结束日不晚于开始日，合同就无法履行；第 7 章的退出要求，也需要知道合同在何种条件下终止（§1.4、§7.1）：合同到期、双方协商一致、不可抗力、任一方违约、客户方调整，或服务方主动终止。记录起始日 `records_from` 晚于合同期结束日的，同样予以报告：此时合同期内的任何义务和报告都不再判断，这几乎总是年份写错了。",
    failing: include_str!("../../../fixtures/CON-004.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-004.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            out.checked();
            let id = eng.id.value.as_str();
            let (start, end) = (eng.term.start.value, eng.term.end.value);
            if end <= start {
                out.report(
                    eng.term.end.span,
                    msg!(
                        "the term ends ({end}) on or before it starts ({start})",
                        "服务期结束日（{end}）不晚于起始日（{start}）"
                    ),
                )
                .label(eng.term.start.span, msg!("start", "起始日"))
                .record(Kind::Engagement, id);
            }
            // Records that begin after the term would judge nothing of it (docs/decisions.md).
            if let Some(from) = eng.records_from.as_ref().filter(|r| r.value > end) {
                let on = from.value;
                out.report(
                    from.span,
                    msg!(
                        "`records_from` ({on}) is after the term's end ({end}): no duty or report of the term would be judged",
                        "记录起始日 `records_from`（{on}）晚于服务期结束日（{end}）：服务期内的义务和报告将全部不予判断"
                    ),
                )
                .label(eng.term.end.span, msg!("end", "结束日"))
                .help(msg!(
                    "write the day this repository started holding the engagement's records, within the term",
                    "请填写本仓库开始保存该服务项目记录的日期，且须在服务期内"
                ))
                .record(Kind::Engagement, id);
            }
            if eng.termination.conditions.is_empty() {
                let at = eng.termination.conditions.span.unwrap_or(eng.termination.anchor);
                out.report(at, msg!("no termination condition is listed", "未列明任何终止条件"))
                    .help(msg!(
                        "e.g. `conditions: [contract-expiry, mutual-agreement]`",
                        "例如 `conditions: [contract-expiry, mutual-agreement]`"
                    ))
                    .record(Kind::Engagement, id);
            }
        }
    }
}
