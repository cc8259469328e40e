//! The ledger of one ticket (`itos report sla --ticket ID`): for each clock, every working
//! interval counted, the pauses removed, the deadline and the result — the evidence for a
//! dispute with the customer about a single ticket.

use jiff::Timestamp;

use crate::calendar::WorkCalendar;
use crate::context::Context;
use crate::figures::clock::{Clock, union};
use crate::figures::service::LeftOutReason;
use crate::figures::tickets::{clocks, periods};
use crate::load::Repository;
use crate::model::RecordView;
use crate::model::kinds::incident::{Incident, PauseReason};
use crate::model::kinds::{Engagement, Sla};

/// A stretch of a clock's active time and the working intervals inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stretch {
    pub from: Timestamp,
    pub to: Timestamp,
    /// Working intervals of the calendar within the stretch, with their seconds.
    pub working: Vec<(Timestamp, Timestamp, i64)>,
    pub business_seconds: i64,
}

/// A pause of the ticket and the working time it removed from one clock.
#[derive(Clone, Debug, PartialEq)]
pub struct PauseLine {
    pub from: Timestamp,
    pub to: Timestamp,
    /// Recorded without `to`: it lasts until the next resolution, or the end instant.
    pub open_ended: bool,
    pub reason: PauseReason,
    /// Business seconds removed (after intersecting with the clock's periods and working time).
    pub removed: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClockLedger {
    pub clock: Clock,
    /// The priority the clock was judged against.
    pub priority: String,
    /// The calendar of the priority the clock was judged against.
    pub calendar: String,
    pub stretches: Vec<Stretch>,
    pub pauses: Vec<PauseLine>,
}

#[derive(Debug)]
pub struct Ledger<'a> {
    pub incident: &'a Incident,
    /// Where the incident is written (`file:line:col`).
    pub location: String,
    /// What the ledger was made from (set by the command that makes it).
    pub provenance: crate::report::provenance::Provenance,
    pub engagement: &'a Engagement,
    pub sla: &'a Sla,
    pub calendar: String,
    pub tz: jiff::tz::TimeZone,
    /// The instant the clocks are seen at (the end of the as-of day).
    pub known_until: Timestamp,
    pub clocks: Vec<ClockLedger>,
    /// Each re-prioritisation known by the end instant: (at, from, to, reason).
    pub changes: Vec<(Timestamp, String, String, Option<String>)>,
    /// How clocks follow a priority change (itos.toml `priority_change`).
    pub policy: crate::config::PriorityChange,
    /// Set when the ticket is left out of every figure.
    pub left_out: Option<LeftOutReason>,
    /// Set when the calendar's holiday data does not cover the ticket's dates.
    pub warning: Option<crate::model::Msg>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    NoTicket(String, Option<String>),
    /// The ticket is not in the engagement asked for (`--engagement`).
    NotInEngagement(String, String),
    /// Several engagements have a ticket of this id: which one was not said.
    Ambiguous(String, Vec<String>),
    NoSla(String),
    NoPriority(String, String),
}

impl std::fmt::Display for LedgerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LedgerError::NoTicket(id, Some(near)) => write!(f, "no incident `{id}`; did you mean `{near}`?"),
            LedgerError::NoTicket(id, None) => write!(f, "no incident `{id}` in the repository"),
            LedgerError::NotInEngagement(id, engagement) => {
                write!(f, "no incident `{id}` in engagement `{engagement}`")
            }
            LedgerError::Ambiguous(id, engagements) => write!(
                f,
                "incident `{id}` exists in engagements {}; choose one with --engagement",
                engagements.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ),
            LedgerError::NoSla(id) => {
                write!(f, "incident `{id}`: no Engagement with an Sla for its service, so it has no clocks")
            }
            LedgerError::NoPriority(id, p) => write!(f, "incident `{id}`: priority `{p}` is not defined by its Sla"),
        }
    }
}

/// The ledger of incident `ticket`; with several engagements, of the one in `engagement` (which
/// must be given when engagements share the id).
pub fn build<'a>(
    repo: &'a Repository,
    ticket: &str,
    engagement: Option<&str>,
    as_of: jiff::civil::Date,
) -> Result<Ledger<'a>, LedgerError> {
    let incidents = &repo.records.incidents;
    let cx = Context::new(repo, as_of);
    let of = |i: &crate::model::kinds::Incident| cx.engagement_of(RecordView::Incident(i)).map(|e| e.value.clone());
    let found: Vec<&crate::model::kinds::Incident> = incidents.iter().filter(|i| i.id.value == ticket).collect();
    if found.is_empty() {
        let near = crate::model::decode::closest(ticket, incidents.iter().map(|i| i.id.value.as_str()));
        return Err(LedgerError::NoTicket(ticket.to_owned(), near.map(str::to_owned)));
    }
    let incident = match engagement {
        Some(wanted) => *found
            .iter()
            .find(|i| of(i).as_deref() == Some(wanted))
            .ok_or_else(|| LedgerError::NotInEngagement(ticket.to_owned(), wanted.to_owned()))?,
        None => {
            let mut engagements: Vec<String> = found.iter().filter_map(|i| of(i)).collect();
            engagements.sort();
            engagements.dedup();
            if engagements.len() > 1 {
                return Err(LedgerError::Ambiguous(ticket.to_owned(), engagements));
            }
            found[0]
        }
    };
    let no_sla = || LedgerError::NoSla(ticket.to_owned());
    let engagement_id = cx.engagement_of(RecordView::Incident(incident)).ok_or_else(no_sla)?;
    let engagement = cx.engagement(&engagement_id.value).ok_or_else(no_sla)?;
    let sla = cx.sla(&engagement.id.value, &incident.service.value).ok_or_else(no_sla)?;
    let priority = sla
        .priority(&incident.priority.value)
        .ok_or_else(|| LedgerError::NoPriority(ticket.to_owned(), incident.priority.value.clone()))?;
    let tz = sla.tz();
    let known_until = cx.as_of_end(&tz);
    let calendar = repo.calendars.get_or_default(priority.value.calendar());
    let left_out = if incident.is_cancelled() {
        Some(LeftOutReason::Cancelled)
    } else if !incident.in_order() {
        Some(LeftOutReason::OutOfOrder)
    } else {
        None
    };
    let opened_day = incident.opened_at.instant.to_zoned_datetime(calendar.tz.clone()).date();
    let warning = calendar.day_warning(priority.value.calendar(), opened_day);
    let policy = repo.config.policy.priority_change;
    let judged = clocks(incident, sla, policy, |id| repo.calendars.get_or_default(id), known_until)
        .map_err(|p| LedgerError::NoPriority(ticket.to_owned(), p.0))?;
    let clocks = judged
        .into_iter()
        .map(|j| {
            let id = sla.priority(j.priority).map_or(priority.value.calendar(), |p| p.value.calendar());
            explain(j.clock, j.priority, id, incident, j.calendar, known_until)
        })
        .collect();
    let mut from = incident.priority.value.clone();
    let changes = incident
        .priority_changes
        .iter()
        .filter(|c| c.at.instant < known_until)
        .map(|c| {
            let to = c.to.value.clone();
            (c.at.instant, std::mem::replace(&mut from, to.clone()), to, c.reason.as_ref().map(|r| r.value.clone()))
        })
        .collect();
    let location = repo
        .sources
        .locate(incident.span)
        .map_or_else(String::new, |(file, start, _)| format!("{}:{}:{}", file.display, start.line, start.col));
    Ok(Ledger {
        incident,
        location,
        provenance: crate::report::provenance::Provenance::default(),
        engagement,
        sla,
        calendar: priority.value.calendar().to_owned(),
        tz,
        known_until,
        clocks,
        changes,
        policy,
        left_out,
        warning,
    })
}

fn explain(
    clock: Clock,
    priority: &str,
    calendar_id: &str,
    incident: &Incident,
    calendar: &WorkCalendar,
    end: Timestamp,
) -> ClockLedger {
    let stretches = clock
        .pieces
        .iter()
        .map(|p| Stretch {
            from: p.from,
            to: p.to,
            working: calendar
                .working_intervals(p.from, p.to)
                .into_iter()
                .map(|(a, b)| (a, b, b.as_second() - a.as_second()))
                .collect(),
            business_seconds: p.business_seconds,
        })
        .collect();
    let periods = periods_of(&clock, incident, end);
    // Pauses that overlap the clock's periods (one outside working hours is shown removing 0).
    let spans = incident.pause_spans(end);
    let pauses = incident
        .paused
        .iter()
        .zip(spans)
        .filter(|(_, (from, to, _))| periods.iter().any(|&(s, e)| *from < e && *to > s))
        .map(|(p, (from, to, _))| {
            let own = union(vec![(from, to)]);
            let removed = own
                .iter()
                .flat_map(|&(a, b)| periods.iter().map(move |&(s, e)| (a.max(s), b.min(e))))
                .filter(|(a, b)| b > a)
                .map(|(a, b)| calendar.business_seconds(a, b))
                .sum();
            PauseLine { from, to, open_ended: p.to.is_none(), reason: p.reason.value, removed }
        })
        .collect();
    ClockLedger { clock, priority: priority.to_owned(), calendar: calendar_id.to_owned(), stretches, pauses }
}

/// The open periods of a clock as counted, each cut at the end instant.
fn periods_of(clock: &Clock, incident: &Incident, end: Timestamp) -> Vec<(Timestamp, Timestamp)> {
    periods(incident, clock.kind)
        .unwrap_or_default()
        .into_iter()
        .filter(|(a, _)| *a < end)
        .map(|(a, b)| (a, b.unwrap_or(end).min(end).max(a)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::figures::clock::{ClockKind, Outcome};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn ledger_of_a_paused_ticket_on_business_hours() {
        // P3 on cn-workdays (resolution 1d = 9 working hours): opened Fri 10-16 16:00, paused
        // Fri 17:00 → Mon 10-19 10:00 (waiting for the customer), resolved Mon 12:00.
        let base = crate::rules::examples::BASE.split("---").next().unwrap_or("");
        let sla = "kind: Sla\nid: s\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P3: {response: 2h, resolution: 1d, calendar: cn-workdays}\n";
        let inc = "kind: Incident\nid: I-9\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-16T16:00:00+08:00\nresponded_at: 2026-10-16T16:30:00+08:00\nresolved_at: 2026-10-19T12:00:00+08:00\npaused:\n  - {from: 2026-10-16T17:00:00+08:00, to: 2026-10-19T10:00:00+08:00, reason: awaiting-customer}\n";
        let files: Vec<(String, String)> = [("e.yaml", base), ("s.yaml", sla), ("i.yaml", inc)]
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        let repo = Repository::from_texts(&files, Config::default());
        let ledger = build(&repo, "I-9", None, jiff::civil::date(2026, 10, 31)).unwrap();
        let resolution = ledger.clocks.iter().find(|c| c.clock.kind == ClockKind::Resolution).unwrap();
        // Counted: Fri 16:00–17:00 (1 h) and Mon 10:00–12:00 (2 h).
        let counted: Vec<i64> = resolution.stretches.iter().map(|s| s.business_seconds).collect();
        assert_eq!(counted, vec![3600, 7200]);
        // The pause removed Fri 17–18 and Mon 9–10: 2 h of working time, not the weekend.
        assert_eq!(resolution.pauses[0].removed, 7200);
        assert_eq!(resolution.clock.paused, 7200);
        assert_eq!(resolution.clock.outcome, Outcome::Met);
        // The first stretch's working intervals: only Friday 16:00–17:00.
        assert_eq!(
            resolution.stretches[0].working,
            vec![(ts("2026-10-16T16:00:00+08:00"), ts("2026-10-16T17:00:00+08:00"), 3600)]
        );
        assert!(matches!(
            build(&repo, "I-8", None, jiff::civil::date(2026, 10, 31)),
            Err(LedgerError::NoTicket(_, Some(_)))
        ));
    }
}
