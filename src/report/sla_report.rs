//! The month-end SLA report's figures (sla.md) for every service of every engagement: the
//! service's month, satisfaction of the engagement's surveys, the service credits owed, the
//! trend over previous months, and what the report is based on (commit, inputs, files left
//! out). Rendering lives in `output::sla_report`.

use jiff::civil::Date;

use crate::calendar::dates::sub_months;
use crate::context::Context;
use crate::figures::clock::ClockKind;
use crate::figures::credits::{credit_percent, monthly_fee, tiers_for, total_credit};
use crate::figures::figure;
use crate::figures::month::Month;
use crate::figures::satisfaction::{Satisfaction, satisfaction};
use crate::figures::service::{Inputs, Prepared, ServiceMonth};
use crate::load::Repository;
use crate::model::kinds::engagement::{CreditMetric, CreditTier};
use crate::model::kinds::{Engagement, Sla, Survey};
use crate::model::{Exact, Finding, Msg, RecordView, Severity};

use super::provenance::Provenance;
use super::reconcile::{self, Reconciliation};

/// The longest trend window `--months` accepts (ten years).
pub const MAX_TREND_MONTHS: u32 = 120;

/// What the report is asked for.
#[derive(Clone, Debug)]
pub struct Request {
    /// Any day of the report month.
    pub month: Date,
    pub as_of: Date,
    pub engagement: Option<String>,
    pub service: Option<String>,
    /// Trend window: `None` = the previous months of the same year.
    pub months: Option<u32>,
    /// Compare the ITSM's own verdicts (`x-itsm`) with itos's (`--reconcile`).
    pub reconcile: bool,
    /// List every clock decided in the month (`--tickets all`).
    pub register: bool,
}

/// A credit earned by one metric of one service.
#[derive(Clone, Debug, PartialEq)]
pub struct Credit {
    pub metric: CreditMetric,
    /// The measured value that fell under a tier, exactly.
    pub value: Exact,
    /// The value as the report shows it everywhere else (the headline's figure).
    pub shown: String,
    pub percent: Exact,
}

/// One service's page of the report.
#[derive(Debug)]
pub struct ServiceReport<'a> {
    pub sla: &'a Sla,
    pub month: ServiceMonth,
    pub credits: Vec<Credit>,
    /// Headline figures of the previous months, oldest first.
    pub trend: Vec<Headline>,
    /// The ITSM's verdicts against itos's, when asked for (`--reconcile`).
    pub reconciliation: Option<Reconciliation>,
    /// Every clock decided in the month, when asked for (`--tickets all`).
    pub register: Option<Vec<crate::figures::service::Counted>>,
}

/// The headline figures of one service in one month (the trend).
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub first: Date,
    /// Availability as shown (truncated) and whether it met the target; `None`: n/a.
    pub availability: Option<String>,
    pub availability_met: Option<bool>,
    /// Availability exactly (for the chart's bar height).
    pub availability_value: Option<Exact>,
    pub response: Option<Exact>,
    pub resolution: Option<Exact>,
    pub breaches: usize,
    pub failures: usize,
    /// Credit percent earned by this service's metrics (before the cap).
    pub credit_percent: Exact,
    /// Nothing was recorded for the service in the month: every status is "no data".
    pub tickets_recorded: bool,
}

/// The report of one engagement for one month.
#[derive(Debug)]
pub struct EngagementReport<'a> {
    pub engagement: &'a Engagement,
    pub services: Vec<ServiceReport<'a>>,
    pub satisfaction: Satisfaction,
    /// The month's fee (`None` for a one-off fee).
    pub fee: Option<Exact>,
    pub cap_percent: Exact,
    /// Credits owed, capped and rounded (`None` when there is no monthly fee).
    pub credit: Option<Exact>,
    /// Credit owed per previous month (same order as each service's trend).
    pub trend_credit: Vec<(Date, Option<Exact>)>,
}

impl EngagementReport<'_> {
    pub fn currency(&self) -> &str {
        &self.engagement.fees.currency.value.0
    }

    /// Uncapped sum of the credit percents of every service.
    pub fn credit_percent(&self) -> Exact {
        self.services.iter().flat_map(|s| s.credits.iter().map(|c| c.percent)).sum()
    }
}

/// A file or record left out because it could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOutFile {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub rule: &'static str,
    pub message: crate::model::Msg,
}

/// The whole report.
#[derive(Debug)]
pub struct SlaReport<'a> {
    pub first: Date,
    pub as_of: Date,
    /// The as-of day falls before the month's last day: the figures cover the month so far.
    pub partial_month: bool,
    /// `--service` chose some services: credits owed cover only those.
    pub filtered: bool,
    pub engagements: Vec<EngagementReport<'a>>,
    pub left_out_files: Vec<LeftOutFile>,
    /// Caveats a reader must see, e.g. a calendar without holiday data for the month.
    pub warnings: Vec<Msg>,
    pub provenance: Provenance,
}

/// Why the report cannot be produced as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// No Engagement loaded; the Engagement records left out, as `file:line:col: message`.
    NoEngagement(Vec<String>),
    UnknownEngagement(String, Vec<String>),
    UnknownService(String, Vec<String>),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::NoEngagement(left_out) if left_out.is_empty() => {
                write!(f, "the repository holds no Engagement record to report on")
            }
            RequestError::NoEngagement(left_out) => write!(
                f,
                "no Engagement record could be loaded, so there is nothing to report on; fix: {}",
                left_out.join("; ")
            ),
            RequestError::UnknownEngagement(id, known) => {
                write!(f, "no engagement `{id}`; the repository has: {}", known.join(", "))
            }
            RequestError::UnknownService(id, known) => {
                write!(f, "no service `{id}` with an Sla in the chosen engagements; known: {}", known.join(", "))
            }
        }
    }
}

/// The months of the trend before `first`, oldest first.
pub fn trend_months(first: Date, window: Option<u32>) -> Vec<Date> {
    let first = first.first_of_month();
    let n = window.map_or(u32::from(first.month().unsigned_abs()) - 1, |n| n.min(MAX_TREND_MONTHS));
    (1..=n).rev().map(|k| sub_months(first, k).first_of_month()).collect()
}

/// Load problems that left a file or record out of every figure.
pub fn left_out_files(repo: &Repository) -> Vec<LeftOutFile> {
    let mut out: Vec<LeftOutFile> = repo
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f: &Finding| {
            let (file, lc, _) = repo.sources.locate(f.span)?;
            Some(LeftOutFile {
                file: file.display.clone(),
                line: lc.line,
                col: lc.col,
                rule: f.rule,
                message: f.message.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    out
}

pub fn build<'a>(
    repo: &'a Repository,
    request: &Request,
    provenance: Provenance,
) -> Result<SlaReport<'a>, RequestError> {
    let all = &repo.records.engagements;
    if all.is_empty() {
        // Name what could not be loaded (an Engagement among it, most likely): "no engagement"
        // alone would hide why.
        let left_out = left_out_files(repo)
            .into_iter()
            .map(|l| format!("{}:{}:{}: {}", l.file, l.line, l.col, l.message.en))
            .collect();
        return Err(RequestError::NoEngagement(left_out));
    }
    let chosen: Vec<&Engagement> = match &request.engagement {
        Some(id) => {
            let e = all.iter().find(|e| &e.id.value == id).ok_or_else(|| {
                RequestError::UnknownEngagement(id.clone(), all.iter().map(|e| e.id.value.clone()).collect())
            })?;
            vec![e]
        }
        None => all.iter().collect(),
    };
    let cx = Context::new(repo, request.as_of);
    let data: Vec<EngagementData<'a>> =
        chosen.into_iter().map(|e| EngagementData::new(repo, &cx, e, request.service.as_deref())).collect();
    if let Some(service) = &request.service
        && data.iter().all(|d| d.services.is_empty())
    {
        let mut known: Vec<String> = chosen_services(repo, &cx, request.engagement.as_deref());
        known.dedup();
        return Err(RequestError::UnknownService(service.clone(), known));
    }
    Ok(assemble(repo, &cx, &data, request, request.month, provenance))
}

/// `build` for each of `months` (the request's `month` ignored), preparing every engagement's
/// records once: the month reports of a quarter or a year.
pub fn build_each<'a>(
    repo: &'a Repository,
    request: &Request,
    months: &[Date],
    provenance: &Provenance,
) -> Result<Vec<SlaReport<'a>>, RequestError> {
    let Some(first) = months.first() else { return Ok(Vec::new()) };
    // Validates the request (engagement, service) as `build` does, for the first month.
    let head = build(repo, &Request { month: *first, ..request.clone() }, provenance.clone())?;
    let cx = Context::new(repo, request.as_of);
    let chosen: Vec<&Engagement> = head.engagements.iter().map(|e| e.engagement).collect();
    let data: Vec<EngagementData<'a>> =
        chosen.into_iter().map(|e| EngagementData::new(repo, &cx, e, request.service.as_deref())).collect();
    let mut out = vec![head];
    out.extend(months[1..].iter().map(|m| assemble(repo, &cx, &data, request, *m, provenance.clone())));
    Ok(out)
}

/// The report of `month` from prepared engagements.
fn assemble<'a>(
    repo: &'a Repository,
    cx: &Context<'a>,
    data: &[EngagementData<'a>],
    request: &Request,
    month: Date,
    provenance: Provenance,
) -> SlaReport<'a> {
    let first = month.first_of_month();
    let trend = trend_months(first, request.months);
    let engagements: Vec<EngagementReport<'a>> =
        data.iter().map(|d| d.report(first, &trend, cx, request.reconcile, request.register)).collect();
    let partial_month = first.last_of_month() > request.as_of;
    let mut warnings = Vec::new();
    let label = format!("{:04}-{:02}", first.year(), first.month());
    if first > request.as_of {
        let as_of = request.as_of;
        warnings.push(crate::msg!(
            "{label} starts after the as-of day {as_of}: nothing of it is known yet",
            "{label} 晚于评估日 {as_of}：该月尚无任何数据"
        ));
    }
    for e in &engagements {
        let (id, start, end) = (&e.engagement.id.value, e.engagement.term.start.value, e.engagement.term.end.value);
        if first.last_of_month() < start || first > end {
            warnings.push(crate::msg!(
                "{label} lies outside the term of engagement `{id}` ({start} – {end}): no service was due",
                "{label} 不在服务项目 `{id}` 的服务期（{start} – {end}）内：该月无服务义务"
            ));
        }
    }
    warnings.extend(calendar_warnings(repo, &engagements, first));
    SlaReport {
        first,
        as_of: request.as_of,
        partial_month,
        filtered: request.service.is_some(),
        engagements,
        left_out_files: left_out_files(repo),
        warnings,
        provenance,
    }
}

/// A warning for every calendar the report counts on whose public-holiday data does not
/// cover the month: its days are then plain weekdays, which a reader must know.
pub fn calendar_warnings(repo: &Repository, engagements: &[EngagementReport<'_>], first: Date) -> Vec<Msg> {
    let mut ids: Vec<&str> = engagements
        .iter()
        .flat_map(|e| e.services.iter())
        .flat_map(|s| {
            std::iter::once(s.sla.availability.hours()).chain(s.sla.priorities.iter().map(|(_, p)| p.value.calendar()))
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().filter_map(|id| repo.calendars.get_or_default(id).month_warning(id, first)).collect()
}

fn chosen_services(repo: &Repository, cx: &Context<'_>, engagement: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = repo
        .records
        .engagements
        .iter()
        .filter(|e| engagement.is_none_or(|id| e.id.value == id))
        .flat_map(|e| e.scope.iter().filter(|s| cx.sla(&e.id.value, &s.service.value).is_some()))
        .map(|s| s.service.value.clone())
        .collect();
    out.sort();
    out
}

/// An engagement's services, evaluated once, and what its credits depend on.
struct EngagementData<'a> {
    engagement: &'a Engagement,
    services: Vec<Prepared<'a>>,
    surveys: Vec<&'a Survey>,
    tiers: Vec<&'a CreditTier>,
}

/// One month of an engagement, before it is shaped into a report.
struct MonthFigures {
    /// (index into `EngagementData::services`, figures, credits).
    services: Vec<(usize, ServiceMonth, Vec<Credit>)>,
    satisfaction: Satisfaction,
    fee: Option<Exact>,
    credit: Option<Exact>,
}

impl<'a> EngagementData<'a> {
    fn new(repo: &'a Repository, cx: &Context<'a>, engagement: &'a Engagement, only: Option<&str>) -> Self {
        let id = engagement.id.value.as_str();
        let ours = |view: RecordView<'a>| cx.engagement_of(view).is_some_and(|e| e.value == id);
        let changes: Vec<_> = repo.records.changes.iter().filter(|c| ours(RecordView::Change(c))).collect();
        let slas: Vec<_> = repo.records.slas.iter().filter(|s| ours(RecordView::Sla(s))).collect();
        let mut services = Vec::new();
        for item in &engagement.scope {
            let service = item.service.value.as_str();
            if only.is_some_and(|s| s != service) {
                continue;
            }
            let Some(sla) = cx.sla(id, service) else { continue };
            let input = Inputs {
                engagement,
                sla,
                incidents: repo
                    .records
                    .incidents
                    .iter()
                    .filter(|i| i.service.value == service && ours(RecordView::Incident(i)))
                    .collect(),
                changes: changes.clone(),
                slas: slas.clone(),
                calendars: &repo.calendars,
                policy: &repo.config.policy,
                known_until: cx.as_of_end(&sla.tz()),
            };
            services.push(Prepared::new(&input));
        }
        let surveys = repo.records.surveys.iter().filter(|s| ours(RecordView::Survey(s))).collect();
        let tiers = engagement.service_credits.iter().flat_map(|c| c.value.tiers.iter().map(|t| &t.value)).collect();
        EngagementData { engagement, services, surveys, tiers }
    }

    fn cap_percent(&self) -> Exact {
        self.engagement
            .service_credits
            .as_ref()
            .and_then(|c| c.value.cap_percent.as_ref())
            .map_or(Exact::HUNDRED, |c| c.value.exact)
    }

    fn figures(&self, first: Date, cx: &Context<'_>) -> MonthFigures {
        let sat = satisfaction(self.surveys.iter().copied(), first, first.last_of_month());
        let mut services = Vec::new();
        for (index, prepared) in self.services.iter().enumerate() {
            let tz = prepared.sla.tz();
            let Some(month) = Month::new(first, &tz, cx.as_of_end(&tz)) else { continue };
            let figures = prepared.month(month);
            let service = prepared.sla.service.value.as_str();
            let availability = figures.availability.percent.map(|p| (p, figures.availability.decimals));
            let attainment = |kind| figures.overall(kind).map(|p| (p, figure::ATTAINMENT_DECIMALS));
            let measured = [
                (CreditMetric::Availability, availability),
                (CreditMetric::ResponseAttainment, attainment(ClockKind::Response)),
                (CreditMetric::ResolutionAttainment, attainment(ClockKind::Resolution)),
                (CreditMetric::Satisfaction, sat.mean.map(|m| (m, figure::SCORE_DECIMALS))),
            ];
            // A month nobody recorded earns no credit (revision2-decisions.md 5).
            let credits: Vec<Credit> = measured
                .iter()
                .filter(|_| figures.tickets_recorded)
                .filter_map(|&(metric, value)| {
                    let (value, decimals) = value?;
                    let percent = credit_percent(&tiers_for(&self.tiers, service, metric), Some(value))?;
                    Some(Credit { metric, value, shown: figure::percent(value, decimals), percent })
                })
                .collect();
            services.push((index, figures, credits));
        }
        let fee = monthly_fee(self.engagement, first);
        let percents: Vec<Exact> = services.iter().flat_map(|(_, _, c)| c.iter().map(|c| c.percent)).collect();
        let currency = &self.engagement.fees.currency.value.0;
        let credit = fee.map(|fee| total_credit(fee, &percents, self.cap_percent(), currency));
        MonthFigures { services, satisfaction: sat, fee, credit }
    }

    fn report(
        &self,
        first: Date,
        trend: &[Date],
        cx: &Context<'_>,
        reconciled: bool,
        register: bool,
    ) -> EngagementReport<'a> {
        // The trend starts with the term, or with the records when they start later (records.md
        // `records_from`).
        let term = &self.engagement.term;
        let start = self.engagement.records_start();
        let in_term = |d: &&Date| d.last_of_month() >= start && **d <= term.end.value;
        let past: Vec<(Date, MonthFigures)> = trend.iter().filter(in_term).map(|&d| (d, self.figures(d, cx))).collect();
        let now = self.figures(first, cx);
        let mut services = Vec::new();
        for (i, month, credits) in now.services {
            let sla = self.services[i].sla;
            let trend = past
                .iter()
                .filter_map(|(d, f)| f.services.iter().find(|(j, _, _)| *j == i).map(|(_, m, c)| headline(*d, m, c)))
                .collect();
            // The very clocks the month's figures were bucketed from.
            let reconciliation = reconciled.then(|| reconcile::reconcile(&self.services[i], &month.month));
            let register = register.then(|| self.services[i].register(&month.month));
            services.push(ServiceReport { sla, month, credits, trend, reconciliation, register });
        }
        EngagementReport {
            engagement: self.engagement,
            services,
            satisfaction: now.satisfaction,
            fee: now.fee,
            cap_percent: self.cap_percent(),
            credit: now.credit,
            trend_credit: past.iter().map(|(d, f)| (*d, f.credit)).collect(),
        }
    }
}

fn headline(first: Date, m: &ServiceMonth, credits: &[Credit]) -> Headline {
    Headline {
        first,
        availability: m.availability.shown(),
        availability_met: m.availability.met().filter(|_| m.tickets_recorded),
        availability_value: m.availability.percent,
        response: m.overall(ClockKind::Response),
        resolution: m.overall(ClockKind::Resolution),
        breaches: m.breaches.len(),
        failures: m.failures,
        credit_percent: credits.iter().map(|c| c.percent).sum(),
        tickets_recorded: m.tickets_recorded,
    }
}

/// The headline of the report month itself (for the trend chart's last point).
pub fn current_headline(s: &ServiceReport<'_>) -> Headline {
    headline(s.month.month.first, &s.month, &s.credits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn acme() -> Repository {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let text = std::fs::read_to_string(root.join("itos.toml")).unwrap_or_default();
        let config = Config::parse(&text, &root.join("itos.toml")).unwrap_or_default();
        Repository::load(&root, config, "")
    }

    #[test]
    fn acme_october_report_figures() {
        let repo = acme();
        let request = Request {
            month: jiff::civil::date(2026, 10, 1),
            as_of: jiff::civil::date(2026, 10, 31),
            engagement: None,
            service: None,
            months: None,
            reconcile: false,
            register: false,
        };
        let report = build(&repo, &request, Provenance::default()).unwrap();
        let eng = &report.engagements[0];
        assert_eq!(eng.services.len(), 3);
        assert_eq!(eng.fee, Some(Exact::int(680_000)));
        // No survey period overlaps October.
        assert_eq!(eng.satisfaction.mean, None);
        for s in &eng.services {
            // Every scheduled second is accounted for, and availability is a percentage.
            let a = &s.month.availability;
            assert!(a.scheduled > 0);
            assert!(a.percent.is_some_and(|p| (Exact::ZERO..=Exact::HUNDRED).contains(&p)));
            assert!(s.month.left_out.is_empty());
            // The trend covers the months of the year within the term before October.
            assert!(s.trend.iter().all(|h| h.first < request.month));
            assert_eq!(s.month.daily.len(), 31);
        }
        // Credits are capped at 15 % of the month's fee.
        assert!(eng.credit.is_some_and(|c| c <= Exact::int(102_000)));
    }

    #[test]
    fn unknown_engagement_and_service_are_errors_naming_what_exists() {
        let repo = acme();
        let mut request = Request {
            month: jiff::civil::date(2026, 10, 1),
            as_of: jiff::civil::date(2026, 10, 31),
            engagement: Some("nope".to_owned()),
            service: None,
            months: None,
            reconcile: false,
            register: false,
        };
        let err = build(&repo, &request, Provenance::default()).err();
        assert!(matches!(err, Some(RequestError::UnknownEngagement(..))));
        request.engagement = None;
        request.service = Some("nope".to_owned());
        let err = build(&repo, &request, Provenance::default()).err();
        assert!(matches!(err, Some(RequestError::UnknownService(..))));
    }

    #[test]
    fn trend_window_defaults_to_the_year_so_far() {
        let d = jiff::civil::date;
        assert_eq!(trend_months(d(2026, 3, 15), None), vec![d(2026, 1, 1), d(2026, 2, 1)]);
        assert!(trend_months(d(2026, 1, 1), None).is_empty());
        assert_eq!(trend_months(d(2026, 1, 1), Some(2)), vec![d(2025, 11, 1), d(2025, 12, 1)]);
    }
}
