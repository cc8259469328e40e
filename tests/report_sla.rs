#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos report sla`, hand-computed: each test builds a small engagement, runs the report the
//! way the CLI does and checks the figures a reader would compute from the records.

use crate::common;

use common::build;
use common::itos;
use itos::config::Config;
use itos::figures::clock::ClockKind;
use itos::figures::service::LeftOutReason;
use itos::load::Repository;
use itos::model::Exact;
use itos::report::sla_report::SlaReport;

const ENGAGEMENT: &str = "\
kind: Engagement
id: e1
title: 测试项目
customer: {name: 客户}
provider: {name: 服务商}
term: {start: 2026-01-01, end: 2027-06-30}
scope:
  - {service: web, description: 网站, deliverables: [月报]}
fees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月}
termination: {notice_days: 30, conditions: [contract-expiry]}
liability: {service_interruption: a, data_loss: b, system_failure: c}
support: {response: a, problem_process: b, maintenance_cycle: c}
";

fn sla(timezone: &str, target: &str) -> String {
    format!(
        "kind: Sla\nid: s1\nengagement: e1\nservice: web\ntimezone: {timezone}\navailability: {{target: {target}}}\npriorities:\n  P1: {{response: 15m, resolution: 4h}}\n  P2: {{response: 30m, resolution: 8h}}\n"
    )
}

/// Load the files; every test's records load without error unless it says otherwise.
fn repo(files: &[(&str, &str)]) -> Repository {
    let files: Vec<(String, String)> = files.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    Repository::from_texts(&files, Config::default())
}

fn clean(files: &[(&str, &str)]) -> Repository {
    let r = repo(files);
    let errors: Vec<_> = r.findings.iter().filter(|f| f.severity == itos::model::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    r
}

fn report(repo: &Repository, month: (i16, i8), as_of: (i16, i8, i8)) -> SlaReport<'_> {
    common::sla_report(repo, month, as_of)
}

#[test]
fn berlin_sla_in_the_month_of_the_dst_change() {
    // October 2026 in Berlin has 31 × 24 h + 1 h = 745 h. One full outage of 1 h:
    // 100 × 744 / 745 = 99.865…, shown with two decimals (target 99.9) as 99.86, not met.
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P2")
        .opened_at("2026-10-25T01:30:00+02:00")
        .responded_at("2026-10-25T01:40:00+02:00")
        .resolved_at("2026-10-25T02:30:00+01:00")
        .set("outage", "{start: 2026-10-25T01:30:00+02:00, end: 2026-10-25T02:30:00+02:00}")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Europe/Berlin", "99.9")), ("i.yaml", inc)]);
    let rep = report(&r, (2026, 10), (2026, 11, 30));
    let m = &rep.engagements[0].services[0].month;
    assert_eq!(m.availability.scheduled, 745 * 3600);
    assert_eq!(m.availability.downtime, Exact::int(3600));
    assert_eq!(m.availability.shown().as_deref(), Some("99.86"));
    assert_eq!(m.availability.met(), Some(false));
    // The month starts and ends at Berlin midnight: 2026-10-01T00:00+02:00 and 2026-11-01T00:00+01:00.
    assert_eq!(m.month.start.to_string(), "2026-09-30T22:00:00Z");
    assert_eq!(m.month.end.to_string(), "2026-10-31T23:00:00Z");
    // The ticket ran across the repeated hour: 01:30 CEST to 02:30 CET is 2 h of wall-clock time.
    let p2 = &m.attainment[&("P2".to_owned(), ClockKind::Resolution)];
    assert_eq!((p2.decided, p2.met, p2.median), (1, 1, Some(7200)));
    // The daily chart has 31 days; the 25th has 25 h.
    assert_eq!(m.daily.len(), 31);
    assert_eq!(m.daily[24].scheduled, 25 * 3600);
}

#[test]
fn a_month_without_p1_tickets_reads_na_not_zero_or_hundred() {
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P2")
        .opened_at("2026-10-05T10:00:00+08:00")
        .responded_at("2026-10-05T10:10:00+08:00")
        .resolved_at("2026-10-05T11:00:00+08:00")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    let m = &rep.engagements[0].services[0].month;
    let p1 = &m.attainment[&("P1".to_owned(), ClockKind::Response)];
    assert_eq!((p1.decided, p1.percent, p1.median), (0, None, None));
    let json = itos::output::sla_report::json(&rep, itos::model::Lang::En);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v["engagements"][0]["services"][0]["attainment"].as_array().unwrap();
    let p1 = rows.iter().find(|r| r["priority"] == "P1" && r["clock"] == "response").unwrap();
    assert!(p1["percent"].is_null());
    let table = itos::output::doc::text(&itos::output::sla_report::document(&rep, itos::model::Lang::En));
    assert!(table.lines().any(|l| l.contains("P1") && l.contains("response") && l.contains("n/a")), "{table}");
}

#[test]
fn a_ticket_spanning_two_months_counts_where_it_is_decided() {
    // P1 (24x7, 4 h) opened 09-30 22:00, resolved 10-01 01:00 → met, decided in October;
    // at the end of September it is in progress with 2 h counted.
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-09-30T22:00:00+08:00")
        .responded_at("2026-09-30T22:05:00+08:00")
        .resolved_at("2026-10-01T01:00:00+08:00")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let sep = report(&r, (2026, 9), (2026, 10, 31));
    let m = &sep.engagements[0].services[0].month;
    assert_eq!(m.attainment[&("P1".to_owned(), ClockKind::Resolution)].decided, 0);
    assert_eq!(m.attainment[&("P1".to_owned(), ClockKind::Response)].decided, 1);
    let running: Vec<(&str, ClockKind, i64)> =
        m.in_progress.iter().map(|r| (r.ticket.as_str(), r.clock, r.elapsed)).collect();
    assert_eq!(running, vec![("I1", ClockKind::Resolution, 7200)]);
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let m = &oct.engagements[0].services[0].month;
    let a = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
    assert_eq!((a.decided, a.met, a.median), (1, 1, Some(3 * 3600)));
    assert!(m.in_progress.is_empty());
}

#[test]
fn a_working_day_target_falls_at_the_same_position_on_the_next_working_day() {
    // P3: 1wd on cn-workdays. Opened Wed 2026-09-30 15:00 (6 h into the day); National Day
    // follows, so the deadline is Thu 10-08 15:00 (T = 9 h). I1 resolved at 14:00 is met, I2
    // resolved at 16:00 is breached by 1 h.
    let sla = "kind: Sla\nid: s1\nengagement: e1\nservice: web\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P3: {response: 1h, resolution: 1wd, calendar: cn-workdays}\n";
    let incidents = "kind: Incident\ndefaults: {engagement: e1, service: web, priority: P3, opened_at: 2026-09-30T15:00:00+08:00, responded_at: 2026-09-30T15:30:00+08:00}\nitems:\n  - {id: I1, resolved_at: 2026-10-08T14:00:00+08:00}\n  - {id: I2, resolved_at: 2026-10-08T16:00:00+08:00}\n";
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", sla), ("i.yaml", incidents)]);
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let m = &oct.engagements[0].services[0].month;
    let a = &m.attainment[&("P3".to_owned(), ClockKind::Resolution)];
    assert_eq!((a.decided, a.met), (2, 1));
    let breaches: Vec<_> = m.breaches.iter().map(|b| (b.ticket.as_str(), b.deadline, b.target, b.overrun)).collect();
    let due = "2026-10-08T15:00:00+08:00".parse().ok();
    assert_eq!(breaches, vec![("I2", due, 9 * 3600, 3600)]);
}

#[test]
fn a_past_month_does_not_change_with_a_later_as_of() {
    // P1 (24x7, 4 h) opened 10-30 10:00 and never resolved: breached 10-30 14:00. October's
    // report counts its time up to the month's end, 38 h, whatever the as-of day.
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-10-30T10:00:00+08:00")
        .responded_at("2026-10-30T10:05:00+08:00")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    for as_of in [(2026, 10, 31), (2026, 11, 15), (2026, 12, 31)] {
        let oct = report(&r, (2026, 10), as_of);
        let m = &oct.engagements[0].services[0].month;
        let breach: Vec<(&str, i64, i64)> =
            m.breaches.iter().map(|b| (b.ticket.as_str(), b.elapsed, b.overrun)).collect();
        assert_eq!(breach, vec![("I1", 38 * 3600, 34 * 3600)], "as of {as_of:?}");
        let a = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
        assert_eq!((a.decided, a.met, a.median), (1, 0, Some(38 * 3600)), "as of {as_of:?}");
    }
}

#[test]
fn an_outage_counts_whatever_the_tickets_priority() {
    // P9 is not a priority of the Sla (INC-001): its clocks are left out, but the outage of
    // the service still counts (sla.md: "any full outage"): 2 h of 744 h in October.
    let inc: &str = &build::incident("I9")
        .engagement("e1")
        .service("web")
        .priority("P9")
        .opened_at("2026-10-05T10:00:00+08:00")
        .responded_at("2026-10-05T10:05:00+08:00")
        .resolved_at("2026-10-05T12:00:00+08:00")
        .set("outage", "{start: 2026-10-05T10:00:00+08:00, end: 2026-10-05T12:00:00+08:00}")
        .yaml();
    let r = repo(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let m = &oct.engagements[0].services[0].month;
    assert_eq!((m.availability.downtime, m.failures, m.repair_seconds), (Exact::int(7200), 1, 7200));
    assert_eq!(m.availability.shown().as_deref(), Some("99.73"));
    let left: Vec<(&str, LeftOutReason)> = m.left_out.iter().map(|l| (l.ticket.as_str(), l.reason)).collect();
    assert_eq!(left, vec![("I9", LeftOutReason::UnknownPriority)]);
}

#[test]
fn a_ticket_gen007_reports_is_left_out_of_every_figure() {
    // Closed (11:00) before it was resolved (12:00), then reopened without a resolution:
    // GEN-007 reports it, so the report leaves it out instead of counting a breach.
    let inc: &str = &build::incident("I7")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-10-20T10:00:00+08:00")
        .responded_at("2026-10-20T10:10:00+08:00")
        .resolved_at("2026-10-20T12:00:00+08:00")
        .set("closed_at", "2026-10-20T11:00:00+08:00")
        .set("reopened", "\n  - {at: 2026-10-21T09:00:00+08:00}")
        .yaml();
    let r = repo(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    assert!(r.findings.is_empty());
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let m = &oct.engagements[0].services[0].month;
    let left: Vec<(&str, LeftOutReason)> = m.left_out.iter().map(|l| (l.ticket.as_str(), l.reason)).collect();
    assert_eq!(left, vec![("I7", LeftOutReason::OutOfOrder)]);
    assert!(m.breaches.is_empty());
}

#[test]
fn a_moved_ticket_keeps_its_other_running_clocks_listed() {
    // Resolved within target on 10-20 and reopened: its resolution clock is listed as moved,
    // but its restoration clock runs until `restored_at` in November and is still running.
    let sla = sla("Asia/Shanghai", "99.9")
        .replace("P1: {response: 15m, resolution: 4h}", "P1: {response: 15m, restoration: 30d, resolution: 40d}");
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-10-20T10:00:00+08:00")
        .responded_at("2026-10-20T10:05:00+08:00")
        .resolved_at("2026-10-20T11:00:00+08:00")
        .set("restored_at", "2026-11-05T10:00:00+08:00")
        .set("reopened", "\n  - {at: 2026-10-21T09:00:00+08:00}")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla), ("i.yaml", inc)]);
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let m = &oct.engagements[0].services[0].month;
    let moved: Vec<&str> = m.moved.iter().map(|x| x.ticket.as_str()).collect();
    assert_eq!(moved, vec!["I1"]);
    let running: Vec<(&str, ClockKind)> = m.in_progress.iter().map(|x| (x.ticket.as_str(), x.clock)).collect();
    assert_eq!(running, vec![("I1", ClockKind::Restoration)]);
}

#[test]
fn a_reopened_ticket_moves_to_the_month_of_its_final_decision() {
    // Met at its first resolution in September (1 h of 4 h), reopened in October for 2 h:
    // 3 h in total, met, decided in October. September lists it as moved.
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-09-20T10:00:00+08:00")
        .responded_at("2026-09-20T10:05:00+08:00")
        .resolved_at("2026-09-20T11:00:00+08:00")
        .set("reopened", "\n  - {at: 2026-10-02T09:00:00+08:00, resolved_at: 2026-10-02T11:00:00+08:00}")
        .yaml();
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let sep = report(&r, (2026, 9), (2026, 10, 31));
    let m = &sep.engagements[0].services[0].month;
    assert_eq!(m.attainment[&("P1".to_owned(), ClockKind::Resolution)].decided, 0);
    assert_eq!(m.moved.len(), 1);
    assert_eq!(m.moved[0].decided.map(|d| d.to_string()), Some("2026-10-02T03:00:00Z".to_owned()));
    let oct = report(&r, (2026, 10), (2026, 10, 31));
    let a = &oct.engagements[0].services[0].month.attainment[&("P1".to_owned(), ClockKind::Resolution)];
    assert_eq!((a.decided, a.met, a.median), (1, 1, Some(3 * 3600)));
    // Seen at the end of September (before the reopening), the ticket was met in September.
    let before = report(&r, (2026, 9), (2026, 9, 30));
    let a = &before.engagements[0].services[0].month.attainment[&("P1".to_owned(), ClockKind::Resolution)];
    assert_eq!((a.decided, a.met), (1, 1));
    assert!(before.engagements[0].services[0].month.moved.is_empty());
}

#[test]
fn credit_with_the_fee_pro_rated_and_capped() {
    // Term from 2026-10-11: October's fee is 100,000 × 21/31 = 67,741.935…
    // Availability 99.0 % is under both tiers; the lowest `below` it is strictly under is 99.5 → 10 %.
    // Resolution attainment 0 % → 20 %. 30 % is capped at 25 %: 16,935.48 CNY.
    let engagement = ENGAGEMENT.replace("start: 2026-01-01", "start: 2026-10-11")
        + "service_credits:\n  cap_percent: 25\n  tiers:\n    - {metric: availability, below: 99.9, credit_percent: 5}\n    - {metric: availability, below: 99.5, credit_percent: 10}\n    - {metric: resolution-attainment, below: 90, credit_percent: 20}\n";
    // 21 days × 24 h = 504 h scheduled; 1 % of it is 5.04 h of outage (18,144 s).
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P1")
        .opened_at("2026-10-12T00:00:00+08:00")
        .responded_at("2026-10-12T00:05:00+08:00")
        .resolved_at("2026-10-12T05:02:24+08:00")
        .set("outage", "{start: 2026-10-12T00:00:00+08:00, end: 2026-10-12T05:02:24+08:00}")
        .yaml();
    let r = clean(&[("e.yaml", &engagement), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    let e = &rep.engagements[0];
    let fee = e.fee.unwrap();
    assert_eq!(fee, Exact::ratio(2_100_000, 31));
    let s = &e.services[0];
    assert_eq!(s.month.availability.scheduled, 504 * 3600);
    assert_eq!(s.month.availability.shown().as_deref(), Some("99.00"));
    let percents: Vec<Exact> = s.credits.iter().map(|c| c.percent).collect();
    assert_eq!(percents, vec![Exact::int(10), Exact::int(20)]);
    assert_eq!(e.credit, Some(Exact::ratio(1_693_548, 100)));
}

#[test]
fn an_unloadable_file_is_named_at_the_top_and_the_rest_is_reported() {
    let inc: &str = &build::incident("I1")
        .engagement("e1")
        .service("web")
        .priority("P2")
        .opened_at("2026-10-05T10:00:00+08:00")
        .resolved_at("not-a-time")
        .yaml();
    let bad = "kind: Incident\nid: [unclosed\n";
    let r =
        repo(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc), ("b.yaml", bad)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    let files: Vec<&str> = rep.left_out_files.iter().map(|l| l.file.as_str()).collect();
    assert_eq!(files, vec!["b.yaml", "i.yaml"]);
    assert!(rep.left_out_files.iter().all(|l| l.line > 0));
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, itos::model::Lang::En));
    assert!(text.contains("Left out"), "{text}");
    assert!(text.find("Left out") < text.find("Service 网站 (web)"));
}

#[test]
fn record_text_cannot_attack_html_markdown_or_csv() {
    let engagement = ENGAGEMENT
        .replace("id: e1", "id: \"=HYPERLINK(1)\"")
        .replace("title: 测试项目", "title: \"<script>alert(1)</script> | x\"");
    let sla = sla("Asia/Shanghai", "99.9").replace("engagement: e1", "engagement: \"=HYPERLINK(1)\"");
    let r = clean(&[("e.yaml", &engagement), ("s.yaml", &sla)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    let doc = itos::output::sla_report::document(&rep, itos::model::Lang::En);
    let html = itos::output::doc::html(&doc);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    let md = itos::output::doc::markdown(&doc);
    assert!(!md.contains("<script>"));
    let csv = itos::output::sla_report::csv(&rep);
    assert!(csv.lines().skip(1).all(|l| l.starts_with("'=HYPERLINK")), "{csv}");
}

// ---------------------------------------------------------------- the command, on examples/acme

const ACME: [&str; 8] = ["report", "sla", "-C", "examples/acme", "--no-git", "--as-of", "2026-10-31", "--month"];

fn acme(month: &str, extra: &[&str]) -> String {
    let mut args: Vec<&str> = ACME.to_vec();
    args.push(month);
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = itos(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn acme_september_table() {
    insta::assert_snapshot!(acme("2026-09", &[]));
}

#[test]
fn acme_september_table_zh() {
    insta::assert_snapshot!(acme("2026-09", &["--lang", "zh-CN"]));
}

#[test]
fn acme_october_markdown() {
    insta::assert_snapshot!(acme("2026-10", &["--format", "markdown", "--months", "2"]));
}

#[test]
fn acme_october_markdown_zh() {
    insta::assert_snapshot!(acme("2026-10", &["--format", "markdown", "--months", "2", "--lang", "zh-CN"]));
}

#[test]
fn acme_september_json_carries_inputs() {
    let text = acme("2026-09", &["--format", "json", "--months", "1"]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Availability can be recomputed from the seconds it carries.
    for s in v["engagements"][0]["services"].as_array().unwrap() {
        let a = &s["availability"];
        let (sched, down) = (a["scheduled_seconds"].as_f64().unwrap(), a["downtime_seconds"].as_f64().unwrap());
        let percent = a["percent"].as_f64().unwrap();
        assert!((percent - 100.0 * (sched - down) / sched).abs() < 1e-9);
        let daily: f64 = s["daily"].as_array().unwrap().iter().map(|d| d["scheduled_seconds"].as_f64().unwrap()).sum();
        assert_eq!(daily, sched, "the daily figures add up to the month");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn acme_september_csv_is_long_form() {
    let text = acme("2026-09", &["--format", "csv", "--months", "1"]);
    let mut lines: Vec<&str> = text.lines().collect();
    // The last line is the provenance, a comment (`itos verify` reads it).
    assert!(lines.pop().is_some_and(|l| l.starts_with("# itos-provenance: {")), "{text}");
    assert_eq!(lines[0], "engagement,service,priority,clock,figure,value");
    assert!(lines.iter().all(|l| l.split(',').count() == 6), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn acme_september_html_is_one_self_contained_page() {
    let text = acme("2026-09", &["--format", "html", "--lang", "zh-CN"]);
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert!(text.contains("<html lang=\"zh-CN\">"));
    // Three charts per service: daily availability, attainment, trend.
    assert_eq!(text.matches("<svg").count(), 9);
    assert!(!text.contains("src=") && !text.contains("href="), "nothing is fetched from elsewhere");
    insta::assert_snapshot!(text);
}

#[test]
fn satisfaction_in_chinese_names_dimensions_and_services() {
    let zh = acme("2026-06", &["--lang", "zh-CN", "--months", "0"]);
    let block = zh.split("\n满意度\n").nth(1).unwrap_or_default();
    for dimension in ["响应速度", "服务质量", "可靠性"] {
        assert!(block.contains(&format!("\u{2502} {dimension} ")), "{block}");
    }
    // A dimension the glossary does not name is shown as written.
    assert!(block.contains("\u{2502} cost "), "{block}");
    assert!(block.contains("服务\u{201c}数据中心与分行网络运维\u{201d}\u{ff08}network-ops\u{ff09}"), "{block}");
    assert!(block.contains("回复数") && block.contains("6\u{ff08}75 %\u{ff09}"), "{block}");
}

#[test]
fn ticket_ledger_zh() {
    insta::assert_snapshot!(acme("2026-09", &["--ticket", "INC-2026-09-002", "--lang", "zh-CN"]));
}

#[test]
fn ticket_ledger_with_a_pause() {
    insta::assert_snapshot!(acme("2026-09", &["--ticket", "INC-2026-09-002"]));
    let (code, json, _) = itos(&[
        "report",
        "sla",
        "-C",
        "examples/acme",
        "--as-of",
        "2026-10-31",
        "--ticket",
        "INC-2026-09-002",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Opened 10:50, paused 11:12–11:37 (25 min), resolved 13:20: 150 − 25 = 125 min counted.
    let resolution = v["clocks"].as_array().unwrap().iter().find(|c| c["clock"] == "resolution").unwrap();
    assert_eq!(resolution["elapsed_seconds"], 125 * 60);
    assert_eq!(resolution["paused_seconds"], 25 * 60);
    let counted: i64 =
        resolution["working_intervals"].as_array().unwrap().iter().map(|w| w["seconds"].as_i64().unwrap()).sum();
    assert_eq!(counted, 125 * 60);
}

#[test]
fn bad_requests_exit_2_naming_the_cause() {
    for (args, says) in [
        (vec!["--month", "2026-13"], "--month `2026-13`"),
        (vec!["--month", "October"], "expected a month as YYYY-MM"),
        (vec!["--month", "2026-10", "--engagement", "nope"], "no engagement `nope`"),
        (vec!["--month", "2026-10", "--service", "nope"], "no service `nope`"),
        (vec!["--ticket", "INC-2026-09-02"], "did you mean `INC-2026-09-002`"),
        (vec!["--ticket", "INC-2026-09-002", "--format", "csv"], "not csv"),
        (vec![], "--month"),
    ] {
        let mut all = vec!["report", "sla", "-C", "examples/acme"];
        all.extend(args.iter().copied());
        let (code, _, stderr) = itos(&all);
        assert_eq!(code, 2, "{all:?}");
        assert!(stderr.contains(says), "{all:?}: {stderr}");
    }
}

#[test]
fn the_report_does_not_depend_on_unrelated_findings() {
    // examples/broken has findings of every family; its SLA report is still produced (exit 0)
    // and names the files that could not be loaded.
    let (code, stdout, stderr) =
        itos(&["report", "sla", "-C", "examples/broken", "--no-git", "--as-of", "2026-10-31", "--month", "2026-10"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Left out"), "{stdout}");
}

#[test]
fn output_file_is_written_and_the_records_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let before = tree_digest(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme")));
    let (code, stdout, _) = itos(&[
        "report",
        "sla",
        "-C",
        "examples/acme",
        "--month",
        "2026-10",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(std::fs::read_to_string(&out).unwrap().contains("</html>"));
    let after = tree_digest(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme")));
    assert_eq!(before, after);
}

fn tree_digest(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push((e.path().display().to_string(), std::fs::read(e.path()).unwrap()));
        }
    }
    out
}

#[test]
fn a_month_beyond_the_holiday_data_is_a_clear_warning() {
    let sla = sla("Asia/Shanghai", "99.9").replace("resolution: 8h}", "resolution: 8h, calendar: cn-workdays}");
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla)]);
    assert!(report(&r, (2026, 12), (2026, 12, 31)).warnings.is_empty());
    let rep = report(&r, (2027, 1), (2027, 1, 31));
    assert_eq!(rep.warnings.len(), 1);
    assert!(
        rep.warnings[0].get(itos::model::Lang::En).contains("`cn-workdays` has public-holiday data for 2024–2026 only")
    );
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, itos::model::Lang::ZhCn));
    assert!(text.contains("警告：日历 `cn-workdays` 仅含 2024–2026 年"), "{text}");
}

#[test]
fn months_outside_the_term_or_after_the_as_of_day_say_so() {
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9"))]);
    let en =
        |rep: &SlaReport<'_>| rep.warnings.iter().map(|w| w.get(itos::model::Lang::En).to_owned()).collect::<Vec<_>>();
    let before = report(&r, (2025, 12), (2026, 10, 31));
    assert_eq!(
        en(&before),
        vec!["2025-12 lies outside the term of engagement `e1` (2026-01-01 – 2027-06-30): no service was due"]
    );
    assert_eq!(before.engagements[0].services[0].month.availability.percent, None);
    let future = report(&r, (2026, 11), (2026, 10, 31));
    assert_eq!(en(&future), vec!["2026-11 starts after the as-of day 2026-10-31: nothing of it is known yet"]);
    assert_eq!(future.engagements[0].services[0].month.availability.scheduled, 0);
    // January of the term's first year has no earlier month: no trend table.
    let january = report(&r, (2026, 1), (2026, 10, 31));
    let text = itos::output::doc::text(&itos::output::sla_report::document(&january, itos::model::Lang::En));
    assert!(!text.contains("Trend"), "{text}");
    // Nothing was recorded in January: never shown as a perfect month.
    assert!(text.contains("100.00 % against 99.9 % — no data — no tickets recorded"), "{text}");
    assert!(!january.engagements[0].services[0].month.tickets_recorded);
}

#[test]
fn planned_downtime_counts_only_when_chg002_would_accept_the_approvals() {
    // Three changes with 10 h of planned downtime each: approved then rejected (normal), major
    // without the customer's approval, and major approved by the committee and the customer.
    // Only the last is maintenance: October's 744 h minus 10 h.
    let change = |id: &str, class: &str, approvals: &str, start: &str, end: &str| {
        build::change(id)
            .engagement("e1")
            .class(class)
            .requested_by("r")
            .requested_at("2026-10-01T10:00:00+08:00")
            .impact("{services: [web], expected: e}")
            .without("rollback_plan")
            .raw(&format!("approvals:\n{approvals}"))
            .set("planned_downtime", &format!("{{start: {start}, end: {end}, services: [web]}}"))
            .status("approved")
            .yaml()
    };
    let a = change(
        "C1",
        "normal",
        "  - {by: a, role: department-head, at: 2026-10-02T10:00:00+08:00, decision: approved}\n  - {by: b, role: department-head, at: 2026-10-03T10:00:00+08:00, decision: rejected}\n",
        "2026-10-10T00:00:00+08:00",
        "2026-10-10T10:00:00+08:00",
    );
    let b = change(
        "C2",
        "major",
        "  - {by: a, role: itsm-committee, at: 2026-10-02T10:00:00+08:00, decision: approved}\n",
        "2026-10-11T00:00:00+08:00",
        "2026-10-11T10:00:00+08:00",
    );
    let c = change(
        "C3",
        "major",
        "  - {by: a, role: itsm-committee, at: 2026-10-02T10:00:00+08:00, decision: approved}\n  - {by: c, role: department-head, party: customer, at: 2026-10-02T11:00:00+08:00, decision: approved}\n",
        "2026-10-12T00:00:00+08:00",
        "2026-10-12T10:00:00+08:00",
    );
    let text = format!("{a}---\n{b}---\n{c}");
    let r = clean(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("c.yaml", &text)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    assert_eq!(rep.engagements[0].services[0].month.availability.scheduled, (744 - 10) * 3600);
}

#[test]
fn inconsistent_tickets_never_count_time_twice_or_negative() {
    // I1 was reopened without a recorded resolution: its open time runs from 10:00 to 12:00 once.
    // I2 has an unknown priority: its clocks are left out, its 2 h outage counts.
    // I3's outage ends before it starts (INC-002): not a failure, no negative repair time.
    let inc = "kind: Incident\ndefaults: {engagement: e1, service: web}\nitems:\n  - {id: I1, priority: P1, opened_at: 2026-10-01T10:00:00+08:00, responded_at: 2026-10-01T10:05:00+08:00, reopened: [{at: 2026-10-01T11:00:00+08:00, resolved_at: 2026-10-01T12:00:00+08:00}]}\n  - {id: I2, priority: P9, opened_at: 2026-10-02T10:00:00+08:00, resolved_at: 2026-10-02T12:00:00+08:00, outage: {start: 2026-10-02T10:00:00+08:00, end: 2026-10-02T12:00:00+08:00}}\n  - {id: I3, priority: P2, opened_at: 2026-10-03T10:00:00+08:00, responded_at: 2026-10-03T10:05:00+08:00, resolved_at: 2026-10-03T13:00:00+08:00, outage: {start: 2026-10-03T12:00:00+08:00, end: 2026-10-03T10:00:00+08:00}}\n";
    let r = repo(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla("Asia/Shanghai", "99.9")), ("i.yaml", inc)]);
    let rep = report(&r, (2026, 10), (2026, 10, 31));
    let m = &rep.engagements[0].services[0].month;
    let p1 = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
    assert_eq!((p1.decided, p1.met, p1.median), (1, 1, Some(7200)));
    assert_eq!(m.availability.downtime, Exact::int(7200));
    assert_eq!((m.failures, m.mttr), (1, Some(Exact::int(7200))));
    let left: Vec<&str> = m.left_out.iter().map(|l| l.ticket.as_str()).collect();
    assert_eq!(left, vec!["I2"]);
}

#[test]
fn a_repository_without_commits_is_named_as_such_in_the_provenance() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme"), dir.path());
    git2::Repository::init(dir.path()).unwrap();
    let root = dir.path().to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["report", "sla", "-C", root, "--as-of", "2026-10-31", "--month", "2026-09"];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = itos(&args);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let en = run(&[]);
    assert!(
        en.lines().any(|l| l.trim_start().starts_with("Records commit")
            && l.ends_with("none (git repository with no commits yet)")),
        "{en}"
    );
    let zh = run(&["--lang", "zh-CN"]);
    assert!(zh.contains("无（git 仓库尚无提交）"), "{zh}");
    assert!(!zh.contains("不在 git 仓库中"), "{zh}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["provenance"]["commit"], serde_json::Value::Null);
    assert_eq!(json["provenance"]["no_commits_yet"], true);
    // With --no-git the repository is not looked at: the usual wording.
    let no_git = run(&["--no-git"]);
    assert!(no_git.contains("none (no git repository, or --no-git)"), "{no_git}");
}
