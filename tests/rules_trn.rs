#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the training rules (TRN-*): rule id, file, line and column.

use crate::common;
use common::*;

fn person(id: &str, extra: &str) -> String {
    format!("kind: Person\nid: {id}\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\n{extra}")
}

fn training(id: &str, topic: &str, day: &str, attendees: &str) -> String {
    format!("kind: Training\nid: {id}\ntopic: {topic}\nheld_at: {day}\nattendees: [{attendees}]\n")
}

const PLAN: &str = "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: Ⅰ级, criteria: c, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-1}\nresources: [r]\n";

#[test]
fn trn001_security_training_twelve_months_inclusive() {
    let p = person("p-1", "");
    let t = training("T-1", "security-awareness", "2025-10-31", "p-1");
    assert!(run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", &t)], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", &t)], "2026-11-01");
    assert_eq!(located, vec![at("TRN-001", "p.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "the last security-awareness training attended by p-1 was on 2025-10-31, 366 days before 2026-11-01; one is required every 12 months (due 2026-10-31)"
    );
    // The training is labelled.
    assert_eq!(findings[0].labels.len(), 1);
}

#[test]
fn trn001_only_security_awareness_sessions_the_person_attended() {
    let p = person("p-1", "");
    let other_topic = training("T-1", "operations", "2026-09-01", "p-1");
    let other_person = training("T-1", "security-awareness", "2026-09-01", "p-2");
    for t in [other_topic, other_person] {
        let q = person("p-2", "");
        let (located, findings) = run_rule(
            "TRN-001",
            &[("p.yaml", &p), ("q.yaml", &q.replace("李娜", "王磊")), ("t.yaml", &t)],
            "2026-10-31",
        );
        assert!(located.contains(&at("TRN-001", "p.yaml", 2, 5)), "{located:?}");
        let ours = findings.iter().find(|f| f.record.as_ref().unwrap().id == "p-1").unwrap();
        // Joined before the term started (2025-07-01): the duty starts with the term.
        assert!(ours.message.en.starts_with("no security-awareness training attended by p-1 since 2025-07-01"));
    }
}

#[test]
fn trn001_first_training_due_one_interval_after_joining() {
    let p = person("p-1", "").replace("joined: 2025-06-20", "joined: 2025-08-20");
    // Joined 2025-08-20, after the term started: due 2026-08-20.
    assert!(run_rule("TRN-001", &[("p.yaml", &p)], "2026-08-20").0.is_empty());
    assert_eq!(run_rule("TRN-001", &[("p.yaml", &p)], "2026-08-21").0, vec![at("TRN-001", "p.yaml", 2, 5)]);
    // Joined 2025-06-20, before the term started on 2025-07-01: a periodic duty starts no
    // earlier than the term (decision 8), so due 2026-07-01.
    let p = person("p-1", "");
    assert!(run_rule("TRN-001", &[("p.yaml", &p)], "2026-07-01").0.is_empty());
    assert_eq!(run_rule("TRN-001", &[("p.yaml", &p)], "2026-07-02").0, vec![at("TRN-001", "p.yaml", 2, 5)]);
}

#[test]
fn trn001_judges_active_people_only_and_ignores_later_sessions() {
    // Left on or before as-of: not judged.
    let left = person(
        "p-1",
        "left: 2026-10-31\noffboarding: {handover_to: p-1, handover_at: 2026-10-30, access_revoked_at: 2026-10-31, records_archived: true}\n",
    );
    assert!(run_rule("TRN-001", &[("p.yaml", &left)], "2026-10-31").0.is_empty());
    // Leaving after as-of: still active.
    assert_eq!(run_rule("TRN-001", &[("p.yaml", &left)], "2026-10-30").0, vec![at("TRN-001", "p.yaml", 2, 5)]);
    // Joined after as-of: not judged.
    let later = person("p-1", "").replace("joined: 2025-06-20", "joined: 2026-11-01");
    assert!(run_rule("TRN-001", &[("p.yaml", &later)], "2026-10-31").0.is_empty());
    // A session after as-of does not count.
    let p = person("p-1", "");
    let t = training("T-1", "security-awareness", "2026-11-02", "p-1");
    assert_eq!(
        run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", &t)], "2026-10-31").0,
        vec![at("TRN-001", "p.yaml", 2, 5)]
    );
}

#[test]
fn trn001_interval_is_the_policy_parameter() {
    let p = person("p-1", "");
    let t = training("T-1", "security-awareness", "2026-03-31", "p-1");
    let files = [("engagement.yaml", BASE), ("p.yaml", p.as_str()), ("t.yaml", t.as_str())];
    let config = "[policy]\nsecurity_training_interval_months = 6\n";
    assert!(run_rules(&files, config, &["TRN-001"], "2026-09-30").0.is_empty());
    assert_eq!(run_rules(&files, config, &["TRN-001"], "2026-10-01").0, vec![at("TRN-001", "p.yaml", 2, 5)]);
}

#[test]
fn trn002_people_named_in_an_emergency_plan() {
    let p = person("p-1", "");
    let (located, findings) = run_rule("TRN-002", &[("p.yaml", &p), ("e.yaml", PLAN)], "2026-10-31");
    assert_eq!(located, vec![at("TRN-002", "p.yaml", 2, 5)]);
    assert!(
        findings[0].message.en.starts_with("no emergency-response training attended by p-1 (应急总指挥 in plan EP-1)")
    );
    // The role in the plan is labelled.
    assert_eq!(findings[0].labels.len(), 1);
    // Not named in any plan: not judged.
    assert!(run_rule("TRN-002", &[("p.yaml", &p)], "2026-10-31").0.is_empty());
    // Security-awareness training is not emergency-response training.
    let sec = training("T-1", "security-awareness", "2026-09-01", "p-1");
    assert_eq!(
        run_rule("TRN-002", &[("p.yaml", &p), ("e.yaml", PLAN), ("t.yaml", &sec)], "2026-10-31").0,
        vec![at("TRN-002", "p.yaml", 2, 5)]
    );
}

#[test]
fn trn002_emergency_training_twelve_months_inclusive() {
    let p = person("p-1", "");
    let t = training("T-1", "emergency-response", "2025-10-31", "p-1");
    let files = [("p.yaml", p.as_str()), ("e.yaml", PLAN), ("t.yaml", t.as_str())];
    assert!(run_rule("TRN-002", &files, "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("TRN-002", &files, "2026-11-01");
    assert_eq!(located, vec![at("TRN-002", "p.yaml", 2, 5)]);
    assert_eq!(findings[0].labels.len(), 2);
}

#[test]
fn training_duties_start_at_records_from() {
    // Term from 2026-01-01, adopted on 2026-11-01 (line 7); p-1 joined on 2026-02-01 and
    // holds a role in plan EP-1, with no training on record.
    let term = "term: {start: 2025-07-01, end: 2027-06-30}";
    let plain = BASE.replace(term, "term: {start: 2026-01-01, end: 2027-12-31}");
    let eng = plain.replace("end: 2027-12-31}", "end: 2027-12-31}\nrecords_from: 2026-11-01");
    let p = person("p-1", "").replace("joined: 2025-06-20", "joined: 2026-02-01");
    let run = |eng: &str, rule: &str, as_of: &str| {
        run_rules(&[("engagement.yaml", eng), ("p.yaml", p.as_str()), ("plan.yaml", PLAN)], "", &[rule], as_of)
    };
    for rule in ["TRN-001", "TRN-002"] {
        // Without `records_from` the first training was due a year after joining.
        assert_eq!(run(&plain, rule, "2027-02-02").0, vec![at(rule, "p.yaml", 2, 5)]);
        // With it, a year after `records_from`: not before 2027-11-01 has passed.
        assert!(run(&eng, rule, "2027-02-02").0.is_empty(), "{rule}");
        assert!(run(&eng, rule, "2027-11-01").0.is_empty(), "{rule}");
        let (located, findings) = run(&eng, rule, "2027-11-02");
        assert_eq!(located, vec![at(rule, "p.yaml", 2, 5)]);
        assert!(findings[0].message.en.contains("since 2026-11-01;"), "{}", findings[0].message.en);
        assert!(findings[0].message.en.ends_with("(due 2027-11-01)"), "{}", findings[0].message.en);
        // `records_from` is labelled: it is why nothing earlier counts.
        assert!(findings[0].labels.iter().any(|l| l.message.en == "records begin here (`records_from`)"));
    }
}

#[test]
fn attendee_and_plan_role_named_by_unique_name_count_a_shared_name_does_not() {
    let p = person("p-1", "");
    let twin = person("p-3", "");
    // TRN-001: a session listing 李娜 by name.
    let sec = training("T-1", "security-awareness", "2026-09-01", "李娜");
    assert!(run_rule("TRN-001", &[("p.yaml", &p), ("t.yaml", &sec)], "2026-10-31").0.is_empty());
    let (located, _) = run_rule("TRN-001", &[("p.yaml", &p), ("q.yaml", &twin), ("t.yaml", &sec)], "2026-10-31");
    assert_eq!(located, vec![at("TRN-001", "p.yaml", 2, 5), at("TRN-001", "q.yaml", 2, 5)]);
    // TRN-002: the plan names 李娜 by name; the untrained person is judged, the trained one not.
    let plan = PLAN.replace("person: p-1", "person: 李娜");
    let (located, findings) = run_rule("TRN-002", &[("p.yaml", &p), ("e.yaml", &plan)], "2026-10-31");
    assert_eq!(located, vec![at("TRN-002", "p.yaml", 2, 5)]);
    // The role is labelled where the plan names the person.
    assert_eq!(findings[0].labels.len(), 1);
    let emr = training("T-2", "emergency-response", "2026-09-01", "李娜");
    assert!(run_rule("TRN-002", &[("p.yaml", &p), ("e.yaml", &plan), ("t.yaml", &emr)], "2026-10-31").0.is_empty());
    // Shared by p-1 and p-3: the plan's role names neither, so TRN-002 judges nobody, and the
    // session named by it counts for nobody either.
    let files =
        [("p.yaml", p.as_str()), ("q.yaml", twin.as_str()), ("e.yaml", plan.as_str()), ("t.yaml", emr.as_str())];
    assert!(run_rule("TRN-002", &files, "2026-10-31").0.is_empty());
    let by_id = PLAN.to_string();
    let files =
        [("p.yaml", p.as_str()), ("q.yaml", twin.as_str()), ("e.yaml", by_id.as_str()), ("t.yaml", emr.as_str())];
    assert_eq!(run_rule("TRN-002", &files, "2026-10-31").0, vec![at("TRN-002", "p.yaml", 2, 5)]);
}
