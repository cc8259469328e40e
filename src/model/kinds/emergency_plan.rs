//! EmergencyPlan (§6.3): the emergency response plan.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, Dur};

crate::object! {
    /// An emergency response plan (应急预案).
    pub struct EmergencyPlan {
        id: req String,
        engagement: opt String,
        version: req String,
        reviewed_at: req Date,
        levels: req_list EmergencyLevel,
        roles: req_list EmergencyRole,
        resources: req_list String,
    }
}

crate::object! {
    /// An emergency level, when it applies and how fast to respond.
    pub struct EmergencyLevel {
        level: req String,
        criteria: req String,
        response: req Dur,
        /// The role that leads the response at this level (a `roles[].role`).
        lead_role: opt String,
    }
}

crate::object! {
    pub struct EmergencyRole {
        role: req String,
        person: req String,
    }
}

impl RecordKind for EmergencyPlan {
    const KIND: Kind = Kind::EmergencyPlan;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        // The customer's staff may hold plan roles: they are named as text (Target::PersonOrText).
        out.extend(self.roles.iter().map(|r| Ref::new("roles[].person", Target::PersonOrText, &r.person)));
    }
}
