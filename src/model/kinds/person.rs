//! Person (§4.1, §4.4, §4.5): a member of the engagement staff.

use super::engagement::Qualification;
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::object! {
    /// A member of the engagement staff.
    pub struct Person {
        id: req String,
        name: req String,
        engagement: opt String,
        role: req String,
        joined: req Date,
        left: opt Date,
        key_staff: opt bool,
        qualifications: list Qualification,
        /// Non-disclosure agreement signed (保密协议).
        nda_signed_at: opt Date,
        background_checked_at: opt Date,
        /// Required once `left` is set (HR-002).
        offboarding: opt Offboarding,
    }
}

crate::object! {
    /// How a leaver's work, access and records were handed over.
    pub struct Offboarding {
        handover_to: req String,
        handover_at: req Date,
        access_revoked_at: req Date,
        records_archived: req bool,
    }
}

impl Person {
    pub fn is_key_staff(&self) -> bool {
        self.key_staff.as_ref().is_some_and(|k| k.value)
    }
}

impl RecordKind for Person {
    const KIND: Kind = Kind::Person;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        if let Some(o) = &self.offboarding {
            out.push(Ref::new("offboarding.handover_to", Target::Record(Kind::Person), &o.handover_to));
        }
    }
}
