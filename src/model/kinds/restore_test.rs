//! RestoreTest (§3.4): a test restore from a backup policy's backups.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, Dur, Ts};

crate::enumeration! {
    pub enum RestoreResult { Passed = "passed", Failed = "failed" }
}

crate::enumeration! {
    pub enum RestoreScope { Full = "full", Partial = "partial", File = "file" }
}

crate::enumeration! {
    pub enum RestoreSource { Local = "local", Offsite = "offsite" }
}

crate::object! {
    /// A restore test (恢复测试); its engagement is its policy's.
    pub struct RestoreTest {
        id: req String,
        policy: req String,
        performed_at: req Date,
        result: req RestoreResult,
        integrity_verified: req bool,
        /// Default `partial`.
        scope: opt RestoreScope,
        /// Default `local`.
        source: opt RestoreSource,
        /// The recovery point.
        backup_taken_at: opt Ts,
        duration: opt Dur,
        checked_by: opt String,
        /// Required when failed (BAK-003).
        follow_up: opt String,
    }
}

impl RestoreTest {
    pub fn scope(&self) -> RestoreScope {
        self.scope.as_ref().map_or(RestoreScope::Partial, |s| s.value)
    }

    pub fn source(&self) -> RestoreSource {
        self.source.as_ref().map_or(RestoreSource::Local, |s| s.value)
    }

    pub fn passed(&self) -> bool {
        self.result.value == RestoreResult::Passed
    }
}

impl RecordKind for RestoreTest {
    const KIND: Kind = Kind::RestoreTest;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn parent(&self) -> Option<(Kind, &Sp<String>)> {
        Some((Kind::BackupPolicy, &self.policy))
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("policy", Target::Record(Kind::BackupPolicy), &self.policy));
    }
}
