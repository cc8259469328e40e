//! What a change's records say about its approvals and its class, read the same way by the
//! availability figures (whose planned downtime counts as maintenance) and by the change
//! rules (CHG-002, CHG-013, CHG-014): the roles it needs, since when it has had them, and
//! whether a `standard` change really is pre-approved routine work. One place, so a change
//! the rules reject is never exempted in the figures.

use jiff::Timestamp;

use crate::config::Policy;
use crate::model::kinds::change::{ApprovalRole, Change, ChangeClass, Decision, PartyRole, RiskLevel};
use crate::model::{Exact, Sp};

/// The availability target from which a service may not be taken down by a standard change
/// (rules.md, CHG-013): 99.9 %.
pub fn standard_downtime_target() -> Exact {
    Exact::ratio(999, 10)
}

/// The risk level that counts: the stricter of the level written and the risk matrix's cell
/// (revision2-decisions.md 13), so a level written too low cannot lower the approvals.
pub fn effective_risk(change: &Change, policy: &Policy) -> RiskLevel {
    let written = change.risk.level.value;
    let matrix = policy.risk_level(change.risk.likelihood.value.0, change.risk.impact.value.0);
    matrix.map_or(written, |m| m.max(written))
}

/// The one role CHG-002 requires, from the union of the class's roles and the risk level's
/// roles: a higher role satisfies every lower one, so the union is met exactly when its
/// highest role is. `None`: no role is required.
pub fn required_role(change: &Change, policy: &Policy) -> Option<ApprovalRole> {
    let class = policy.required_roles(change.class.value).into_iter().max();
    let risk = policy.risk_roles(effective_risk(change, policy)).into_iter().max();
    class.max(risk)
}

/// Whether the highest required role comes from the risk level rather than the class.
pub fn role_from_risk(change: &Change, policy: &Policy) -> bool {
    let class = policy.required_roles(change.class.value).into_iter().max();
    let risk = policy.risk_roles(effective_risk(change, policy)).into_iter().max();
    risk > class
}

/// Where a change's approvals stand just before an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approved {
    /// Neither a role nor the customer is required.
    NotNeeded,
    /// Every requirement has been met without interruption since this instant.
    Since(Timestamp),
    /// Some requirement is not met.
    Missing,
}

/// Where CHG-002's requirements (the required role or higher, and the customer for the
/// classes that need one) stand just before `before`. A rejection voids every approval given
/// before it (not one given at the same instant), as [`Change::standing_approvals`] counts.
pub fn approved_before(change: &Change, policy: &Policy, before: Timestamp) -> Approved {
    let role = required_role(change, policy);
    let customer = policy.needs_customer_approval(change.class.value);
    if role.is_none() && !customer {
        return Approved::NotNeeded;
    }
    let mut events: Vec<&Sp<_>> = change.approvals.iter().filter(|a| a.at.instant < before).collect();
    // Rejections first within an instant: they void only what came strictly before them.
    events.sort_by_key(|a| (a.at.instant, a.decision.value != Decision::Rejected));
    let (mut highest, mut by_customer, mut since) = (None::<ApprovalRole>, false, None);
    for a in events {
        if a.decision.value == Decision::Rejected {
            (highest, by_customer, since) = (None, false, None);
            continue;
        }
        highest = highest.max(Some(a.role.value));
        by_customer |= a.party() == PartyRole::Customer;
        let met = role.is_none_or(|r| highest >= Some(r)) && (!customer || by_customer);
        if met && since.is_none() {
            since = Some(a.at.instant);
        }
    }
    since.map_or(Approved::Missing, Approved::Since)
}

/// Why a `standard` change is not pre-approved routine work (CHG-013).
#[derive(Clone, Debug)]
pub enum NotStandard<'c> {
    /// Its risk level (the stricter of written and matrix) is above the policy's maximum.
    Risk { level: RiskLevel, written: RiskLevel, max: RiskLevel },
    /// It takes down a service whose availability target is 99.9 % or more.
    Downtime { service: &'c Sp<String>, target: Exact },
    /// The engagement keeps a catalogue and the change names no entry of it.
    NoRef,
    /// It names an entry the catalogue does not have.
    NotInCatalogue(&'c Sp<String>),
}

/// Every reason a `standard` change is not one (empty for other classes). `target_of` gives
/// the availability target of a service of the change's engagement, if it has an Sla.
pub fn not_standard<'c>(
    change: &'c Change,
    policy: &Policy,
    target_of: &dyn Fn(&str) -> Option<Exact>,
) -> Vec<NotStandard<'c>> {
    let mut out = Vec::new();
    if change.class.value != ChangeClass::Standard {
        return out;
    }
    let level = effective_risk(change, policy);
    if level > policy.standard_change_max_risk {
        out.push(NotStandard::Risk { level, written: change.risk.level.value, max: policy.standard_change_max_risk });
    }
    if let Some(pd) = &change.planned_downtime {
        let limit = standard_downtime_target();
        for service in pd.services.iter() {
            if let Some(target) = target_of(&service.value).filter(|t| *t >= limit) {
                out.push(NotStandard::Downtime { service, target });
            }
        }
    }
    if !policy.standard_change_catalogue.is_empty() {
        match &change.standard_ref {
            None => out.push(NotStandard::NoRef),
            Some(r) if !policy.standard_change_catalogue.contains(&r.value) => out.push(NotStandard::NotInCatalogue(r)),
            Some(_) => {}
        }
    }
    out
}

/// Whether a `standard` change is pre-approved routine work (CHG-013); other classes: false.
pub fn is_proper_standard(change: &Change, policy: &Policy, target_of: &dyn Fn(&str) -> Option<Exact>) -> bool {
    change.class.value == ChangeClass::Standard && not_standard(change, policy, target_of).is_empty()
}
