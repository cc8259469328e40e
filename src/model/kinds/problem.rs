//! Problem (§2.3, §5.2): problem management.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::enumeration! {
    pub enum ProblemStatus { Open = "open", KnownError = "known-error", Resolved = "resolved", Closed = "closed" }
}

crate::object! {
    /// A problem record (问题管理).
    pub struct Problem {
        id: req String,
        engagement: opt String,
        title: req String,
        incidents: list String,
        root_cause: opt String,
        workaround: opt String,
        known_error: opt bool,
        owner: req String,
        due: req Date,
        status: req ProblemStatus,
        fixed_by_change: opt String,
        closed_at: opt Date,
    }
}

impl Problem {
    pub fn is_known_error(&self) -> bool {
        self.known_error.as_ref().is_some_and(|k| k.value)
    }
}

impl RecordKind for Problem {
    const KIND: Kind = Kind::Problem;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.incidents.iter().map(|i| Ref::new("incidents", Target::Record(Kind::Incident), i)));
        if let Some(c) = &self.fixed_by_change {
            out.push(Ref::new("fixed_by_change", Target::Record(Kind::Change), c));
        }
    }
}
