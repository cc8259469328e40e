//! One service's SLA figures, assembled from the records: ticket clocks per priority,
//! breaches, tickets in progress, availability with maintenance and approved planned
//! downtime, MTTR and MTBF. Pure: the caller supplies records, calendars and instants.
//!
//! [`Prepared::new`] evaluates every ticket's clocks once (as known at the end of the as-of
//! day); [`Prepared::month`] then buckets them by the month they were decided in. A clock's
//! decision instant does not depend on the month being reported, so the trend over twelve
//! months costs one evaluation per ticket, not twelve.

use std::collections::BTreeMap;

use rayon::prelude::*;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use crate::calendar::{Calendars, WorkCalendar};
use crate::config::Policy;
use crate::model::Exact;
use crate::model::kinds::change::{Change, ChangeClass, ChangeStatus};
use crate::model::kinds::incident::{ExclusionReason, Incident, OutageImpact};
use crate::model::kinds::{Engagement, Sla};
use crate::model::scalar::civil_in;

use super::availability::{self, Outage, Span};
use super::changes::{self, Approved};
use super::clock::{Clock, ClockKind, Outcome};
use super::month::{Attainment, Month, attainment};
use super::tickets::{Judged, clocks};

/// A clock that breached in the month.
#[derive(Clone, Debug, PartialEq)]
pub struct Breach {
    pub ticket: String,
    pub priority: String,
    pub clock: ClockKind,
    pub deadline: Option<Timestamp>,
    /// Business seconds counted and the target.
    pub elapsed: i64,
    pub target: i64,
    /// Elapsed minus target, business seconds.
    pub overrun: i64,
}

/// A clock decided in a month, as the register (`report sla --tickets all`) lists it: what a
/// customer reconciles against its own export.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub ticket: String,
    /// The priority the clock was judged against.
    pub priority: String,
    pub clock: ClockKind,
    /// Business seconds counted and the target.
    pub elapsed: i64,
    pub target: i64,
    pub met: bool,
    pub decided: Timestamp,
}

/// A ticket with a clock still running at the month's end instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub ticket: String,
    pub priority: String,
    pub clock: ClockKind,
    /// Business seconds counted up to the end instant.
    pub elapsed: i64,
    pub deadline: Option<Timestamp>,
}

/// A ticket met in the month at its first resolution, then reopened, so that its resolution
/// is decided in a later month (or not yet).
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub ticket: String,
    pub resolved: Timestamp,
    /// Where it is counted now (`None`: still open).
    pub decided: Option<Timestamp>,
}

/// An outage left out of availability, with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct ExcludedOutage {
    pub ticket: String,
    pub reason: ExclusionReason,
    pub evidence: Option<String>,
}

/// A ticket left out of every figure (cancelled, timestamps out of order, unknown priority).
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    pub ticket: String,
    pub reason: LeftOutReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOutReason {
    Cancelled,
    OutOfOrder,
    UnknownPriority,
}

impl LeftOutReason {
    pub fn text(self, lang: crate::model::Lang) -> &'static str {
        use crate::model::Lang::{En, ZhCn};
        match (self, lang) {
            (LeftOutReason::Cancelled, En) => "cancelled",
            (LeftOutReason::Cancelled, ZhCn) => "已取消",
            (LeftOutReason::OutOfOrder, En) => "timestamps out of order (GEN-007)",
            (LeftOutReason::OutOfOrder, ZhCn) => "时间戳顺序错误（GEN-007）",
            (LeftOutReason::UnknownPriority, En) => {
                "priority not defined by the Sla (INC-001): clocks left out, its outage counts"
            }
            (LeftOutReason::UnknownPriority, ZhCn) => "优先级未在 SLA 中定义（INC-001）：不计时限，停机仍计入可用率",
        }
    }
}

/// Availability of one local day of the month (for the daily chart).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Day {
    pub date: Date,
    pub scheduled: i64,
    pub downtime: Exact,
}

impl Day {
    pub fn percent(&self) -> Option<Exact> {
        Exact::HUNDRED.times(Exact::int(self.scheduled).minus(self.downtime)).over(Exact::int(self.scheduled))
    }
}

/// (priority, clock) → attainment.
pub type AttainmentTable = BTreeMap<(String, ClockKind), Attainment>;

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMonth {
    pub month: Month,
    /// (priority, clock) → attainment, for the clocks the priority defines.
    pub attainment: AttainmentTable,
    pub breaches: Vec<Breach>,
    /// Clocks still running at the month's end instant and not yet past their deadline.
    pub in_progress: Vec<Running>,
    pub moved: Vec<Moved>,
    /// Tickets opened in the month and left out of every figure, with the reason.
    pub left_out: Vec<LeftOut>,
    /// Tickets opened in the month and counted.
    pub opened: usize,
    pub availability: availability::Figures,
    pub daily: Vec<Day>,
    pub excluded_outages: Vec<ExcludedOutage>,
    /// Outages (not excluded) that started in the month.
    pub failures: usize,
    /// Failures whose outage ended, and the sum of their durations (seconds).
    pub repaired: usize,
    pub repair_seconds: i64,
    /// Mean duration of the failures whose outage ended, seconds.
    pub mttr: Option<Exact>,
    /// (scheduled − downtime) / failures, seconds; with no failure, the uptime itself (shown as "> …").
    pub mtbf: Exact,
    /// Whether anything was recorded for the service in the month (sla.md, "Months without
    /// records"): a non-cancelled ticket open during it, or an outage overlapping it. Months
    /// before `records_from` count as unrecorded too.
    pub tickets_recorded: bool,
    /// Tickets decided in the month that were re-prioritised, with their changes.
    pub reprioritised: Vec<Reprioritised>,
}

/// A re-prioritised ticket with a clock decided in the month.
#[derive(Clone, Debug, PartialEq)]
pub struct Reprioritised {
    pub ticket: String,
    /// The priority at opening.
    pub initial: String,
    /// (at, from, to, reason) in time order.
    pub changes: Vec<(Timestamp, String, String, Option<String>)>,
    /// The priority each of its clocks was judged against, by clock.
    pub judged: Vec<(ClockKind, String)>,
}

impl ServiceMonth {
    /// Attainment over all priorities of one clock kind, percent (for credit tiers and the trend).
    pub fn overall(&self, kind: ClockKind) -> Option<Exact> {
        let (decided, met) = self
            .attainment
            .iter()
            .filter(|((_, k), _)| *k == kind)
            .fold((0, 0), |(d, m), (_, a)| (d + a.decided, m + a.met));
        (decided > 0).then(|| Exact::ratio(100 * met as i128, decided as i128))
    }
}

/// Whether a change's planned downtime counts as maintenance: not rejected or cancelled,
/// approved as CHG-002 requires (the roles of its class and its risk level, and the customer
/// for the classes that need it, with no later rejection) before the downtime starts, and,
/// for a `standard` change, a proper one (CHG-013; revision2-decisions.md 13): relabelling a
/// change `standard` must not buy it an exemption. `target_of` gives the availability target
/// of a service of the change's engagement.
pub fn planned_downtime_counts(change: &Change, policy: &Policy, target_of: &dyn Fn(&str) -> Option<Exact>) -> bool {
    let Some(pd) = &change.planned_downtime else { return false };
    if matches!(change.status.value, ChangeStatus::Rejected | ChangeStatus::Cancelled) {
        return false;
    }
    if change.class.value == ChangeClass::Standard && !changes::is_proper_standard(change, policy, target_of) {
        return false;
    }
    matches!(changes::approved_before(change, policy, pd.start.instant), Approved::NotNeeded | Approved::Since(_))
}

/// Everything one service's figures need.
pub struct Inputs<'a> {
    pub engagement: &'a Engagement,
    pub sla: &'a Sla,
    /// The service's incidents.
    pub incidents: Vec<&'a Incident>,
    /// The engagement's changes (their planned downtime is filtered by service here).
    pub changes: Vec<&'a Change>,
    /// The engagement's Slas: a standard change's downtime on any service with a high
    /// availability target costs it its exemption (CHG-013).
    pub slas: Vec<&'a Sla>,
    pub calendars: &'a Calendars,
    pub policy: &'a Policy,
    /// The end of the as-of day: everything known up to then is used.
    pub known_until: Timestamp,
}

/// A counted ticket and its clocks.
#[derive(Debug)]
pub struct Evaluated<'a> {
    pub incident: &'a Incident,
    /// Each clock with the calendar of the priority it was judged against.
    pub clocks: Vec<Judged<'a>>,
    /// When the last of its clocks was decided (`None` while one is undecided).
    pub settled: Option<Timestamp>,
}

/// An outage as counted, with its ticket.
#[derive(Debug)]
struct CountedOutage {
    outage: Outage,
    /// Set when the outage has ended (an `end`, or the ticket's final resolution).
    ended: bool,
}

/// A service's tickets and outages, evaluated once; figures per month come from [`Prepared::month`].
#[derive(Debug)]
pub struct Prepared<'a> {
    pub sla: &'a Sla,
    pub tickets: Vec<Evaluated<'a>>,
    left_out: Vec<(&'a Incident, LeftOutReason)>,
    outages: Vec<CountedOutage>,
    excluded: Vec<(Span, ExcludedOutage)>,
    planned: Vec<Span>,
    hours: &'a WorkCalendar,
    tz: TimeZone,
    term: (Option<Timestamp>, Option<Timestamp>),
    known_until: Timestamp,
    /// Every open period (start, stop) of every non-cancelled ticket, for "no tickets
    /// recorded".
    lifetimes: Vec<(Timestamp, Option<Timestamp>)>,
    /// Local midnight starting `records_from` (in the Engagement's zone).
    records_from: Option<Timestamp>,
}

fn local_midnight(tz: &TimeZone, day: Date) -> Option<Timestamp> {
    civil_in(tz, day.to_datetime(Time::midnight()))
}

impl<'a> Prepared<'a> {
    pub fn new(input: &Inputs<'a>) -> Prepared<'a> {
        let sla = input.sla;
        let known = input.known_until;
        let mut counted: Vec<(usize, &'a Incident)> = Vec::with_capacity(input.incidents.len());
        // Every period in which a ticket was open, as known at the end of the as-of day: a
        // ticket resolved in October and reopened in December was not open in November.
        let mut lifetimes = Vec::with_capacity(input.incidents.len());
        for inc in input.incidents.iter().filter(|inc| !inc.is_cancelled()) {
            let closed = inc.closed_at.as_ref().map(|c| c.instant);
            for (start, stop) in super::tickets::periods(inc, ClockKind::Resolution).unwrap_or_default() {
                if start < known {
                    let stop = stop.or(closed).filter(|s| *s < known);
                    lifetimes.push((start, stop));
                }
            }
        }
        let mut outages = Vec::new();
        let mut excluded = Vec::new();
        // Positions in record order keep the left-out list in that order, whatever the reason.
        let mut left_out_at: Vec<(usize, &'a Incident, LeftOutReason)> = Vec::new();
        for (pos, &inc) in input.incidents.iter().enumerate() {
            if inc.is_cancelled() {
                left_out_at.push((pos, inc, LeftOutReason::Cancelled));
                continue;
            }
            if !inc.in_order() {
                left_out_at.push((pos, inc, LeftOutReason::OutOfOrder));
                continue;
            }
            // An outage counts whatever the ticket's priority (sla.md: "any full outage of the
            // service"); a priority the Sla does not define only leaves out the clocks.
            if let Some(o) = &inc.outage {
                // Without `end`: the first resolution after the outage started, as known at the
                // end of the as-of day (the service is restored at the latest when the ticket is
                // resolved; a later reopening does not reopen the outage), else still running.
                let start = o.start.instant;
                let end = o
                    .end
                    .as_ref()
                    .map(|e| e.instant)
                    .or_else(|| inc.resolutions().filter(|r| *r >= start && *r < known).min());
                let span = (o.start.instant, end.unwrap_or(known).min(known));
                if let Some(ex) = &o.excluded {
                    let entry = ExcludedOutage {
                        ticket: inc.id.value.clone(),
                        reason: ex.reason.value,
                        evidence: ex.evidence.as_ref().map(|e| e.value.0.clone()),
                    };
                    excluded.push((span, entry));
                } else {
                    let weight = match o.impact() {
                        OutageImpact::Full => Exact::ONE,
                        OutageImpact::Partial => o
                            .degraded_percent
                            .as_ref()
                            .map_or(sla.availability.partial_weight(), |d| d.value.exact)
                            .times(Exact::ratio(1, 100)),
                    };
                    let ended = end.is_some_and(|e| e <= known);
                    // An outage ending before it starts (INC-002) says nothing usable.
                    if end.is_none_or(|e| e >= span.0) {
                        outages.push(CountedOutage { outage: Outage { start: span.0, end: span.1, weight }, ended });
                    }
                }
            }
            if inc.opened_at.instant >= known {
                continue;
            }
            counted.push((pos, inc));
        }
        // Clock evaluation is the costly part and independent per ticket: in parallel.
        let policy = input.policy.priority_change;
        let calendars = input.calendars;
        let evaluated: Vec<Result<Evaluated<'a>, (usize, &'a Incident)>> = counted
            .par_iter()
            .map(|&(pos, inc)| {
                let clocks =
                    clocks(inc, sla, policy, |id| calendars.get_or_default(id), known).map_err(|_| (pos, inc))?;
                let settled = clocks
                    .iter()
                    .map(|j| j.clock.decided)
                    .collect::<Option<Vec<_>>>()
                    .and_then(|d| d.into_iter().max());
                Ok(Evaluated { incident: inc, clocks, settled })
            })
            .collect();
        let mut tickets = Vec::with_capacity(evaluated.len());
        for e in evaluated {
            match e {
                Ok(t) => tickets.push(t),
                // A priority the Sla does not define only leaves out the clocks (INC-001).
                Err((pos, inc)) => left_out_at.push((pos, inc, LeftOutReason::UnknownPriority)),
            }
        }
        left_out_at.sort_by_key(|&(pos, _, _)| pos);
        let left_out = left_out_at.into_iter().map(|(_, inc, reason)| (inc, reason)).collect();
        // By opening instant (stable: ties keep file order), so a month looks only at the
        // tickets opened before its end.
        tickets.sort_by_key(|t| t.incident.opened_at.instant);
        let service = sla.service.value.as_str();
        let targets: std::collections::HashMap<&str, Exact> =
            input.slas.iter().map(|s| (s.service.value.as_str(), s.availability.target.value.exact)).collect();
        let target_of = |s: &str| targets.get(s).copied();
        let planned = input
            .changes
            .iter()
            .filter_map(|c| {
                let pd = c.planned_downtime.as_ref()?;
                (pd.services.iter().any(|s| s.value == service) && planned_downtime_counts(c, input.policy, &target_of))
                    .then_some((pd.start.instant, pd.end.instant))
            })
            .collect();
        let tz = sla.tz();
        // The term's dates are days in the Engagement's zone (sla.md, "Clocks and calendars").
        let engagement_tz = input.engagement.tz();
        let term = &input.engagement.term;
        let term_start = local_midnight(&engagement_tz, term.start.value);
        let term_end = term.end.value.tomorrow().ok().and_then(|d| local_midnight(&engagement_tz, d));
        let records_from = local_midnight(&engagement_tz, input.engagement.records_start());
        Prepared {
            sla,
            tickets,
            left_out,
            outages,
            excluded,
            planned,
            hours: input.calendars.get_or_default(sla.availability.hours()),
            tz,
            term: (term_start, term_end),
            known_until: known,
            lifetimes,
            records_from,
        }
    }

    /// The tickets' clocks bucketed into `month`.
    /// The tickets opened before the end of `month`, in opening order.
    fn opened_before(&self, end: Timestamp) -> &[Evaluated<'a>] {
        let n = self.tickets.partition_point(|t| t.incident.opened_at.instant < end);
        &self.tickets[..n]
    }

    /// The tickets' clocks bucketed into `month`.
    fn clocks_of(&self, month: &Month) -> (AttainmentTable, Vec<Breach>, Vec<Running>) {
        let mut per_key: BTreeMap<(&str, ClockKind), Vec<(Outcome, i64)>> = BTreeMap::new();
        let mut breaches = Vec::new();
        let mut running = Vec::new();
        for t in self.opened_before(month.end) {
            if t.settled.is_some_and(|s| s < month.start) {
                continue; // every clock was decided in an earlier month
            }
            let inc = t.incident;
            for j in &t.clocks {
                let c = &j.clock;
                match c.decided {
                    Some(d) if month.contains(d) => {
                        let elapsed = decided_elapsed(c, j.calendar, month.end);
                        if c.outcome == Outcome::Breached {
                            breaches.push(Breach {
                                ticket: inc.id.value.clone(),
                                priority: j.priority.to_owned(),
                                clock: c.kind,
                                deadline: c.deadline,
                                elapsed,
                                target: c.target,
                                overrun: elapsed - c.target,
                            });
                        }
                        // A clock counts under the priority it was judged against.
                        per_key.entry((j.priority, c.kind)).or_default().push((c.outcome, elapsed));
                    }
                    Some(d) if d < month.start => continue,
                    _ => running.push(Running {
                        ticket: inc.id.value.clone(),
                        priority: j.priority.to_owned(),
                        clock: c.kind,
                        elapsed: elapsed_until(c, j.calendar, month.end),
                        deadline: c.deadline,
                    }),
                }
            }
        }
        // Every priority the Sla defines is shown, "n/a" when nothing was decided.
        for (name, p) in self.sla.priorities.iter() {
            let kinds = [
                Some(ClockKind::Response),
                p.value.on_site.as_ref().map(|_| ClockKind::OnSite),
                p.value.restoration.as_ref().map(|_| ClockKind::Restoration),
                Some(ClockKind::Resolution),
            ];
            for kind in kinds.into_iter().flatten() {
                per_key.entry((name.value.as_str(), kind)).or_default();
            }
        }
        let attainment =
            per_key.into_iter().map(|((p, k), v)| ((p.to_owned(), k), attainment(v.into_iter()))).collect();
        // Listed by deadline, so the table reads as a timeline.
        breaches.sort_by(|a, b| (a.deadline, &a.ticket, a.clock).cmp(&(b.deadline, &b.ticket, b.clock)));
        running.sort_by(|a, b| (a.deadline, &a.ticket, a.clock).cmp(&(b.deadline, &b.ticket, b.clock)));
        (attainment, breaches, running)
    }

    /// Every clock decided in `month`, by the same rules as its attainment, in decision order.
    pub fn register(&self, month: &Month) -> Vec<Counted> {
        let mut out = Vec::new();
        for t in self.opened_before(month.end) {
            if t.settled.is_some_and(|s| s < month.start) {
                continue;
            }
            for j in &t.clocks {
                let c = &j.clock;
                if let Some(d) = c.decided.filter(|d| month.contains(*d)) {
                    out.push(Counted {
                        ticket: t.incident.id.value.clone(),
                        priority: j.priority.to_owned(),
                        clock: c.kind,
                        elapsed: decided_elapsed(c, j.calendar, month.end),
                        target: c.target,
                        met: c.outcome != Outcome::Breached,
                        decided: d,
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.decided, &a.ticket, a.clock).cmp(&(b.decided, &b.ticket, b.clock)));
        out
    }

    fn moved(&self, month: &Month) -> Vec<Moved> {
        let mut out = Vec::new();
        for t in self.tickets.iter().filter(|t| !t.incident.reopened.is_empty()) {
            let Some(first) = t.incident.resolved_at.as_ref().map(|r| r.instant) else { continue };
            if !month.contains(first) {
                continue;
            }
            let Some(c) = t.clocks.iter().map(|j| &j.clock).find(|c| c.kind == ClockKind::Resolution) else { continue };
            let first_elapsed: i64 = c.pieces.iter().filter(|p| p.to <= first).map(|p| p.business_seconds).sum();
            let moved_on = c.decided.is_none_or(|d| d >= month.end);
            if first_elapsed <= c.target && moved_on {
                out.push(Moved { ticket: t.incident.id.value.clone(), resolved: first, decided: c.decided });
            }
        }
        out
    }

    /// The figures of `month` (its end instant already capped at the as-of day).
    pub fn month(&self, month: Month) -> ServiceMonth {
        let (attainment, breaches, mut in_progress) = self.clocks_of(&month);
        let moved = self.moved(&month);
        // A reopened ticket's resolution clock is listed once, as moved; its other clocks
        // (an on-site or restoration clock still running) stay in the running list.
        in_progress.retain(|r| r.clock != ClockKind::Resolution || !moved.iter().any(|m| m.ticket == r.ticket));
        let in_month = |inc: &Incident| month.contains(inc.opened_at.instant);
        let left_out = self
            .left_out
            .iter()
            .filter(|(inc, _)| in_month(inc))
            .map(|(inc, reason)| LeftOut { ticket: inc.id.value.clone(), reason: *reason })
            .collect();
        let opened = self.opened_before(month.end).iter().filter(|t| in_month(t.incident)).count();

        // Availability within the month, the as-of day and the term.
        let from = self.term.0.map_or(month.start, |t| t.max(month.start));
        let to = self.term.1.map_or(month.end, |t| t.min(month.end)).max(from);
        let windows: Vec<_> = self.sla.availability.maintenance.iter().map(|m| m.weekly.value).collect();
        let mut maintenance = availability::weekly_windows(&windows, &self.tz, from, to);
        maintenance.extend(self.planned.iter().filter(|(a, b)| *a < to && *b > from));
        let scheduled = availability::scheduled(self.hours, from, to, &maintenance);
        let overlapping: Vec<Outage> =
            self.outages.iter().map(|o| o.outage).filter(|o| o.start < to && o.end > from).collect();
        let target = &self.sla.availability.target.value;
        let figures = availability::Figures::compute(&scheduled, &overlapping, target.exact, target.decimals);
        let daily = self.daily(&month, &scheduled, &overlapping);

        let excluded_outages = self
            .excluded
            .iter()
            .filter(|((a, b), _)| *a < month.end && *b > month.start)
            .map(|(_, e)| e.clone())
            .collect();
        let mut failures = 0;
        let mut repaired = 0;
        let mut repair_seconds = 0;
        for o in self.outages.iter().filter(|o| month.contains(o.outage.start)) {
            failures += 1;
            if o.ended {
                repaired += 1;
                repair_seconds += o.outage.end.as_second() - o.outage.start.as_second();
            }
        }
        let uptime = Exact::int(figures.scheduled).minus(figures.downtime);
        let tickets_recorded = self.recorded(&month);
        let reprioritised = self.reprioritised(&month);
        ServiceMonth {
            month,
            attainment,
            breaches,
            in_progress,
            moved,
            left_out,
            opened,
            daily,
            excluded_outages,
            failures,
            repaired,
            repair_seconds,
            mttr: (repaired > 0).then(|| Exact::ratio(i128::from(repair_seconds), repaired as i128)),
            mtbf: if failures > 0 { uptime.times(Exact::ratio(1, failures as i128)) } else { uptime },
            availability: figures,
            tickets_recorded,
            reprioritised,
        }
    }

    /// Availability per local day of the month, up to the end instant.
    fn daily(&self, month: &Month, scheduled: &[Span], outages: &[Outage]) -> Vec<Day> {
        let mut out = Vec::new();
        let mut day = month.first;
        while let Some(start) = local_midnight(&self.tz, day) {
            if start >= month.end || day.month() != month.first.month() {
                break;
            }
            let next = day.tomorrow().ok();
            let end = next.and_then(|d| local_midnight(&self.tz, d)).unwrap_or(month.end).min(month.end);
            let slice: Vec<Span> =
                scheduled.iter().map(|&(a, b)| (a.max(start), b.min(end))).filter(|(a, b)| b > a).collect();
            out.push(Day {
                date: day,
                scheduled: availability::total(&slice),
                downtime: availability::downtime(&slice, outages),
            });
            match next {
                Some(n) => day = n,
                None => break,
            }
        }
        out
    }

    /// Whether the month has records (sla.md, "Months without records"; revision2-decisions.md
    /// 5): a non-cancelled ticket of the service open during it, or an outage overlapping it,
    /// and the month not wholly before `records_from`.
    fn recorded(&self, month: &Month) -> bool {
        if self.records_from.is_some_and(|r| month.end <= r) {
            return false;
        }
        let open_in = |&(opened, closed): &(Timestamp, Option<Timestamp>)| {
            opened < month.end && closed.is_none_or(|c| c >= month.start)
        };
        self.lifetimes.iter().any(open_in)
            || self.outages.iter().any(|o| o.outage.start < month.end && o.outage.end > month.start)
            || self.excluded.iter().any(|((a, b), _)| *a < month.end && *b > month.start)
    }

    /// The re-prioritised tickets with a clock decided in `month`.
    fn reprioritised(&self, month: &Month) -> Vec<Reprioritised> {
        let mut out = Vec::new();
        for t in self.opened_before(month.end).iter().filter(|t| !t.incident.priority_changes.is_empty()) {
            if !t.clocks.iter().any(|j| j.clock.decided.is_some_and(|d| month.contains(d))) {
                continue;
            }
            let inc = t.incident;
            let mut from = inc.priority.value.clone();
            let mut changes = Vec::new();
            for c in inc.priority_changes.iter().filter(|c| c.at.instant < self.known_until) {
                let to = c.to.value.clone();
                let reason = c.reason.as_ref().map(|r| r.value.clone());
                changes.push((c.at.instant, std::mem::replace(&mut from, to.clone()), to, reason));
            }
            let judged = t.clocks.iter().map(|j| (j.clock.kind, j.priority.to_owned())).collect();
            out.push(Reprioritised {
                ticket: inc.id.value.clone(),
                initial: inc.priority.value.clone(),
                changes,
                judged,
            });
        }
        out
    }

    /// The known end instant the tickets were evaluated at.
    pub fn known_until(&self) -> Timestamp {
        self.known_until
    }
}

/// The business seconds a decided clock counts in the figures of the month ending at `end`:
/// counted up to the report's end instant (sla.md), so a clock that breached in the month and
/// ran on afterwards does not grow with a later as-of. `report sla --reconcile` shows the same
/// number, so the two never disagree.
pub fn decided_elapsed(c: &Clock, calendar: &WorkCalendar, end: Timestamp) -> i64 {
    if c.stopped.is_some_and(|s| s <= end) { c.elapsed } else { elapsed_until(c, calendar, end) }
}

/// Business seconds of a clock counted before `end` (a piece straddling `end` is cut there).
fn elapsed_until(c: &Clock, calendar: &WorkCalendar, end: Timestamp) -> i64 {
    c.pieces
        .iter()
        .filter(|p| p.from < end)
        .map(|p| if p.to <= end { p.business_seconds } else { calendar.business_seconds(p.from, end) })
        .sum()
}

/// One service's figures for one month (evaluation and bucketing in one call).
pub fn compute(input: &Inputs<'_>, month: Month) -> ServiceMonth {
    Prepared::new(input).month(month)
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
            slas: repo.records.slas.iter().collect(),
            calendars: &repo.calendars,
            policy: &repo.config.policy,
            known_until: known,
        };
        let m = compute(&input, month);
        // Scheduled: 744 h − 8 h maintenance − 1 h planned downtime = 735 h.
        assert_eq!(m.availability.scheduled, 735 * 3600);
        // Downtime: 1 h full + 2 h × 0.5 = 2 h; the excluded outage counts for nothing.
        assert_eq!(m.availability.downtime, Exact::int(7200));
        assert_eq!(m.availability.shown().as_deref(), Some("99.727"));
        assert_eq!(m.availability.met(), Some(false));
        assert_eq!(m.excluded_outages.len(), 1);
        // Failures: I-1 and I-2 (I-3 excluded); MTTR (1 h + 2 h) / 2 = 1.5 h.
        assert_eq!(m.failures, 2);
        assert_eq!(m.mttr, Some(Exact::int(5400)));
        assert_eq!(m.mtbf, Exact::int((735 * 3600 - 7200) / 2));
        // P1 resolution: I-1 took 5 h against 4 h → breached; I-4 still in progress.
        let p1 = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
        assert_eq!((p1.decided, p1.met, p1.percent), (1, 0, Some(Exact::ZERO)));
        assert_eq!(m.breaches.len(), 1);
        assert_eq!(m.breaches[0].overrun, 3600);
        let running: Vec<&str> = m.in_progress.iter().map(|r| r.ticket.as_str()).collect();
        assert_eq!(running, vec!["I-4"]);
        assert_eq!(m.left_out, vec![LeftOut { ticket: "I-5".to_owned(), reason: LeftOutReason::Cancelled }]);
        // P2 response: two tickets met (20 min each against 30 min).
        let p2 = &m.attainment[&("P2".to_owned(), ClockKind::Response)];
        assert_eq!((p2.decided, p2.met, p2.percent), (2, 2, Some(Exact::HUNDRED)));
    }
}
