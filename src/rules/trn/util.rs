//! What TRN-001 and TRN-002 share: who is judged, on which day, and the last training attended.

use jiff::civil::Date;

use crate::calendar::dates::{Interval, add_days};
use crate::model::RecordView;
use crate::model::kinds::training::TrainingTopic;
use crate::model::kinds::{Engagement, Person, Training};
use crate::rules::Context;
use crate::rules::duty::{Periodic, duty_start, judged_at};

/// The person's engagement and the day a person's training duty is judged at: as-of (not
/// past the term's end) for an active person of a known engagement whose term has started;
/// `None` otherwise.
pub(super) fn judging_day<'a>(cx: &Context<'a>, person: &'a Person) -> Option<(&'a Engagement, Date)> {
    if !cx.is_active(person) {
        return None;
    }
    let eng = cx.engagement_for(RecordView::Person(person))?;
    Some((eng, judged_at(cx, eng)?))
}

/// The latest Training of `topic` held on or before `day` that Person `person` (an id)
/// attended, by id or unique name.
pub(super) fn last_training<'a>(
    cx: &Context<'a>,
    person: &str,
    topic: TrainingTopic,
    day: Date,
) -> Option<&'a Training> {
    cx.trainings_attended(person)
        .into_iter()
        .filter(|t| t.topic.value == topic && t.held_at.value <= day)
        .max_by_key(|t| t.held_at.value)
}

/// A person's periodic training of `topic`: their engagement, the duty and the last training.
/// It stops with the person: a duty falling due the day before they leave or later is never
/// reported (on the day after it they are no longer active).
pub(super) fn training_duty<'a>(
    cx: &Context<'a>,
    person: &'a Person,
    topic: TrainingTopic,
    interval: Interval,
) -> Option<(&'a Engagement, Periodic, Option<&'a Training>)> {
    let (eng, day) = judging_day(cx, person)?;
    let last = last_training(cx, &person.id.value, topic, day);
    let start = duty_start(eng, Some(person.joined.value));
    let mut p = Periodic::new(cx, eng, last.map(|t| t.held_at.value), start, interval, day);
    if let Some(left) = &person.left {
        p.until = p.until.min(add_days(left.value, -1));
    }
    Some((eng, p, last))
}
