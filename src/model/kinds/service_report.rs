//! ServiceReport (§1.2, §2.3): the periodic service report delivered to the customer.

use super::survey::Period;
use super::{Kind, RecordKind};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::object! {
    /// A periodic service report (服务报告).
    pub struct ServiceReport {
        id: req String,
        engagement: opt String,
        period: req Period,
        delivered_at: req Date,
        path: opt RelPath,
        confirmed_by: opt String,
        confirmed_at: opt Date,
        /// The records commit the report was produced from (assurance.md, GIT-004).
        commit: opt String,
        /// The report's inputs digest (`provenance.inputs_sha256` of the report): the records
        /// at `commit` must still hash to it (GIT-004).
        inputs_sha256: opt String,
    }
}

impl RecordKind for ServiceReport {
    const KIND: Kind = Kind::ServiceReport;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.path.as_ref().map(|value| super::FileRef { field: "path", value }));
    }
}
