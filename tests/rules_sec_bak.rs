#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the data, access and backup rules (SEC-*, BAK-*).

mod common;
use common::*;

const SYS: &str = "kind: System\nid: sys-core\nname: 核心\ncriticality: critical\nrto: 2h\n";

fn asset(level: &str, rest: bool, transit: bool) -> String {
    format!(
        "kind: DataAsset\nid: d-1\nclassification: {level}\nowner: o\nencrypted_at_rest: {rest}\nencrypted_in_transit: {transit}\nsystems: [sys-core]\nretention: r\ndestruction: d\n"
    )
}

#[test]
fn sec001_encryption_from_sensitive_up() {
    assert!(
        run_rule("SEC-001", &[("d.yaml", &asset("internal", false, false)), ("s.yaml", SYS)], "2026-10-31")
            .0
            .is_empty()
    );
    assert_eq!(
        run_rule("SEC-001", &[("d.yaml", &asset("sensitive", true, false)), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("SEC-001", "d.yaml", 6, 23)]
    );
    assert_eq!(
        run_rule("SEC-001", &[("d.yaml", &asset("secret", true, true)), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("SEC-001", "d.yaml", 3, 17)]
    );
}

#[test]
fn sec002_missing_destruction() {
    let d = asset("core", true, true).replace("destruction: d\n", "");
    assert_eq!(
        run_rule("SEC-002", &[("d.yaml", &d), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("SEC-002", "d.yaml", 2, 5)]
    );
}

#[test]
fn sec004_exception_action_within_thirty_days() {
    let r = |done: &str| {
        format!(
            "kind: AccessReview\nid: AR-1\nsystem: sys-core\nperformed_at: 2026-09-01\nreviewer: r\naccounts_reviewed: 3\nexceptions:\n  - {{account: a1, issue: i, action: revoked{done}}}\n"
        )
    };
    assert!(
        run_rule("SEC-004", &[("r.yaml", &r(", done_at: 2026-10-01")), ("s.yaml", SYS)], "2026-10-31").0.is_empty()
    );
    assert_eq!(
        run_rule("SEC-004", &[("r.yaml", &r(", done_at: 2026-10-02")), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("SEC-004", "r.yaml", 8, 55)]
    );
    assert!(run_rule("SEC-004", &[("r.yaml", &r("")), ("s.yaml", SYS)], "2026-10-01").0.is_empty());
    assert_eq!(
        run_rule("SEC-004", &[("r.yaml", &r("")), ("s.yaml", SYS)], "2026-10-02").0,
        vec![at("SEC-004", "r.yaml", 8, 15)]
    );
}

fn policy(offsite: bool, encrypted: bool) -> String {
    format!(
        "kind: BackupPolicy\nid: bp-1\nsystem: sys-core\nfrequency: daily\noffsite: {offsite}\nencrypted: {encrypted}\nretention_days: 30\nintegrity_check: c\n"
    )
}

#[test]
fn bak001_offsite_and_encryption_by_data() {
    assert_eq!(
        run_rule("BAK-001", &[("b.yaml", &policy(false, true)), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("BAK-001", "b.yaml", 5, 10)]
    );
    // Unencrypted: fine for internal data, not for core data on the system.
    let files = |level: &str| {
        vec![("b.yaml", policy(true, false)), ("s.yaml", SYS.to_owned()), ("d.yaml", asset(level, true, true))]
    };
    let f = files("internal");
    let f: Vec<(&str, &str)> = f.iter().map(|(a, b)| (*a, b.as_str())).collect();
    assert!(run_rule("BAK-001", &f, "2026-10-31").0.is_empty());
    let f = files("core");
    let f: Vec<(&str, &str)> = f.iter().map(|(a, b)| (*a, b.as_str())).collect();
    assert_eq!(run_rule("BAK-001", &f, "2026-10-31").0, vec![at("BAK-001", "b.yaml", 6, 12)]);
}

fn test_record(extra: &str) -> String {
    format!("kind: RestoreTest\nid: RT-1\npolicy: bp-1\nperformed_at: 2026-09-20\n{extra}")
}

#[test]
fn bak003_failed_without_follow_up_and_bak005_rto() {
    let t = test_record("result: failed\nintegrity_verified: false\n");
    let p = policy(true, true);
    assert_eq!(
        run_rule("BAK-003", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("BAK-003", "t.yaml", 5, 9)]
    );
    let t = test_record("result: passed\nintegrity_verified: true\nduration: 2h\n");
    assert!(run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
    let t = test_record("result: passed\nintegrity_verified: true\nduration: 2h1m\n");
    assert_eq!(
        run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("BAK-005", "t.yaml", 7, 11)]
    );
}
