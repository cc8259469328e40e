//! HR-004: Active staff have signed a confidentiality agreement.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr004;

static META: Meta = Meta {
    id: "HR-004",
    severity: Severity::Error,
    section: "§4.5",
    title_en: "Active staff have signed a confidentiality agreement",
    title_zh: "在岗人员须签署保密协议",
    explanation_en: "Everyone working on the engagement handles the customer's information and must have signed a confidentiality agreement (§4.5, 保密协议). An active person without `nda_signed_at` is reported.",
    explanation_zh: "参与服务项目的人员都会接触客户信息,须签署保密协议(§4.5)。在岗人员没有 `nda_signed_at` 的将被报告。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\nnda_signed_at: 2025-06-20\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Hr004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for p in &cx.records.people {
            if !cx.is_active(p) {
                continue;
            }
            out.checked();
            if p.nda_signed_at.as_ref().is_none_or(|d| d.value > as_of) {
                let id = p.id.value.as_str();
                out.report(
                    p.id.span,
                    msg!(
                        "`{id}` works on the engagement without a signed confidentiality agreement (`nda_signed_at`)",
                        "`{id}` 在岗但未签署保密协议(`nda_signed_at`)"
                    ),
                )
                .record(Kind::Person, id);
            }
        }
    }
}
