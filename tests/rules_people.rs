#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the people and training rules (HR-*, TRN-*).

mod common;
use common::*;

fn person(extra: &str) -> String {
    format!("kind: Person\nid: p-1\nname: 李娜\nrole: r\njoined: 2025-06-20\n{extra}")
}

const P2: &str = "kind: Person\nid: p-2\nname: 王磊\nrole: r\njoined: 2025-06-20\n";

#[test]
fn hr001_expired_qualification_of_an_active_person() {
    let p = person("qualifications:\n  - {name: OCP, expires: 2026-10-30}\n");
    assert_eq!(run_rule("HR-001", &[("p.yaml", &p)], "2026-10-31").0, vec![at("HR-001", "p.yaml", 7, 26)]);
    let left = person(
        "left: 2026-06-30\noffboarding: {handover_to: p-2, handover_at: 2026-06-29, access_revoked_at: 2026-06-30, records_archived: true}\nqualifications:\n  - {name: OCP, expires: 2026-10-30}\n",
    );
    assert!(run_rule("HR-001", &[("p.yaml", &left), ("q.yaml", P2)], "2026-10-31").0.is_empty());
}

#[test]
fn hr002_offboarding_and_revocation() {
    let p = person("left: 2026-02-27\n");
    assert_eq!(run_rule("HR-002", &[("p.yaml", &p)], "2026-10-31").0, vec![at("HR-002", "p.yaml", 6, 7)]);
    let on_time = person(
        "left: 2026-02-27\noffboarding: {handover_to: p-2, handover_at: 2026-02-26, access_revoked_at: 2026-02-28, records_archived: true}\n",
    );
    assert!(run_rule("HR-002", &[("p.yaml", &on_time), ("q.yaml", P2)], "2026-10-31").0.is_empty());
    let late = on_time.replace("access_revoked_at: 2026-02-28", "access_revoked_at: 2026-03-01");
    assert_eq!(
        run_rule("HR-002", &[("p.yaml", &late), ("q.yaml", P2)], "2026-10-31").0,
        vec![at("HR-002", "p.yaml", 7, 77)]
    );
    // Same-day revocation required by policy 0.
    let (located, _) = run_rules(
        &[("engagement.yaml", BASE), ("p.yaml", &on_time), ("q.yaml", P2)],
        "[policy]\naccess_revocation_days = 0\n",
        &["HR-002"],
        "2026-10-31",
    );
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 77)]);
}

#[test]
fn hr002_handover_to_someone_who_had_left() {
    let p = person(
        "left: 2026-02-27\noffboarding: {handover_to: p-2, handover_at: 2026-02-26, access_revoked_at: 2026-02-27, records_archived: true}\n",
    );
    let gone = format!(
        "{P2}left: 2026-01-31\noffboarding: {{handover_to: p-1, handover_at: 2026-01-30, access_revoked_at: 2026-01-31, records_archived: true}}\n"
    );
    let (located, _) = run_rule("HR-002", &[("p.yaml", &p), ("q.yaml", &gone)], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 28)]);
}

#[test]
fn hr003_onboarding_on_or_before_joining() {
    let t = |day: &str| format!("kind: Training\nid: T-1\ntopic: onboarding\nheld_at: {day}\nattendees: [p-1]\n");
    let p = person("");
    assert!(run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &t("2025-06-20"))], "2026-10-31").0.is_empty());
    assert_eq!(
        run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &t("2025-06-21"))], "2026-10-31").0,
        vec![at("HR-003", "p.yaml", 2, 5)]
    );
}

#[test]
fn hr004_active_person_without_nda() {
    assert_eq!(run_rule("HR-004", &[("p.yaml", &person(""))], "2026-10-31").0, vec![at("HR-004", "p.yaml", 2, 5)]);
    assert!(run_rule("HR-004", &[("p.yaml", &person("nda_signed_at: 2025-06-20\n"))], "2026-10-31").0.is_empty());
}

#[test]
fn trn001_security_training_every_twelve_months() {
    let t = "kind: Training\nid: T-1\ntopic: security-awareness\nheld_at: 2025-10-31\nattendees: [p-1]\n";
    let p = person("");
    assert!(run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", t)], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", t)], "2026-11-01");
    assert_eq!(located, vec![at("TRN-001", "p.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2025-10-31"));
}

#[test]
fn trn002_only_people_with_an_emergency_role() {
    let plan = "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: I, criteria: c, response: 15m}\nroles:\n  - {role: r, person: p-1}\nresources: [x]\n";
    let p = person("");
    assert_eq!(
        run_rule("TRN-002", &[("p.yaml", &p), ("e.yaml", plan)], "2026-10-31").0,
        vec![at("TRN-002", "p.yaml", 2, 5)]
    );
    assert!(run_rule("TRN-002", &[("p.yaml", &p)], "2026-10-31").0.is_empty());
}
