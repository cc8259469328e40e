#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the change rules (CHG-*): rule id, file, line and column.

use crate::common;
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

// --- Issue 16: approvals by risk, standard changes, order of a change, reviews by class ---

/// Line 9 of `chg_with`: the risk assessment.
const LOW_RISK: &str = "risk: {likelihood: 1, impact: 1, level: low}";

#[test]
fn chg002_the_risk_level_adds_its_roles() {
    // A normal change at 5 × 5 (critical) needs senior management, not only the department head.
    let dept = format!(
        "approvals:\n{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let c =
        chg_with("normal", &dept, "implemented").replace(LOW_RISK, "risk: {likelihood: 5, impact: 5, level: critical}");
    let (located, findings) = run_rule("CHG-002", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 12, 3)], "{findings:?}");
    assert!(findings[0].message.en.contains("at `critical` risk needs an approval by senior-management"));
    assert!(
        findings[0].message.zh.contains("一般变更 `CHG-1`（风险等级“极高”）须在实施开始前经高级管理层"),
        "{}",
        findings[0].message.zh
    );
    let senior = c.replace("department-head", "senior-management");
    assert!(run_rule("CHG-002", &[("c.yaml", &senior)], "2026-10-31").0.is_empty());
    // A level written lower than the matrix does not lower the approvals.
    let understated = c.replace("level: critical", "level: low");
    assert_eq!(run_rule("CHG-002", &[("c.yaml", &understated)], "2026-10-31").0, vec![at("CHG-002", "c.yaml", 12, 3)]);
    // The matrix is the policy's.
    let config = "[policy.risk_approval_matrix]\ncritical = [\"department-head\"]\n";
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &c)], config, &["CHG-002"], "2026-10-31");
    assert!(located.is_empty());
    // A medium-risk change needs the department head even when its class needs no one.
    let config = "[policy.approval_matrix]\nnormal = []\n";
    let medium =
        chg_with("normal", IMPL, "implemented").replace(LOW_RISK, "risk: {likelihood: 1, impact: 4, level: medium}");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &medium)], config, &["CHG-002"], "2026-10-31");
    assert_eq!(located, vec![at("CHG-002", "c.yaml", 2, 5)]);
}

#[test]
fn chg002_bad_risk_approval_matrix_is_a_config_error() {
    let err = itos::config::Config::parse(
        "[policy.risk_approval_matrix]\nsevere = [\"cab\"]\nhigh = [\"boss\"]\n",
        std::path::Path::new("itos.toml"),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("policy.risk_approval_matrix: `severe` is not a risk level"), "{text}");
    assert!(text.contains("policy.risk_approval_matrix.high: `boss` is not an approval role"), "{text}");
}

/// A standard change with extra lines at line 11.
fn standard(risk: &str, extra: &str) -> String {
    chg_with("standard", extra, "implemented").replace(LOW_RISK, risk)
}

#[test]
fn chg013_risk_at_most_the_policy_maximum() {
    let ok = standard("risk: {likelihood: 2, impact: 2, level: low}", IMPL);
    assert!(run_rule("CHG-013", &[("c.yaml", &ok)], "2026-10-31").0.is_empty());
    // 2 × 3 is medium: one step above the default maximum, reported at the level.
    let medium = standard("risk: {likelihood: 2, impact: 3, level: medium}", IMPL);
    let (located, findings) = run_rule("CHG-013", &[("c.yaml", &medium)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-013", "c.yaml", 9, 41)]);
    assert!(findings[0].message.en.contains("at most `low` risk"));
    assert!(findings[0].message.zh.contains("风险等级为“中”"));
    // Written `low` where the matrix gives medium: the stricter counts.
    let understated = standard("risk: {likelihood: 2, impact: 3, level: low}", IMPL);
    let (located, findings) = run_rule("CHG-013", &[("c.yaml", &understated)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-013", "c.yaml", 9, 41)]);
    assert!(findings[0].message.en.contains("by the risk matrix (likelihood 2 × impact 3)"));
    // The maximum is the policy's.
    let (located, _) = run_rules(
        &[("engagement.yaml", BASE), ("c.yaml", &medium)],
        "[policy]\nstandard_change_max_risk = \"medium\"\n",
        &["CHG-013"],
        "2026-10-31",
    );
    assert!(located.is_empty());
}

const DOWNTIME: &str =
    "planned_downtime: {start: 2026-10-15T21:00:00+08:00, end: 2026-10-15T22:00:00+08:00, services: [helpdesk]}\n";

#[test]
fn chg013_no_downtime_on_a_service_of_99_9_percent_or_more() {
    // The base Sla of `helpdesk` targets exactly 99.9 %: reported at the service in the list.
    let c = standard(LOW_RISK, &format!("{DOWNTIME}{IMPL}"));
    let (located, findings) = run_rule("CHG-013", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-013", "c.yaml", 11, 97)]);
    assert!(findings[0].message.en.contains("availability target is 99.9 %"), "{findings:?}");
    // Just below the threshold (exact decimals, not floats), the downtime is allowed.
    let base = BASE.replace("availability: {target: 99.9}", "availability: {target: 99.899}");
    let (located, _) = run_rules(&[("engagement.yaml", &base), ("c.yaml", &c)], "", &["CHG-013"], "2026-10-31");
    assert!(located.is_empty());
}

#[test]
fn chg013_standard_ref_names_a_catalogue_entry() {
    let config = "[policy]\nstandard_change_catalogue = [\"pwd-reset\", \"kb-update\"]\n";
    let run = |c: &str| run_rules(&[("engagement.yaml", BASE), ("c.yaml", c)], config, &["CHG-013"], "2026-10-31");
    // No catalogue kept: nothing to name.
    let none = standard(LOW_RISK, IMPL);
    assert!(run_rule("CHG-013", &[("c.yaml", &none)], "2026-10-31").0.is_empty());
    // A catalogue kept and no `standard_ref`: reported at the class.
    let (located, findings) = run(&none);
    assert_eq!(located, vec![at("CHG-013", "c.yaml", 5, 8)]);
    assert!(findings[0].help.as_ref().unwrap().en.contains("pwd-reset, kb-update"));
    let typo = standard(LOW_RISK, &format!("standard_ref: kb-updte\n{IMPL}"));
    let (located, findings) = run(&typo);
    assert_eq!(located, vec![at("CHG-013", "c.yaml", 11, 15)]);
    assert!(findings[0].help.as_ref().unwrap().en.contains("`kb-update`"));
    let named = standard(LOW_RISK, &format!("standard_ref: kb-update\n{IMPL}"));
    assert!(run(&named).0.is_empty());
}

#[test]
fn chg013_a_relabelled_risky_change_fails() {
    // The review's case: a high-risk core-database change with planned downtime relabelled
    // `standard`, its approvals, rollback plan, impact assessment and review deleted.
    let c = build::change("CHG-1")
        .class("standard")
        .set("impact", "{services: [helpdesk], expected: 停机}")
        .risk("{likelihood: 3, impact: 4, level: high}")
        .raw(&format!("{DOWNTIME}{IMPL}"))
        .status("implemented")
        .yaml()
        .replace("rollback_plan: 回退\n", "");
    let (located, findings) =
        run_rules(&[("engagement.yaml", BASE), ("c.yaml", &c)], "", &["CHG-002", "CHG-013"], "2026-10-31");
    // CHG-002: the high risk needs the ITSM committee; CHG-013: the risk and the downtime.
    assert_eq!(
        located,
        vec![at("CHG-002", "c.yaml", 2, 5), at("CHG-013", "c.yaml", 9, 41), at("CHG-013", "c.yaml", 10, 97)],
        "{findings:?}"
    );
    assert!(findings.iter().all(|f| f.severity == itos::model::Severity::Error));
}

#[test]
fn chg013_a_failed_standard_change_gets_no_downtime_exemption() {
    use itos::figures::service::planned_downtime_counts;
    let files = |c: &str| vec![("e.yaml".to_owned(), BASE.to_owned()), ("c.yaml".to_owned(), c.to_owned())];
    let target = itos::model::Exact::ratio(999, 10);
    let counts = |c: &str, target: itos::model::Exact| {
        let repo = itos::load::Repository::from_texts(&files(c), itos::config::Config::default());
        planned_downtime_counts(&repo.records.changes[0], &repo.config.policy, &|_| Some(target))
    };
    let low = standard(LOW_RISK, &format!("{DOWNTIME}{IMPL}"));
    // On a 99.9 % service a standard change's downtime is not routine: no exemption …
    assert!(!counts(&low, target));
    // … below it, a proper standard change's is exempted, but not a risky one's.
    let below = itos::model::Exact::ratio(998, 10);
    assert!(counts(&low, below));
    let risky = low.replace(LOW_RISK, "risk: {likelihood: 3, impact: 4, level: high}");
    assert!(!counts(&risky, below));
}

#[test]
fn chg014_notice_between_approval_and_start() {
    let with = |notified: &str| {
        let extra = format!(
            "approvals:\n{}notified_at: {notified}\n{IMPL}",
            approval("张伟", "department-head", "provider", "2026-10-14T10:00:00+08:00", "approved")
        );
        chg_with("normal", &extra, "implemented")
    };
    // Both ends included.
    for ok in ["2026-10-14T10:00:00+08:00", "2026-10-15T21:10:00+08:00"] {
        assert!(run_rule("CHG-014", &[("c.yaml", &with(ok))], "2026-10-31").0.is_empty(), "{ok}");
    }
    // Before the approval: reported at `notified_at`, labelled at the approval.
    let (located, findings) = run_rule("CHG-014", &[("c.yaml", &with("2026-10-14T09:59:00+08:00"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 13, 14)]);
    assert!(findings[0].message.en.contains("before the approvals it needs were complete"));
    assert_eq!(findings[0].labels.len(), 1);
    // After the start.
    let (located, findings) = run_rule("CHG-014", &[("c.yaml", &with("2026-10-15T21:11:00+08:00"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 13, 14)]);
    assert!(findings[0].message.en.contains("after its implementation started"));
}

#[test]
fn chg014_the_first_instant_all_approvals_stand() {
    // A major change needs the ITSM committee and the customer: complete at the second.
    let extra = format!(
        "approvals:\n{}{}notified_at: 2026-10-13T12:00:00+08:00\n{IMPL}",
        approval("张伟", "itsm-committee", "provider", "2026-10-12T10:00:00+08:00", "approved"),
        approval("周敏", "department-head", "customer", "2026-10-13T15:00:00+08:00", "approved")
    );
    let c = chg_with("major", &extra, "implemented");
    let (located, findings) = run_rule("CHG-014", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 14, 14)]);
    assert_eq!(findings[0].labels[0].span.start as usize, c.find("2026-10-13T15:00").unwrap());
    let later = c.replace("notified_at: 2026-10-13T12:00", "notified_at: 2026-10-13T15:00");
    assert!(run_rule("CHG-014", &[("c.yaml", &later)], "2026-10-31").0.is_empty());
}

#[test]
fn chg014_notice_is_required_and_not_judged_when_chg002_fails() {
    let approved = format!(
        "approvals:\n{}{IMPL}",
        approval("张伟", "department-head", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let (located, findings) =
        run_rule("CHG-014", &[("c.yaml", &chg_with("normal", &approved, "implemented"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("without notifying the stakeholders"));
    // No approval at all: CHG-002 reports it, CHG-014 stays silent.
    let unapproved = chg_with("normal", &format!("notified_at: 2026-10-20T09:00:00+08:00\n{IMPL}"), "implemented");
    assert!(run_rule("CHG-014", &[("c.yaml", &unapproved)], "2026-10-31").0.is_empty());
    // Standard changes are not judged.
    assert!(run_rule("CHG-014", &[("c.yaml", &chg_with("standard", IMPL, "implemented"))], "2026-10-31").0.is_empty());
}

#[test]
fn chg014_request_is_the_lower_bound_when_no_approval_is_required() {
    let config = "[policy.approval_matrix]\nnormal = []\n";
    let c = |notified: &str| chg_with("normal", &format!("notified_at: {notified}\n{IMPL}"), "implemented");
    let run = |c: &str| run_rules(&[("engagement.yaml", BASE), ("c.yaml", c)], config, &["CHG-014"], "2026-10-31").0;
    // Requested 2026-10-01 09:00 (line 7).
    assert!(run(&c("2026-10-01T09:00:00+08:00")).is_empty());
    assert_eq!(run(&c("2026-09-30T09:00:00+08:00")), vec![at("CHG-014", "c.yaml", 11, 14)]);
}

#[test]
fn chg014_requested_after_implementation_and_notified_after_closing() {
    // The review's case: requested ten days after the work, notified after it closed.
    let extra = format!(
        "approvals:\n{}notified_at: 2026-10-26T09:00:00+08:00\n{IMPL}closed_at: 2026-10-20T18:00:00+08:00\n",
        approval("张伟", "department-head", "provider", "2026-10-14T10:00:00+08:00", "approved")
    );
    let c = chg_with("normal", &extra, "closed").replace("2026-10-01T09:00:00+08:00", "2026-10-25T09:00:00+08:00");
    let (located, _) = run_rule("CHG-014", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 13, 14)]);
}

#[test]
fn chg014_emergency_notice_within_working_days_after_the_start() {
    // Started Thu 2026-10-15; two working days later is Mon 10-19 (cn-workdays).
    let emergency = |notified: &str| {
        let notice = if notified.is_empty() { String::new() } else { format!("notified_at: {notified}\n") };
        let extra = format!(
            "emergency: true\nemergency_authorization: {{by: 张伟, at: 2026-10-15T21:00:00+08:00}}\napprovals:\n{}{notice}{IMPL}",
            approval("张伟", "department-head", "provider", "2026-10-16T10:00:00+08:00", "approved")
        );
        chg_with("normal", &extra, "implemented")
    };
    assert!(run_rule("CHG-014", &[("c.yaml", &emergency("2026-10-19T23:59:00+08:00"))], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("CHG-014", &[("c.yaml", &emergency("2026-10-20T00:00:00+08:00"))], "2026-10-31");
    assert_eq!(located, vec![at("CHG-014", "c.yaml", 15, 14)]);
    assert!(findings[0].message.en.contains("after 2026-10-19 (2 working days after it started)"));
    // Missing: not yet due on the last day, reported at the id once it has passed.
    assert!(run_rule("CHG-014", &[("c.yaml", &emergency(""))], "2026-10-19").0.is_empty());
    assert_eq!(run_rule("CHG-014", &[("c.yaml", &emergency(""))], "2026-10-20").0, vec![at("CHG-014", "c.yaml", 2, 5)]);
}

#[test]
fn chg012_warning_for_normal_error_for_major_and_critical() {
    use itos::model::Severity;
    for (class, severity) in [("normal", Severity::Warning), ("major", Severity::Error), ("critical", Severity::Error)]
    {
        let (located, findings) =
            run_rule("CHG-012", &[("c.yaml", &chg_with(class, IMPL, "implemented"))], "2026-10-31");
        assert_eq!(located, vec![at("CHG-012", "c.yaml", 2, 5)], "{class}");
        assert_eq!(findings[0].severity, severity, "{class}");
    }
    // Standard changes need none; the classes are the policy's.
    assert!(run_rule("CHG-012", &[("c.yaml", &chg_with("standard", IMPL, "implemented"))], "2026-10-31").0.is_empty());
    let normal = chg_with("normal", IMPL, "implemented");
    let config = "[policy]\nreview_required_classes = [\"major\", \"critical\"]\n";
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &normal)], config, &["CHG-012"], "2026-10-31");
    assert!(located.is_empty());
    // `[rules]` set to warning makes the major one a warning too.
    let major = chg_with("major", IMPL, "implemented");
    let config = "[rules]\n\"CHG-012\" = \"warning\"\n";
    let (_, findings) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &major)], config, &["CHG-012"], "2026-10-31");
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn class_emergency_points_to_the_emergency_flag() {
    let c = chg_with("emergency", "", "requested");
    let (located, findings) = run_rule("GEN-003", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "c.yaml", 5, 8)]);
    let help = findings[0].help.as_ref().unwrap();
    assert!(help.en.contains("write `emergency: true` with the class the change would otherwise have"), "{help:?}");
    assert!(help.zh.contains("`emergency: true`"), "{help:?}");
    // Other wrong classes still get "did you mean".
    let (_, findings) = run_rule("GEN-003", &[("c.yaml", &chg_with("nromal", "", "requested"))], "2026-10-31");
    assert!(findings[0].help.as_ref().unwrap().en.contains("`normal`"));
}

#[test]
fn a_waiver_of_a_history_rule_is_never_unmatched() {
    // The corrected example records carry a CHG-009 waiver; without their history (here: no
    // git) it matches nothing, and that is no reason to remove it.
    let person = build::person("p-wang").yaml();
    let waiver = "kind: Waiver\nid: W-1\nrule: CHG-009\ntarget: Change/CHG-1\nreason: 更正\napproved_by: p-wang\nexpires: 2027-06-30\ncustomer_approval: {by: 周敏, at: 2026-10-30}\n";
    let c = chg_with("normal", "", "requested");
    let files = [("engagement.yaml", BASE), ("p.yaml", person.as_str()), ("c.yaml", c.as_str()), ("w.yaml", waiver)];
    let (located, findings) = run_rules(&files, "", &["GEN-006", "CHG-009"], "2026-10-31");
    assert!(located.is_empty(), "{findings:?}");
    // A waiver of a records rule that matches nothing is still reported.
    let other = waiver.replace("CHG-009", "CHG-007");
    let files =
        [("engagement.yaml", BASE), ("p.yaml", person.as_str()), ("c.yaml", c.as_str()), ("w.yaml", other.as_str())];
    let (located, _) = run_rules(&files, "", &["GEN-006", "CHG-007"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-006", "w.yaml", 4, 9)]);
}
