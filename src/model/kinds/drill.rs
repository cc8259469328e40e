//! Drill (§6.3): an exercise of an emergency plan.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, Dur};

crate::enumeration! {
    pub enum DrillType { Tabletop = "tabletop", Functional = "functional", DrSwitchover = "dr-switchover" }
}

crate::enumeration! {
    pub enum DrillOutcome { Passed = "passed", Partial = "partial", Failed = "failed" }
}

crate::object! {
    /// An emergency drill (应急演练); its engagement is its plan's.
    pub struct Drill {
        id: req String,
        plan: req String,
        held_at: req Date,
        /// Default `functional`.
        kind_ "type": opt DrillType,
        scenario: req String,
        outcome: req DrillOutcome,
        evaluation: req String,
        achieved: opt Achieved,
        actions: list String,
        /// The systems recovered in the drill (System ids): `achieved` is judged against their `rto` and `rpo` (EMR-004).
        systems: list String,
    }
}

crate::object! {
    /// Recovery time and point achieved in the drill.
    pub struct Achieved {
        rto: opt Dur,
        rpo: opt Dur,
    }
}

impl Drill {
    /// The drill type (`functional` when omitted).
    pub fn kind(&self) -> DrillType {
        self.kind_.as_ref().map_or(DrillType::Functional, |k| k.value)
    }
}

impl RecordKind for Drill {
    const KIND: Kind = Kind::Drill;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn parent(&self) -> Option<(Kind, &Sp<String>)> {
        Some((Kind::EmergencyPlan, &self.plan))
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("plan", Target::Record(Kind::EmergencyPlan), &self.plan));
        out.extend(self.systems.iter().map(|s| Ref::new("systems", Target::Record(Kind::System), s)));
    }
}
