#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the change rules (CHG-*): rule id, file, line and column.

mod common;
use common::*;

fn change(risk: &str) -> String {
    build::change("CHG-1").risk(risk).yaml()
}

#[test]
fn chg004_level_must_be_the_matrix_cell() {
    let ok = change("{likelihood: 2, impact: 5, level: high}");
    let (located, _) = run_rule("CHG-004", &[("c.yaml", &ok)], "2026-10-31");
    assert!(located.is_empty());
    let bad = change("{likelihood: 2, impact: 5, level: medium}");
    let (located, findings) = run_rule("CHG-004", &[("c.yaml", &bad)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-004", "c.yaml", 9, 41)]);
    assert!(findings[0].message.en.contains("is `high`"));
    assert_eq!(findings[0].labels.len(), 2);
}

#[test]
fn chg004_uses_the_policy_matrix() {
    let config = "[policy]\nrisk_matrix = [\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"critical\"],\n]\n";
    let c = change("{likelihood: 2, impact: 5, level: low}");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &c)], config, &["CHG-004"], "2026-10-31");
    assert!(located.is_empty());
}

#[test]
fn chg004_out_of_range_scores_are_type_errors() {
    // records.md types them `1–5`: a score outside is GEN-003 at the value, not a CHG-004 finding.
    let c = change("{likelihood: 6, impact: 0, level: low}");
    let (located, findings) =
        run_rules(&[("engagement.yaml", BASE), ("c.yaml", &c)], "", &["GEN-003", "CHG-004"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "c.yaml", 9, 20), at("GEN-003", "c.yaml", 9, 31)], "{findings:?}");
}

/// A change with the given class and extra lines (line 11 is the first extra line).
fn chg_with(class: &str, extra: &str, status: &str) -> String {
    build::change("CHG-1").class(class).raw(extra).status(status).yaml()
}

const IMPL: &str = "schedule: {start: 2026-10-15T21:00:00+08:00, end: 2026-10-15T23:00:00+08:00}\nimplementation: {by: 王磊, started_at: 2026-10-15T21:10:00+08:00, finished_at: 2026-10-15T22:20:00+08:00}\n";

fn approval(by: &str, role: &str, party: &str, at: &str, decision: &str) -> String {
    format!("  - {{by: {by}, role: {role}, party: {party}, at: {at}, decision: {decision}}}\n")
}

#[test]
fn chg001_empty_services() {
    let c = chg_with("normal", "", "requested").replace("services: [helpdesk]", "services: []");
    assert_eq!(run_rule("CHG-001", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-001", "c.yaml", 8, 20)]);
}

#[test]
fn chg002_approval_must_precede_implementation() {
    let ok = format!(
        "approvals:\n{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-15T21:00:00+08:00", "approved")
    );
    assert!(run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &ok, "implemented"))], "2026-10-31").0.is_empty());
    // Approved after the start: reported at the approval's time.
    let late = format!(
        "approvals:\n{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-15T21:20:00+08:00", "approved")
    );
    let (located, _) = run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &late, "implemented"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 12, 58)]);
    // A lower role does not satisfy a higher one; a higher one satisfies a lower one.
    let low = format!(
        "approvals:\n{}{IMPL}",
        approval("李", "change-manager", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    assert_eq!(run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &low, "implemented"))], "2026-10-31").0.len(), 1);
    let high = format!(
        "approvals:\n{}{IMPL}",
        approval("王总", "senior-management", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    assert!(run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &high, "implemented"))], "2026-10-31").0.is_empty());
}

#[test]
fn chg002_major_needs_a_customer_approval() {
    let a = format!(
        "approvals:\n{}{IMPL}",
        approval("张伟", "itsm-committee", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let (located, findings) = run_rule("CHG-002", &[("c.yaml", &chg_with("major", &a, "implemented"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 12, 3)]);
    assert!(findings[0].message.en.contains("customer"));
}

#[test]
fn chg002_implemented_after_a_rejection() {
    let a = format!(
        "approvals:\n{}{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-13T10:00:00+08:00", "approved"),
        approval("张伟", "department-head", "provider", "2026-10-14T10:00:00+08:00", "rejected")
    );
    let (located, _) = run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &a, "implemented"))], "2026-10-31");
    // The approval no longer stands, and the change went ahead after the rejection.
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 12, 3), at("CHG-002", "c.yaml", 15, 38)]);
}

#[test]
fn chg002_emergency_approvals_within_two_working_days() {
    // Finished Thu 2026-10-15; two working days later is Mon 10-19 (cn-workdays).
    let emergency = |at: &str| {
        format!(
            "emergency: true\nemergency_authorization: {{by: 张伟, at: 2026-10-15T21:00:00+08:00}}\napprovals:\n{}{IMPL}",
            approval("张伟", "department-head", "provider", at, "approved")
        )
    };
    let on_time = chg_with("normal", &emergency("2026-10-19T17:00:00+08:00"), "implemented");
    assert!(run_rule("CHG-002", &[("c.yaml", &on_time)], "2026-10-31").0.is_empty());
    let late = chg_with("normal", &emergency("2026-10-20T09:00:00+08:00"), "implemented");
    assert_eq!(run_rule("CHG-002", &[("c.yaml", &late)], "2026-10-31").0, vec![at("CHG-002", "c.yaml", 14, 58)]);
}

#[test]
fn chg003_missing_cost_is_a_warning_for_normal_changes() {
    let c = chg_with("normal", "", "requested").replace(", cost: c}", "}");
    let (located, findings) = run_rule("CHG-003", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-003", "c.yaml", 8, 1)]);
    assert_eq!(findings[0].severity, itos::model::Severity::Warning);
    let c = chg_with("critical", "", "requested").replace(", cost: c}", "}");
    let (_, findings) = run_rule("CHG-003", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(findings[0].severity, itos::model::Severity::Error);
}

#[test]
fn chg005_implementation_outside_the_window() {
    let c = chg_with(
        "normal",
        &IMPL.replace("finished_at: 2026-10-15T22:20", "finished_at: 2026-10-15T23:20"),
        "implemented",
    );
    assert_eq!(run_rule("CHG-005", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-005", "c.yaml", 12, 78)]);
    // Something missing is reported at the record's id (rules.md).
    let c = chg_with("normal", "", "closed");
    assert_eq!(run_rule("CHG-005", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-005", "c.yaml", 2, 5)]);
}

#[test]
fn chg006_failed_verification_needs_a_rollback_or_follow_up() {
    let v = "verification: {by: 李娜, at: 2026-10-15T22:40:00+08:00, result: failed, checks: {functional: failed, performance: n/a, security: passed}}\n";
    let c = chg_with("normal", &format!("{IMPL}{v}"), "implemented");
    assert_eq!(run_rule("CHG-006", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-006", "c.yaml", 13, 63)]);
    let follow = chg_with("normal", "follows: CHG-1\n", "requested").replace("id: CHG-1", "id: CHG-2");
    assert!(run_rule("CHG-006", &[("c.yaml", &c), ("d.yaml", &follow)], "2026-10-31").0.is_empty());
    let unverified = chg_with("normal", IMPL, "implemented");
    assert_eq!(run_rule("CHG-006", &[("c.yaml", &unverified)], "2026-10-31").0, vec![at("CHG-006", "c.yaml", 2, 5)]);
}

#[test]
fn chg006_verification_names_every_check_and_is_dated_by_as_of() {
    // Each of the three checks must be recorded, even as `n/a`: reported at `checks`.
    let v = "verification: {by: 李娜, at: 2026-10-15T22:40:00+08:00, result: passed, checks: {functional: passed}}\n";
    let c = chg_with("normal", &format!("{IMPL}{v}"), "implemented");
    let (found, messages) = run_rule("CHG-006", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(found, vec![at("CHG-006", "c.yaml", 13, 79)], "{messages:?}");
    assert!(messages[0].message.en.contains("performance, security"), "{messages:?}");
    let all = v.replace("{functional: passed}", "{functional: passed, performance: n/a, security: passed}");
    let c = chg_with("normal", &format!("{IMPL}{all}"), "implemented");
    assert!(run_rule("CHG-006", &[("c.yaml", &c)], "2026-10-31").0.is_empty());
    // A verification dated after as-of had not happened yet: the change is unverified.
    let later = all.replace("2026-10-15T22:40", "2026-11-02T10:00");
    let c = chg_with("normal", &format!("{IMPL}{later}"), "implemented");
    assert_eq!(run_rule("CHG-006", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-006", "c.yaml", 2, 5)]);
}

#[test]
fn chg007_rollback_plan_for_non_standard_changes() {
    let c = chg_with("normal", "", "requested").replace("rollback_plan: 回退\n", "");
    assert_eq!(run_rule("CHG-007", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-007", "c.yaml", 2, 5)]);
    let c = chg_with("standard", "", "requested").replace("rollback_plan: 回退\n", "");
    assert!(run_rule("CHG-007", &[("c.yaml", &c)], "2026-10-31").0.is_empty());
}

#[test]
fn chg008_implementer_as_sole_approver_or_verifier() {
    let person = build::person("p-wang").yaml();
    let a = format!(
        "approvals:\n{}{IMPL}verification: {{by: p-wang, at: 2026-10-15T22:40:00+08:00, result: passed, checks: {{functional: passed}}}}\n",
        approval("p-wang", "department-head", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let (located, _) =
        run_rule("CHG-008", &[("c.yaml", &chg_with("normal", &a, "verified")), ("p.yaml", &person)], "2026-10-31");
    // `p-wang` and `王磊` are the same person.
    assert_eq!(located, vec![at("CHG-008", "c.yaml", 14, 22), at("CHG-008", "c.yaml", 15, 20)]);
}

#[test]
fn chg011_freeze_dates_are_inclusive() {
    let eng = BASE.split("---").next().unwrap().replace("term:", "calendar: bank\nterm:");
    let cal = "kind: Calendar\nid: bank\ntimezone: Asia/Shanghai\nweek: {mon: [\"09:00-17:00\"]}\nfreeze:\n  - {from: 2026-09-28, to: 2026-10-08, reason: 国庆封网}\n";
    let change = |day: &str| {
        chg_with(
            "normal",
            &format!("schedule: {{start: {day}T22:00:00+08:00, end: {day}T23:00:00+08:00}}\n"),
            "scheduled",
        )
    };
    let files = |c: &str| vec![("e.yaml", eng.clone()), ("cal.yaml", cal.to_owned()), ("c.yaml", c.to_owned())];
    let run = |c: &str| {
        let f = files(c);
        let f: Vec<(&str, &str)> = f.iter().map(|(a, b)| (*a, b.as_str())).collect();
        run_rules(&f, "", &["CHG-011"], "2026-10-31").0
    };
    assert_eq!(run(&change("2026-10-08")), vec![at("CHG-011", "c.yaml", 11, 19)]);
    assert!(run(&change("2026-10-09")).is_empty());
}

#[test]
fn chg012_review_after_major_changes() {
    let c = chg_with("major", IMPL, "implemented");
    assert_eq!(run_rule("CHG-012", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-012", "c.yaml", 2, 5)]);
    let reviewed =
        chg_with("major", &format!("{IMPL}review: {{at: 2026-10-19T15:00:00+08:00, summary: 顺利}}\n"), "implemented");
    assert!(run_rule("CHG-012", &[("c.yaml", &reviewed)], "2026-10-31").0.is_empty());
}

#[test]
fn chg002_any_later_rejection_voids_an_approval() {
    // department-head approves, the change manager rejects, then approves again: the change
    // manager cannot satisfy the department-head requirement, and the first approval fell.
    let a = format!(
        "approvals:\n{}{}{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-12T10:00:00+08:00", "approved"),
        approval("赵敏", "change-manager", "provider", "2026-10-13T10:00:00+08:00", "rejected"),
        approval("赵敏", "change-manager", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let (located, findings) = run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &a, "implemented"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 12, 3)], "{findings:?}");
    // A new approval of the required role after the rejection stands.
    let renewed = a.replace(
        "{by: 赵敏, role: change-manager, party: provider, at: 2026-10-14",
        "{by: 张伟, role: department-head, party: provider, at: 2026-10-14",
    );
    assert!(
        run_rule("CHG-002", &[("c.yaml", &chg_with("normal", &renewed, "implemented"))], "2026-10-31").0.is_empty()
    );
}

#[test]
fn chg002_emergency_authorization_must_be_before_the_start() {
    // Authorised at the very instant the work started: not "before the start".
    let same = format!(
        "emergency: true\nemergency_authorization: {{by: 张伟, at: 2026-10-15T21:10:00+08:00}}\napprovals:\n{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-16T10:00:00+08:00", "approved")
    );
    let c = chg_with("normal", &same, "implemented");
    assert_eq!(run_rule("CHG-002", &[("c.yaml", &c)], "2026-10-31").0, vec![at("CHG-002", "c.yaml", 12, 39)]);
    let before = c.replace("at: 2026-10-15T21:10:00+08:00}", "at: 2026-10-15T21:09:00+08:00}");
    assert!(run_rule("CHG-002", &[("c.yaml", &before)], "2026-10-31").0.is_empty());
}

#[test]
fn chg012_a_review_dated_after_as_of_is_not_there_yet() {
    let reviewed =
        chg_with("major", &format!("{IMPL}review: {{at: 2026-11-03T15:00:00+08:00, summary: 顺利}}\n"), "implemented");
    assert_eq!(run_rule("CHG-012", &[("c.yaml", &reviewed)], "2026-10-31").0, vec![at("CHG-012", "c.yaml", 2, 5)]);
    assert!(run_rule("CHG-012", &[("c.yaml", &reviewed)], "2026-11-03").0.is_empty());
}

#[test]
fn as_of_ends_in_the_changes_own_engagement_zone() {
    // e2 is in New York: 2026-10-31T21:00-04:00 is still 31 October there, though already
    // 1 November in Beijing, where the first engagement is.
    let e2 = BASE
        .replace("id: demo", "id: e2")
        .replace("title: 示例服务项目", "title: 纽约项目\ntimezone: America/New_York");
    let v = "verification: {by: 李娜, at: 2026-10-31T21:00:00-04:00, result: passed, checks: {functional: passed, performance: n/a, security: passed}}\n";
    let c =
        chg_with("normal", &format!("{IMPL}{v}"), "implemented").replace("id: CHG-1\n", "id: CHG-1\nengagement: e2\n");
    let files = [("a.yaml", BASE), ("b.yaml", e2.as_str()), ("c.yaml", c.as_str())];
    let (located, findings) = run_rules(&files, "", &["CHG-006"], "2026-10-31");
    assert!(located.is_empty(), "{findings:#?}");
}

#[test]
fn builders_make_valid_records() {
    use build::{change, engagement, incident, person, sla};
    // The Engagement builder's defaults are the base engagement's.
    assert!(BASE.starts_with(&format!("{}---\n{}", engagement("demo").yaml(), sla("sla-helpdesk").yaml())));
    let records = [
        engagement("e1").yaml(),
        sla("sla-1").yaml(),
        change("CHG-1").approval("张伟", "department-head", "provider", "2026-10-02T10:00:00+08:00", "approved").yaml(),
        incident("I-1").engagement("e1").yaml(),
        person("p-wang").yaml(),
    ];
    let names = ["e.yaml", "s.yaml", "c.yaml", "i.yaml", "p.yaml"];
    let files: Vec<(&str, &str)> = names.into_iter().zip(records.iter().map(String::as_str)).collect();
    let general: Vec<&str> =
        itos::rules::all().iter().map(|r| r.meta().id).filter(|id| id.starts_with("GEN-")).collect();
    let (located, findings) = run_rules(&files, "", &general, "2026-10-31");
    assert!(located.is_empty(), "{findings:#?}");
}
