#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the audit rules (AUD-*): rule id, file, line and column.

use crate::common;
use common::*;

fn audit(id: &str, performed_at: &str) -> String {
    format!(
        "kind: Audit\nid: {id}\nperformed_at: {performed_at}\nauditor: {{name: 安全评估机构, independent: true}}\nareas: [security-policy, encryption-access-control, vulnerabilities-incidents, training-awareness]\n"
    )
}

#[test]
fn aud001_audit_exactly_twelve_months_ago_passes_one_day_more_fails() {
    let a = audit("AUD-1", "2025-10-31");
    let (located, _) = run_rule("AUD-001", &[("audits.yaml", &a)], "2026-10-31");
    assert!(located.is_empty(), "{located:?}");
    let (located, findings) = run_rule("AUD-001", &[("audits.yaml", &a)], "2026-11-01");
    assert_eq!(located, vec![at("AUD-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2025-10-31, 366 days before 2026-11-01"), "{}", findings[0].message.en);
}

#[test]
fn aud001_first_audit_due_one_interval_after_the_term_starts() {
    // Term starts 2025-07-01: nothing is due until 2026-07-01.
    let (located, _) = run_rule("AUD-001", &[], "2026-07-01");
    assert!(located.is_empty());
    let (located, findings) = run_rule("AUD-001", &[], "2026-07-02");
    assert_eq!(located, vec![at("AUD-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.starts_with("no information-security audit since 2025-07-01"));
}

#[test]
fn aud001_audits_after_as_of_are_ignored() {
    let a = audit("AUD-1", "2026-12-01");
    let (located, _) = run_rule("AUD-001", &[("audits.yaml", &a)], "2026-10-31");
    assert_eq!(located, vec![at("AUD-001", "engagement.yaml", 2, 5)]);
}

fn audit_areas(id: &str, performed_at: &str, areas: &str) -> String {
    format!("kind: Audit\nid: {id}\nperformed_at: {performed_at}\nauditor: {{name: 安全评估机构}}\nareas: [{areas}]\n")
}

#[test]
fn aud002_topic_audits_together_cover_all_areas() {
    let a = audit_areas("A-1", "2025-11-01", "security-policy, encryption-access-control");
    let b = audit_areas("A-2", "2026-09-01", "vulnerabilities-incidents, training-awareness");
    assert!(run_rule("AUD-002", &[("a.yaml", &a), ("b.yaml", &b)], "2026-10-31").0.is_empty());
    // Exactly 12 months later A-1 still counts ("within" is inclusive); a day more and it does not.
    assert!(run_rule("AUD-002", &[("a.yaml", &a), ("b.yaml", &b)], "2026-11-01").0.is_empty());
    let (located, findings) = run_rule("AUD-002", &[("a.yaml", &a), ("b.yaml", &b)], "2026-11-02");
    assert_eq!(located, vec![at("AUD-002", "engagement.yaml", 2, 5)]);
    assert!(
        findings[0].message.en.ends_with("security-policy, encryption-access-control"),
        "{}",
        findings[0].message.en
    );
}

#[test]
fn aud003_open_finding_past_due() {
    let a = format!(
        "{}findings:\n  - {{id: F1, title: t, severity: low, owner: o, due: 2026-10-31, status: open}}\n",
        audit_areas("A-1", "2026-05-01", "security-policy")
    );
    assert!(run_rule("AUD-003", &[("a.yaml", &a)], "2026-10-31").0.is_empty());
    assert_eq!(run_rule("AUD-003", &[("a.yaml", &a)], "2026-11-01").0, vec![at("AUD-003", "a.yaml", 7, 54)]);
}

#[test]
fn aud002_judged_once_the_first_interval_has_passed() {
    // Term from 2025-07-01: the other areas may still be audited until 2026-07-01.
    let a = audit_areas("A-1", "2025-09-01", "security-policy");
    assert!(run_rule("AUD-002", &[("a.yaml", &a)], "2026-07-01").0.is_empty());
    assert_eq!(run_rule("AUD-002", &[("a.yaml", &a)], "2026-07-02").0, vec![at("AUD-002", "engagement.yaml", 2, 5)]);
    // Adopted on 2026-11-01: audits before it may never have been recorded, so coverage is
    // judged from a year after it.
    let eng = BASE.replace("end: 2027-06-30}", "end: 2028-06-30}\nrecords_from: 2026-11-01");
    let a = audit_areas("A-1", "2026-12-01", "security-policy");
    let files = [("engagement.yaml", eng.as_str()), ("a.yaml", a.as_str())];
    assert!(run_rules(&files, "", &["AUD-002"], "2027-11-01").0.is_empty());
    assert_eq!(run_rules(&files, "", &["AUD-002"], "2027-11-02").0, vec![at("AUD-002", "engagement.yaml", 2, 5)]);
}
