//! Acceptance (§2.4): the customer's acceptance of a delivery.

use super::{Kind, RecordKind};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::enumeration! {
    pub enum AcceptanceResult { Passed = "passed", Failed = "failed", Conditional = "conditional" }
}

crate::object! {
    /// Acceptance of a delivery (验收).
    pub struct Acceptance {
        id: req String,
        engagement: opt String,
        subject: req String,
        criteria: req_list String,
        result: req AcceptanceResult,
        report: opt RelPath,
        accepted_by: req String,
        accepted_at: req Date,
        follow_up: opt String,
    }
}

impl RecordKind for Acceptance {
    const KIND: Kind = Kind::Acceptance;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.report.as_ref().map(|value| super::FileRef { field: "report", value }));
    }
}
