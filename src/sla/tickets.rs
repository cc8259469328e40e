//! The clocks of one ticket from its record (sla.md, "Clocks of a ticket"): which clocks run
//! for its priority, over which periods, on which calendar. Whether a ticket is counted at
//! all is the record's (`Incident::in_order`, shared with GEN-007).

use jiff::Timestamp;

use crate::calendar::WorkCalendar;
use crate::model::kinds::incident::Incident;
use crate::model::kinds::sla::Priority;

use super::clock::{Clock, ClockKind, Periods, evaluate};

/// The open periods of one clock of a ticket, each from its start to its stop (`None`:
/// still running). Resolution runs over every open period; a period without a stop that is
/// followed by another (a reopening recorded without the resolution before it) runs into
/// the next one, so open time is never counted twice.
pub fn periods(inc: &Incident, kind: ClockKind) -> Periods {
    let opened = inc.opened_at.instant;
    let at = |t: &Option<crate::model::Sp<crate::model::scalar::Ts>>| t.as_ref().map(|t| t.instant);
    match kind {
        // A ticket resolved without `responded_at` counts as responded at its first
        // resolution (INC-007 warns about it).
        ClockKind::Response => vec![(opened, at(&inc.responded_at).or(at(&inc.resolved_at)))],
        ClockKind::OnSite => vec![(opened, at(&inc.arrived_at))],
        ClockKind::Restoration => vec![(opened, at(&inc.restored_at))],
        ClockKind::Resolution => {
            let raw = std::iter::once((opened, at(&inc.resolved_at)))
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
            out
        }
    }
}

/// The clocks of a ticket, evaluated with everything known up to `end` (the end of the as-of
/// day). `calendar` resolves a calendar id.
pub fn clocks<'c>(
    inc: &Incident,
    priority: &Priority,
    calendar: impl Fn(&str) -> &'c WorkCalendar,
    end: Timestamp,
) -> Vec<Clock> {
    let cal = calendar(priority.calendar());
    let pauses: Vec<(Timestamp, Timestamp)> = inc.paused.iter().map(|p| (p.from.instant, p.to.instant)).collect();
    let targets = [
        (ClockKind::Response, Some(&priority.response)),
        (ClockKind::OnSite, priority.on_site.as_ref()),
        (ClockKind::Restoration, priority.restoration.as_ref()),
        (ClockKind::Resolution, Some(&priority.resolution)),
    ];
    targets
        .into_iter()
        .filter_map(|(kind, target)| {
            let target = cal.target_seconds(target?.value, inc.opened_at.instant);
            Some(evaluate(kind, &periods(inc, kind), &pauses, target, cal, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Repository;
    use crate::sla::clock::Outcome;

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
        let priority = repo.records.slas[0].priority(&inc.priority.value).map(|p| p.value.clone());
        let Some(priority) = priority else { return Vec::new() };
        clocks(inc, &priority, |id| repo.calendars.get_or_default(id), ts(end))
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
