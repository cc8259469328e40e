//! System (§3.1, §3.4): an IT system or configuration item.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Dur;

crate::enumeration! {
    pub enum Criticality { Critical = "critical", Important = "important", Normal = "normal" }
}

crate::object! {
    /// An IT system or configuration item.
    pub struct System {
        id: req String,
        engagement: opt String,
        name: req String,
        services: list String,
        criticality: req Criticality,
        /// DataAsset ids held by this system.
        data: list String,
        rto: opt Dur,
        rpo: opt Dur,
    }
}

impl RecordKind for System {
    const KIND: Kind = Kind::System;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.services.iter().map(|s| Ref::new("services", Target::Service, s)));
        out.extend(self.data.iter().map(|d| Ref::new("data", Target::Record(Kind::DataAsset), d)));
    }
}
