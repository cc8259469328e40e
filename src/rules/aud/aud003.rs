//! AUD-003: Open audit findings are not past their due date.

use crate::model::{Kind, Severity};
use crate::msg;
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
        use crate::model::kinds::audit::FindingStatus;
        let as_of = cx.as_of;
        for a in &cx.records.audits {
            for f in &a.findings {
                out.checked();
                let due = f.due.value;
                if f.status.value == FindingStatus::Open && due < as_of {
                    let (aid, fid, title) = (a.id.value.as_str(), f.id.value.as_str(), f.title.value.as_str());
                    out.report(
                        f.due.span,
                        msg!(
                            "audit finding {aid}/{fid} ({title}) was due on {due} and is still open (as of {as_of})",
                            "审计发现项 {aid}/{fid}（{title}）应于 {due} 前整改，截至 {as_of} 仍未关闭"
                        ),
                    )
                    .record(Kind::Audit, aid);
                }
            }
        }
    }
}
