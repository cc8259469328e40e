//! AccessReview (§3.2): a periodic review of a system's accounts and permissions.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::enumeration! {
    pub enum ReviewScope { All = "all", Privileged = "privileged" }
}

crate::enumeration! {
    pub enum AccessModel { Rbac = "rbac", Abac = "abac", Other = "other" }
}

crate::enumeration! {
    pub enum ExceptionAction { Revoked = "revoked", Reduced = "reduced", Accepted = "accepted" }
}

crate::object! {
    /// An access review (权限审查).
    pub struct AccessReview {
        id: req String,
        engagement: opt String,
        system: req String,
        performed_at: req Date,
        reviewer: req String,
        /// Default `all`.
        scope: opt ReviewScope,
        model: opt AccessModel,
        accounts_reviewed: req u32,
        exceptions: list AccessException,
    }
}

crate::object! {
    /// An account found with too much or stale access, and what was done.
    pub struct AccessException {
        account: req String,
        issue: req String,
        action: req ExceptionAction,
        done_at: opt Date,
    }
}

impl AccessReview {
    pub fn scope(&self) -> ReviewScope {
        self.scope.as_ref().map_or(ReviewScope::All, |s| s.value)
    }
}

impl RecordKind for AccessReview {
    const KIND: Kind = Kind::AccessReview;
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
