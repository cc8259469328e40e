//! Change (§2.3, §6.1, §6.2, §6.5): a change ticket from request to review.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::decode::{Decode, Decoder, List, decode_enum};
use crate::model::node::{Node, Value};
use crate::model::Span;
use crate::msg;
use crate::model::scalar::{Likert, RelPath, Ts};
use crate::model::Sp;

/// 标准 / 一般 / 重大 / 特别重大. Written out rather than with `enumeration!` only for its
/// decoder, which answers `class: emergency` with the way to write an emergency change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeClass {
    Standard,
    Normal,
    Major,
    Critical,
}

impl ChangeClass {
    pub const ALL: &'static [ChangeClass] =
        &[ChangeClass::Standard, ChangeClass::Normal, ChangeClass::Major, ChangeClass::Critical];
    pub const NAMES: &'static [&'static str] = &["standard", "normal", "major", "critical"];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeClass::Standard => "standard",
            ChangeClass::Normal => "normal",
            ChangeClass::Major => "major",
            ChangeClass::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ChangeClass::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The class in Chinese sentences (glossary: 一般变更 …), from `model::labels`.
    pub fn zh(self) -> &'static str {
        crate::model::labels::label(crate::model::Lang::ZhCn, "ChangeClass", self.as_str())
    }
}

impl std::fmt::Display for ChangeClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Decode for ChangeClass {
    const EXPECTED: (&'static str, &'static str) =
        ("one of: standard normal major critical ", "以下取值之一：`standard`、`normal`、`major`、`critical`");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        // "Emergency" is how a change is carried out, not a class (§6.1): the class still
        // decides its approvals, so the fix is a flag next to the class it would have had.
        if let Value::Scalar(s, _) = &node.value
            && s.as_ref() == "emergency"
        {
            let list = ChangeClass::NAMES.join(", ");
            let list_zh = ChangeClass::NAMES.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join("、");
            d.value_error(
                node,
                msg!("`emergency` is not one of: {list}", "`emergency` 不是以下取值之一：{list_zh}"),
                Some(msg!(
                    "write `emergency: true` with the class the change would otherwise have",
                    "请改为 `emergency: true`，并填写该变更本应属于的类别"
                )),
            );
            return None;
        }
        decode_enum(node, d, ChangeClass::NAMES, ChangeClass::parse)
    }
    fn schema() -> serde_json::Value {
        serde_json::json!({ "type": "string", "enum": ChangeClass::NAMES })
    }
}

crate::enumeration! {
    pub enum RiskLevel { Low = "low", Medium = "medium", High = "high", Critical = "critical" }
}

crate::enumeration! {
    /// Approval roles, lowest first: a higher role satisfies a lower one.
    pub enum ApprovalRole {
        ChangeManager = "change-manager",
        DepartmentHead = "department-head",
        Cab = "cab",
        ItsmCommittee = "itsm-committee",
        SeniorManagement = "senior-management",
    }
}

crate::enumeration! {
    pub enum PartyRole { Provider = "provider", Customer = "customer" }
}

crate::enumeration! {
    pub enum Decision { Approved = "approved", Rejected = "rejected" }
}

crate::enumeration! {
    pub enum CheckResult { Passed = "passed", Failed = "failed" }
}

crate::enumeration! {
    pub enum CheckOutcome { Passed = "passed", Failed = "failed", NotApplicable = "n/a" }
}

crate::enumeration! {
    pub enum ChangeStatus {
        Requested = "requested",
        Approved = "approved",
        Rejected = "rejected",
        Scheduled = "scheduled",
        Implemented = "implemented",
        Verified = "verified",
        Closed = "closed",
        RolledBack = "rolled-back",
        Cancelled = "cancelled",
    }
}

crate::object! {
    /// A change request (变更申请).
    pub struct Change {
        id: req String,
        engagement: opt String,
        title: req String,
        description: req String,
        class: req ChangeClass,
        emergency: opt bool,
        /// The entry of the standard-change catalogue (`standard_change_catalogue` in
        /// `[policy]`) that a `standard` change follows (CHG-013).
        standard_ref: opt String,
        requested_by: req String,
        requested_at: req Ts,
        impact: req Impact,
        risk: req Risk,
        approvals: list Approval,
        /// Who allowed an emergency change to start before the formal approvals.
        emergency_authorization: boxed EmergencyAuthorization,
        /// When stakeholders were told the plan (§6.1).
        notified_at: opt Ts,
        schedule: opt Window,
        rollback_plan: opt String,
        planned_downtime: boxed PlannedDowntime,
        implementation: opt Implementation,
        verification: boxed Verification,
        rollback: opt Rollback,
        /// This change follows up a failed one.
        follows: opt String,
        /// Post-implementation review (变更回顾).
        review: boxed Review,
        evidence: list RelPath,
        status: req ChangeStatus,
        closed_at: opt Ts,
    }
}

crate::object! {
    /// Impact assessment (变更影响评估, §6.2).
    pub struct Impact {
        services: req_list String,
        expected: req String,
        business: opt String,
        technical: opt String,
        security: opt String,
        cost: opt String,
    }
}

crate::object! {
    pub struct Risk {
        likelihood: req Likert,
        impact: req Likert,
        level: req RiskLevel,
    }
}

crate::object! {
    pub struct Approval {
        by: req String,
        role: req ApprovalRole,
        party: opt PartyRole,
        at: req Ts,
        decision: req Decision,
        note: opt String,
    }
}

crate::object! {
    pub struct EmergencyAuthorization {
        by: req String,
        at: req Ts,
    }
}

crate::object! {
    pub struct Window {
        start: req Ts,
        end: req Ts,
    }
}

crate::object! {
    pub struct PlannedDowntime {
        start: req Ts,
        end: req Ts,
        services: req_list String,
    }
}

crate::object! {
    pub struct Implementation {
        by: req String,
        started_at: req Ts,
        finished_at: req Ts,
        notes: opt String,
    }
}

crate::object! {
    pub struct Checks {
        functional: opt CheckOutcome,
        performance: opt CheckOutcome,
        security: opt CheckOutcome,
    }
}

crate::object! {
    /// Post-change verification (变更验证).
    pub struct Verification {
        by: req String,
        at: req Ts,
        result: req CheckResult,
        checks: req Checks,
    }
}

crate::object! {
    pub struct Rollback {
        by: req String,
        at: req Ts,
        notes: opt String,
    }
}

crate::object! {
    pub struct Review {
        at: req Ts,
        summary: req String,
    }
}

impl Change {
    /// Approvals that count: approved, before `deadline`, and not followed (before the
    /// deadline) by any rejection (CHG-002: "with no later rejection"). A rejection voids
    /// every approval before it, whoever gave them; approvals after it count again.
    pub fn standing_approvals(&self, deadline: jiff::Timestamp) -> Vec<&Sp<Approval>> {
        let rejections: Vec<&Sp<Approval>> =
            self.approvals.iter().filter(|a| a.decision.value == Decision::Rejected && a.at.instant < deadline).collect();
        self.approvals
            .iter()
            .filter(|a| a.decision.value == Decision::Approved && a.at.instant < deadline)
            .filter(|a| !rejections.iter().any(|r| r.at.instant > a.at.instant))
            .collect()
    }

    pub fn is_emergency(&self) -> bool {
        self.emergency.as_ref().is_some_and(|e| e.value)
    }
}

impl Approval {
    pub fn party(&self) -> PartyRole {
        self.party.as_ref().map_or(PartyRole::Provider, |p| p.value)
    }
}

fn services<'r>(field: &'static str, list: &'r List<String>, out: &mut Vec<Ref<'r>>) {
    out.extend(list.iter().map(|s| Ref::new(field, Target::Service, s)));
}

impl RecordKind for Change {
    const KIND: Kind = Kind::Change;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.evidence.iter().map(|value| super::FileRef { field: "evidence", value }));
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        services("impact.services", &self.impact.services, out);
        if let Some(pd) = &self.planned_downtime {
            services("planned_downtime.services", &pd.services, out);
        }
        if let Some(f) = &self.follows {
            out.push(Ref::new("follows", Target::Record(Kind::Change), f));
        }
    }
}
