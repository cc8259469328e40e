//! Event-log mode (import.md "Event logs", revision2-decisions.md 18–20): one ticket's updates,
//! in order, become its timeline — response, pauses, resolution, reopenings, closure,
//! cancellation and priority changes. Pure: no I/O, no knowledge of columns.

use jiff::Timestamp;

use crate::model::kinds::incident::PauseReason;

/// What a state means for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Not yet responded to (`responded_when_leaving`).
    New,
    Open,
    Paused(PauseReason),
    Resolved,
    Closed,
    Cancelled,
}

/// One update, already ordered; `class` is `None` for a state listed nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub at: Timestamp,
    pub class: Option<Class>,
    /// The ticket's priority as of this update, mapped to a record value.
    pub priority: Option<String>,
}

/// A ticket's timeline as derived.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    pub responded_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub paused: Vec<(Timestamp, Option<Timestamp>, PauseReason)>,
    pub reopened: Vec<(Timestamp, Option<Timestamp>)>,
    pub cancelled: bool,
    /// The priority at opening, and each later change.
    pub priority: Option<String>,
    pub priority_changes: Vec<(Timestamp, String)>,
    /// Updates whose state was listed nowhere (they carried the previous state).
    pub unknown: usize,
}

/// Derive the timeline of updates ordered by time. `opened_at` is the ticket's opening (a
/// priority changed at that instant is the initial priority).
pub fn derive(updates: &[Update], opened_at: Timestamp) -> Timeline {
    let mut t = Timeline::default();
    let mut current: Option<Class> = None;
    let mut open_pause: Option<(Timestamp, PauseReason)> = None;
    // Resolved (or closed) and not reopened since.
    let mut resolved_now = false;
    let mut last_class: Option<Class> = None;

    for u in updates {
        let class = match u.class {
            Some(c) => c,
            None => {
                t.unknown += 1;
                // An unknown state carries the previous one; before any, the ticket is new.
                current.unwrap_or(Class::New)
            }
        };
        current = Some(class);
        last_class = Some(class);

        // The response: the first update whose state is not a "new" state.
        if t.responded_at.is_none() && class != Class::New {
            t.responded_at = Some(u.at);
        }

        // Pauses: each maximal run of one pause reason.
        match (class, open_pause) {
            (Class::Paused(reason), Some((_, open))) if open == reason => {}
            (Class::Paused(reason), Some((from, open))) => {
                push_pause(&mut t.paused, from, u.at, open);
                open_pause = Some((u.at, reason));
            }
            (Class::Paused(reason), None) => open_pause = Some((u.at, reason)),
            (_, Some((from, open))) => {
                push_pause(&mut t.paused, from, u.at, open);
                open_pause = None;
            }
            (_, None) => {}
        }

        match class {
            Class::Resolved | Class::Closed => {
                if !resolved_now {
                    match t.reopened.last_mut() {
                        Some(reopen) => reopen.1 = Some(u.at),
                        None => t.resolved_at = Some(u.at),
                    }
                    resolved_now = true;
                }
                if class == Class::Closed && t.closed_at.is_none() {
                    t.closed_at = Some(u.at);
                }
            }
            Class::Cancelled => {}
            Class::New | Class::Open | Class::Paused(_) => {
                if resolved_now {
                    t.reopened.push((u.at, None));
                    resolved_now = false;
                }
            }
        }

        // Priority: the first one seen is the initial priority; later differences are changes.
        if let Some(p) = &u.priority {
            match &t.priority {
                None => t.priority = Some(p.clone()),
                Some(_) if u.at <= opened_at && t.priority_changes.is_empty() => t.priority = Some(p.clone()),
                Some(now) => {
                    let latest = t.priority_changes.last().map_or(now, |(_, to)| to);
                    if latest != p {
                        t.priority_changes.push((u.at, p.clone()));
                    }
                }
            }
        }
    }
    // A pause still open at the last update lasts until the ticket's resolution, which has
    // not happened (a resolution would have ended the run): it stays open-ended.
    if let Some((from, reason)) = open_pause {
        t.paused.push((from, None, reason));
    }
    t.cancelled = last_class == Some(Class::Cancelled);
    t
}

/// A pause of zero length (two updates at the same instant) is no pause.
fn push_pause(
    paused: &mut Vec<(Timestamp, Option<Timestamp>, PauseReason)>,
    from: Timestamp,
    to: Timestamp,
    reason: PauseReason,
) {
    if to > from {
        paused.push((from, Some(to), reason));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ts(hhmm: &str) -> Timestamp {
        format!("2026-09-01T{hhmm}:00Z").parse().unwrap()
    }

    fn u(hhmm: &str, class: Option<Class>, priority: Option<&str>) -> Update {
        Update { at: ts(hhmm), class, priority: priority.map(str::to_owned) }
    }

    use Class::*;
    const CUST: Class = Paused(PauseReason::AwaitingCustomer);
    const VEND: Class = Paused(PauseReason::AwaitingThirdParty);

    #[test]
    fn response_pauses_resolution_reopening_and_closure() {
        let updates = [
            u("09:00", Some(New), Some("P3")),
            u("09:20", Some(Open), None),
            u("10:00", Some(CUST), None),
            u("10:30", Some(CUST), None),
            u("11:00", Some(VEND), None),
            u("12:00", Some(Open), None),
            u("13:00", Some(Resolved), None),
            u("14:00", Some(Open), None),
            u("15:00", Some(Resolved), None),
            u("16:00", Some(Closed), None),
        ];
        let t = derive(&updates, ts("09:00"));
        assert_eq!(t.responded_at, Some(ts("09:20")));
        assert_eq!(
            t.paused,
            vec![
                (ts("10:00"), Some(ts("11:00")), PauseReason::AwaitingCustomer),
                (ts("11:00"), Some(ts("12:00")), PauseReason::AwaitingThirdParty)
            ]
        );
        assert_eq!(t.resolved_at, Some(ts("13:00")));
        assert_eq!(t.reopened, vec![(ts("14:00"), Some(ts("15:00")))]);
        assert_eq!(t.closed_at, Some(ts("16:00")));
        assert!(!t.cancelled);
        assert_eq!(t.priority.as_deref(), Some("P3"));
    }

    #[test]
    fn a_pause_first_after_new_is_the_response_and_an_open_run_stays_open() {
        let t = derive(
            &[u("09:00", Some(New), None), u("09:10", Some(CUST), None), u("09:30", Some(CUST), None)],
            ts("09:00"),
        );
        assert_eq!(t.responded_at, Some(ts("09:10")));
        assert_eq!(t.paused, vec![(ts("09:10"), None, PauseReason::AwaitingCustomer)]);
    }

    #[test]
    fn unknown_states_carry_the_previous_one() {
        let t =
            derive(&[u("09:00", Some(New), None), u("09:05", None, None), u("09:10", Some(Open), None)], ts("09:00"));
        assert_eq!((t.responded_at, t.unknown), (Some(ts("09:10")), 1));
        let t = derive(&[u("09:00", Some(Resolved), None), u("09:05", None, None)], ts("09:00"));
        assert!(t.reopened.is_empty(), "a carried resolution is no reopening");
    }

    #[test]
    fn closed_without_resolution_resolves_and_zero_pauses_drop() {
        let t = derive(
            &[u("09:00", Some(New), None), u("09:30", Some(CUST), None), u("09:30", Some(Closed), None)],
            ts("09:00"),
        );
        assert_eq!((t.resolved_at, t.closed_at), (Some(ts("09:30")), Some(ts("09:30"))));
        assert!(t.paused.is_empty());
    }

    #[test]
    fn cancelled_only_when_last_and_priority_changes() {
        let t = derive(
            &[
                u("09:00", Some(New), Some("P4")),
                u("09:00", Some(New), Some("P3")),
                u("10:00", Some(Open), Some("P2")),
                u("11:00", Some(Cancelled), Some("P2")),
            ],
            ts("09:00"),
        );
        assert!(t.cancelled);
        assert_eq!(t.priority.as_deref(), Some("P3"), "a change at opening is the initial priority");
        assert_eq!(t.priority_changes, vec![(ts("10:00"), "P2".to_owned())]);
        let t = derive(&[u("09:00", Some(Cancelled), None), u("10:00", Some(Open), None)], ts("09:00"));
        assert!(!t.cancelled);
    }
}
