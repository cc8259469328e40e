//! Helpers shared by the incident rules.

use crate::model::RecordView;
use crate::model::kinds::incident::Incident;
use crate::model::kinds::{Engagement, Sla};
use crate::rules::Context;

/// The engagement and Sla of a ticket, when both are known.
pub(super) fn sla_of<'a>(cx: &Context<'a>, inc: &'a Incident) -> Option<(&'a Engagement, &'a Sla)> {
    let eng = cx.engagement_for(RecordView::Incident(inc))?;
    let sla = cx.sla(&eng.id.value, &inc.service.value)?;
    Some((eng, sla))
}

/// A resolved major incident and the day its review is due (INC-004's deadline, which INC-008
/// and MTG-001 share): `major_review_workdays` working days after the day it was resolved,
/// on its engagement's calendar.
pub struct MajorReviewDue<'a> {
    pub engagement: &'a Engagement,
    pub resolved_day: jiff::civil::Date,
    /// Where the final resolution is written.
    pub resolved_at: crate::model::Span,
    pub deadline: jiff::civil::Date,
}

/// The review deadline of `inc`, when it is a major incident resolved as of as-of.
pub(crate) fn major_review_due<'a>(cx: &Context<'a>, inc: &'a Incident) -> Option<MajorReviewDue<'a>> {
    if !inc.is_major() || inc.is_cancelled() {
        return None;
    }
    let resolved = cx.resolved(inc)?;
    let engagement = cx.engagement_for(RecordView::Incident(inc))?;
    let resolved_day = resolved.instant.to_zoned_datetime(engagement.tz()).date();
    let deadline = cx.working_days(Some(engagement)).add_working_days(resolved_day, cx.policy.major_review_workdays);
    Some(MajorReviewDue { engagement, resolved_day, resolved_at: resolved.span, deadline })
}
