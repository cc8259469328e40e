//! The month-end SLA report's figures (sla.md) for every service of an engagement: the
//! service's month, satisfaction of the engagement's surveys, and the service credits owed.
//! Rendering lives in `output`; the command is wired once every format exists.

use jiff::civil::Date;

use crate::load::Repository;
use crate::model::RecordView;
use crate::model::kinds::engagement::{CreditMetric, CreditTier};
use crate::model::kinds::{Engagement, Sla};
use crate::rules::Context;
use crate::sla::clock::ClockKind;
use crate::sla::credits::{credit_percent, monthly_fee, tiers_for, total_credit};
use crate::sla::month::Month;
use crate::sla::satisfaction::{Satisfaction, satisfaction};
use crate::sla::service::{Inputs, ServiceMonth, compute};

/// One service's page of the report.
#[derive(Debug)]
pub struct ServiceReport<'a> {
    pub sla: &'a Sla,
    pub month: ServiceMonth,
    /// Credit percent per metric that earned one (metric, measured value, percent).
    pub credits: Vec<(CreditMetric, f64, f64)>,
}

/// The report of one engagement for one month.
#[derive(Debug)]
pub struct EngagementReport<'a> {
    pub engagement: &'a Engagement,
    pub first: Date,
    pub services: Vec<ServiceReport<'a>>,
    pub satisfaction: Satisfaction,
    /// The month's fee (`None` for a one-off fee).
    pub fee: Option<f64>,
    /// Credits owed, capped and rounded (`None` when there is no monthly fee).
    pub credit: Option<f64>,
}

/// Attainment over all priorities of one clock kind (for credit tiers), percent.
fn overall(month: &ServiceMonth, kind: ClockKind) -> Option<f64> {
    let (decided, met) = month
        .attainment
        .iter()
        .filter(|((_, k), _)| *k == kind)
        .fold((0, 0), |(d, m), (_, a)| (d + a.decided, m + a.met));
    (decided > 0).then(|| 100.0 * met as f64 / decided as f64)
}

pub fn build<'a>(repo: &'a Repository, engagement: &'a Engagement, first: Date, as_of: Date) -> EngagementReport<'a> {
    let cx = Context::new(repo, as_of);
    let of_engagement = |view: RecordView<'a>| cx.engagement_of(view).is_some_and(|e| e.value == engagement.id.value);
    let last = first.last_of_month();
    let surveys = repo.records.surveys.iter().filter(|s| of_engagement(RecordView::Survey(s)));
    let sat = satisfaction(surveys, first.first_of_month(), last);
    let tiers: Vec<&CreditTier> =
        engagement.service_credits.iter().flat_map(|c| c.value.tiers.iter().map(|t| &t.value)).collect();
    let mut services = Vec::new();
    for item in &engagement.scope {
        let service = item.service.value.as_str();
        let Some(sla) = cx.sla(&engagement.id.value, service) else { continue };
        let tz = sla.tz();
        let known = cx.as_of_end(&tz);
        let Some(month) = Month::new(first, &tz, known) else { continue };
        let input = Inputs {
            engagement,
            sla,
            incidents: repo
                .records
                .incidents
                .iter()
                .filter(|i| i.service.value == service && of_engagement(RecordView::Incident(i)))
                .collect(),
            changes: repo.records.changes.iter().filter(|c| of_engagement(RecordView::Change(c))).collect(),
            calendars: &repo.calendars,
            policy: &repo.config.policy,
            month,
            known_until: known,
        };
        let figures = compute(&input);
        let measured = [
            (CreditMetric::Availability, figures.availability.percent),
            (CreditMetric::ResponseAttainment, overall(&figures, ClockKind::Response)),
            (CreditMetric::ResolutionAttainment, overall(&figures, ClockKind::Resolution)),
            (CreditMetric::Satisfaction, sat.mean),
        ];
        let credits = measured
            .iter()
            .filter_map(|&(metric, value)| {
                let percent = credit_percent(&tiers_for(&tiers, service, metric), value)?;
                Some((metric, value.unwrap_or_default(), percent))
            })
            .collect();
        services.push(ServiceReport { sla, month: figures, credits });
    }
    let fee = monthly_fee(engagement, first);
    let cap =
        engagement.service_credits.as_ref().and_then(|c| c.value.cap_percent.as_ref()).map_or(100.0, |c| c.value.value);
    let percents: Vec<f64> = services.iter().flat_map(|s| s.credits.iter().map(|c| c.2)).collect();
    let credit = fee.map(|fee| total_credit(fee, &percents, cap, &engagement.fees.currency.value.0));
    EngagementReport { engagement, first, services, satisfaction: sat, fee, credit }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn acme_october_report_figures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let text = std::fs::read_to_string(root.join("itos.toml")).unwrap_or_default();
        let config = Config::parse(&text, &root.join("itos.toml")).unwrap_or_default();
        let repo = Repository::load(&root, config, "");
        let eng = &repo.records.engagements[0];
        let report = build(&repo, eng, jiff::civil::date(2026, 10, 1), jiff::civil::date(2026, 10, 31));
        assert_eq!(report.services.len(), 3);
        assert_eq!(report.fee, Some(680_000.0));
        // No survey period overlaps October.
        assert_eq!(report.satisfaction.mean, None);
        for s in &report.services {
            // Every scheduled second is accounted for, and availability is a percentage.
            let a = &s.month.availability;
            assert!(a.scheduled > 0);
            assert!(a.percent.is_some_and(|p| (0.0..=100.0).contains(&p)));
            assert!(s.month.left_out.is_empty());
        }
        // Credits are capped at 15 % of the month's fee.
        assert!(report.credit.is_some_and(|c| c <= 0.15 * 680_000.0));
    }
}
