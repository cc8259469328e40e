#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the people rules (HR-*): rule id, file, line and column.

use crate::common;
use common::*;

fn person(extra: &str) -> String {
    format!("kind: Person\nid: p-1\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\n{extra}")
}

const P2: &str = "kind: Person\nid: p-2\nname: 王磊\nrole: 运维工程师\njoined: 2025-06-20\n";

fn offboarded(revoked: &str) -> String {
    person(&format!(
        "left: 2026-02-27\noffboarding: {{handover_to: p-2, handover_at: 2026-02-26, access_revoked_at: {revoked}, records_archived: true}}\n"
    ))
}

#[test]
fn hr001_expired_qualification_of_an_active_person() {
    let p = person("qualifications:\n  - {name: Oracle OCP, expires: 2026-10-30}\n");
    let (located, findings) = run_rule("HR-001", &[("p.yaml", &p)], "2026-10-31");
    assert_eq!(located, vec![at("HR-001", "p.yaml", 7, 33)]);
    assert_eq!(findings[0].message.en, "qualification `Oracle OCP` of p-1 expired on 2026-10-30, before 2026-10-31");
    // Valid through its expiry day.
    assert!(run_rule("HR-001", &[("p.yaml", &p)], "2026-10-30").0.is_empty());
    // No expiry: never expires.
    let p = person("qualifications:\n  - {name: 软考中级}\n");
    assert!(run_rule("HR-001", &[("p.yaml", &p)], "2026-10-31").0.is_empty());
}

#[test]
fn hr001_only_active_people() {
    let left = offboarded("2026-02-27").replace(
        "records_archived: true}\n",
        "records_archived: true}\nqualifications:\n  - {name: OCP, expires: 2026-10-30}\n",
    );
    assert!(run_rule("HR-001", &[("p.yaml", &left), ("q.yaml", P2)], "2026-10-31").0.is_empty());
}

#[test]
fn hr002_left_without_offboarding() {
    let p = person("left: 2026-02-27\n");
    let (located, findings) = run_rule("HR-002", &[("p.yaml", &p)], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 2, 5)]);
    assert!(findings[0].message.en.starts_with("p-1 left on 2026-02-27 but has no `offboarding` record"));
    assert_eq!(findings[0].labels.len(), 1);
    // Not yet left at as-of: not judged.
    assert!(run_rule("HR-002", &[("p.yaml", &p)], "2026-02-26").0.is_empty());
}

#[test]
fn hr002_access_revoked_within_one_day_inclusive() {
    let on_time = offboarded("2026-02-28");
    assert!(run_rule("HR-002", &[("p.yaml", &on_time), ("q.yaml", P2)], "2026-10-31").0.is_empty());
    let late = offboarded("2026-03-01");
    let (located, findings) = run_rule("HR-002", &[("p.yaml", &late), ("q.yaml", P2)], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 77)]);
    assert_eq!(
        findings[0].message.en,
        "access of p-1 was revoked on 2026-03-01, 2 days after leaving on 2026-02-27; policy requires revocation within 1 day (by 2026-02-28)"
    );
    // Not late while the revocation day has not passed.
    assert!(run_rule("HR-002", &[("p.yaml", &late), ("q.yaml", P2)], "2026-02-28").0.is_empty());
}

#[test]
fn hr002_revocation_days_is_the_policy_parameter() {
    let next_day = offboarded("2026-02-28");
    let files = [("engagement.yaml", BASE), ("p.yaml", next_day.as_str()), ("q.yaml", P2)];
    let (located, _) = run_rules(&files, "[policy]\naccess_revocation_days = 0\n", &["HR-002"], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 77)]);
    let same_day = offboarded("2026-02-27");
    let files = [("engagement.yaml", BASE), ("p.yaml", same_day.as_str()), ("q.yaml", P2)];
    assert!(run_rules(&files, "[policy]\naccess_revocation_days = 0\n", &["HR-002"], "2026-10-31").0.is_empty());
}

#[test]
fn hr002_handover_to_someone_who_had_left() {
    let p = offboarded("2026-02-27");
    let gone = |day: &str| {
        format!(
            "{P2}left: {day}\noffboarding: {{handover_to: p-1, handover_at: 2026-01-30, access_revoked_at: 2026-01-31, records_archived: true}}\n"
        )
    };
    // p-2 left on the handover day: too late to take over.
    let (located, findings) = run_rule("HR-002", &[("p.yaml", &p), ("q.yaml", &gone("2026-02-26"))], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 28)]);
    assert_eq!(findings[0].message.en, "p-1 handed over on 2026-02-26 to p-2, who had already left on 2026-02-26");
    assert_eq!(findings[0].labels.len(), 1);
    // p-2 left the day after the handover: fine (its own offboarding hands back to p-1, who was still there).
    assert!(run_rule("HR-002", &[("p.yaml", &p), ("q.yaml", &gone("2026-02-27"))], "2026-10-31").0.is_empty());
}

fn onboarding(day: &str) -> String {
    format!("kind: Training\nid: T-1\ntopic: onboarding\nheld_at: {day}\nattendees: [p-1]\n")
}

#[test]
fn hr003_onboarding_on_or_before_joining() {
    let p = person("");
    assert!(run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &onboarding("2025-06-20"))], "2026-10-31").0.is_empty());
    let (located, findings) =
        run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &onboarding("2025-06-21"))], "2026-10-31");
    assert_eq!(located, vec![at("HR-003", "p.yaml", 2, 5)]);
    assert_eq!(findings[0].message.en, "p-1 joined on 2025-06-20 without onboarding training on or before 2025-06-20");
    // The joining date and the late training are labelled.
    assert_eq!(findings[0].labels.len(), 2);
    // Another topic does not count.
    let other = onboarding("2025-06-18").replace("topic: onboarding", "topic: operations");
    assert_eq!(
        run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &other)], "2026-10-31").0,
        vec![at("HR-003", "p.yaml", 2, 5)]
    );
}

#[test]
fn hr003_grace_days_and_judging_day() {
    let p = person("");
    let t = onboarding("2025-06-25");
    let files = [("engagement.yaml", BASE), ("p.yaml", p.as_str()), ("t.yaml", t.as_str())];
    assert!(
        run_rules(&files, "[policy]\nonboarding_training_grace_days = 5\n", &["HR-003"], "2026-10-31").0.is_empty()
    );
    assert_eq!(
        run_rules(&files, "[policy]\nonboarding_training_grace_days = 4\n", &["HR-003"], "2026-10-31").0,
        vec![at("HR-003", "p.yaml", 2, 5)]
    );
    // Not judged until the day by which training was due has passed.
    assert!(run_rule("HR-003", &[("p.yaml", &p)], "2025-06-20").0.is_empty());
    assert_eq!(run_rule("HR-003", &[("p.yaml", &p)], "2025-06-21").0, vec![at("HR-003", "p.yaml", 2, 5)]);
}

/// The base engagement with a term from 2026-01-01, adopted on 2026-11-01.
fn adopted() -> String {
    BASE.replace(
        "term: {start: 2025-07-01, end: 2027-06-30}",
        "term: {start: 2026-01-01, end: 2027-12-31}\nrecords_from: 2026-11-01",
    )
}

#[test]
fn hr003_onboarding_due_before_records_from_is_not_judged() {
    let eng = adopted();
    let joined = |day: &str| person("").replace("joined: 2025-06-20", &format!("joined: {day}"));
    let judged = |day: &str, config: &str| {
        let p = joined(day);
        run_rules(&[("engagement.yaml", eng.as_str()), ("p.yaml", p.as_str())], config, &["HR-003"], "2026-12-31").0
    };
    // Seven people who joined from February to August, without onboarding records: history
    // the adopted repository never held.
    for month in 2..=8 {
        assert!(judged(&format!("2026-{month:02}-01"), "").is_empty(), "{month}");
    }
    // Due the day before `records_from`: not judged; due on it: judged.
    assert!(judged("2026-10-31", "").is_empty());
    assert_eq!(judged("2026-11-01", ""), vec![at("HR-003", "p.yaml", 2, 5)]);
    // It is the due day that counts, not the joining day: joined before, due on records_from.
    let grace = "[policy]\nonboarding_training_grace_days = 5\n";
    assert!(judged("2026-10-26", grace).is_empty());
    assert_eq!(judged("2026-10-27", grace), vec![at("HR-003", "p.yaml", 2, 5)]);
    // Without `records_from` the joiners of February are judged.
    let p = joined("2026-02-01");
    let plain =
        BASE.replace("term: {start: 2025-07-01, end: 2027-06-30}", "term: {start: 2026-01-01, end: 2027-12-31}");
    let files = [("engagement.yaml", plain.as_str()), ("p.yaml", p.as_str())];
    assert_eq!(run_rules(&files, "", &["HR-003"], "2026-12-31").0, vec![at("HR-003", "p.yaml", 2, 5)]);
}

#[test]
fn hr004_active_person_without_nda() {
    assert_eq!(run_rule("HR-004", &[("p.yaml", &person(""))], "2026-10-31").0, vec![at("HR-004", "p.yaml", 2, 5)]);
    assert!(run_rule("HR-004", &[("p.yaml", &person("nda_signed_at: 2025-06-20\n"))], "2026-10-31").0.is_empty());
    // Signed after as-of: not yet evidence; reported at the date, with the joining day labelled.
    let later = person("nda_signed_at: 2026-11-02\n");
    let (located, findings) = run_rule("HR-004", &[("p.yaml", &later)], "2026-10-31");
    assert_eq!(located, vec![at("HR-004", "p.yaml", 6, 16)]);
    assert_eq!(findings[0].labels.len(), 1);
    // People who have left, or not yet joined, are not judged.
    assert!(
        run_rule("HR-004", &[("p.yaml", &offboarded("2026-02-27")), ("q.yaml", P2)], "2026-10-31")
            .0
            .iter()
            .all(|l| l.1 == "q.yaml")
    );
    assert!(run_rule("HR-004", &[("p.yaml", &person(""))], "2025-06-19").0.is_empty());
}

#[test]
fn hr004_the_nda_is_signed_by_joining_plus_the_grace_days() {
    // Joined 2025-06-20; signed seven months later: fails even though signed before as-of.
    let late = person("nda_signed_at: 2026-01-20\n");
    let (located, findings) = run_rule("HR-004", &[("p.yaml", &late)], "2026-10-31");
    assert_eq!(located, vec![at("HR-004", "p.yaml", 6, 16)]);
    assert_eq!(
        findings[0].message.en,
        "p-1 signed the confidentiality agreement on 2026-01-20, after joining on 2025-06-20; it is required by 2025-06-20"
    );
    assert_eq!(
        findings[0].message.zh,
        "李娜（p-1）于 2025-06-20 入场，保密协议至 2026-01-20 才签署；应不晚于 2025-06-20 签署"
    );
    // On the joining day passes; a day later fails; the grace days move the limit.
    assert!(run_rule("HR-004", &[("p.yaml", &person("nda_signed_at: 2025-06-20\n"))], "2026-10-31").0.is_empty());
    let next_day = person("nda_signed_at: 2025-06-21\n");
    assert_eq!(run_rule("HR-004", &[("p.yaml", &next_day)], "2026-10-31").0, vec![at("HR-004", "p.yaml", 6, 16)]);
    let files = [("engagement.yaml", BASE), ("p.yaml", next_day.as_str())];
    let grace = "[policy]\nonboarding_training_grace_days = 1\n";
    assert!(run_rules(&files, grace, &["HR-004"], "2026-10-31").0.is_empty());
    // Within the grace days nothing is late yet, even unsigned.
    let files = [("engagement.yaml", BASE), ("p.yaml", &person(""))];
    let grace = "[policy]\nonboarding_training_grace_days = 5\n";
    assert!(run_rules(&files, grace, &["HR-004"], "2025-06-25").0.is_empty());
    assert_eq!(run_rules(&files, grace, &["HR-004"], "2025-06-26").0, vec![at("HR-004", "p.yaml", 2, 5)]);
}

#[test]
fn hr002_handover_after_leaving_or_to_someone_already_gone() {
    // Handed over the day after leaving.
    let after = offboarded("2026-02-27").replace("handover_at: 2026-02-26", "handover_at: 2026-02-28");
    let (located, findings) = run_rule("HR-002", &[("p.yaml", &after), ("q.yaml", P2)], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 46)]);
    assert_eq!(
        findings[0].message.en,
        "p-1 handed over on 2026-02-28, after leaving on 2026-02-27; the handover must be done on or before the leaving day"
    );
    // On the leaving day passes.
    let same_day = offboarded("2026-02-27").replace("handover_at: 2026-02-26", "handover_at: 2026-02-27");
    assert!(run_rule("HR-002", &[("p.yaml", &same_day), ("q.yaml", P2)], "2026-10-31").0.is_empty());
    // To a person who had left before the handover.
    let gone = P2.to_owned()
        + "left: 2026-01-31\noffboarding: {handover_to: p-1, handover_at: 2026-01-30, access_revoked_at: 2026-01-31, records_archived: true}\n";
    let (located, _) = run_rule("HR-002", &[("p.yaml", &offboarded("2026-02-27")), ("q.yaml", &gone)], "2026-10-31");
    assert_eq!(located, vec![at("HR-002", "p.yaml", 7, 28)]);
}

#[test]
fn hr001_certified_roles_and_background_checks() {
    let p = person("qualifications:\n  - {name: Oracle OCP, expires: 2026-10-30}\n")
        .replace("role: 运维工程师", "role: dba");
    let files = [("engagement.yaml", BASE), ("p.yaml", p.as_str())];
    let certified = "[policy]\ncertified_roles = [\"dba\"]\n";
    // The only qualification expired: the expiry and the role are both reported.
    let (located, findings) = run_rules(&files, certified, &["HR-001"], "2026-10-31");
    assert_eq!(located, vec![at("HR-001", "p.yaml", 4, 7), at("HR-001", "p.yaml", 7, 33)]);
    assert_eq!(
        findings[0].message.en,
        "p-1 works as `dba`, a role the policy's `certified_roles` requires a qualification for, but holds no valid qualification on 2026-10-31"
    );
    // Valid on its expiry day; by default no role needs one.
    assert!(run_rules(&files, certified, &["HR-001"], "2026-10-30").0.is_empty());
    assert_eq!(run_rules(&files, "", &["HR-001"], "2026-10-31").0, vec![at("HR-001", "p.yaml", 7, 33)]);
    let none = person("").replace("role: 运维工程师", "role: dba");
    let files = [("engagement.yaml", BASE), ("p.yaml", none.as_str())];
    assert_eq!(run_rules(&files, certified, &["HR-001"], "2026-10-31").0, vec![at("HR-001", "p.yaml", 4, 7)]);

    // Background checks, when the policy requires them: on or before joining.
    let required = "[policy]\nbackground_check_required = true\n";
    let files = [("engagement.yaml", BASE), ("p.yaml", &person(""))];
    assert!(run_rules(&files, "", &["HR-001"], "2026-10-31").0.is_empty());
    let (located, findings) = run_rules(&files, required, &["HR-001"], "2026-10-31");
    assert_eq!(located, vec![at("HR-001", "p.yaml", 2, 5)]);
    assert!(findings[0].message.zh.contains("缺少 `background_checked_at`"), "{}", findings[0].message.zh);
    let on_time = person("background_checked_at: 2025-06-20\n");
    let files = [("engagement.yaml", BASE), ("p.yaml", on_time.as_str())];
    assert!(run_rules(&files, required, &["HR-001"], "2026-10-31").0.is_empty());
    let late = person("background_checked_at: 2025-06-21\n");
    let files = [("engagement.yaml", BASE), ("p.yaml", late.as_str())];
    assert_eq!(run_rules(&files, required, &["HR-001"], "2026-10-31").0, vec![at("HR-001", "p.yaml", 6, 24)]);
}

#[test]
fn hr003_attendee_named_by_unique_name_counts_a_shared_name_does_not() {
    let p = person("");
    let by_name = onboarding("2025-06-20").replace("[p-1]", "[李娜]");
    assert!(run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &by_name)], "2026-10-31").0.is_empty());
    // p-3 is also 李娜: the name names neither, so p-1 was not trained (and neither was p-3).
    let twin = P2.replace("id: p-2", "id: p-3").replace("王磊", "李娜");
    let (located, _) = run_rule("HR-003", &[("p.yaml", &p), ("q.yaml", &twin), ("t.yaml", &by_name)], "2026-10-31");
    assert_eq!(located, vec![at("HR-003", "p.yaml", 2, 5), at("HR-003", "q.yaml", 2, 5)]);
    // Listed by id and by name: one session, still on time.
    let both = onboarding("2025-06-20").replace("[p-1]", "[p-1, 李娜]");
    assert!(run_rule("HR-003", &[("p.yaml", &p), ("t.yaml", &both)], "2026-10-31").0.is_empty());
}
