//! One service's SLA figures for one month, assembled from the records: ticket clocks per
//! priority, breaches, tickets in progress, availability with maintenance and approved planned
//! downtime, MTTR and MTBF. Pure: the caller supplies records, calendars and instants.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::calendar::Calendars;
use crate::config::Policy;
use crate::model::kinds::change::{Change, ChangeClass, ChangeStatus, Decision};
use crate::model::kinds::incident::{ExclusionReason, Incident, OutageImpact};
use crate::model::kinds::{Engagement, Sla};

use super::availability::{self, Outage, Span};
use super::clock::{Clock, ClockKind, Outcome};
use super::month::{Attainment, Month, attainment};
use super::tickets::{clocks, in_order};

/// A clock that breached in the month.
#[derive(Clone, Debug, PartialEq)]
pub struct Breach {
    pub ticket: String,
    pub priority: String,
    pub clock: ClockKind,
    pub deadline: Option<Timestamp>,
    /// Elapsed minus target, business seconds.
    pub overrun: i64,
}

/// An outage left out of availability, with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct ExcludedOutage {
    pub ticket: String,
    pub reason: ExclusionReason,
    pub evidence: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMonth {
    /// (priority, clock) → attainment, for the clocks the priority defines.
    pub attainment: BTreeMap<(String, ClockKind), Attainment>,
    pub breaches: Vec<Breach>,
    /// Tickets with a clock still running at the month's end instant.
    pub in_progress: Vec<String>,
    /// Tickets left out of every figure, with the reason.
    pub left_out: Vec<(String, &'static str)>,
    pub availability: availability::Figures,
    pub excluded_outages: Vec<ExcludedOutage>,
    /// Outages (not excluded) that started in the month.
    pub failures: usize,
    /// Mean duration of the failures whose outage ended, seconds.
    pub mttr: Option<f64>,
    /// (scheduled − downtime) / failures, seconds; with no failure, the uptime itself (shown as "> …").
    pub mtbf: f64,
}

/// Whether a change's planned downtime counts as maintenance: not rejected or cancelled, and
/// either standard or approved by every required role before the downtime starts.
pub fn planned_downtime_counts(change: &Change, policy: &Policy) -> bool {
    let Some(pd) = &change.planned_downtime else { return false };
    if matches!(change.status.value, ChangeStatus::Rejected | ChangeStatus::Cancelled) {
        return false;
    }
    if change.class.value == ChangeClass::Standard {
        return true;
    }
    policy.required_roles(change.class.value).iter().all(|role| {
        change
            .approvals
            .iter()
            .any(|a| a.decision.value == Decision::Approved && a.role.value >= *role && a.at.instant < pd.start.instant)
    })
}

/// Everything one service's month needs.
pub struct Inputs<'a> {
    pub engagement: &'a Engagement,
    pub sla: &'a Sla,
    pub incidents: Vec<&'a Incident>,
    pub changes: Vec<&'a Change>,
    pub calendars: &'a Calendars,
    pub policy: &'a Policy,
    pub month: Month,
    /// The end of the as-of day: everything known up to then is used.
    pub known_until: Timestamp,
}

pub fn compute(input: &Inputs<'_>) -> ServiceMonth {
    let sla = input.sla;
    let month = input.month;
    let mut per_key: BTreeMap<(String, ClockKind), Vec<Clock>> = BTreeMap::new();
    let mut breaches = Vec::new();
    let mut in_progress = Vec::new();
    let mut left_out = Vec::new();
    for inc in &input.incidents {
        let id = inc.id.value.clone();
        if inc.is_cancelled() {
            left_out.push((id, "cancelled"));
            continue;
        }
        if !in_order(inc) {
            left_out.push((id, "timestamps out of order (GEN-007)"));
            continue;
        }
        let Some(priority) = sla.priority(&inc.priority.value) else {
            left_out.push((id, "priority not defined by the Sla (INC-001)"));
            continue;
        };
        if inc.opened_at.instant >= month.end {
            continue;
        }
        let mut running = false;
        for c in clocks(inc, priority, |cal| input.calendars.get_or_default(cal), input.known_until) {
            match c.decided {
                Some(d) if month.contains(d) => {
                    if c.outcome == Outcome::Breached {
                        breaches.push(Breach {
                            ticket: id.clone(),
                            priority: inc.priority.value.clone(),
                            clock: c.kind,
                            deadline: c.deadline,
                            overrun: c.elapsed - c.target,
                        });
                    }
                }
                Some(d) if d >= month.end => running = true,
                None => running = true,
                Some(_) => {}
            }
            per_key.entry((inc.priority.value.clone(), c.kind)).or_default().push(c);
        }
        if running {
            in_progress.push(id);
        }
    }
    let attainment = per_key.iter().map(|(k, v)| (k.clone(), attainment(v.iter(), &month))).collect();

    // Availability.
    let tz = sla.tz();
    let term_start = crate::model::scalar::civil_in(
        &tz,
        input.engagement.term.start.value.to_datetime(jiff::civil::Time::midnight()),
    );
    let term_end = input
        .engagement
        .term
        .end
        .value
        .tomorrow()
        .ok()
        .and_then(|d| crate::model::scalar::civil_in(&tz, d.to_datetime(jiff::civil::Time::midnight())));
    let from = term_start.map_or(month.start, |t| t.max(month.start));
    let to = term_end.map_or(month.end, |t| t.min(month.end));
    let windows: Vec<_> = sla.availability.maintenance.iter().map(|m| m.weekly.value).collect();
    let mut maintenance: Vec<Span> = availability::weekly_windows(&windows, &tz, from, to);
    let service = sla.service.value.as_str();
    for c in &input.changes {
        if let Some(pd) = &c.planned_downtime
            && pd.services.iter().any(|s| s.value == service)
            && planned_downtime_counts(c, input.policy)
        {
            maintenance.push((pd.start.instant, pd.end.instant));
        }
    }
    let hours = input.calendars.get_or_default(sla.availability.hours());
    let scheduled = availability::scheduled(hours, from, to, &maintenance);
    let partial_default = sla.availability.partial_weight() / 100.0;
    let mut outages = Vec::new();
    let mut excluded_outages = Vec::new();
    let mut failures = 0usize;
    let mut repaired = Vec::new();
    for inc in input.incidents.iter().filter(|i| !i.is_cancelled()) {
        let Some(o) = &inc.outage else { continue };
        if let Some(ex) = &o.excluded {
            if o.start.instant < month.end && o.end.as_ref().is_none_or(|e| e.instant > month.start) {
                excluded_outages.push(ExcludedOutage {
                    ticket: inc.id.value.clone(),
                    reason: ex.reason.value,
                    evidence: ex.evidence.as_ref().map(|e| e.value.0.clone()),
                });
            }
            continue;
        }
        // An open outage runs to the ticket's final resolution, or to the end instant.
        let end = o
            .end
            .as_ref()
            .map(|e| e.instant)
            .or_else(|| inc.final_resolved_at().map(|r| r.instant))
            .unwrap_or(month.end)
            .min(input.known_until);
        let weight = match o.impact() {
            OutageImpact::Full => 1.0,
            OutageImpact::Partial => o.degraded_percent.as_ref().map_or(partial_default, |d| d.value.value / 100.0),
        };
        outages.push(Outage { start: o.start.instant, end, weight });
        if month.contains(o.start.instant) {
            failures += 1;
            let ended = o.end.is_some() || inc.final_resolved_at().is_some();
            if ended && end > o.start.instant {
                repaired.push((end.as_second() - o.start.instant.as_second()) as f64);
            }
        }
    }
    let target = &sla.availability.target.value;
    let figures = availability::Figures::compute(&scheduled, &outages, target.value, target.decimals);
    let uptime = figures.scheduled as f64 - figures.downtime;
    ServiceMonth {
        attainment,
        breaches,
        in_progress,
        left_out,
        excluded_outages,
        failures,
        mttr: (!repaired.is_empty()).then(|| repaired.iter().sum::<f64>() / repaired.len() as f64),
        mtbf: if failures > 0 { uptime / failures as f64 } else { uptime },
        availability: figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Repository;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn a_month_by_hand() {
        // 24x7 service, October 2026 (744 h), weekly maintenance Sun 02:00-04:00 (4 Sundays = 8 h),
        // so 736 h scheduled. One full outage of 1 h on a Monday, one partial (50 %) of 2 h,
        // one excluded; an approved change's planned downtime of 1 h on 10-20.
        let base = crate::rules::examples::BASE.split("---").next().unwrap_or("");
        let sla = "kind: Sla\nid: s\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability:\n  target: 99.90\n  maintenance: [{weekly: sun 02:00-04:00}]\n  partial_weight: 50\npriorities:\n  P1: {response: 15m, resolution: 4h}\n  P2: {response: 30m, resolution: 8h}\n";
        let incidents = "kind: Incident\ndefaults: {service: helpdesk}\nitems:\n  - {id: I-1, priority: P1, opened_at: 2026-10-05T10:00:00+08:00, responded_at: 2026-10-05T10:10:00+08:00, resolved_at: 2026-10-05T15:00:00+08:00, outage: {start: 2026-10-05T10:00:00+08:00, end: 2026-10-05T11:00:00+08:00}}\n  - {id: I-2, priority: P2, opened_at: 2026-10-06T10:00:00+08:00, responded_at: 2026-10-06T10:20:00+08:00, resolved_at: 2026-10-06T12:00:00+08:00, outage: {start: 2026-10-06T10:00:00+08:00, end: 2026-10-06T12:00:00+08:00, impact: partial}}\n  - {id: I-3, priority: P2, opened_at: 2026-10-07T10:00:00+08:00, responded_at: 2026-10-07T10:20:00+08:00, resolved_at: 2026-10-07T12:00:00+08:00, outage: {start: 2026-10-07T10:00:00+08:00, end: 2026-10-07T12:00:00+08:00, excluded: {reason: customer-caused}}}\n  - {id: I-4, priority: P1, opened_at: 2026-10-31T22:00:00+08:00, responded_at: 2026-10-31T22:05:00+08:00}\n  - {id: I-5, priority: P2, opened_at: 2026-10-08T10:00:00+08:00, status: cancelled}\n";
        let change = "kind: Change\nid: C-1\ntitle: t\ndescription: d\nclass: normal\nrequested_by: r\nrequested_at: 2026-10-10T10:00:00+08:00\nimpact: {services: [helpdesk], expected: e}\nrisk: {likelihood: 1, impact: 1, level: low}\napprovals:\n  - {by: a, role: department-head, at: 2026-10-15T10:00:00+08:00, decision: approved}\nplanned_downtime: {start: 2026-10-20T01:00:00+08:00, end: 2026-10-20T02:00:00+08:00, services: [helpdesk]}\nstatus: closed\n";
        let files: Vec<(String, String)> =
            [("e.yaml", base), ("s.yaml", sla), ("i.yaml", incidents), ("c.yaml", change)]
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect();
        let repo = Repository::from_texts(&files, Config::default());
        let tz = repo.records.slas[0].tz();
        let known = ts("2026-11-01T00:00:00+08:00");
        let Some(month) = Month::new(jiff::civil::date(2026, 10, 1), &tz, known) else { return };
        let input = Inputs {
            engagement: &repo.records.engagements[0],
            sla: &repo.records.slas[0],
            incidents: repo.records.incidents.iter().collect(),
            changes: repo.records.changes.iter().collect(),
            calendars: &repo.calendars,
            policy: &repo.config.policy,
            month,
            known_until: known,
        };
        let m = compute(&input);
        // Scheduled: 744 h − 8 h maintenance − 1 h planned downtime = 735 h.
        assert_eq!(m.availability.scheduled, 735 * 3600);
        // Downtime: 1 h full + 2 h × 0.5 = 2 h; the excluded outage counts for nothing.
        assert_eq!(m.availability.downtime, 7200.0);
        assert_eq!(m.availability.shown().as_deref(), Some("99.727"));
        assert_eq!(m.availability.met(), Some(false));
        assert_eq!(m.excluded_outages.len(), 1);
        // Failures: I-1 and I-2 (I-3 excluded); MTTR (1 h + 2 h) / 2 = 1.5 h.
        assert_eq!(m.failures, 2);
        assert_eq!(m.mttr, Some(5400.0));
        assert_eq!(m.mtbf, (735.0 * 3600.0 - 7200.0) / 2.0);
        // P1 resolution: I-1 took 5 h against 4 h → breached; I-4 still in progress.
        let p1 = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
        assert_eq!((p1.decided, p1.met, p1.percent), (1, 0, Some(0.0)));
        assert_eq!(m.breaches.len(), 1);
        assert_eq!(m.breaches[0].overrun, 3600);
        assert_eq!(m.in_progress, vec!["I-4".to_owned()]);
        assert_eq!(m.left_out, vec![("I-5".to_owned(), "cancelled")]);
        // P2 response: two tickets met (20 min each against 30 min).
        let p2 = &m.attainment[&("P2".to_owned(), ClockKind::Response)];
        assert_eq!((p2.decided, p2.met, p2.percent), (2, 2, Some(100.0)));
    }
}
