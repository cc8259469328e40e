//! The periodic training duty shared by TRN-001 and TRN-002.

use crate::calendar::dates::Interval;
use crate::model::kinds::Person;
use crate::model::kinds::training::TrainingTopic;
use crate::model::{Kind, Msg};
use crate::rules::duty::{latest_until, overdue, periodic_message};
use crate::rules::{Context, Sink};

/// Every active person for whom `applies` holds needs a Training of `topic` within
/// `security_training_interval_months`, the first due one interval after joining. `what`
/// names the training for a person id (`{id}` is replaced).
pub(super) fn training_duty(
    cx: &Context<'_>,
    out: &mut Sink,
    topic: TrainingTopic,
    what: &Msg,
    applies: impl Fn(&Person) -> bool,
) {
    let interval = Interval::Months(cx.policy.security_training_interval_months);
    let as_of = cx.as_of;
    for p in cx.records.people.iter().filter(|p| cx.is_active(p) && applies(p)) {
        out.checked();
        let sessions = cx
            .records
            .trainings
            .iter()
            .filter(|t| t.topic.value == topic && t.attendees.iter().any(|a| a.value == p.id.value));
        let last = latest_until(sessions.map(|t| t.held_at.value), as_of);
        let start = p.joined.value;
        if let Some(o) = overdue(last, start, interval, as_of) {
            let id = p.id.value.as_str();
            let what = Msg::new(what.en.replace("{id}", id), what.zh.replace("{id}", id));
            out.report(p.id.span, periodic_message(&what, o, start, interval, as_of)).record(Kind::Person, id);
        }
    }
}
