//! Feedback (§5.2): a customer complaint or suggestion and how it was handled.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::Ts;

crate::enumeration! {
    pub enum Channel {
        Email = "email",
        Phone = "phone",
        Portal = "portal",
        Survey = "survey",
        Meeting = "meeting",
        Other = "other",
    }
}

crate::enumeration! {
    pub enum FeedbackClass { Urgent = "urgent", Important = "important", General = "general" }
}

crate::enumeration! {
    pub enum FeedbackStatus { Open = "open", InProgress = "in-progress", Closed = "closed" }
}

crate::object! {
    /// Customer feedback (客户反馈).
    pub struct Feedback {
        id: req String,
        engagement: opt String,
        received_at: req Ts,
        channel: req Channel,
        class: req FeedbackClass,
        summary: req String,
        analysis: opt String,
        problem: opt String,
        resolution: opt FeedbackResolution,
        customer_confirmed_at: opt Ts,
        status: req FeedbackStatus,
    }
}

crate::object! {
    pub struct FeedbackResolution {
        at: req Ts,
        summary: req String,
    }
}

impl RecordKind for Feedback {
    const KIND: Kind = Kind::Feedback;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        if let Some(p) = &self.problem {
            out.push(Ref::new("problem", Target::Record(Kind::Problem), p));
        }
    }
}
