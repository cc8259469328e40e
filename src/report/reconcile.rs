//! Reconciliation with the ITSM tool's own SLA verdict (import.md, "Reconciliation";
//! `itos report sla --reconcile`): for every ticket of a service decided in the report month
//! that carries `x-itsm`, where the tool's verdict and itos's differ, with itos's figures and
//! the ledger lines that explain them. The clocks are the ones the month's figures were
//! computed from (`figures::service::Prepared`), never evaluated a second time, so the
//! section cannot disagree with the attainment and breach tables above it.

use jiff::Timestamp;

use crate::figures::clock::{ClockKind, Outcome};
use crate::figures::month::Month;
use crate::figures::service::{Evaluated, Prepared, decided_elapsed};
use crate::model::kinds::Sla;
use crate::model::kinds::incident::ItsmVerdict;

/// Which of the ITSM's verdicts is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// `made_sla`, against "every clock of the ticket met".
    MadeSla,
    /// `response_remaining_minutes`, against the response clock.
    Response,
    /// `resolution_remaining_minutes`, against the resolution clock.
    Resolution,
}

impl Verdict {
    /// The `x-itsm` field compared.
    pub fn field(self) -> &'static str {
        match self {
            Verdict::MadeSla => "made_sla",
            Verdict::Response => "response_remaining_minutes",
            Verdict::Resolution => "resolution_remaining_minutes",
        }
    }

    /// The clock a remaining-time verdict is about (`None` for `made_sla`: every clock).
    pub fn clock(self) -> Option<ClockKind> {
        match self {
            Verdict::MadeSla => None,
            Verdict::Response => Some(ClockKind::Response),
            Verdict::Resolution => Some(ClockKind::Resolution),
        }
    }
}

/// What the ITSM said, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItsmValue {
    MadeSla(bool),
    /// Minutes left on the tool's target; negative = breached by that much.
    Remaining(i64),
}

impl ItsmValue {
    /// Whether the tool considers the target met.
    pub fn met(self) -> bool {
        match self {
            ItsmValue::MadeSla(made) => made,
            // Zero minutes left is still in time, as itos's "elapsed ≤ target".
            ItsmValue::Remaining(m) => m >= 0,
        }
    }
}

/// One of itos's clocks as the month's figures count it, with what the `--ticket` ledger
/// shows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockVerdict {
    pub kind: ClockKind,
    /// The priority the clock was judged against.
    pub priority: String,
    /// The calendar of that priority.
    pub calendar: String,
    pub met: bool,
    /// Business seconds counted (as in the month's breach table).
    pub elapsed: i64,
    pub target: i64,
    pub deadline: Option<Timestamp>,
    pub stopped: Option<Timestamp>,
    /// Stretches counted (the ledger's lines) and business seconds removed by pauses.
    pub stretches: usize,
    pub paused: i64,
}

/// One disagreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub ticket: String,
    pub verdict: Verdict,
    pub itsm: ItsmValue,
    /// itos's verdict on the same question.
    pub itos_met: bool,
    /// The clocks behind itos's verdict: the one compared, or for `made_sla` the breached
    /// clocks (every clock when none breached).
    pub clocks: Vec<ClockVerdict>,
    /// The tool's total pause, in minutes, when it gave one (informational).
    pub itsm_paused_minutes: Option<i64>,
}

/// The section of one service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// Counted tickets of the service carrying `x-itsm` that the month is about: decided in
    /// it, or opened before its end and still undecided then.
    pub with_itsm: usize,
    /// Of those, decided in the month with at least one verdict to compare.
    pub compared: usize,
    /// Compared tickets whose every verdict agrees with itos.
    pub agreeing: usize,
    /// Compared tickets with at least one disagreement.
    pub mismatching: usize,
    /// One row per disagreeing verdict, by ticket (opening order) then verdict.
    pub mismatches: Vec<Mismatch>,
}

/// Compare the ITSM's verdicts with the clocks of `prepared` for `month` (its end already
/// capped at the as-of day, as for the month's figures).
pub fn reconcile(prepared: &Prepared<'_>, month: &Month) -> Reconciliation {
    let mut out = Reconciliation::default();
    for t in &prepared.tickets {
        let Some(itsm) = t.incident.itsm.as_deref() else { continue };
        if t.incident.opened_at.instant >= month.end {
            continue;
        }
        // A ticket is decided when its last clock is (`settled`): only then is "every clock
        // met" known, and each ticket is compared in exactly one month.
        let decided_here = match t.settled {
            Some(s) if s < month.start => continue,
            Some(s) => month.contains(s),
            // Still undecided at the end instant: counted as carried, compared later.
            None => false,
        };
        out.with_itsm += 1;
        if !decided_here {
            continue;
        }
        let Some(rows) = compare(t, prepared.sla, itsm, month) else { continue };
        out.compared += 1;
        if rows.is_empty() {
            out.agreeing += 1;
        } else {
            out.mismatching += 1;
            out.mismatches.extend(rows);
        }
    }
    out
}

/// The disagreements of one decided ticket; `None` when `x-itsm` gives no verdict to compare.
fn compare(t: &Evaluated<'_>, sla: &Sla, itsm: &ItsmVerdict, month: &Month) -> Option<Vec<Mismatch>> {
    let clocks: Vec<ClockVerdict> = t
        .clocks
        .iter()
        .map(|j| {
            let c = &j.clock;
            // The calendar id as the ledger names it (the priority's, `24x7` by default).
            let calendar = sla.priority(j.priority).map_or("24x7", |p| p.value.calendar()).to_owned();
            ClockVerdict {
                kind: c.kind,
                priority: j.priority.to_owned(),
                calendar,
                met: c.outcome == Outcome::Met,
                elapsed: decided_elapsed(c, j.calendar, month.end),
                target: c.target,
                deadline: c.deadline,
                stopped: c.stopped,
                stretches: c.pieces.len(),
                paused: c.paused,
            }
        })
        .collect();
    let asked = [
        (Verdict::MadeSla, itsm.made_sla.as_ref().map(|m| ItsmValue::MadeSla(m.value))),
        (Verdict::Response, itsm.response_remaining_minutes.as_ref().map(|m| ItsmValue::Remaining(m.value))),
        (Verdict::Resolution, itsm.resolution_remaining_minutes.as_ref().map(|m| ItsmValue::Remaining(m.value))),
    ];
    if asked.iter().all(|(_, v)| v.is_none()) {
        return None;
    }
    let mut rows = Vec::new();
    for (verdict, value) in asked {
        let Some(value) = value else { continue };
        let behind: Vec<ClockVerdict> = match verdict.clock() {
            Some(kind) => clocks.iter().filter(|c| c.kind == kind).cloned().collect(),
            None => {
                let breached: Vec<ClockVerdict> = clocks.iter().filter(|c| !c.met).cloned().collect();
                if breached.is_empty() { clocks.clone() } else { breached }
            }
        };
        // A ticket without the clock (never the case for response and resolution, which
        // every ticket has) has nothing to compare.
        if behind.is_empty() {
            continue;
        }
        let itos_met = behind.iter().all(|c| c.met);
        if itos_met != value.met() {
            rows.push(Mismatch {
                ticket: t.incident.id.value.clone(),
                verdict,
                itsm: value,
                itos_met,
                clocks: behind,
                itsm_paused_minutes: itsm.paused_minutes.as_ref().map(|p| p.value),
            });
        }
    }
    Some(rows)
}
