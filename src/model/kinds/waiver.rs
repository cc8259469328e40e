//! Waiver (records.md "Waiver"): an accepted exception to a rule (例外审批).

use super::subcontractor::CustomerApproval;
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::object! {
    /// An accepted exception: while live, matching findings are reported as waived.
    pub struct Waiver {
        id: req String,
        /// The rule id, e.g. `CHG-001`.
        rule: req String,
        /// `Kind/id`, a bare id unique across kinds, or a `path:` glob.
        target: req String,
        reason: req String,
        /// A Person id.
        approved_by: req String,
        expires: req Date,
        /// The customer's approval (assurance.md): required to waive an error-severity rule.
        customer_approval: opt CustomerApproval,
    }
}

impl RecordKind for Waiver {
    const KIND: Kind = Kind::Waiver;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        // `target` is resolved by GEN-006.
        out.push(Ref::new("approved_by", Target::Record(Kind::Person), &self.approved_by));
        out.extend(self.customer_approval.iter().map(|a| Ref::new("customer_approval.by", Target::PersonOrText, &a.by)));
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        let evidence = self.customer_approval.as_ref().and_then(|a| a.evidence.as_ref());
        out.extend(evidence.map(|value| super::FileRef { field: "customer_approval.evidence", value }));
    }
}
