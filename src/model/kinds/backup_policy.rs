//! BackupPolicy (§3.4): how a system is backed up.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;

crate::enumeration! {
    pub enum BackupFrequency { Daily = "daily", Weekly = "weekly", Monthly = "monthly" }
}

crate::object! {
    /// The backup policy of one system (备份策略).
    pub struct BackupPolicy {
        id: req String,
        engagement: opt String,
        system: req String,
        frequency: req BackupFrequency,
        offsite: req bool,
        encrypted: req bool,
        retention_days: req u32,
        integrity_check: req String,
        /// Overrides the policy parameter `restore_test_interval_days`.
        restore_test_interval_days: opt u32,
    }
}

impl RecordKind for BackupPolicy {
    const KIND: Kind = Kind::BackupPolicy;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("system", Target::Record(Kind::System), &self.system));
    }
}
