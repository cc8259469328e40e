#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the acceptance, feedback, improvement and emergency rules
//! (ACC-*, FBK-*, IMP-*, EMR-*): rule id, file, line and column.

mod common;
use common::*;

#[test]
fn acc001_conditional_acceptance_needs_a_follow_up() {
    let a = "kind: Acceptance\nid: A-1\nsubject: s\ncriteria: [c]\nresult: failed\naccepted_by: 周敏\naccepted_at: 2026-08-28\n";
    assert_eq!(run_rule("ACC-001", &[("a.yaml", a)], "2026-10-31").0, vec![at("ACC-001", "a.yaml", 5, 9)]);
    let ok = a.replace("result: failed", "result: passed");
    assert!(run_rule("ACC-001", &[("a.yaml", &ok)], "2026-10-31").0.is_empty());
}

const FB: &str =
    "kind: Feedback\nid: FB-1\nreceived_at: 2026-10-28T10:00:00+08:00\nchannel: phone\nclass: urgent\nsummary: s\n";

#[test]
fn fbk001_closed_without_confirmation() {
    let f = format!("{FB}resolution: {{at: 2026-10-29T10:00:00+08:00, summary: done}}\nstatus: closed\n");
    let (located, findings) = run_rule("FBK-001", &[("f.yaml", &f)], "2026-10-31");
    assert_eq!(located, vec![at("FBK-001", "f.yaml", 8, 9)]);
    assert!(findings[0].message.en.ends_with("without customer_confirmed_at"));
}

#[test]
fn fbk002_urgent_feedback_open_beyond_three_days() {
    // Received 10-28 10:00; the end of 10-31 is 3 days 14 hours later.
    let f = format!("{FB}status: open\n");
    assert_eq!(run_rule("FBK-002", &[("f.yaml", &f)], "2026-10-31").0, vec![at("FBK-002", "f.yaml", 7, 9)]);
    // Exactly three days before the end of the as-of day passes.
    let f = f.replace("2026-10-28T10:00:00", "2026-10-29T00:00:00");
    assert!(run_rule("FBK-002", &[("f.yaml", &f)], "2026-10-31").0.is_empty());
}

#[test]
fn imp001_late_and_unevaluated_improvements() {
    let i = "kind: Improvement\nid: IMP-1\ngoal: g\nmeasures: [m]\nowner: o\ndue: 2026-10-31\nstatus: in-progress\n";
    assert!(run_rule("IMP-001", &[("i.yaml", i)], "2026-10-31").0.is_empty());
    assert_eq!(run_rule("IMP-001", &[("i.yaml", i)], "2026-11-01").0, vec![at("IMP-001", "i.yaml", 6, 6)]);
    let done = i.replace("status: in-progress", "status: done");
    assert_eq!(run_rule("IMP-001", &[("i.yaml", &done)], "2026-10-31").0, vec![at("IMP-001", "i.yaml", 7, 9)]);
}

const PLAN: &str = "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2025-10-31\nlevels:\n  - {level: I, criteria: c, response: 15m}\nroles:\n  - {role: 总指挥, person: p-1}\nresources: [r]\n";
const PERSON: &str = "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-06-20\n";

#[test]
fn emr001_engagement_without_plan() {
    assert_eq!(run_rule("EMR-001", &[], "2026-10-31").0, vec![at("EMR-001", "engagement.yaml", 2, 5)]);
    assert!(run_rule("EMR-001", &[("p.yaml", PLAN), ("x.yaml", PERSON)], "2026-10-31").0.is_empty());
}

#[test]
fn emr002_drill_within_twelve_months_and_failed_drill_actions() {
    let drill = "kind: Drill\nid: D-1\nplan: EP-1\nheld_at: 2025-10-31\nscenario: s\noutcome: failed\nevaluation: e\n";
    let files = [("p.yaml", PLAN), ("x.yaml", PERSON), ("d.yaml", drill)];
    let (located, _) = run_rule("EMR-002", &files, "2026-10-31");
    // On time (exactly 12 months), but the failed drill lists no actions.
    assert_eq!(located, vec![at("EMR-002", "d.yaml", 6, 10)]);
    let (located, _) = run_rule("EMR-002", &files, "2026-11-01");
    assert_eq!(located, vec![at("EMR-002", "p.yaml", 2, 5), at("EMR-002", "d.yaml", 6, 10)]);
}

#[test]
fn emr003_plan_review_interval_is_inclusive() {
    let files = [("p.yaml", PLAN), ("x.yaml", PERSON)];
    assert!(run_rule("EMR-003", &files, "2026-10-31").0.is_empty());
    assert_eq!(run_rule("EMR-003", &files, "2026-11-01").0, vec![at("EMR-003", "p.yaml", 4, 14)]);
}
