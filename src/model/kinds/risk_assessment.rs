//! RiskAssessment (§2.2 风险评估; the outsourcing risk assessment a bank customer requires yearly).

use super::change::{PartyRole, RiskLevel};
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, Likert, RelPath};

crate::enumeration! {
    pub enum RiskCategory {
        Security = "security", Operational = "operational", Continuity = "continuity",
        Compliance = "compliance", Vendor = "vendor", Concentration = "concentration", Other = "other"
    }
}

crate::enumeration! {
    pub enum RiskStatus {
        Open = "open", Mitigating = "mitigating", Mitigated = "mitigated", Accepted = "accepted", Closed = "closed"
    }
}

crate::object! {
    /// A risk assessment of the engagement (风险评估).
    pub struct RiskAssessment {
        id: req String,
        engagement: opt String,
        performed_at: req Date,
        /// Who performed it (person field).
        performed_by: req String,
        scope: req String,
        report: opt RelPath,
        risks: req_list RiskEntry,
    }
}

crate::object! {
    /// One assessed risk.
    pub struct RiskEntry {
        id: req String,
        title: req String,
        category: req RiskCategory,
        likelihood: req Likert,
        impact: req Likert,
        /// By the policy's `risk_matrix` (RSK-002).
        level: req RiskLevel,
        /// Person field.
        owner: req String,
        mitigation: opt String,
        due: opt Date,
        status: req RiskStatus,
        /// Who accepted the risk, for which party, when (风险接受).
        accepted_by: opt RiskAcceptance,
    }
}

crate::object! {
    /// The acceptance of a risk.
    pub struct RiskAcceptance {
        /// Person field.
        by: req String,
        party: req PartyRole,
        at: req Date,
    }
}

impl RiskEntry {
    /// Still to be dealt with: open or being mitigated.
    pub fn is_open(&self) -> bool {
        matches!(self.status.value, RiskStatus::Open | RiskStatus::Mitigating)
    }

    pub fn is_high(&self) -> bool {
        matches!(self.level.value, RiskLevel::High | RiskLevel::Critical)
    }
}

impl RecordKind for RiskAssessment {
    const KIND: Kind = Kind::RiskAssessment;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("performed_by", Target::PersonOrText, &self.performed_by));
        for r in self.risks.iter() {
            out.push(Ref::new("risks[].owner", Target::PersonOrText, &r.owner));
            out.extend(r.accepted_by.iter().map(|a| Ref::new("risks[].accepted_by.by", Target::PersonOrText, &a.by)));
        }
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.report.as_ref().map(|value| super::FileRef { field: "report", value }));
    }
}
