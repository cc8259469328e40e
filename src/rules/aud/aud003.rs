//! AUD-003: Open audit findings are not past their due date.

use crate::model::kinds::Audit;
use crate::model::kinds::audit::{AuditFinding, FindingStatus};
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Aud003;

static META: Meta = Meta {
    id: "AUD-003",
    severity: Severity::Error,
    section: "§3.3",
    title_en: "Open audit findings are not past their due date",
    title_zh: "审计发现项不得逾期未整改",
    explanation_en: "Every audit finding has an owner and a due date for its remediation (§3.3, 整改). A finding still `open` after its `due` date is overdue; close it, or record a risk acceptance with `status: accepted`.",
    explanation_zh: "每个审计发现项都有整改责任人和到期日（§3.3，整改）。过了到期日 `due` 仍未关闭（`open`）的发现项即为逾期：请完成整改并关闭，或将状态设为 `status: accepted`，记录风险接受。",
    failing: include_str!("../../../fixtures/AUD-003.failing.yaml"),
    passing: include_str!("../../../fixtures/AUD-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Aud003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for (a, f, duty) in duties(cx) {
            out.checked();
            let Some(duty) = duty.filter(|d| d.overdue_on(as_of)) else { continue };
            let (aid, fid, title, due) =
                (a.id.value.as_str(), f.id.value.as_str(), f.title.value.as_str(), f.due.value);
            out.overdue(
                &duty,
                msg!(
                    "audit finding {aid}/{fid} ({title}) was due on {due} and is still open (as of {as_of})",
                    "审计发现项 {aid}/{fid}（{title}）应于 {due} 前整改，截至 {as_of} 仍未关闭"
                ),
            );
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter_map(|(.., d)| d));
    }
}

/// Every audit finding, with its duty while it is open.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Audit, &'a AuditFinding, Option<Duty>)> + 'a {
    cx.records.audits.iter().flat_map(|a| {
        a.findings.iter().map(move |f| {
            let open = f.status.value == FindingStatus::Open;
            let duty = open.then(|| {
                let (aid, fid, title) = (a.id.value.as_str(), f.id.value.as_str(), f.title.value.as_str());
                let what = msg!("close audit finding {aid}/{fid} ({title})", "整改审计发现项 {aid}/{fid}（{title}）");
                Duty::new(META.id, Kind::Audit, aid, Some(fid), f.due.value, f.due.span, what)
                    .help(msg!(
                        "fix it, record the evidence and set the finding's `status: closed` with `closed_at`",
                        "请完成整改，登记佐证材料，并将该发现项改为 `status: closed`，注明 `closed_at`"
                    ))
                    .owner(Some(&f.owner.value))
            });
            (a, &f.value, duty)
        })
    })
}
