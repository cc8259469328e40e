//! Improvement (§2.5, §5.4, §5.5): a PDCA improvement plan.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Date;

crate::enumeration! {
    pub enum ImprovementStatus { Planned = "planned", InProgress = "in-progress", Done = "done", Dropped = "dropped" }
}

crate::object! {
    /// An improvement plan (持续改进).
    pub struct Improvement {
        id: req String,
        engagement: opt String,
        /// What prompted it, as `Kind/id` (e.g. `Survey/SAT-2026-H1`).
        sources: list String,
        goal: req String,
        measures: req_list String,
        owner: req String,
        due: req Date,
        status: req ImprovementStatus,
        evaluation: opt ImprovementEvaluation,
    }
}

crate::object! {
    /// Whether the measures worked (the "check" of PDCA).
    pub struct ImprovementEvaluation {
        at: req Date,
        effective: req bool,
        notes: opt String,
    }
}

impl RecordKind for Improvement {
    const KIND: Kind = Kind::Improvement;
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.sources.iter().map(|s| Ref::new("sources", Target::AnyRecord, s)));
    }
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
}
