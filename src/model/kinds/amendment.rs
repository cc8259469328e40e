//! Amendment (§1.4 合同变更; assurance.md): a change to the contract's terms the customer
//! approved. A commercial term changed after a period was reported is accepted by GIT-003
//! only when an Amendment in force from the period's start covers it.

use super::subcontractor::CustomerApproval;
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::object! {
    /// A contract amendment (合同变更/补充协议) and the customer's approval of it.
    pub struct Amendment {
        id: req String,
        engagement: opt String,
        /// The first day the changed terms apply.
        effective_from: req Date,
        summary: req String,
        /// What changed, one line each.
        changes: list String,
        /// The customer's signature: who, when, the signed amendment.
        customer_approval: req CustomerApproval,
    }
}

impl RecordKind for Amendment {
    const KIND: Kind = Kind::Amendment;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("customer_approval.by", Target::PersonOrText, &self.customer_approval.by));
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(
            self.customer_approval.evidence.as_ref().map(|value| super::FileRef { field: "customer_approval.evidence", value }),
        );
    }
}
