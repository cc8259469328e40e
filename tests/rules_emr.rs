#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the emergency rules (EMR-*): rule id, file, line and column.

use crate::common;
use common::*;

fn plan(reviewed: &str) -> String {
    format!(
        "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: {reviewed}\nlevels:\n  - {{level: Ⅰ级, criteria: c, response: 15m}}\nroles:\n  - {{role: 应急总指挥, person: p-1}}\nresources: [r]\n"
    )
}

const PERSON: &str = "kind: Person\nid: p-1\nname: 张伟\nrole: 服务经理\njoined: 2025-06-20\n";

fn drill(id: &str, day: &str, outcome: &str, extra: &str) -> String {
    format!(
        "kind: Drill\nid: {id}\nplan: EP-1\nheld_at: {day}\nscenario: s\noutcome: {outcome}\nevaluation: e\n{extra}"
    )
}

#[test]
fn emr001_engagement_without_plan() {
    let (located, findings) = run_rule("EMR-001", &[("x.yaml", PERSON)], "2026-10-31");
    assert_eq!(located, vec![at("EMR-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "engagement demo has no emergency plan, although its term started on 2025-07-01"
    );
    let p = plan("2026-04-15");
    assert!(run_rule("EMR-001", &[("p.yaml", &p), ("x.yaml", PERSON)], "2026-10-31").0.is_empty());
    // Before the term starts nothing is due.
    assert!(run_rule("EMR-001", &[("x.yaml", PERSON)], "2025-06-30").0.is_empty());
}

#[test]
fn emr002_drill_within_twelve_months_inclusive() {
    let p = plan("2026-04-15");
    let d = drill("D-1", "2025-10-31", "passed", "");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-002", &files, "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("EMR-002", &files, "2026-11-01");
    assert_eq!(located, vec![at("EMR-002", "p.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "the last drill of emergency plan EP-1 was on 2025-10-31, 366 days before 2026-11-01; one is required every 12 months (due 2026-10-31)"
    );
    // The last drill is labelled.
    assert_eq!(findings[0].labels.len(), 1);
    let config = "[policy]\ndrill_interval_months = 6\n";
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend_from_slice(&files);
    assert_eq!(run_rules(&all, config, &["EMR-002"], "2026-10-31").0, vec![at("EMR-002", "p.yaml", 2, 5)]);
}

#[test]
fn emr002_first_drill_due_one_interval_after_the_term_starts() {
    // The plan was reviewed recently, but a review is not a drill: due 2026-07-01.
    let p = plan("2026-06-01");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON)];
    assert!(run_rule("EMR-002", &files, "2026-07-01").0.is_empty());
    let (located, findings) = run_rule("EMR-002", &files, "2026-07-02");
    assert_eq!(located, vec![at("EMR-002", "p.yaml", 2, 5)]);
    assert!(findings[0].message.en.starts_with("no drill of emergency plan EP-1 since 2025-07-01"));
    // A drill after as-of does not count.
    let d = drill("D-1", "2026-07-03", "passed", "");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert_eq!(run_rule("EMR-002", &files, "2026-07-02").0, vec![at("EMR-002", "p.yaml", 2, 5)]);
}

#[test]
fn emr002_failed_drill_without_actions() {
    let p = plan("2026-04-15");
    let d = drill("D-1", "2026-05-20", "failed", "");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    let (located, findings) = run_rule("EMR-002", &files, "2026-10-31");
    assert_eq!(located, vec![at("EMR-002", "d.yaml", 2, 5)]);
    assert_eq!(findings[0].message.en, "drill D-1 on 2026-05-20 failed but lists no `actions` to fix what failed");
    assert_eq!(findings[0].labels.len(), 1);
    let d = drill("D-1", "2026-05-20", "failed", "actions: [灾备库改为实时同步]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-002", &files, "2026-10-31").0.is_empty());
    // A partial outcome needs actions too (revision 2); a passed one does not.
    let d = drill("D-1", "2026-05-20", "partial", "");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    let (located, findings) = run_rule("EMR-002", &files, "2026-10-31");
    assert_eq!(located, vec![at("EMR-002", "d.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "drill D-1 on 2026-05-20 passed only in part but lists no `actions` to fix what fell short"
    );
    assert_eq!(findings[0].message.zh, "应急演练 D-1（2026-05-20）仅部分成功，但未列出改进措施 `actions`");
    let d = drill("D-1", "2026-05-20", "partial", "actions: [补充切换手册]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-002", &files, "2026-10-31").0.is_empty());
    let d = drill("D-1", "2026-05-20", "passed", "");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-002", &files, "2026-10-31").0.is_empty());
}

#[test]
fn emr003_plan_review_twelve_months_inclusive() {
    let p = plan("2025-10-31");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON)];
    assert!(run_rule("EMR-003", &files, "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("EMR-003", &files, "2026-11-01");
    assert_eq!(located, vec![at("EMR-003", "p.yaml", 4, 14)]);
    assert_eq!(
        findings[0].message.en,
        "the last review of emergency plan EP-1 was on 2025-10-31, 366 days before 2026-11-01; one is required every 12 months (due 2026-10-31)"
    );
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend_from_slice(&files);
    let config = "[policy]\nplan_review_interval_months = 6\n";
    assert_eq!(run_rules(&all, config, &["EMR-003"], "2026-10-31").0, vec![at("EMR-003", "p.yaml", 4, 14)]);
}

#[test]
fn emr003_review_before_the_term_counts_from_its_start() {
    let p = plan("2025-01-10");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON)];
    assert!(run_rule("EMR-003", &files, "2026-07-01").0.is_empty());
    assert_eq!(run_rule("EMR-003", &files, "2026-07-02").0, vec![at("EMR-003", "p.yaml", 4, 14)]);
    // A review dated after as-of is not evidence yet.
    let p = plan("2026-12-01");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON)];
    let (located, findings) = run_rule("EMR-003", &files, "2026-10-31");
    assert_eq!(located, vec![at("EMR-003", "p.yaml", 4, 14)]);
    assert!(findings[0].message.en.starts_with("no review of emergency plan EP-1 since 2025-07-01"));
}

const SYSTEM: &str = "kind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\nrpo: 15m\n";

#[test]
fn emr004_a_drill_is_judged_against_the_rto_and_rpo_of_the_systems_it_lists() {
    let p = plan("2026-04-15");
    // RTO 5 h against the system's 2 h fails, at the achieved figure.
    let d = drill("D-1", "2026-05-20", "passed", "achieved: {rto: 5h, rpo: 10m}\nsystems: [sys-core]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("s.yaml", SYSTEM), ("d.yaml", d.as_str())];
    let (located, findings) = run_rule("EMR-004", &files, "2026-10-31");
    assert_eq!(located, vec![at("EMR-004", "d.yaml", 8, 17)]);
    assert_eq!(
        findings[0].message.en,
        "drill D-1 recovered system sys-core in 5h, longer than its recovery time objective (RTO) of 2h"
    );
    assert_eq!(findings[0].message.zh, "应急演练 D-1 恢复系统 sys-core 用时 5小时，超过其恢复时间目标（RTO）2小时");
    assert_eq!(findings[0].labels.len(), 1);
    // Exactly the objectives pass; a minute over the RPO fails.
    let d = drill("D-1", "2026-05-20", "passed", "achieved: {rto: 2h, rpo: 15m}\nsystems: [sys-core]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("s.yaml", SYSTEM), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-004", &files, "2026-10-31").0.is_empty());
    let d = drill("D-1", "2026-05-20", "passed", "achieved: {rto: 2h, rpo: 16m}\nsystems: [sys-core]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("s.yaml", SYSTEM), ("d.yaml", d.as_str())];
    assert_eq!(run_rule("EMR-004", &files, "2026-10-31").0, vec![at("EMR-004", "d.yaml", 8, 26)]);
    // Without `systems` a drill is not judged; `systems` is a reference (GEN-005 resolves it).
    let d = drill("D-1", "2026-05-20", "passed", "achieved: {rto: 5h, rpo: 10m}\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("s.yaml", SYSTEM), ("d.yaml", d.as_str())];
    assert!(run_rule("EMR-004", &files, "2026-10-31").0.is_empty());
    let d = drill("D-1", "2026-05-20", "passed", "systems: [sys-nope]\n");
    let files = [("p.yaml", p.as_str()), ("x.yaml", PERSON), ("d.yaml", d.as_str())];
    assert_eq!(run_rule("GEN-005", &files, "2026-10-31").0, vec![at("GEN-005", "d.yaml", 8, 11)]);
}

#[test]
fn emr004_leaves_a_slow_restore_test_to_bak005() {
    // Decision 15's restore-test clause is BAK-005's check: one slow restore, one finding.
    let bp = "kind: BackupPolicy\nid: bp-core\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验\n";
    let slow = "kind: RestoreTest\nid: RT-1\npolicy: bp-core\nperformed_at: 2026-09-20\nresult: passed\nintegrity_verified: true\nduration: 2h1m\n";
    let files = [("engagement.yaml", BASE), ("s.yaml", SYSTEM), ("b.yaml", bp), ("r.yaml", slow)];
    let (located, _) = run_rules(&files, "", &["EMR-004", "BAK-005"], "2026-10-31");
    assert_eq!(located, vec![at("BAK-005", "r.yaml", 7, 11)]);
}
