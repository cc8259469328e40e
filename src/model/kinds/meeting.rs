//! Meeting (§2.3 回顾会议, §4.3 定期会议、工作例会).

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::enumeration! {
    pub enum MeetingType {
        ServiceReview = "service-review", Regular = "regular", Kickoff = "kickoff",
        IncidentReview = "incident-review", ChangeReview = "change-review", Exit = "exit"
    }
}

crate::enumeration! {
    pub enum ActionStatus { Open = "open", Done = "done", Dropped = "dropped" }
}

crate::object! {
    /// A meeting held for the engagement (会议).
    pub struct Meeting {
        id: req String,
        engagement: opt String,
        kind_ "type": req MeetingType,
        held_at: req Date,
        /// Person fields (Person id or a name).
        attendees: req_list String,
        /// The customer's people present (names).
        customer_attendees: list String,
        minutes: opt RelPath,
        decisions: list String,
        actions: list MeetingAction,
    }
}

crate::object! {
    /// An action agreed in the meeting (MTG-002).
    pub struct MeetingAction {
        id: req String,
        title: req String,
        /// Person field.
        owner: req String,
        due: req Date,
        status: req ActionStatus,
        done_at: opt Date,
    }
}

impl Meeting {
    /// Whether the customer took part: someone listed in `customer_attendees`.
    pub fn with_customer(&self) -> bool {
        self.customer_attendees.iter().any(|c| !c.value.trim().is_empty())
    }
}

impl MeetingAction {
    /// Neither done nor dropped.
    pub fn is_open(&self) -> bool {
        self.status.value == ActionStatus::Open
    }
}

impl RecordKind for Meeting {
    const KIND: Kind = Kind::Meeting;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.extend(self.attendees.iter().map(|a| Ref::new("attendees", Target::PersonOrText, a)));
        out.extend(self.actions.iter().map(|a| Ref::new("actions[].owner", Target::PersonOrText, &a.owner)));
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.minutes.as_ref().map(|value| super::FileRef { field: "minutes", value }));
    }
}
