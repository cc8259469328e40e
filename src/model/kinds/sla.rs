//! Sla (§1.2, §1.3, §2.1, §5.1): the service-level targets for one service.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Dur, Percent, Score, SlaTarget, TargetPercent, Tz, WeeklyWindow};

/// The built-in calendar used when an Sla names none.
pub const DEFAULT_CALENDAR: &str = "24x7";

crate::object! {
    /// The service-level agreement of one service in an engagement's scope.
    pub struct Sla {
        id: req String,
        engagement: opt String,
        /// The service these targets are for; unique per engagement (CON-002).
        service: req String,
        /// IANA time zone in which the service's incident timestamps are read.
        timezone: req Tz,
        availability: req Availability,
        /// Targets per priority (`P1`…`P4` or any names); durations are business time on the
        /// priority's calendar, `<int>wd` working days of it.
        priorities: req_map Priority,
        mtbf_min: opt Dur,
        mttr_max: opt Dur,
        /// Minimum mean satisfaction score (1–5).
        satisfaction_min: opt Score,
        /// Minimum share of scores ≥ 4.
        satisfaction_rate_min: opt Percent,
    }
}

crate::object! {
    /// The availability target and the time it is measured over.
    pub struct Availability {
        target: req TargetPercent,
        /// Calendar id of the service hours; default `24x7`.
        hours: opt String,
        /// Agreed maintenance windows, excluded from the measured time.
        maintenance: list Maintenance,
        /// Weight of a partial outage; default 100.
        partial_weight: opt Percent,
    }
}

crate::object! {
    /// A recurring maintenance window.
    pub struct Maintenance {
        weekly: req WeeklyWindow,
    }
}

crate::object! {
    /// Targets for one priority: business time on its calendar (`4h`; `1d` = 24 business
    /// hours), or working days of it (`1wd` = "1 个工作日").
    pub struct Priority {
        response: req SlaTarget,
        resolution: req SlaTarget,
        restoration: opt SlaTarget,
        on_site: opt SlaTarget,
        /// Calendar id the targets are counted on; default `24x7`.
        calendar: opt String,
        attainment_target: opt Percent,
    }
}

impl Sla {
    pub fn priority(&self, name: &str) -> Option<&Sp<Priority>> {
        self.priorities.get(name)
    }

    pub fn tz(&self) -> jiff::tz::TimeZone {
        self.timezone.value.zone.clone()
    }
}

impl Availability {
    /// The calendar of the service hours (`24x7` when omitted).
    pub fn hours(&self) -> &str {
        self.hours.as_ref().map_or(DEFAULT_CALENDAR, |h| h.value.as_str())
    }

    /// The weight of a partial outage in percent (100 when omitted).
    pub fn partial_weight(&self) -> crate::model::Exact {
        self.partial_weight.as_ref().map_or(crate::model::Exact::HUNDRED, |p| p.value.exact)
    }
}

impl Priority {
    /// The calendar the durations are counted on (`24x7` when omitted).
    pub fn calendar(&self) -> &str {
        self.calendar.as_ref().map_or(DEFAULT_CALENDAR, |c| c.value.as_str())
    }
}

impl RecordKind for Sla {
    const KIND: Kind = Kind::Sla;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        // `service` is owned by CON-002.
        if let Some(h) = &self.availability.hours {
            out.push(Ref::new("availability.hours", Target::Calendar, h));
        }
        for (_, p) in self.priorities.iter() {
            if let Some(c) = &p.calendar {
                out.push(Ref::new("priorities.*.calendar", Target::Calendar, c));
            }
        }
    }
}
