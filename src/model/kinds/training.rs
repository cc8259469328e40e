//! Training (§3.5, §4.1): a training session and who attended.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::enumeration! {
    pub enum TrainingTopic {
        SecurityAwareness = "security-awareness",
        Operations = "operations",
        EmergencyResponse = "emergency-response",
        PolicyProcess = "policy-process",
        Onboarding = "onboarding",
        Other = "other",
    }
}

crate::object! {
    /// A training session (培训).
    pub struct Training {
        id: req String,
        engagement: opt String,
        topic: req TrainingTopic,
        held_at: req Date,
        attendees: req_list String,
    }
}

impl Training {
    pub fn attended_by(&self, person: &str) -> bool {
        self.attendees.iter().any(|a| a.value == person)
    }
}

impl RecordKind for Training {
    const KIND: Kind = Kind::Training;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.attendees.iter().map(|a| Ref::new("attendees", Target::Record(Kind::Person), a)));
    }
}
