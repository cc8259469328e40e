//! Subcontractor (分包管理; bank outsourcing regulation): a subcontractor of the provider.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::object! {
    /// A subcontractor serving the engagement (分包商).
    pub struct Subcontractor {
        id: req String,
        engagement: opt String,
        name: req String,
        services: req_list String,
        scope: req String,
        /// The customer's approval of the subcontracting (SUB-001).
        customer_approval: opt CustomerApproval,
        started: req Date,
        ended: opt Date,
        nda_signed_at: opt Date,
        security_assessment_at: opt Date,
    }
}

crate::object! {
    /// The customer's written approval.
    pub struct CustomerApproval {
        /// Person field (the customer's approver).
        by: req String,
        at: req Date,
        evidence: opt RelPath,
    }
}

impl Subcontractor {
    /// Serving on `day`: started by then and not ended before it.
    pub fn active_on(&self, day: jiff::civil::Date) -> bool {
        self.started.value <= day && self.ended.as_ref().is_none_or(|e| e.value >= day)
    }
}

impl RecordKind for Subcontractor {
    const KIND: Kind = Kind::Subcontractor;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.services.iter().map(|s| Ref::new("services", Target::Service, s)));
        out.extend(self.customer_approval.iter().map(|a| Ref::new("customer_approval.by", Target::PersonOrText, &a.by)));
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        let evidence = self.customer_approval.as_ref().and_then(|a| a.evidence.as_ref());
        out.extend(evidence.map(|value| super::FileRef { field: "customer_approval.evidence", value }));
    }
}
