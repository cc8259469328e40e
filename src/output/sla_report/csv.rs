//! The SLA report as long-form CSV: one row per figure.

use crate::figures::figure;
use crate::model::Exact;
use crate::report::sla_report::SlaReport;

use super::month_label;
use crate::output::{csv, escape};

/// Long form: engagement, service, priority, clock, figure, value.
pub fn csv(report: &SlaReport<'_>) -> String {
    let mut out = String::new();
    let header: Vec<String> =
        ["engagement", "service", "priority", "clock", "figure", "value"].iter().map(|s| (*s).to_owned()).collect();
    csv::row(&mut out, &header);
    let money =
        |v: Option<Exact>, currency: &str| v.map_or_else(|| "n/a".to_owned(), |v| figure::money_plain(v, currency));
    for e in &report.engagements {
        let eid = e.engagement.id.value.as_str();
        let mut row = |service: &str, priority: &str, clock: &str, figure: &str, value: String| {
            let value = if value.parse::<f64>().is_ok() { csv::number(value) } else { escape::csv_cell(&value) };
            csv::row(
                &mut out,
                &[
                    escape::csv_cell(eid),
                    escape::csv_cell(service),
                    escape::csv_cell(priority),
                    escape::csv_cell(clock),
                    escape::csv_cell(figure),
                    value,
                ],
            );
        };
        row("", "", "", "fee", money(e.fee, e.currency()));
        row("", "", "", "credit_owed", money(e.credit, e.currency()));
        row("", "", "", "satisfaction_mean", e.satisfaction.mean.map_or_else(|| "n/a".to_owned(), figure::score));
        row("", "", "", "satisfaction_rate_percent", figure::attainment(e.satisfaction.rate));
        row("", "", "", "satisfaction_responses", e.satisfaction.responses.to_string());
        for s in &e.services {
            let sid = s.sla.service.value.as_str();
            let m = &s.month;
            let a = &m.availability;
            row(sid, "", "", "availability_percent", a.shown().unwrap_or_else(|| "n/a".to_owned()));
            let met = if m.tickets_recorded {
                a.met().map_or_else(|| "n/a".to_owned(), |b| b.to_string())
            } else {
                "no-data".to_owned()
            };
            row(sid, "", "", "availability_met", met);
            row(sid, "", "", "tickets_recorded", m.tickets_recorded.to_string());
            row(sid, "", "", "scheduled_minutes", figure::minutes_of(a.scheduled));
            row(sid, "", "", "downtime_minutes", figure::minutes(a.downtime));
            row(sid, "", "", "error_budget_minutes", figure::minutes(a.budget));
            row(sid, "", "", "error_budget_left_minutes", figure::minutes(a.budget_left()));
            row(sid, "", "", "failures", m.failures.to_string());
            row(sid, "", "", "mttr_minutes", m.mttr.map_or_else(|| "n/a".to_owned(), figure::minutes));
            // With no failure MTBF is a lower bound (sla.md): "> uptime", as in the table.
            let mtbf = if m.failures == 0 { format!("> {}", figure::minutes(m.mtbf)) } else { figure::minutes(m.mtbf) };
            row(sid, "", "", "mtbf_minutes", mtbf);
            row(sid, "", "", "tickets_opened", m.opened.to_string());
            for ((p, c), att) in &m.attainment {
                let c = c.as_str();
                row(sid, p, c, "decided", att.decided.to_string());
                row(sid, p, c, "met", att.met.to_string());
                row(sid, p, c, "attainment_percent", figure::attainment(att.percent));
                row(sid, p, c, "median_minutes", att.median.map_or_else(|| "n/a".to_owned(), figure::minutes_of));
                row(sid, p, c, "p90_minutes", att.p90.map_or_else(|| "n/a".to_owned(), figure::minutes_of));
            }
            for b in &m.breaches {
                row(
                    sid,
                    &b.priority,
                    b.clock.as_str(),
                    &format!("breach_overrun_minutes:{}", b.ticket),
                    figure::minutes_of(b.overrun),
                );
            }
            for r in &m.in_progress {
                row(
                    sid,
                    &r.priority,
                    r.clock.as_str(),
                    &format!("in_progress_elapsed_minutes:{}", r.ticket),
                    figure::minutes_of(r.elapsed),
                );
            }
            for c in &s.credits {
                row(sid, "", "", &format!("credit_percent:{}", c.metric.as_str()), figure::term_percent(c.percent));
            }
            if let Some(r) = &s.reconciliation {
                for (p, c, f, v) in super::reconcile::csv_rows(r) {
                    row(sid, &p, &c, &f, v);
                }
            }
            // The register, one row per figure of each decided clock (`register:<ticket>:…`).
            for c in s.register.iter().flatten() {
                let (p, k) = (c.priority.as_str(), c.clock.as_str());
                row(sid, p, k, &format!("register:{}:elapsed_minutes", c.ticket), figure::minutes_of(c.elapsed));
                row(sid, p, k, &format!("register:{}:target_minutes", c.ticket), figure::minutes_of(c.target));
                row(sid, p, k, &format!("register:{}:met", c.ticket), c.met.to_string());
            }
            for h in &s.trend {
                let label = month_label(h.first);
                row(
                    sid,
                    "",
                    "",
                    &format!("availability_percent@{label}"),
                    h.availability.clone().unwrap_or_else(|| "n/a".to_owned()),
                );
                row(sid, "", "", &format!("breaches@{label}"), h.breaches.to_string());
            }
        }
    }
    out
}
