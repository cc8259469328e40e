//! The SLA figures of a service report, computed by `report sla` month by month (so a month's
//! figures are exactly `report sla`'s) and, for a quarter or a year, rolled up from the
//! months' totals (decision 25): availability and attainment from summed seconds and counts,
//! MTTR and MTBF from summed repairs, uptime and failures, credits as the sum of the monthly
//! (each capped) credits. Months without records are left out of the totals and named.

use jiff::civil::Date;

use crate::figures::clock::ClockKind;
use crate::figures::service::Breach;
use crate::load::Repository;
use crate::model::Exact;
use crate::model::kinds::{Engagement, Sla};
use crate::report::provenance::Provenance;
use crate::report::sla_report::{self, SlaReport};

use super::Period;

/// Attainment of one priority's clock over the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Attain {
    pub priority: String,
    pub clock: ClockKind,
    pub decided: usize,
    pub met: usize,
    pub percent: Option<Exact>,
    /// The Sla's `attainment_target` for the priority, percent.
    pub goal: Option<Exact>,
}

/// One month's headline of a service (the columns of a quarter or a year).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    pub first: Date,
    pub recorded: bool,
    pub availability: Option<Exact>,
    pub met: Option<bool>,
    pub response: Option<Exact>,
    pub resolution: Option<Exact>,
    pub opened: usize,
    pub breaches: usize,
    pub failures: usize,
}

/// A service's figures over the period.
#[derive(Clone, Debug)]
pub struct ServiceFigures<'a> {
    pub sla: &'a Sla,
    /// Months with records (in the totals) and without (named, left out).
    pub recorded: Vec<Date>,
    pub no_data: Vec<Date>,
    pub scheduled: i64,
    pub downtime: Exact,
    pub availability: Option<Exact>,
    pub target: Exact,
    /// Decimals shown: one more than the target as written.
    pub decimals: u8,
    pub attainment: Vec<Attain>,
    /// All priorities together, per clock kind.
    pub response: Option<Exact>,
    pub resolution: Option<Exact>,
    pub failures: usize,
    pub repaired: usize,
    pub repair_seconds: i64,
    pub mttr: Option<Exact>,
    /// Uptime ÷ failures; with no failure, the uptime itself (shown as "> …").
    pub mtbf: Exact,
    pub opened: usize,
    /// The breaches decided in the period, with the month they belong to.
    pub breaches: Vec<(Date, Breach)>,
    pub reprioritised: usize,
    pub months: Vec<MonthFigures>,
}

impl ServiceFigures<'_> {
    pub fn any_recorded(&self) -> bool {
        !self.recorded.is_empty()
    }

    pub fn availability_met(&self) -> Option<bool> {
        self.availability.map(|a| a >= self.target)
    }

    pub fn mttr_target(&self) -> Option<i64> {
        self.sla.mttr_max.as_ref().map(|d| d.value.seconds())
    }

    pub fn mtbf_target(&self) -> Option<i64> {
        self.sla.mtbf_min.as_ref().map(|d| d.value.seconds())
    }

    pub fn mttr_met(&self) -> Option<bool> {
        self.mttr.zip(self.mttr_target()).map(|(v, max)| v <= Exact::int(max))
    }

    /// No failure counts as meeting MTBF (sla.md).
    pub fn mtbf_met(&self) -> Option<bool> {
        self.mtbf_target().map(|min| self.failures == 0 || self.mtbf >= Exact::int(min))
    }
}

/// The SLA part of one engagement's report.
#[derive(Debug)]
pub struct SlaPart<'a> {
    pub services: Vec<ServiceFigures<'a>>,
    pub currency: String,
    /// Sum of the monthly credits; `None` when no month could compute one (no fee).
    pub credit: Option<Exact>,
    /// (month, credit) of each month.
    pub monthly_credits: Vec<(Date, Option<Exact>)>,
    /// The month reports the figures come from (one per month of the period).
    pub reports: Vec<SlaReport<'a>>,
}

/// `report sla` for each month of `period`, restricted to `engagement` (its records
/// prepared once; no trend: the report compares with the period before itself).
pub fn months<'a>(repo: &'a Repository, engagement: &Engagement, period: Period, as_of: Date) -> Vec<SlaReport<'a>> {
    let request = sla_report::Request {
        month: period.first(),
        as_of,
        engagement: Some(engagement.id.value.clone()),
        service: None,
        months: Some(0),
        reconcile: false,
        register: false,
    };
    sla_report::build_each(repo, &request, &period.months(), &Provenance::default()).unwrap_or_default()
}

/// Roll the months up.
pub fn part<'a>(reports: Vec<SlaReport<'a>>) -> SlaPart<'a> {
    let mut services: Vec<ServiceFigures<'a>> = Vec::new();
    let mut monthly_credits = Vec::new();
    let mut currency = String::new();
    for report in &reports {
        let Some(e) = report.engagements.first() else { continue };
        currency = e.currency().to_owned();
        monthly_credits.push((report.first, e.credit));
        for s in &e.services {
            let pos = match services.iter().position(|f| f.sla.id.value == s.sla.id.value) {
                Some(pos) => pos,
                None => {
                    services.push(empty(s.sla, &s.month.availability));
                    services.len() - 1
                }
            };
            add(&mut services[pos], report.first, &s.month);
        }
    }
    for f in &mut services {
        finish(f);
    }
    let credit = monthly_credits
        .iter()
        .filter_map(|(_, c)| *c)
        .fold(None, |sum: Option<Exact>, c| Some(sum.unwrap_or(Exact::ZERO).plus(c)));
    SlaPart { services, currency, credit, monthly_credits, reports }
}

fn empty<'a>(sla: &'a Sla, a: &crate::figures::availability::Figures) -> ServiceFigures<'a> {
    ServiceFigures {
        sla,
        recorded: Vec::new(),
        no_data: Vec::new(),
        scheduled: 0,
        downtime: Exact::ZERO,
        availability: None,
        target: a.target,
        decimals: a.decimals,
        attainment: Vec::new(),
        response: None,
        resolution: None,
        failures: 0,
        repaired: 0,
        repair_seconds: 0,
        mttr: None,
        mtbf: Exact::ZERO,
        opened: 0,
        breaches: Vec::new(),
        reprioritised: 0,
        months: Vec::new(),
    }
}

fn add(f: &mut ServiceFigures<'_>, first: Date, m: &crate::figures::service::ServiceMonth) {
    f.months.push(MonthFigures {
        first,
        recorded: m.tickets_recorded,
        availability: m.availability.percent,
        met: m.availability.met(),
        response: m.overall(ClockKind::Response),
        resolution: m.overall(ClockKind::Resolution),
        opened: m.opened,
        breaches: m.breaches.len(),
        failures: m.failures,
    });
    f.opened += m.opened;
    f.breaches.extend(m.breaches.iter().map(|b| (first, b.clone())));
    f.reprioritised += m.reprioritised.len();
    // A month without records is no evidence of a perfect month: out of the totals.
    if !m.tickets_recorded {
        f.no_data.push(first);
        return;
    }
    f.recorded.push(first);
    f.scheduled += m.availability.scheduled;
    f.downtime = f.downtime.plus(m.availability.downtime);
    for ((priority, clock), a) in &m.attainment {
        match f.attainment.iter_mut().find(|x| &x.priority == priority && x.clock == *clock) {
            Some(x) => {
                x.decided += a.decided;
                x.met += a.met;
            }
            None => f.attainment.push(Attain {
                priority: priority.clone(),
                clock: *clock,
                decided: a.decided,
                met: a.met,
                percent: None,
                goal: f
                    .sla
                    .priorities
                    .iter()
                    .find(|(name, _)| name.value == *priority)
                    .and_then(|(_, p)| p.attainment_target.as_ref())
                    .map(|g| g.value.exact),
            }),
        }
    }
    f.failures += m.failures;
    f.repaired += m.repaired;
    f.repair_seconds += m.repair_seconds;
}

fn finish(f: &mut ServiceFigures<'_>) {
    f.availability = Exact::HUNDRED.times(Exact::int(f.scheduled).minus(f.downtime)).over(Exact::int(f.scheduled));
    let percent =
        |decided: usize, met: usize| Exact::HUNDRED.times(Exact::int(met as i64)).over(Exact::int(decided as i64));
    for a in &mut f.attainment {
        a.percent = percent(a.decided, a.met);
    }
    let overall = |kind: ClockKind| {
        let (d, m) =
            f.attainment.iter().filter(|a| a.clock == kind).fold((0, 0), |(d, m), a| (d + a.decided, m + a.met));
        percent(d, m)
    };
    f.response = overall(ClockKind::Response);
    f.resolution = overall(ClockKind::Resolution);
    f.mttr = Exact::int(f.repair_seconds).over(Exact::int(f.repaired as i64));
    let uptime = Exact::int(f.scheduled).minus(f.downtime);
    f.mtbf = uptime.over(Exact::int(f.failures as i64)).unwrap_or(uptime);
}
