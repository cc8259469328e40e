//! Incident (§2.3, §5.1, §6.4): an incident or service request and its SLA clock events.

use super::{Kind, RecordKind, Ref, Target, TimeBasis};
use crate::model::Sp;
use crate::model::scalar::{Percent, RelPath, Ts};

crate::enumeration! {
    pub enum IncidentType { Incident = "incident", Request = "request" }
}

crate::enumeration! {
    /// Why the SLA clocks were stopped.
    pub enum PauseReason {
        AwaitingCustomer = "awaiting-customer",
        AwaitingThirdParty = "awaiting-third-party",
        Scheduled = "scheduled",
        Other = "other",
    }
}

crate::enumeration! {
    pub enum OutageImpact { Full = "full", Partial = "partial" }
}

crate::enumeration! {
    /// Why an outage does not count against availability.
    pub enum ExclusionReason {
        CustomerCaused = "customer-caused",
        ForceMajeure = "force-majeure",
        ThirdParty = "third-party",
    }
}

crate::enumeration! {
    pub enum IncidentStatus {
        Open = "open",
        InProgress = "in-progress",
        Resolved = "resolved",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

crate::object! {
    /// An incident or service request (事件 / 服务请求).
    pub struct Incident {
        id: req String,
        engagement: opt String,
        service: req String,
        /// A key of the service's Sla `priorities` (INC-001).
        priority: req String,
        /// Default `incident`.
        kind_ "type": opt IncidentType,
        opened_at: req Ts,
        /// When the fault was first detected (a monitoring alarm), if before `opened_at`;
        /// the §6.4 reporting clock starts here.
        detected_at: opt Ts,
        responded_at: opt Ts,
        /// Arrival on site.
        arrived_at: opt Ts,
        /// Someone had to attend on site: the on-site clock applies only to tickets with
        /// `arrived_at` or this set (a ticket fixed remotely has no on-site clock).
        on_site_required: opt bool,
        /// Service restored.
        restored_at: opt Ts,
        /// First resolution.
        resolved_at: opt Ts,
        closed_at: opt Ts,
        /// Periods in which the SLA clocks stopped.
        paused: list Pause,
        /// Re-prioritisation over the ticket's life, in time order; `priority` is the
        /// priority at opening.
        priority_changes: list PriorityChangeEntry,
        /// Reopenings; the final resolution is the last one's `resolved_at`.
        reopened: list Reopen,
        outage: boxed Outage,
        major: opt bool,
        /// The incident level (事件分级): I most severe … IV; `Ⅰ`–`Ⅳ` also accepted (INC-008).
        level: opt IncidentLevel,
        /// When the responsible managers were told (§6.4).
        reported_at: opt Ts,
        /// Review of a major incident.
        review: boxed MajorReview,
        problem: opt String,
        caused_by_change: opt String,
        category: opt String,
        cause: opt String,
        resolution: opt String,
        /// Follows from the timestamps when absent.
        status: opt IncidentStatus,
        /// The ITSM tool's own SLA verdict on this ticket, kept by `itos import` (`[reconcile]`
        /// in the mapping) and compared with itos's by `itos report sla --reconcile`.
        itsm "x-itsm": boxed ItsmVerdict,
    }
}

crate::object! {
    /// What the ITSM tool itself decided about the ticket's SLA (import.md, Reconciliation).
    pub struct ItsmVerdict {
        /// The tool's overall verdict (ServiceNow `made_sla`): no SLA of the ticket breached.
        made_sla: opt bool,
        /// Time left on the tool's response target when it was met, in minutes; negative =
        /// breached by that much (Jira "Time to first response", Zammad "First Response Diff In Min").
        response_remaining_minutes: opt i64,
        /// The same for the resolution target (Jira "Time to resolution", Zammad "Close Diff In Min").
        resolution_remaining_minutes: opt i64,
        /// The total the tool counted as paused, in minutes, when the export gives only a total
        /// (挂起时长): kept for comparison, never turned into pauses, which need their times.
        paused_minutes: opt i64,
    }
}

crate::object! {
    /// A period in which the SLA clocks stopped.
    pub struct Pause {
        from: req Ts,
        /// Absent on the last pause: open-ended, until the next resolution (sla.md).
        to: opt Ts,
        reason: req PauseReason,
    }
}

crate::object! {
    /// The priority became `to` at `at`.
    pub struct PriorityChangeEntry {
        at: req Ts,
        /// A key of the Sla's `priorities` (INC-001).
        to: req String,
        reason: opt String,
    }
}

crate::object! {
    /// A reopening: the resolution clock continues from `at`.
    pub struct Reopen {
        at: req Ts,
        resolved_at: opt Ts,
    }
}

crate::object! {
    /// The service outage caused by the incident.
    pub struct Outage {
        start: req Ts,
        end: opt Ts,
        /// Default `full`.
        impact: opt OutageImpact,
        /// Default: the Sla's `partial_weight`.
        degraded_percent: opt Percent,
        excluded: opt Exclusion,
    }
}

crate::object! {
    /// Why an outage is excluded from availability.
    pub struct Exclusion {
        reason: req ExclusionReason,
        evidence: opt RelPath,
    }
}

crate::object! {
    /// The review of a major incident (§2.3, §6.4).
    pub struct MajorReview {
        completed_at: req Ts,
        root_cause: req String,
        summary: req String,
        lessons: req String,
        report: opt RelPath,
    }
}

impl Incident {
    /// The ticket type (`incident` when omitted).
    pub fn kind(&self) -> IncidentType {
        self.kind_.as_ref().map_or(IncidentType::Incident, |k| k.value)
    }

    pub fn is_major(&self) -> bool {
        self.major.as_ref().is_some_and(|m| m.value)
    }

    /// The final resolution: the last reopening's `resolved_at` when reopened, else `resolved_at`.
    pub fn final_resolved_at(&self) -> Option<&Sp<Ts>> {
        match self.reopened.last() {
            Some(r) => r.value.resolved_at.as_ref(),
            None => self.resolved_at.as_ref(),
        }
    }

    /// The pairs of timestamps records.md orders (GEN-007), as (earlier's name, earlier,
    /// later's name, later); equal instants are in order: each timestamp ≥ `opened_at`, and
    /// `responded_at` ≤ `resolved_at` ≤ `closed_at`, where a reopening continues the chain
    /// (records.md: "the final resolution is the last reopen's `resolved_at`"): each reopening
    /// after the resolution before it, resolved after it reopened, and `closed_at` after the
    /// final resolution (after `responded_at` when nothing is resolved). The SLA engine
    /// leaves out a ticket with any pair out of order, so the report and GEN-007 agree.
    pub fn ordered_pairs(&self) -> Vec<(&'static str, &Sp<Ts>, &'static str, &Sp<Ts>)> {
        let mut pairs = Vec::new();
        let opened = &self.opened_at;
        for (name, ts) in [
            ("responded_at", &self.responded_at),
            ("arrived_at", &self.arrived_at),
            ("restored_at", &self.restored_at),
            ("resolved_at", &self.resolved_at),
            ("closed_at", &self.closed_at),
        ] {
            if let Some(t) = ts {
                pairs.push(("opened_at", opened, name, t));
            }
        }
        if let (Some(r), Some(s)) = (&self.responded_at, &self.resolved_at) {
            pairs.push(("responded_at", r, "resolved_at", s));
        }
        match (self.final_resolved_at().or(self.resolved_at.as_ref()), &self.closed_at) {
            (Some(r), Some(c)) => pairs.push(("resolved_at", r, "closed_at", c)),
            (None, Some(c)) => {
                if let Some(r) = &self.responded_at {
                    pairs.push(("responded_at", r, "closed_at", c));
                }
            }
            _ => {}
        }
        let mut previous = self.resolved_at.as_ref();
        for r in &self.reopened {
            pairs.push(("opened_at", &self.opened_at, "reopened[].at", &r.at));
            if let Some(p) = previous {
                pairs.push(("resolved_at", p, "reopened[].at", &r.at));
            }
            if let Some(x) = &r.resolved_at {
                pairs.push(("reopened[].at", &r.at, "reopened[].resolved_at", x));
            }
            previous = r.resolved_at.as_ref().or(Some(&r.at));
        }
        // Detection precedes the ticket (revision2-decisions.md 29); re-prioritisations
        // follow the opening and each other (records.md).
        if let Some(d) = &self.detected_at {
            pairs.push(("detected_at", d, "opened_at", opened));
        }
        let mut before = opened;
        let mut before_name = "opened_at";
        for c in &self.priority_changes {
            pairs.push((before_name, before, "priority_changes[].at", &c.at));
            before = &c.at;
            before_name = "priority_changes[].at";
        }
        pairs
    }

    /// Whether every pair of [`Incident::ordered_pairs`] is in order.
    pub fn in_order(&self) -> bool {
        self.ordered_pairs().iter().all(|(_, a, _, b)| b.value.instant >= a.value.instant)
    }

    /// The final resolution as known before `before` (the end of the as-of day): reopenings
    /// and resolutions at or after it have not happened yet.
    pub fn resolved_before(&self, before: jiff::Timestamp) -> Option<&Sp<Ts>> {
        let last = self.reopened.iter().rev().find(|r| r.value.at.value.instant < before);
        let resolution = match last {
            Some(r) => r.value.resolved_at.as_ref(),
            None => self.resolved_at.as_ref(),
        };
        resolution.filter(|r| r.value.instant < before)
    }

    /// Every resolution instant recorded: the first, then each reopening's.
    pub fn resolutions(&self) -> impl Iterator<Item = jiff::Timestamp> + '_ {
        self.resolved_at
            .iter()
            .map(|r| r.instant)
            .chain(self.reopened.iter().filter_map(|r| r.resolved_at.as_ref().map(|x| x.instant)))
    }

    /// The pauses as instants. An open-ended pause (no `to`) lasts until the ticket's next
    /// resolution, or until `end` (the end of the as-of day) while unresolved (sla.md,
    /// "Open-ended pauses"); the flag says the pause is open-ended and still running at `end`.
    pub fn pause_spans(&self, end: jiff::Timestamp) -> Vec<(jiff::Timestamp, jiff::Timestamp, bool)> {
        self.paused
            .iter()
            .map(|p| {
                let from = p.from.instant;
                match &p.to {
                    Some(to) => (from, to.instant, false),
                    None => {
                        let next = self.resolutions().filter(|r| *r >= from && *r < end).min();
                        (from, next.unwrap_or(end).max(from), next.is_none())
                    }
                }
            })
            .collect()
    }

    /// The written status, or the one that follows from the timestamps.
    pub fn status(&self) -> IncidentStatus {
        if let Some(s) = &self.status {
            return s.value;
        }
        if self.closed_at.is_some() {
            IncidentStatus::Closed
        } else if self.final_resolved_at().is_some() {
            IncidentStatus::Resolved
        } else if self.responded_at.is_some() || !self.reopened.is_empty() {
            IncidentStatus::InProgress
        } else {
            IncidentStatus::Open
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.status() == IncidentStatus::Cancelled
    }
}

impl Outage {
    /// The outage impact (`full` when omitted).
    pub fn impact(&self) -> OutageImpact {
        self.impact.as_ref().map_or(OutageImpact::Full, |i| i.value)
    }
}

impl RecordKind for Incident {
    const KIND: Kind = Kind::Incident;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn time_basis(&self) -> TimeBasis<'_> {
        TimeBasis::SlaOf(&self.service.value)
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        let excluded = self.outage.as_deref().and_then(|o| o.excluded.as_ref()).and_then(|e| e.evidence.as_ref());
        out.extend(excluded.map(|value| super::FileRef { field: "outage.excluded.evidence", value }));
        let report = self.review.as_deref().and_then(|r| r.report.as_ref());
        out.extend(report.map(|value| super::FileRef { field: "review.report", value }));
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        // `priority` is owned by INC-001.
        out.push(Ref::new("service", Target::Service, &self.service));
        if let Some(p) = &self.problem {
            out.push(Ref::new("problem", Target::Record(Kind::Problem), p));
        }
        if let Some(c) = &self.caused_by_change {
            out.push(Ref::new("caused_by_change", Target::Record(Kind::Change), c));
        }
    }
}

/// An incident level I–IV (事件分级, revision2-decisions.md 16): I is the most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IncidentLevel {
    I,
    II,
    III,
    IV,
}

impl IncidentLevel {
    pub const NAMES: &'static [&'static str] = &["I", "II", "III", "IV"];

    pub fn as_str(self) -> &'static str {
        match self {
            IncidentLevel::I => "I",
            IncidentLevel::II => "II",
            IncidentLevel::III => "III",
            IncidentLevel::IV => "IV",
        }
    }

    /// The level in Chinese text, with its name (glossary: 特别重大/重大/较大/一般).
    pub fn zh(self) -> &'static str {
        match self {
            IncidentLevel::I => "Ⅰ级（特别重大）",
            IncidentLevel::II => "Ⅱ级（重大）",
            IncidentLevel::III => "Ⅲ级（较大）",
            IncidentLevel::IV => "Ⅳ级（一般）",
        }
    }

    /// `I`–`IV`, or the single Roman-numeral characters `Ⅰ`–`Ⅳ` Chinese documents use.
    pub fn parse(s: &str) -> Option<IncidentLevel> {
        match s.trim() {
            "I" | "Ⅰ" => Some(IncidentLevel::I),
            "II" | "Ⅱ" => Some(IncidentLevel::II),
            "III" | "Ⅲ" => Some(IncidentLevel::III),
            "IV" | "Ⅳ" => Some(IncidentLevel::IV),
            _ => None,
        }
    }

    /// The level an EmergencyPlan level's text starts with (`Ⅰ级(特别重大)`, `II 级`,
    /// `IV`): the leading run of Roman numerals, so `II级` is level II, not I.
    pub fn of_plan_level(text: &str) -> Option<IncidentLevel> {
        let t = text.trim_start();
        let end = t.char_indices().find(|(_, c)| !matches!(c, 'I' | 'V' | 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ')).map_or(t.len(), |(i, _)| i);
        IncidentLevel::parse(&t[..end])
    }
}

impl std::fmt::Display for IncidentLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl crate::model::decode::Decode for IncidentLevel {
    const EXPECTED: (&'static str, &'static str) = ("one of: I II III IV", "以下取值之一：`I`、`II`、`III`、`IV`");
    fn decode(node: &crate::model::node::Node<'_>, _anchor: crate::model::Span, d: &mut crate::model::decode::Decoder) -> Option<Self> {
        crate::model::decode::decode_enum(node, d, Self::NAMES, IncidentLevel::parse)
    }
    fn schema() -> serde_json::Value {
        serde_json::json!({ "type": "string", "enum": ["I", "II", "III", "IV", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"] })
    }
}

#[cfg(test)]
mod level_tests {
    use super::IncidentLevel;

    #[test]
    fn plan_level_text_is_read_by_its_leading_numeral() {
        assert_eq!(IncidentLevel::of_plan_level("Ⅰ级(特别重大)"), Some(IncidentLevel::I));
        assert_eq!(IncidentLevel::of_plan_level("II级（重大）"), Some(IncidentLevel::II));
        assert_eq!(IncidentLevel::of_plan_level("IV"), Some(IncidentLevel::IV));
        assert_eq!(IncidentLevel::of_plan_level("P1"), None);
        assert_eq!(IncidentLevel::parse("Ⅲ"), Some(IncidentLevel::III));
        assert_eq!(IncidentLevel::parse("V"), None);
    }
}
