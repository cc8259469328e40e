//! Handover (§7.1–§7.5, §4.4): the exit of an engagement.

use super::audit::IssueSeverity;
use super::engagement::TerminationCondition;
use super::{Kind, RecordKind};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::enumeration! {
    /// The deliverables of an exit; all but `other` are required (HND-002).
    pub enum DeliverableItem {
        SystemConfig = "system-config",
        TechnicalDocs = "technical-docs",
        SystemLogs = "system-logs",
        UserManuals = "user-manuals",
        TrainingMaterials = "training-materials",
        ServiceReports = "service-reports",
        ChangeRecords = "change-records",
        BackupRecoveryPlan = "backup-recovery-plan",
        Other = "other",
    }
}

crate::enumeration! {
    pub enum LeftoverStatus { Open = "open", Resolved = "resolved", Accepted = "accepted" }
}

crate::object! {
    /// The exit of an engagement (退出交接).
    pub struct Handover {
        id: req String,
        engagement: opt String,
        termination: req HandoverTermination,
        /// Full system check before exit (§7.3).
        pre_exit_check_at: opt Date,
        deliverables: req_list Deliverable,
        leftover_issues: list LeftoverIssue,
        leftover_report_submitted_at: opt Date,
        support: opt ExitSupport,
        data: opt DataDisposal,
        /// Accounts, keys and assets returned.
        credentials_returned_at: opt Date,
        access_revoked_at: opt Date,
        settlement: opt Settlement,
        sign_off: opt SignOff,
        /// Outcome evaluation (§7.5).
        evaluation: opt ExitEvaluation,
        post_exit_feedback_at: opt Date,
    }
}

crate::object! {
    /// Why and when the engagement ends.
    pub struct HandoverTermination {
        /// One of the Engagement's termination conditions (HND-001).
        reason: req TerminationCondition,
        notice_given_at: req Date,
        effective_at: req Date,
        notice_evidence: opt RelPath,
        agreement_signed_at: opt Date,
    }
}

crate::object! {
    /// One exit deliverable, delivered or marked not applicable.
    pub struct Deliverable {
        item: req DeliverableItem,
        evidence: list RelPath,
        delivered_at: opt Date,
        accepted_by: opt String,
        accepted_at: opt Date,
        not_applicable: opt NotApplicable,
    }
}

crate::object! {
    /// A deliverable that does not apply, with the customer's acceptance.
    pub struct NotApplicable {
        reason: req String,
        accepted_by: req String,
    }
}

crate::object! {
    /// An issue left open at exit; its id is unique within the handover.
    pub struct LeftoverIssue {
        id: req String,
        title: req String,
        severity: req IssueSeverity,
        status: req LeftoverStatus,
        owner: req String,
        plan: opt String,
        due: opt Date,
        verified_at: opt Date,
        customer_confirmed_at: opt Date,
    }
}

crate::object! {
    /// Support promised after exit.
    pub struct ExitSupport {
        until: req Date,
        channels: req_list String,
        contact: req String,
        scope: opt String,
    }
}

crate::object! {
    /// What happened to the customer's data.
    pub struct DataDisposal {
        returned_at: opt Date,
        destroyed_at: opt Date,
        method: opt String,
        certificate: opt RelPath,
    }
}

crate::object! {
    pub struct Settlement {
        completed_at: opt Date,
        audit_done: opt bool,
    }
}

crate::object! {
    pub struct SignOff {
        provider: opt Signature,
        customer: opt Signature,
    }
}

crate::object! {
    pub struct Signature {
        name: req String,
        at: req Date,
    }
}

crate::object! {
    pub struct ExitEvaluation {
        at: req Date,
        summary: req String,
    }
}

impl Handover {
    pub fn deliverable(&self, item: DeliverableItem) -> Option<&Sp<Deliverable>> {
        self.deliverables.iter().find(|d| d.item.value == item)
    }
}

impl RecordKind for Handover {
    const KIND: Kind = Kind::Handover;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
}
