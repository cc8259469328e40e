#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the service-report and satisfaction rules (RPT-*, SAT-*).

mod common;
use common::*;

/// Reports for every month from 2025-07 to 2026-08, delivered on the 3rd of the next month.
fn reports_until_august() -> String {
    let mut s = String::from("kind: ServiceReport\nitems:\n");
    for (y, m) in (7..=12).map(|m| (2025, m)).chain((1..=8).map(|m| (2026, m))) {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = jiff::civil::date(y, m, 1).last_of_month().day();
        s.push_str(&format!("  - {{id: R-{y}-{m:02}, period: {{from: {y}-{m:02}-01, to: {y}-{m:02}-{last}}}, delivered_at: {ny}-{nm:02}-03}}\n"));
    }
    s
}

#[test]
fn rpt001_deadline_counts_working_days_across_national_day() {
    // September 2026 ends on Wed 09-30; 5 working days later is Tue 10-13.
    let sept =
        "kind: ServiceReport\nid: R-2026-09\nperiod: {from: 2026-09-01, to: 2026-09-30}\ndelivered_at: 2026-10-13\n";
    let files = [("r.yaml", reports_until_august()), ("s.yaml", sept.to_owned())];
    let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
    assert!(run_rule("RPT-001", &files, "2026-10-31").0.is_empty());
    let late = sept.replace("2026-10-13", "2026-10-14");
    let (located, _) = run_rule("RPT-001", &[("r.yaml", &reports_until_august()), ("s.yaml", &late)], "2026-10-31");
    assert_eq!(located, vec![at("RPT-001", "s.yaml", 4, 15)]);
    // Missing entirely: reported at the engagement once the deadline has passed.
    assert!(run_rule("RPT-001", &[("r.yaml", &reports_until_august())], "2026-10-13").0.is_empty());
    let (located, findings) = run_rule("RPT-001", &[("r.yaml", &reports_until_august())], "2026-10-14");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2026-09"));
}

fn survey(period: &str, scores: &str) -> String {
    format!("kind: Survey\nid: S-1\nperiod: {period}\nresponses:\n  - {{scores: {scores}}}\n")
}

#[test]
fn sat001_survey_overlapping_the_last_six_months() {
    let s = survey("{from: 2026-01-01, to: 2026-04-30}", "{quality: 5}");
    // As of 2026-10-31 the window starts 2026-04-30: overlap on one day.
    assert!(run_rule("SAT-001", &[("s.yaml", &s)], "2026-10-31").0.is_empty());
    assert_eq!(run_rule("SAT-001", &[("s.yaml", &s)], "2026-11-01").0, vec![at("SAT-001", "engagement.yaml", 2, 5)]);
}

#[test]
fn sat002_low_mean_needs_an_improvement() {
    // The base Sla asks for a mean of 4.
    let s = survey("{from: 2026-01-01, to: 2026-06-30}", "{quality: 4, cost: 3}");
    assert_eq!(run_rule("SAT-002", &[("s.yaml", &s)], "2026-10-31").0, vec![at("SAT-002", "s.yaml", 2, 5)]);
    let imp = "kind: Improvement\nid: I-1\nsources: [Survey/S-1]\ngoal: g\nmeasures: [m]\nowner: o\ndue: 2026-12-31\nstatus: planned\n";
    assert!(run_rule("SAT-002", &[("s.yaml", &s), ("i.yaml", imp)], "2026-10-31").0.is_empty());
    let ok = survey("{from: 2026-01-01, to: 2026-06-30}", "{quality: 4, cost: 4}");
    assert!(run_rule("SAT-002", &[("s.yaml", &ok)], "2026-10-31").0.is_empty());
}
