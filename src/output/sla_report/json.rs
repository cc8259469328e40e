//! The SLA report as JSON: every figure with its inputs, so it can be checked by hand.

use serde_json::{Value, json};

use crate::figures::figure;
use crate::model::kinds::Engagement;
use crate::model::{Exact, Lang};
use crate::report::sla_report::{EngagementReport, ServiceReport, SlaReport};

use super::{month_label, service_name, ts_json};

/// A figure as a JSON number (an approximation for charts and spreadsheets; the decisions and
/// the `shown` and `exact` fields are exact). `shown` is the number as a person reads it
/// (thousands separated, as in the table); `seconds`, `value` and amounts stay plain.
pub(crate) fn num(v: Exact) -> Value {
    serde_json::Number::from_f64(v.approx()).map_or(Value::Null, Value::Number)
}

pub(crate) fn opt_num(v: Option<Exact>) -> Value {
    v.map_or(Value::Null, num)
}

/// The exact value as text: a finite decimal (`2419.2`) or a fraction (`100/7`).
pub(crate) fn exact(v: Exact) -> Value {
    Value::String(v.to_text())
}

pub(crate) fn opt_exact(v: Option<Exact>) -> Value {
    v.map_or(Value::Null, exact)
}

/// An amount as machines read it: the currency's minor unit, no separators.
pub(crate) fn money_json(v: Option<Exact>, currency: &str) -> Value {
    v.map_or(Value::Null, |v| Value::String(figure::money_plain(v, currency)))
}

pub fn json(report: &SlaReport<'_>, lang: Lang) -> String {
    let p = &report.provenance;
    let engagements: Vec<Value> = report.engagements.iter().map(|e| engagement_json(e, report.as_of)).collect();
    let doc = json!({
        "version": 1,
        "report": "sla",
        "month": month_label(report.first),
        "as_of": report.as_of.to_string(),
        "partial_month": report.partial_month,
        "services_filtered": report.filtered,
        "lang": lang.code(),
        "provenance": crate::output::stamp::json(p),
        "configuration": crate::output::disclosure::json(&p.configuration),
        "integrity": crate::output::disclosure::integrity_json(&p.integrity, lang),
        "warnings": report.warnings.iter().map(|w| w.get(lang)).collect::<Vec<_>>(),
        "left_out_files": report.left_out_files.iter().map(|l| json!({
            "file": l.file, "line": l.line, "column": l.col, "rule": l.rule, "message": l.message.get(lang),
        })).collect::<Vec<_>>(),
        "engagements": engagements,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn engagement_json(e: &EngagementReport<'_>, as_of: jiff::civil::Date) -> Value {
    let s = &e.satisfaction;
    json!({
        "id": e.engagement.id.value,
        "currency": e.currency(),
        "fee": money_json(e.fee, e.currency()),
        "fee_exact": opt_exact(e.fee),
        "credit": {
            "owed": money_json(e.credit, e.currency()),
            "percent_earned": num(e.credit_percent()),
            "percent_earned_exact": exact(e.credit_percent()),
            "cap_percent": num(e.cap_percent),
        },
        "satisfaction": {
            "surveys": s.surveys,
            "responses": s.responses,
            "invited": s.invited,
            "scores": s.scores,
            "mean": opt_num(s.mean),
            "mean_shown": s.mean.map(figure::score),
            "mean_exact": opt_exact(s.mean),
            "rate_percent": opt_num(s.rate),
            "rate_shown": s.rate.map(|r| figure::attainment(Some(r))),
            "small_sample": s.small_sample(),
            "dimensions": s.per_dimension.iter().map(|(d, m, n)| json!({"dimension": d, "mean": num(*m), "shown": figure::score(*m), "scores": n})).collect::<Vec<_>>(),
        },
        "services": e.services.iter().map(|s| service_json(e.engagement, s, as_of)).collect::<Vec<_>>(),
        "trend_credit": e.trend_credit.iter().map(|(d, c)| json!({"month": month_label(*d), "owed": money_json(*c, e.currency())})).collect::<Vec<_>>(),
    })
}

fn service_json(engagement: &Engagement, s: &ServiceReport<'_>, as_of: jiff::civil::Date) -> Value {
    let m = &s.month;
    let a = &m.availability;
    let attainment: Vec<Value> = m
        .attainment
        .iter()
        .map(|((p, c), att)| {
            json!({
                "priority": p, "clock": c.as_str(), "decided": att.decided, "met": att.met,
                "percent": opt_num(att.percent), "shown": figure::attainment(att.percent),
                "median_seconds": att.median, "p90_seconds": att.p90,
                "attainment_target": s.sla.priority(p).and_then(|p| p.value.attainment_target.as_ref()).map(|g| num(g.value.exact)),
            })
        })
        .collect();
    let mut out = json!({
        "service": s.sla.service.value,
        "sla": s.sla.id.value,
        "timezone": s.sla.timezone.value.name,
        "name": service_name(engagement, s.sla, Lang::En),
        "start": m.month.start.to_string(),
        "end": m.month.end.to_string(),
        "tickets_recorded": m.tickets_recorded,
        "status": if m.tickets_recorded { Value::Null } else { Value::String("no-data".to_owned()) },
        "availability": {
            "percent": opt_num(a.percent),
            "percent_exact": opt_exact(a.percent),
            "shown": a.shown(),
            "target": num(a.target),
            "target_exact": exact(a.target),
            "met": a.met().filter(|_| m.tickets_recorded),
            "scheduled_seconds": a.scheduled,
            "downtime_seconds": num(a.downtime),
            "downtime_seconds_exact": exact(a.downtime),
            "error_budget_seconds": num(a.budget),
            "error_budget_left_seconds": num(a.budget_left()),
        },
        "attainment": attainment,
        "breaches": m.breaches.iter().map(|b| json!({
            "ticket": b.ticket, "priority": b.priority, "clock": b.clock.as_str(), "deadline": ts_json(b.deadline),
            "elapsed_seconds": b.elapsed, "target_seconds": b.target, "overrun_seconds": b.overrun,
        })).collect::<Vec<_>>(),
        "in_progress": m.in_progress.iter().map(|r| json!({
            "ticket": r.ticket, "priority": r.priority, "clock": r.clock.as_str(),
            "elapsed_seconds": r.elapsed, "deadline": ts_json(r.deadline),
        })).collect::<Vec<_>>(),
        "reprioritised": m.reprioritised.iter().map(|r| json!({
            "ticket": r.ticket, "initial": r.initial,
            "changes": r.changes.iter().map(|(at, from, to, reason)| json!({"at": at.to_string(), "from": from, "to": to, "reason": reason})).collect::<Vec<_>>(),
            "judged": r.judged.iter().map(|(k, p)| json!({"clock": k.as_str(), "priority": p})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "moved": m.moved.iter().map(|mv| json!({
            "ticket": mv.ticket, "first_resolved": mv.resolved.to_string(), "decided": ts_json(mv.decided),
        })).collect::<Vec<_>>(),
        "left_out": m.left_out.iter().map(|l| json!({"ticket": l.ticket, "reason": l.reason.text(Lang::En)})).collect::<Vec<_>>(),
        "excluded_outages": m.excluded_outages.iter().map(|x| json!({
            "ticket": x.ticket, "reason": x.reason.as_str(), "evidence": x.evidence,
        })).collect::<Vec<_>>(),
        "tickets_opened": m.opened,
        "failures": m.failures,
        "mttr": {
            "seconds": opt_num(m.mttr), "shown": m.mttr.map(figure::minutes_grouped), "repaired": m.repaired, "repair_seconds": m.repair_seconds,
            "max_seconds": s.sla.mttr_max.as_ref().map(|d| d.value.seconds()),
        },
        "mtbf": {
            "seconds": num(m.mtbf), "shown": figure::minutes_grouped(m.mtbf), "failures": m.failures,
            "uptime_seconds": num(Exact::int(a.scheduled).minus(a.downtime)),
            "lower_bound": m.failures == 0,
            "min_seconds": s.sla.mtbf_min.as_ref().map(|d| d.value.seconds()),
        },
        "credits": s.credits.iter().map(|c| json!({"metric": c.metric.as_str(), "value": num(c.value), "shown": c.shown, "value_exact": exact(c.value), "percent": num(c.percent)})).collect::<Vec<_>>(),
        "daily": m.daily.iter().map(|d| json!({
            "date": d.date.to_string(), "scheduled_seconds": d.scheduled, "downtime_seconds": num(d.downtime),
            "shown": figure::percent_or_na(d.percent(), a.decimals),
        })).collect::<Vec<_>>(),
        "trend": s.trend.iter().map(|h| json!({
            "month": month_label(h.first), "availability": h.availability, "availability_met": h.availability_met,
            "tickets_recorded": h.tickets_recorded,
            "response_percent": opt_num(h.response), "resolution_percent": opt_num(h.resolution),
            "breaches": h.breaches, "failures": h.failures, "credit_percent": num(h.credit_percent),
        })).collect::<Vec<_>>(),
    });
    // Only with `--reconcile`: without it the document is the same as before.
    if let (Some(r), Some(map)) = (&s.reconciliation, out.as_object_mut()) {
        map.insert("reconciliation".to_owned(), super::reconcile::json(r, as_of));
    }
    if let (Some(register), Some(map)) = (&s.register, out.as_object_mut()) {
        let rows: Vec<Value> = register
            .iter()
            .map(|c| {
                json!({
                    "ticket": c.ticket, "priority": c.priority, "clock": c.clock.as_str(),
                    "elapsed_seconds": c.elapsed, "target_seconds": c.target, "met": c.met,
                    "decided": ts_json(Some(c.decided)),
                })
            })
            .collect();
        map.insert("register".to_owned(), Value::Array(rows));
    }
    out
}
