#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the SLA rules (SLA-*): rule id, file, line and column.

use crate::common;
use common::*;

fn sla(body: &str) -> String {
    format!("kind: Sla\nid: sla-x\nengagement: demo\nservice: helpdesk\ntimezone: Asia/Shanghai\n{body}")
}

const GOOD: &str = "availability: {target: 99.9}\npriorities:\n  P1: {response: 15m, restoration: 2h, resolution: 4h}\nmttr_max: 2h\nmtbf_min: 15d\nsatisfaction_min: 4\n";

#[test]
fn a_complete_sla_passes() {
    for rule in ["SLA-001", "SLA-002", "SLA-003", "SLA-004", "SLA-005"] {
        let (located, _) = run_rule(rule, &[("s.yaml", &sla(GOOD))], "2026-10-31");
        assert!(located.is_empty(), "{rule}: {located:?}");
    }
}

#[test]
fn sla001_zero_target_and_no_priorities() {
    let s = sla("availability: {target: 0}\npriorities: {}\n");
    let (located, _) = run_rule("SLA-001", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SLA-001", "s.yaml", 6, 24), at("SLA-001", "s.yaml", 7, 13)]);
    // 100 is allowed.
    let s = sla("availability: {target: 100}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n");
    assert!(run_rule("SLA-001", &[("s.yaml", &s)], "2026-10-31").0.is_empty());
}

#[test]
fn sla002_response_longer_than_resolution() {
    let s = sla(
        "availability: {target: 99.9}\npriorities:\n  P2: {response: 8h, resolution: 4h}\n  P3: {response: 2h, resolution: 2h}\n",
    );
    let (located, findings) = run_rule("SLA-002", &[("s.yaml", &s)], "2026-10-31");
    // Equal targets are in order; only P2 fires, at its resolution.
    assert_eq!(located, vec![at("SLA-002", "s.yaml", 8, 34)]);
    assert!(findings[0].message.en.starts_with("P2: resolution target 4h is shorter than the response target 8h"));
}

#[test]
fn sla002_counts_a_working_day_as_the_length_of_monday() {
    // cn-workdays: 1wd counts as 9 h. 10h before 1wd is out of order, 9h is not; on 24x7 a
    // working day is 24 h.
    let s = sla(
        "availability: {target: 99.9}\npriorities:\n  P3: {response: 10h, resolution: 1wd, calendar: cn-workdays}\n  P4: {response: 9h, resolution: 1wd, calendar: cn-workdays}\n  P5: {response: 10h, restoration: 1wd, resolution: 2wd}\n",
    );
    let (located, findings) = run_rule("SLA-002", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SLA-002", "s.yaml", 8, 35)]);
    assert_eq!(findings[0].message.en, "P3: resolution target 1wd (9h) is shorter than the response target 10h");
}

const SH_OFFICE: &str = "kind: Calendar\nid: sh-office\ntimezone: Asia/Shanghai\nweek: {mon: [\"09:00-12:00\", \"13:00-18:00\"], tue: [\"09:00-12:00\", \"13:00-18:00\"], wed: [\"09:00-12:00\", \"13:00-18:00\"], thu: [\"09:00-12:00\", \"13:00-18:00\"], fri: [\"09:00-12:00\", \"13:00-18:00\"]}\n";

#[test]
fn sla005_days_on_a_calendar_that_is_not_24x7() {
    let s = sla(
        "availability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 1d}\n  P2: {response: 30m, resolution: 24h, calendar: cn-workdays}\n  P3: {response: 1h, resolution: 1d, calendar: cn-workdays}\n  P4: {response: 2h, resolution: \"1d2h\", calendar: cn-workdays}\n  P5: {response: 1h, resolution: 1wd, calendar: cn-workdays}\n  P6: {response: 1h, resolution: 1d, calendar: sh-office}\n  P7: {response: 1h, resolution: 1d, calendar: no-such-calendar}\n",
    );
    let (located, findings) = run_rule("SLA-005", &[("s.yaml", &s), ("c.yaml", SH_OFFICE)], "2026-10-31");
    // `1d` on 24x7 (P1), `24h` (P2), `1wd` (P5) and an unknown calendar (P7, GEN-005's) pass.
    assert_eq!(
        located,
        vec![at("SLA-005", "s.yaml", 10, 34), at("SLA-005", "s.yaml", 11, 34), at("SLA-005", "s.yaml", 13, 34)]
    );
    assert_eq!(findings[0].severity, itos::model::Severity::Warning);
    let texts: Vec<(&str, &str)> =
        findings.iter().map(|f| (f.message.en.as_str(), f.help.as_ref().map_or("", |h| h.en.as_str()))).collect();
    assert_eq!(
        texts,
        vec![
            (
                "P3 resolution: `1d` on calendar `cn-workdays` = 24 working hours, about 2.7 working days",
                "write `1wd` for one working day, or `24h` to keep 24 working hours"
            ),
            (
                "P4 resolution: `1d2h` on calendar `cn-workdays` = 26 working hours, about 2.9 working days",
                "write `1wd` for one working day, or `26h` to keep 26 working hours"
            ),
            (
                "P6 resolution: `1d` on calendar `sh-office` = 24 working hours, about 3 working days",
                "write `1wd` for one working day, or `24h` to keep 24 working hours"
            ),
        ]
    );
    assert_eq!(findings[2].message.zh, "P6 的解决时间 `1d` 在日历 `sh-office` 上等于 24 小时工作时间，约 3 个工作日");
    assert_eq!(
        findings[2].help.as_ref().unwrap().zh,
        "如指 1 个工作日，请改为 `1wd`；如确需 24 小时工作时间，请改为 `24h`"
    );
    // Every target field is judged, each at its own value.
    let s = sla(
        "availability: {target: 99.9}\npriorities:\n  P3: {response: 1d, on_site: 2d, restoration: 2d, resolution: 3d, calendar: sh-office}\n",
    );
    let (located, findings) = run_rule("SLA-005", &[("s.yaml", &s), ("c.yaml", SH_OFFICE)], "2026-10-31");
    assert_eq!(located.len(), 4, "{located:?}");
    assert!(findings[3].help.as_ref().unwrap().en.starts_with("write `3wd` for 3 working days, or `72h`"));
}

#[test]
fn sla003_and_sla004_missing_targets_warn_at_the_id() {
    let s = sla("availability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\nmttr_max: 2h\n");
    let (located, findings) = run_rule("SLA-003", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SLA-003", "s.yaml", 2, 5)]);
    assert_eq!(findings[0].severity, itos::model::Severity::Warning);
    assert!(findings[0].message.en.contains("mtbf_min") && !findings[0].message.en.contains("mttr_max"));
    let (located, _) = run_rule("SLA-004", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SLA-004", "s.yaml", 2, 5)]);
}

#[test]
fn sla001_target_above_100_is_the_rule_not_a_type_error() {
    // The Sla still loads (no GEN-003), so its other rules and the SLA report still see it.
    let s = sla("availability: {target: 100.5}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n");
    assert!(run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &["GEN-003"], "2026-10-31").0.is_empty());
    let (located, _) = run_rule("SLA-001", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SLA-001", "s.yaml", 6, 24)]);
    let negative = sla("availability: {target: -1}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n");
    assert_eq!(run_rule("SLA-001", &[("s.yaml", &negative)], "2026-10-31").0, vec![at("SLA-001", "s.yaml", 6, 24)]);
}

#[test]
fn satisfaction_min_outside_1_to_5_is_a_type_error() {
    // records.md types it `number (1–5)`: GEN-003 at the value, which is then ignored; the
    // Sla itself stays (its service keeps its Sla, its report and its other rules).
    let s = sla(&GOOD.replace("satisfaction_min: 4", "satisfaction_min: 7"));
    let (located, findings) = run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &[], "2026-10-31");
    assert!(located.contains(&at("GEN-003", "s.yaml", 11, 19)), "{located:?}");
    assert!(findings.iter().any(|f| f.rule == "GEN-003" && f.message.en.ends_with("(ignored)")));
    // The Sla is still judged (CON-002 reads it), but SLA-004 does not also say it sets no
    // satisfaction target: the one mistake is the value, reported once (issue 16, item 4).
    assert!(located.contains(&at("CON-002", "s.yaml", 4, 10)), "{located:?}");
    assert!(!located.iter().any(|l| l.0 == "SLA-004"), "{located:?}");
    let s = sla(&GOOD.replace("satisfaction_min: 4", "satisfaction_min: 4.2"));
    assert!(run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &["GEN-003"], "2026-10-31").0.is_empty());
}
