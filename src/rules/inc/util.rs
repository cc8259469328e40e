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
