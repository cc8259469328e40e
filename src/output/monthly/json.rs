//! The service report as JSON: every section's figures with their inputs, for people who
//! build their own template. SLA figures use the fields of `report sla --format json`.

use serde_json::{Value as Json, json};

use crate::figures::figure;
use crate::model::Lang;
use crate::report::monthly::records::{ChangeCounts, IncidentCounts};
use crate::report::monthly::sla::ServiceFigures;
use crate::report::monthly::{MonthlyReport, Value};

use super::super::sla_report::json::{exact, money_json, num, opt_exact, opt_num};

fn month(d: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn value(v: &Value, lang: Lang) -> Json {
    let raw = match v {
        Value::Percent(x, _) | Value::Score(x) => opt_exact(*x),
        Value::Count(n) => json!(n),
        Value::Money(x, currency) => money_json(*x, currency),
        Value::NoData => Json::Null,
    };
    json!({"value": raw, "shown": v.shown(lang)})
}

fn service(s: &ServiceFigures<'_>, lang: Lang) -> Json {
    json!({
        "service": s.sla.service.value,
        "sla": s.sla.id.value,
        "months_recorded": s.recorded.iter().map(|m| month(*m)).collect::<Vec<_>>(),
        "months_without_records": s.no_data.iter().map(|m| month(*m)).collect::<Vec<_>>(),
        "availability": {
            "percent": opt_num(s.availability),
            "exact": opt_exact(s.availability),
            "shown": s.availability.map(|a| figure::percent(a, s.decimals)),
            "target": num(s.target),
            "met": s.availability_met(),
            "scheduled_seconds": s.scheduled,
            "downtime_seconds_exact": exact(s.downtime),
        },
        "attainment": s.attainment.iter().map(|a| json!({
            "priority": a.priority, "clock": a.clock.as_str(), "decided": a.decided, "met": a.met,
            "percent": opt_num(a.percent), "shown": figure::attainment(a.percent),
            "attainment_target": a.goal.map(num),
        })).collect::<Vec<_>>(),
        "response_percent": opt_num(s.response),
        "resolution_percent": opt_num(s.resolution),
        "failures": s.failures,
        "repaired": s.repaired,
        "repair_seconds": s.repair_seconds,
        "mttr_seconds": opt_num(s.mttr),
        "mttr_shown": s.mttr.map(|m| figure::minutes_shown(m, lang)),
        "mttr_met": s.mttr_met(),
        "mtbf_seconds": num(s.mtbf),
        "mtbf_is_uptime": s.failures == 0,
        "mtbf_met": s.mtbf_met(),
        "opened": s.opened,
        "breaches": s.breaches.iter().map(|(m, b)| json!({
            "month": month(*m), "ticket": b.ticket, "priority": b.priority, "clock": b.clock.as_str(),
            "deadline": b.deadline.map(|d| d.to_string()), "elapsed_seconds": b.elapsed, "target_seconds": b.target,
            "overrun_seconds": b.overrun,
        })).collect::<Vec<_>>(),
        "months": s.months.iter().map(|m| json!({
            "month": month(m.first), "recorded": m.recorded, "availability_percent": opt_num(m.availability),
            "availability_met": m.met, "response_percent": opt_num(m.response), "resolution_percent": opt_num(m.resolution),
            "opened": m.opened, "breaches": m.breaches, "failures": m.failures,
        })).collect::<Vec<_>>(),
    })
}

fn incident_counts(c: &IncidentCounts) -> Json {
    json!({
        "priority": c.priority, "opened": c.opened, "resolved": c.resolved, "open_at_end": c.open_at_end,
        "breached": c.breached, "reopened": c.reopened, "reprioritised": c.reprioritised,
    })
}

fn change_counts(c: &ChangeCounts) -> Json {
    json!({
        "requested": c.requested, "approved": c.approved, "implemented": c.implemented,
        "successful": c.successful, "failed": c.failed, "rolled_back": c.rolled_back,
    })
}

pub fn json(r: &MonthlyReport<'_>, lang: Lang) -> String {
    let p = &r.provenance;
    let e = r.engagement;
    let s = &r.sections;
    let tz = e.tz();
    let ts = |t: &crate::model::scalar::Ts| {
        t.instant.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    };
    let doc = json!({
        "version": 1,
        "report": "monthly",
        "lang": lang.code(),
        "number": r.number,
        "period": {
            "code": r.period.code(), "name": r.period.name(lang), "from": r.period.first().to_string(),
            "to": r.period.last().to_string(), "counted_to": r.window.last.to_string(),
            "months": r.period.months().into_iter().map(month).collect::<Vec<_>>(),
        },
        "previous_period": r.period.previous().code(),
        "as_of": r.as_of.to_string(),
        "engagement": {"id": e.id.value, "title": e.title.value, "customer": e.customer.value.name.value, "provider": e.provider.value.name.value},
        "prepared_by": r.prepared_by,
        "provenance": crate::output::stamp::json(p),
        "configuration": crate::output::disclosure::json(&p.configuration),
        "integrity": crate::output::disclosure::integrity_json(&p.integrity, lang),
        "warnings": r.warnings.iter().map(|w| w.get(lang)).collect::<Vec<_>>(),
        "summary": {
            "headlines": r.headlines.iter().map(|h| json!({
                "label": h.label.get(lang), "this": value(&h.this, lang), "before": value(&h.before, lang),
                "change": h.this.change(&h.before, lang), "met": h.met,
            })).collect::<Vec<_>>(),
            "sentences": r.sentences.iter().map(|m| m.get(lang)).collect::<Vec<_>>(),
        },
        "services": r.sla.services.iter().map(|x| service(x, lang)).collect::<Vec<_>>(),
        "satisfaction": {
            "surveys": r.satisfaction.surveys, "responses": r.satisfaction.responses, "mean": opt_num(r.satisfaction.mean),
            "mean_shown": r.satisfaction.mean.map(figure::score),
            "dimensions": r.satisfaction.per_dimension.iter().map(|(d, m, n)| json!({"dimension": d, "mean": num(*m), "shown": figure::score(*m), "scores": n})).collect::<Vec<_>>(),
        },
        "incidents": {
            "by_priority": s.incidents.by_priority.iter().map(incident_counts).collect::<Vec<_>>(),
            "total": incident_counts(&s.incidents.total),
            "requests_opened": s.incidents.requests,
            "by_category": s.incidents.by_category.iter().map(|(c, n)| json!({"category": c, "opened": n})).collect::<Vec<_>>(),
            "other_categories": s.incidents.other_categories,
            "daily_opened": s.incidents.daily.iter().map(|(d, n)| json!({"day": d.to_string(), "opened": n})).collect::<Vec<_>>(),
            "trend_opened": s.incidents.trend.iter().map(|(m, n)| json!({"month": month(*m), "opened": n})).collect::<Vec<_>>(),
        },
        "major_incidents": s.major.iter().map(|m| {
            let i = m.incident;
            json!({
                "id": i.id.value, "service": i.service.value, "priority": i.priority.value, "level": i.level.as_ref().map(|l| l.value.as_str()),
                "category": i.category.as_ref().map(|c| &c.value), "opened_at": ts(&i.opened_at.value),
                "restored_at": i.restored_at.as_ref().map(|x| ts(&x.value)),
                "resolved_at": i.final_resolved_at().map(|x| ts(&x.value)),
                "outage_seconds": m.outage_seconds,
                "root_cause": i.review.as_ref().map(|rv| &rv.root_cause.value),
                "review_completed_at": i.review.as_ref().map(|rv| ts(&rv.completed_at.value)),
                "report": i.review.as_ref().and_then(|rv| rv.report.as_ref()).map(|p| &p.value.0),
            })
        }).collect::<Vec<_>>(),
        "problems": {
            "resolved": s.problems.resolved, "open": s.problems.open, "known_errors": s.problems.known_errors,
            "overdue": s.problems.overdue.iter().map(|x| json!({"id": x.id.value, "title": x.title.value, "owner": x.owner.value, "due": x.due.value.to_string()})).collect::<Vec<_>>(),
        },
        "changes": {
            "by_class": s.changes.by_class.iter().map(|(k, c)| json!({"class": k.as_str(), "counts": change_counts(c)})).collect::<Vec<_>>(),
            "emergency": change_counts(&s.changes.emergency),
            "total": change_counts(&s.changes.total),
            "planned_downtime_seconds": s.changes.planned_downtime.iter().map(|(svc, secs)| json!({"service": svc, "seconds": secs})).collect::<Vec<_>>(),
            "in_freeze": s.changes.in_freeze.iter().map(|c| &c.id.value).collect::<Vec<_>>(),
            "open_findings": r.compliance_count("CHG"),
        },
        "security": {
            "audits": s.security.audits.iter().map(|a| json!({"id": a.id.value, "performed_at": a.performed_at.value.to_string(), "findings": a.findings.len()})).collect::<Vec<_>>(),
            "open_findings": s.security.open_findings.iter().map(|(sev, n)| json!({"severity": sev.as_str(), "open": n})).collect::<Vec<_>>(),
            "overdue_findings": s.security.overdue_findings.iter().map(|(a, f, title, due)| json!({"audit": a, "finding": f, "title": title, "due": due.to_string()})).collect::<Vec<_>>(),
            "access_reviews": s.security.access_reviews.iter().map(|x| &x.id.value).collect::<Vec<_>>(),
            "exceptions": s.security.exceptions,
            "exceptions_open": s.security.exceptions_open,
        },
        "backup": s.backup.tests.iter().map(|(x, rto, rpo)| json!({
            "id": x.id.value, "policy": x.policy.value, "performed_at": x.performed_at.value.to_string(),
            "result": x.result.value.as_str(), "duration_seconds": x.duration.as_ref().map(|d| d.value.seconds()),
            "rto_seconds": rto, "rpo_seconds": rpo, "backup_taken_at": x.backup_taken_at.as_ref().map(|b| ts(&b.value)),
        })).collect::<Vec<_>>(),
        "people": {
            "active": s.people.active,
            "joined": s.people.joined.iter().map(|x| &x.id.value).collect::<Vec<_>>(),
            "left": s.people.left.iter().map(|x| &x.id.value).collect::<Vec<_>>(),
            "trainings": s.people.trainings.iter().map(|x| json!({"id": x.id.value, "held_at": x.held_at.value.to_string(), "topic": x.topic.value.as_str(), "attendees": x.attendees.len()})).collect::<Vec<_>>(),
            "appraisals": s.people.appraisals.iter().map(|a| json!({"id": a.id.value, "person": a.person.value, "period": {"from": a.period.from.value.to_string(), "to": a.period.to.value.to_string()}, "performed_at": a.performed_at.value.to_string(), "result": a.result.value.as_str(), "feedback_given_at": a.feedback_given_at.as_ref().map(|f| f.value.to_string()), "improvement_plan": a.improvement_plan.as_ref().map(|x| &x.value)})).collect::<Vec<_>>(),
            "meetings": s.people.meetings.iter().map(|m| json!({"id": m.id.value, "held_at": m.held_at.value.to_string(), "type": m.kind_.value.as_str(), "customer_attendees": m.customer_attendees.len(), "decisions": m.decisions.len(), "actions": m.actions.len(), "actions_open": m.actions.iter().filter(|a| a.is_open()).count()})).collect::<Vec<_>>(),
        },
        "feedback": {
            "received": s.feedback.received, "resolved": s.feedback.resolved, "confirmed": s.feedback.confirmed, "open": s.feedback.open,
            "urgent_or_important": s.feedback.serious.iter().map(|x| &x.id.value).collect::<Vec<_>>(),
        },
        "improvements": {
            "done": s.improvements.done, "open": s.improvements.open, "overdue": s.improvements.overdue,
            "listed": s.improvements.listed.iter().map(|i| json!({"id": i.id.value, "due": i.due.value.to_string(), "status": i.status.value.as_str(), "owner": i.owner.value, "sources": i.sources.iter().map(|x| &x.value).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        },
        "emergency": {
            "plans": s.emergency.plans,
            "reviewed": s.emergency.reviewed.iter().map(|x| &x.id.value).collect::<Vec<_>>(),
            "drills": s.emergency.drills.iter().map(|d| json!({"id": d.id.value, "plan": d.plan.value, "held_at": d.held_at.value.to_string(), "outcome": d.outcome.value.as_str()})).collect::<Vec<_>>(),
        },
        "compliance": {
            "as_of": r.compliance.day.to_string(), "errors": r.compliance.errors, "warnings": r.compliance.warnings,
            "by_rule": r.compliance.by_rule,
            "by_section": r.compliance.by_section.iter().map(|(sec, e, w)| json!({"section": sec, "errors": e, "warnings": w})).collect::<Vec<_>>(),
            "waivers_in_force": r.compliance.waivers_in_force.iter().map(|(id, rule, exp)| json!({"id": id, "rule": rule, "expires": exp.to_string()})).collect::<Vec<_>>(),
            "waivers_expiring_within_30_days": r.compliance.waivers_expiring,
        },
        "credits": {
            "currency": r.sla.currency,
            "owed": money_json(r.sla.credit, &r.sla.currency),
            "months": r.sla.monthly_credits.iter().map(|(m, c)| json!({"month": month(*m), "owed": money_json(*c, &r.sla.currency)})).collect::<Vec<_>>(),
        },
        "open_risks": {
            "assessment": s.risks.assessment.map(|a| json!({"id": a.id.value, "performed_at": a.performed_at.value.to_string()})),
            "risks": s.risks.open.iter().map(|x| json!({"id": x.id.value, "title": x.title.value, "level": x.level.value.as_str(), "owner": x.owner.value, "due": x.due.as_ref().map(|d| d.value.to_string()), "status": x.status.value.as_str()})).collect::<Vec<_>>(),
        },
        "next": r.next.lines.iter().map(|l| json!({
            "due": l.duty.due.to_string(), "days_left": l.days_left, "rule": l.duty.rule, "what": l.duty.what.get(lang),
            "record": {"kind": l.duty.record.kind.name(), "id": l.duty.record.id}, "owner": l.duty.owner,
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
