//! The clocks of one ticket from its record (sla.md, "Clocks of a ticket", "Priority
//! changes", "Open-ended pauses"): which clocks run, over which periods, against which
//! priority's target and calendar. Whether a ticket is counted at all is the record's
//! (`Incident::in_order`, shared with GEN-007).

use jiff::Timestamp;

use crate::calendar::WorkCalendar;
use crate::config::PriorityChange;
use crate::model::kinds::Sla;
use crate::model::kinds::incident::Incident;
use crate::model::kinds::sla::Priority;
use crate::model::scalar::SlaTarget;

use super::clock::{Clock, ClockKind, Outcome, Periods, evaluate};

/// The open periods of one clock of a ticket, each from its start to its stop (`None`:
/// still running). Resolution runs over every open period; a period without a stop that is
/// followed by another (a reopening recorded without the resolution before it) runs into
/// the next one, so open time is never counted twice. `None`: the ticket has no such clock
/// (an on-site clock of a ticket fixed remotely).
pub fn periods(inc: &Incident, kind: ClockKind) -> Option<Periods> {
    let opened = inc.opened_at.instant;
    let at = |t: &Option<crate::model::Sp<crate::model::scalar::Ts>>| t.as_ref().map(|t| t.instant);
    let first_resolution = at(&inc.resolved_at);
    match kind {
        // A ticket resolved without `responded_at` counts as responded at its first
        // resolution (INC-007 warns about it).
        ClockKind::Response => Some(vec![(opened, at(&inc.responded_at).or(first_resolution))]),
        // Only tickets someone attended (or had to attend) have an on-site clock; one that had
        // to and has no arrival stops at the first resolution (revision2-decisions.md 6).
        ClockKind::OnSite => {
            let required = inc.on_site_required.as_ref().is_some_and(|r| r.value);
            match at(&inc.arrived_at) {
                Some(arrived) => Some(vec![(opened, Some(arrived))]),
                None if required => Some(vec![(opened, first_resolution)]),
                None => None,
            }
        }
        // The service is restored at the latest when the ticket is resolved.
        ClockKind::Restoration => Some(vec![(opened, at(&inc.restored_at).or(first_resolution))]),
        ClockKind::Resolution => {
            let raw = std::iter::once((opened, first_resolution))
                .chain(inc.reopened.iter().map(|r| (r.at.instant, at(&r.resolved_at))));
            let mut out: Periods = Vec::new();
            for (start, stop) in raw {
                match out.last_mut() {
                    Some(last) if last.1.is_none_or(|s| s >= start) => {
                        last.1 = stop.map(|s| last.1.map_or(s, |l| l.max(s)));
                    }
                    _ => out.push((start, stop)),
                }
            }
            Some(out)
        }
    }
}

/// The target of `kind` under a priority, as written (`None`: the priority sets none).
pub fn target_of(priority: &Priority, kind: ClockKind) -> Option<SlaTarget> {
    match kind {
        ClockKind::Response => Some(priority.response.value),
        ClockKind::OnSite => priority.on_site.as_ref().map(|d| d.value),
        ClockKind::Restoration => priority.restoration.as_ref().map(|d| d.value),
        ClockKind::Resolution => Some(priority.resolution.value),
    }
}

/// A clock of a ticket with the priority it was judged against (sla.md, "Priority changes")
/// and the calendar it was counted on.
#[derive(Clone, Debug)]
pub struct Judged<'c> {
    pub clock: Clock,
    pub priority: &'c str,
    pub calendar: &'c WorkCalendar,
}

/// A ticket whose clocks cannot be judged: its priority, or a priority it was changed to, is
/// not one the Sla defines (INC-001).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndefinedPriority(pub String);

/// The priorities in force over the ticket's life: the initial one (a change at `opened_at`
/// is a correction at opening) and each later change with the instant it was made.
fn priority_line(inc: &Incident, end: Timestamp) -> (&str, Vec<(Timestamp, &str)>) {
    let opened = inc.opened_at.instant;
    let mut initial = inc.priority.value.as_str();
    let mut later = Vec::new();
    for c in &inc.priority_changes {
        let at = c.at.instant;
        if at >= end {
            break; // not known yet at the end of the as-of day
        }
        if at <= opened {
            initial = c.to.value.as_str();
        } else {
            later.push((at, c.to.value.as_str()));
        }
    }
    (initial, later)
}

/// When a change made at `at` reaches a clock running over `periods`: at once while the
/// clock runs; at the next reopening when the ticket is resolved then; never when the clock
/// stopped at or before it.
fn effective(periods: &Periods, at: Timestamp) -> Option<Timestamp> {
    periods.iter().find_map(|&(start, stop)| {
        if start <= at && stop.is_none_or(|s| at < s) {
            Some(at)
        } else if at < start {
            Some(start)
        } else {
            None
        }
    })
}

/// `periods` from `cut` on (a clock restarted at a priority change).
fn cut_periods(periods: &Periods, cut: Timestamp) -> Periods {
    periods
        .iter()
        .filter(|(_, stop)| stop.is_none_or(|s| s > cut))
        .map(|&(start, stop)| (start.max(cut), stop))
        .collect()
}

/// The clocks of a ticket, evaluated with everything known up to `end` (the end of the as-of
/// day), each judged against the priority the `policy` says. `calendar` resolves an id.
pub fn clocks<'c>(
    inc: &'c Incident,
    sla: &Sla,
    policy: PriorityChange,
    calendar: impl Fn(&str) -> &'c WorkCalendar,
    end: Timestamp,
) -> Result<Vec<Judged<'c>>, UndefinedPriority> {
    let (initial, changes) = priority_line(inc, end);
    let lookup = |name: &str| sla.priority(name).map(|p| &p.value).ok_or_else(|| UndefinedPriority(name.to_owned()));
    lookup(initial)?;
    for (_, to) in &changes {
        lookup(to)?;
    }
    let spans = inc.pause_spans(end);
    let pauses: Vec<(Timestamp, Timestamp)> = spans.iter().map(|&(a, b, _)| (a, b)).collect();
    let open_pause = spans.iter().find(|s| s.2).map(|s| s.0);
    let mut out = Vec::new();
    for kind in ClockKind::ALL {
        let Some(periods) = periods(inc, kind) else { continue };
        // Judge the clock under `name`, counted from `cut` when it was restarted.
        let judge = |name: &'c str, cut: Option<Timestamp>| -> Option<Judged<'c>> {
            let priority = sla.priority(name)?;
            let target = target_of(&priority.value, kind)?;
            let cal = calendar(priority.value.calendar());
            let periods = match cut {
                Some(cut) => cut_periods(&periods, cut),
                None => periods.clone(),
            };
            // A working-day target becomes business time once, at the clock's start (a
            // restarted clock starts at the change; revision2-decisions.md 1).
            let start = periods.first().map_or(inc.opened_at.instant, |p| p.0);
            let clock = evaluate(kind, &periods, &pauses, cal.target_seconds(target, start), cal, end);
            Some(Judged { clock, priority: name, calendar: cal })
        };
        let mut current = initial;
        let mut held = vec![initial];
        let mut judged = judge(current, None);
        for (i, &(at, to)) in changes.iter().enumerate() {
            let Some(from) = effective(&periods, at) else { continue };
            if from >= end {
                break;
            }
            // Replaced before it took effect (a later change made while the ticket was still
            // resolved reaches the same reopening): the clock never ran under it.
            if changes.get(i + 1).is_some_and(|&(next, _)| effective(&periods, next) == Some(from)) {
                continue;
            }
            // A breach before the change stands: a later downgrade never erases it.
            if judged
                .as_ref()
                .is_some_and(|j| j.clock.outcome == Outcome::Breached && j.clock.decided.is_some_and(|d| d < from))
            {
                break;
            }
            let cut = match policy {
                PriorityChange::Final => {
                    current = to;
                    None
                }
                PriorityChange::Highest => {
                    held.push(to);
                    current = strictest(&held, kind, &periods, sla, &calendar).unwrap_or(to);
                    None
                }
                PriorityChange::Restart => {
                    current = to;
                    Some(from)
                }
            };
            judged = judge(current, cut);
            // Judged from its start, a deadline that lies before the change is decided at the
            // change: an earlier month is never rewritten by a later change.
            if let Some(j) = judged.as_mut()
                && j.clock.outcome == Outcome::Breached
                && j.clock.decided.is_some_and(|d| d < from)
            {
                j.clock.decided = Some(from);
                break;
            }
        }
        if let Some(mut j) = judged {
            // A running clock inside an open-ended pause has no deadline yet.
            if j.clock.outcome == Outcome::InProgress && open_pause.is_some_and(|p| p < end) {
                j.clock.deadline = None;
                j.clock.paused_open = true;
            }
            out.push(j);
        }
    }
    Ok(out)
}

/// Of the priorities held, the one whose target for `kind`, on its own calendar, gives the
/// earliest deadline from the clock's start (pauses ignored; revision2-decisions.md 3). Ties
/// keep the priority held first.
fn strictest<'s, 'c>(
    held: &[&'s str],
    kind: ClockKind,
    periods: &Periods,
    sla: &Sla,
    calendar: &impl Fn(&str) -> &'c WorkCalendar,
) -> Option<&'s str> {
    let start = periods.first()?.0;
    let mut best: Option<(Timestamp, &'s str)> = None;
    for &name in held {
        let Some(priority) = sla.priority(name) else { continue };
        let Some(target) = target_of(&priority.value, kind) else { continue };
        // A static comparison: `Nwd` counts N lengths of `mon`'s ranges (revision2-decisions.md 1).
        let cal = calendar(priority.value.calendar());
        let Some(deadline) = cal.add_business(start, cal.nominal_seconds(target)) else {
            continue;
        };
        if best.is_none_or(|(b, _)| deadline < b) {
            best = Some((deadline, name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::figures::clock::Outcome;
    use crate::load::Repository;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// Load an incident and the base engagement; the Sla's P3 runs on cn-workdays (2h / 1d).
    fn run(incident: &str, end: &str) -> Vec<Clock> {
        let sla = "kind: Sla\nid: s\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h, on_site: 1h}\n  P3: {response: 2h, resolution: 1d, calendar: cn-workdays}\n";
        let base = crate::rules::examples::BASE.split("---").next().unwrap_or("");
        let files = vec![
            ("e.yaml".to_owned(), base.to_owned()),
            ("s.yaml".to_owned(), sla.to_owned()),
            ("i.yaml".to_owned(), incident.to_owned()),
        ];
        let repo = Repository::from_texts(&files, Config::default());
        let inc = &repo.records.incidents[0];
        let policy = repo.config.policy.priority_change;
        clocks(inc, &repo.records.slas[0], policy, |id| repo.calendars.get_or_default(id), ts(end))
            .map(|j| j.into_iter().map(|j| j.clock).collect())
            .unwrap_or_default()
    }

    #[test]
    fn make_up_saturday_counts_as_a_working_day() {
        // Opened Fri 2026-10-09 16:00 on cn-workdays; Sat 10-10 is a make-up workday.
        // Resolution target 1d = 24 working hours: Fri 2h, Sat 9h, Mon 12th 9h, Tue 4h → Tue 13:00.
        let c = run(
            "kind: Incident\nid: I\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-09T16:00:00+08:00\nresponded_at: 2026-10-09T17:00:00+08:00\n",
            "2026-11-01T00:00:00+08:00",
        );
        let resolution = c.iter().find(|c| c.kind == ClockKind::Resolution).map(|c| c.deadline);
        assert_eq!(resolution, Some(Some(ts("2026-10-13T13:00:00+08:00"))));
    }

    #[test]
    fn ticket_opened_on_a_public_holiday_starts_counting_after_it() {
        // Opened on National Day (10-01); the response clock starts at 10-08 09:00.
        let c = run(
            "kind: Incident\nid: I\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-01T10:00:00+08:00\nresponded_at: 2026-10-08T10:30:00+08:00\nresolved_at: 2026-10-08T12:00:00+08:00\n",
            "2026-11-01T00:00:00+08:00",
        );
        let response = &c[0];
        assert_eq!(response.elapsed, 5400);
        assert_eq!(response.outcome, Outcome::Met);
        assert_eq!(response.deadline, Some(ts("2026-10-08T11:00:00+08:00")));
    }

    #[test]
    fn resolved_without_response_counts_as_responded_at_resolution() {
        let c = run(
            "kind: Incident\nid: I\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-20T10:00:00+08:00\nresolved_at: 2026-10-20T10:10:00+08:00\narrived_at: 2026-10-20T10:50:00+08:00\n",
            "2026-11-01T00:00:00+08:00",
        );
        assert_eq!(c[0].stopped, Some(ts("2026-10-20T10:10:00+08:00")));
        assert_eq!(c[0].outcome, Outcome::Met);
        // P1 has an on-site target of 1h: three clocks.
        assert_eq!(c.len(), 3);
        assert_eq!(c[1].kind, ClockKind::OnSite);
    }

    #[test]
    fn a_ticket_spanning_two_months_is_decided_at_its_deadline() {
        // P1 24x7 4h, opened 10-31 22:00, resolved 11-01 03:00: breached, decided 11-01 02:00
        // (a November figure), and in progress when October's report ends at midnight.
        let text = "kind: Incident\nid: I\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-31T22:00:00+08:00\nresponded_at: 2026-10-31T22:05:00+08:00\nresolved_at: 2026-11-01T03:00:00+08:00\n";
        let later = run(text, "2026-11-30T00:00:00+08:00");
        let r = later.iter().find(|c| c.kind == ClockKind::Resolution).cloned();
        assert_eq!(r.as_ref().map(|c| c.outcome), Some(Outcome::Breached));
        assert_eq!(r.and_then(|c| c.decided), Some(ts("2026-11-01T02:00:00+08:00")));
        let at_month_end = run(text, "2026-11-01T00:00:00+08:00");
        let r = at_month_end.iter().find(|c| c.kind == ClockKind::Resolution).map(|c| c.outcome);
        assert_eq!(r, Some(Outcome::InProgress));
    }

    #[test]
    fn order_check_matches_gen007() {
        let files = vec![(
            "i.yaml".to_owned(),
            "kind: Incident\nid: I\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-20T10:00:00+08:00\nresolved_at: 2026-10-20T09:00:00+08:00\n".to_owned(),
        )];
        let repo = Repository::from_texts(&files, Config::default());
        assert!(!repo.records.incidents[0].in_order());
    }
}
