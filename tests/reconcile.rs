#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos report sla --reconcile`, hand-computed: the ITSM's own verdicts (`x-itsm`) against
//! itos's clocks for the tickets decided in the month (import.md, "Reconciliation").

use crate::common;

use common::build;
use common::itos;
use itos::config::Config;
use itos::figures::clock::ClockKind;
use itos::load::Repository;
use itos::model::Lang;
use itos::report::reconcile::{ItsmValue, Reconciliation, Verdict};
use itos::report::sla_report::{Request, SlaReport, build as build_report};

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

/// P1 15 min / 4 h and P2 30 min / 8 h, both on 24x7: business time is wall-clock time.
const SLA: &str = "kind: Sla\nid: s1\nengagement: e1\nservice: web\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n  P2: {response: 30m, resolution: 8h}\n";

fn ticket(id: &str, priority: &str, opened: &str, responded: &str, resolved: &str) -> build::Record {
    build::incident(id)
        .engagement("e1")
        .service("web")
        .priority(priority)
        .opened_at(opened)
        .responded_at(responded)
        .resolved_at(resolved)
}

/// Four tickets of October 2026 carrying `x-itsm`, and one without.
fn repo() -> Repository {
    // I1 agrees: response 10 min of 30, resolution 1 h of 8 h; the tool says the same.
    let i1 = ticket("I1", "P2", "2026-10-05T10:00:00+08:00", "2026-10-05T10:10:00+08:00", "2026-10-05T11:00:00+08:00")
        .set("x-itsm", "{made_sla: true, response_remaining_minutes: 20, resolution_remaining_minutes: 420}")
        .yaml();
    // I2: the tool says made_sla, itos finds the resolution breached. Opened 09:00, paused
    // 10:00–10:30, resolved 14:15: 5 h 15 min − 30 min = 4 h 45 min against 4 h, breached by
    // 45 min; the deadline is 09:00 + 4 h + the 30 min pause = 13:30. Response: 10 min, met.
    let i2 = ticket("I2", "P1", "2026-10-06T09:00:00+08:00", "2026-10-06T09:10:00+08:00", "2026-10-06T14:15:00+08:00")
        .raw("paused:\n  - {from: 2026-10-06T10:00:00+08:00, to: 2026-10-06T10:30:00+08:00, reason: awaiting-customer}\n")
        .set("x-itsm", "{made_sla: true}")
        .yaml();
    // I3: the tool did not stop for the 3 h pause: 9 h 30 min against 8 h, "breached by 90 min".
    // itos: 09:00–12:00 paused, 9 h 30 min − 3 h = 6 h 30 min against 8 h, met with 1 h 30 min
    // left; the deadline is 08:00 + 8 h + 3 h = 19:00.
    let i3 = ticket("I3", "P2", "2026-10-07T08:00:00+08:00", "2026-10-07T08:20:00+08:00", "2026-10-07T17:30:00+08:00")
        .raw("paused:\n  - {from: 2026-10-07T09:00:00+08:00, to: 2026-10-07T12:00:00+08:00, reason: awaiting-customer}\n")
        .set("x-itsm", "{resolution_remaining_minutes: -90, paused_minutes: 0}")
        .yaml();
    // I4: still running at the end of October (its resolution deadline is 11-01 02:00): carries
    // the tool's verdict but is not compared in October.
    let i4 = ticket("I4", "P1", "2026-10-31T22:00:00+08:00", "2026-10-31T22:05:00+08:00", "2026-11-01T03:00:00+08:00")
        .set("x-itsm", "{made_sla: false}")
        .yaml();
    // I5 has no x-itsm: not counted at all.
    let i5 = ticket("I5", "P2", "2026-10-08T10:00:00+08:00", "2026-10-08T10:10:00+08:00", "2026-10-08T11:00:00+08:00")
        .yaml();
    let files: Vec<(String, String)> = [
        ("e.yaml", ENGAGEMENT),
        ("s.yaml", SLA),
        ("i1.yaml", &i1),
        ("i2.yaml", &i2),
        ("i3.yaml", &i3),
        ("i4.yaml", &i4),
        ("i5.yaml", &i5),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    let repo = Repository::from_texts(&files, Config::default());
    let errors: Vec<_> = repo.findings.iter().filter(|f| f.severity == itos::model::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    repo
}

fn report(repo: &Repository, month: (i16, i8), reconcile: bool) -> SlaReport<'_> {
    let request = Request {
        month: jiff::civil::date(month.0, month.1, 1),
        as_of: jiff::civil::date(2026, 10, 31),
        engagement: None,
        service: None,
        months: Some(0),
        reconcile,
        register: false,
    };
    build_report(repo, &request, itos::report::provenance::Provenance::default()).unwrap()
}

fn reconciliation<'r>(rep: &'r SlaReport<'_>) -> &'r Reconciliation {
    rep.engagements[0].services[0].reconciliation.as_ref().unwrap()
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn mismatches_and_counts_are_hand_computed() {
    let repo = repo();
    let rep = report(&repo, (2026, 10), true);
    let r = reconciliation(&rep);
    // I1–I4 carry x-itsm; I4 is still running at the month's end, so three are compared.
    assert_eq!((r.with_itsm, r.compared, r.agreeing, r.mismatching), (4, 3, 1, 2));
    let rows: Vec<(&str, Verdict, ItsmValue, bool)> =
        r.mismatches.iter().map(|m| (m.ticket.as_str(), m.verdict, m.itsm, m.itos_met)).collect();
    assert_eq!(
        rows,
        vec![
            ("I2", Verdict::MadeSla, ItsmValue::MadeSla(true), false),
            ("I3", Verdict::Resolution, ItsmValue::Remaining(-90), true),
        ]
    );
    // I2: only the breached clock stands behind itos's "not made".
    let c = &r.mismatches[0].clocks;
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].kind, c[0].met, c[0].elapsed, c[0].target), (ClockKind::Resolution, false, 17_100, 14_400));
    assert_eq!((c[0].paused, c[0].stretches), (1800, 2));
    assert_eq!(c[0].deadline, Some(ts("2026-10-06T13:30:00+08:00")));
    // I3: the resolution clock, met with 1 h 30 min left.
    let c = &r.mismatches[1].clocks;
    assert_eq!((c[0].kind, c[0].met, c[0].elapsed, c[0].target), (ClockKind::Resolution, true, 23_400, 28_800));
    assert_eq!(c[0].paused, 3 * 3600);
    assert_eq!(c[0].deadline, Some(ts("2026-10-07T19:00:00+08:00")));
    assert_eq!(r.mismatches[1].itsm_paused_minutes, Some(0));
    // The same clocks as the month's breach table: one breach, I2's resolution, 45 min over.
    let m = &rep.engagements[0].services[0].month;
    let breaches: Vec<(&str, i64)> = m.breaches.iter().map(|b| (b.ticket.as_str(), b.overrun)).collect();
    assert_eq!(breaches, vec![("I2", 45 * 60)]);
}

#[test]
fn a_ticket_is_compared_in_the_month_its_last_clock_is_decided() {
    let repo = repo();
    // As of 10-31, November has not started: nothing of it is known.
    let r = report(&repo, (2026, 9), true);
    let r = reconciliation(&r);
    assert_eq!((r.with_itsm, r.compared), (0, 0));
    // Without --reconcile there is no section, in the model and in every format.
    let rep = report(&repo, (2026, 10), false);
    assert!(rep.engagements[0].services[0].reconciliation.is_none());
    let json = itos::output::sla_report::json(&rep, Lang::En);
    assert!(!json.contains("reconciliation"));
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    assert!(!text.contains("Reconciliation"));
    assert!(!itos::output::sla_report::csv(&rep).contains("itsm_"));
}

#[test]
fn a_month_without_x_itsm_says_so_and_invents_nothing() {
    let repo = repo();
    let rep = report(&repo, (2026, 9), true);
    let en = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    assert!(en.contains("No ticket of the month carries the ITSM's verdict (x-itsm)."), "{en}");
    assert!(!en.contains("Agreeing"), "{en}");
    let zh = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::ZhCn));
    assert!(zh.contains("本月没有工单带有 ITSM 工具的 SLA 结论（x-itsm）。"), "{zh}");
}

/// The reconciliation section of the terminal table, from its heading to the next heading.
fn section(text: &str, heading: &str) -> String {
    let start = text.find(heading).unwrap();
    let rest = &text[start..];
    let end = ["\nSatisfaction\n", "\n满意度\n", "\nProvenance\n", "\n数据来源\n"]
        .iter()
        .filter_map(|h| rest.find(h))
        .min()
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}

#[test]
fn section_table_en() {
    let repo = repo();
    let rep = report(&repo, (2026, 10), true);
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    insta::assert_snapshot!(section(&text, "Reconciliation with the ITSM's verdict"));
}

#[test]
fn section_table_zh() {
    let repo = repo();
    let rep = report(&repo, (2026, 10), true);
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::ZhCn));
    insta::assert_snapshot!(section(&text, "与 ITSM 工具 SLA 结论的核对"));
}

fn section_json(lang: Lang) -> String {
    let repo = repo();
    let rep = report(&repo, (2026, 10), true);
    let v: serde_json::Value = serde_json::from_str(&itos::output::sla_report::json(&rep, lang)).unwrap();
    serde_json::to_string_pretty(&v["engagements"][0]["services"][0]["reconciliation"]).unwrap()
}

#[test]
fn section_json_en() {
    insta::assert_snapshot!(section_json(Lang::En));
}

#[test]
fn section_json_zh_is_the_same_data() {
    // JSON carries values, not prose: the Chinese report's section is the same document.
    let zh = section_json(Lang::ZhCn);
    assert_eq!(zh, section_json(Lang::En));
    insta::assert_snapshot!(zh);
}

#[test]
fn section_csv_rows() {
    let repo = repo();
    let rep = report(&repo, (2026, 10), true);
    let csv = itos::output::sla_report::csv(&rep);
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains("itsm_") || l.contains("itos_")).collect();
    assert_eq!(
        rows,
        vec![
            "e1,web,,,itsm_tickets,4",
            "e1,web,,,itsm_compared,3",
            "e1,web,,,itsm_agreeing,1",
            "e1,web,,,itsm_mismatching,2",
            "e1,web,,,itsm_made_sla:I2,true",
            "e1,web,,,itos_made_sla:I2,false",
            "e1,web,P2,resolution,itsm_remaining_minutes:I3,-90",
            "e1,web,P2,resolution,itos_remaining_minutes:I3,90",
        ]
    );
}

// ---------------------------------------------------------------- the command, on examples/acme

fn acme(extra: &[&str]) -> String {
    let mut args = vec!["report", "sla", "-C", "examples/acme", "--no-git", "--as-of", "2026-10-31"];
    args.extend_from_slice(&["--month", "2026-09", "--months", "0", "--reconcile"]);
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = itos(&args);
    // Mismatches are content, not errors.
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn acme_shows_one_agreement_and_one_mismatch() {
    let v: serde_json::Value = serde_json::from_str(&acme(&["--format", "json"])).unwrap();
    let services = v["engagements"][0]["services"].as_array().unwrap();
    let network = services.iter().find(|s| s["service"] == "network-ops").unwrap();
    let r = &network["reconciliation"];
    assert_eq!((&r["tickets_with_itsm"], &r["agreeing"], &r["mismatching"]), (&2.into(), &1.into(), &1.into()));
    let tickets: Vec<&str> =
        r["mismatches"].as_array().unwrap().iter().map(|m| m["ticket"].as_str().unwrap()).collect();
    assert_eq!(tickets, vec!["INC-2026-09-006", "INC-2026-09-006"]);
    // The other services' tickets carry no verdict: said, with no figures.
    let desk = services.iter().find(|s| s["service"] == "service-desk").unwrap();
    assert_eq!(desk["reconciliation"]["tickets_with_itsm"], 0);
    for format in ["markdown", "html"] {
        let text = acme(&["--format", format]);
        assert!(text.contains("Reconciliation with the ITSM") && text.contains("INC-2026-09-006"), "{format}");
    }
    insta::assert_snapshot!(acme(&["--service", "network-ops", "--lang", "zh-CN", "--format", "markdown"]));
}

#[test]
fn reconcile_and_ticket_do_not_go_together() {
    let (code, _, stderr) =
        itos(&["report", "sla", "-C", "examples/acme", "--no-git", "--ticket", "INC-2026-09-006", "--reconcile"]);
    assert_eq!(code, 2, "{stderr}");
}
