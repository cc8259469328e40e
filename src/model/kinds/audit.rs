//! Audit (§3.3): an information-security audit and its findings.

use super::{Kind, RecordKind};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::enumeration! {
    /// Areas an audit covers; a topic audit (专项审计) may cover one.
    pub enum AuditArea {
        SecurityPolicy = "security-policy",
        EncryptionAccessControl = "encryption-access-control",
        VulnerabilitiesIncidents = "vulnerabilities-incidents",
        TrainingAwareness = "training-awareness",
    }
}

crate::enumeration! {
    /// Severity of an audit finding or a leftover issue.
    pub enum IssueSeverity { Low = "low", Medium = "medium", High = "high", Critical = "critical" }
}

crate::enumeration! {
    pub enum FindingStatus { Open = "open", Closed = "closed", Accepted = "accepted" }
}

crate::object! {
    /// An information-security audit (信息安全审计).
    pub struct Audit {
        id: req String,
        engagement: opt String,
        performed_at: req Date,
        period: opt AuditPeriod,
        auditor: req Auditor,
        areas: req_list AuditArea,
        findings: list AuditFinding,
    }
}

crate::object! {
    /// The period the audit looked at.
    pub struct AuditPeriod {
        from: opt Date,
        to: opt Date,
    }
}

crate::object! {
    pub struct Auditor {
        name: req String,
        independent: opt bool,
    }
}

crate::object! {
    /// One audit finding; its id is unique within the audit.
    pub struct AuditFinding {
        id: req String,
        title: req String,
        severity: req IssueSeverity,
        owner: req String,
        due: req Date,
        status: req FindingStatus,
        closed_at: opt Date,
    }
}

impl Auditor {
    pub fn is_independent(&self) -> bool {
        self.independent.as_ref().is_some_and(|i| i.value)
    }
}

impl RecordKind for Audit {
    const KIND: Kind = Kind::Audit;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
}
