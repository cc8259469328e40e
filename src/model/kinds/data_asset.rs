//! DataAsset (§3.1): a data set, its classification and protection.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;

crate::object! {
    /// A data asset (数据资产).
    pub struct DataAsset {
        id: req String,
        engagement: opt String,
        /// One of the policy's `classification_levels` (default public, internal, sensitive, core).
        classification: req String,
        owner: req String,
        encrypted_at_rest: req bool,
        encrypted_in_transit: req bool,
        personal_information: opt bool,
        important_data: opt bool,
        systems: list String,
        retention: opt String,
        destruction: opt String,
    }
}

impl DataAsset {
    pub fn has_personal_information(&self) -> bool {
        self.personal_information.as_ref().is_some_and(|p| p.value)
    }

    pub fn is_important_data(&self) -> bool {
        self.important_data.as_ref().is_some_and(|i| i.value)
    }
}

impl RecordKind for DataAsset {
    const KIND: Kind = Kind::DataAsset;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.systems.iter().map(|s| Ref::new("systems", Target::Record(Kind::System), s)));
    }
}
