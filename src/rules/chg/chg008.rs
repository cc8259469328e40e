//! CHG-008: Segregation of duties in changes.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg008;

static META: Meta = Meta {
    id: "CHG-008",
    severity: Severity::Warning,
    section: "§6.1",
    title_en: "Segregation of duties in changes",
    title_zh: "变更须职责分离",
    explanation_en: "Segregation of duties (§6.1): a change should not be approved only by the person who implements it, and should not be verified by its implementer. Names are compared after resolving Person ids, so `p-wang-lei` and `王磊` are the same person when the Person record says so.",
    explanation_zh: "变更须职责分离（§6.1）：实施人不得是唯一的审批人，也不得由实施人自行验证。比较前会先对照人员记录，因此人员记录（`Person`）表明 `p-wang-lei` 即 `王磊` 时，二者视为同一人。",
    failing: include_str!("../../../fixtures/CHG-008.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-008.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg008 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::Decision;
        let who = |text: &str| -> String {
            if let Some(p) = cx.person(text) {
                return p.id.value.clone();
            }
            cx.records
                .people
                .iter()
                .find(|p| p.name.value == text)
                .map_or_else(|| text.trim().to_owned(), |p| p.id.value.clone())
        };
        for c in &cx.records.changes {
            let Some(imp) = &c.implementation else { continue };
            out.checked();
            let id = c.id.value.as_str();
            let implementer = who(&imp.by.value);
            let approvers: Vec<&crate::model::Sp<crate::model::kinds::change::Approval>> =
                c.approvals.iter().filter(|a| a.decision.value == Decision::Approved).collect();
            let mut distinct: Vec<String> = approvers.iter().map(|a| who(&a.by.value)).collect();
            distinct.sort();
            distinct.dedup();
            if distinct.len() == 1 && distinct[0] == implementer {
                let by = imp.by.value.as_str();
                let by_zh = cx.person_zh(by);
                let f = out.report(
                    imp.by.span,
                    msg!(
                        "`{by}` both approved and implemented change `{id}`, with no other approver",
                        "{by_zh}既是变更 `{id}` 的唯一审批人，又是实施人"
                    ),
                );
                if let Some(a) = approvers.first() {
                    f.label(a.by.span, msg!("approval", "审批"));
                }
                f.record(Kind::Change, id);
            }
            if let Some(v) = &c.verification
                && who(&v.by.value) == implementer
            {
                let by = v.by.value.as_str();
                let by_zh = cx.person_zh(by);
                out.report(
                    v.by.span,
                    msg!("`{by}` verified change `{id}`, which they implemented", "{by_zh}验证了自己实施的变更 `{id}`"),
                )
                .label(imp.by.span, msg!("implementer", "实施人"))
                .record(Kind::Change, id);
            }
        }
    }
}
