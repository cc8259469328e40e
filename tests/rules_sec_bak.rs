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

fn restore(day: &str, scope: &str, source: &str) -> String {
    format!(
        "kind: RestoreTest\nid: RT-{day}\npolicy: bp-1\nperformed_at: {day}\nresult: passed\nintegrity_verified: true\nscope: {scope}\nsource: {source}\n"
    )
}

#[test]
fn bak002_restore_test_every_ninety_days_or_the_policys_own_interval() {
    let p = policy(true, true);
    let t = restore("2026-08-02", "partial", "local");
    // 2026-08-02 + 90 days = 2026-10-31: still on time.
    assert!(run_rule("BAK-002", &[("b.yaml", &p), ("s.yaml", SYS), ("t.yaml", &t)], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("BAK-002", &[("b.yaml", &p), ("s.yaml", SYS), ("t.yaml", &t)], "2026-11-01");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "last passed restore test of bp-1 was on 2026-08-02, 91 days before 2026-11-01; policy requires one every 90 days"
    );
    assert_eq!(findings[0].labels.len(), 1);
    let own = format!("{p}restore_test_interval_days: 30\n");
    assert_eq!(run_rule("BAK-002", &[("b.yaml", &own), ("s.yaml", SYS), ("t.yaml", &t)], "2026-10-31").0.len(), 1);
    // A failed test, or one without integrity verification, does not count.
    let failed = t.replace("result: passed", "result: failed\nfollow_up: x");
    assert_eq!(run_rule("BAK-002", &[("b.yaml", &p), ("s.yaml", SYS), ("t.yaml", &failed)], "2026-10-31").0.len(), 1);
}

#[test]
fn bak004_full_offsite_restore_for_critical_systems() {
    let p = policy(true, true);
    let local = restore("2026-08-02", "full", "local");
    assert_eq!(
        run_rule("BAK-004", &[("b.yaml", &p), ("s.yaml", SYS), ("t.yaml", &local)], "2026-10-31").0,
        vec![at("BAK-004", "s.yaml", 2, 5)]
    );
    let offsite = restore("2026-08-02", "full", "offsite");
    assert!(run_rule("BAK-004", &[("b.yaml", &p), ("s.yaml", SYS), ("t.yaml", &offsite)], "2026-10-31").0.is_empty());
}

#[test]
fn sec003_access_and_privileged_reviews() {
    let review = |id: &str, day: &str, scope: &str| {
        format!(
            "kind: AccessReview\nid: {id}\nsystem: sys-core\nperformed_at: {day}\nreviewer: r\nscope: {scope}\naccounts_reviewed: 1\n"
        )
    };
    let all = review("AR-1", "2026-04-30", "all");
    let privileged = review("AR-2", "2026-07-31", "privileged");
    let files = [("s.yaml", SYS), ("a.yaml", all.as_str()), ("p.yaml", privileged.as_str())];
    assert!(run_rule("SEC-003", &files, "2026-10-31").0.is_empty());
    // 3 months after 07-31 is 10-31; the privileged review also counts as an access review.
    let (located, _) = run_rule("SEC-003", &files, "2026-11-01");
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 4, 14)]);
    // With only the full review of 04-30: 6 months later is 10-30.
    let files = [("s.yaml", SYS), ("a.yaml", all.as_str())];
    let (located, _) = run_rule("SEC-003", &files, "2026-10-30");
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 4, 14)]);
    let (located, _) = run_rule("SEC-003", &files, "2026-10-31");
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 2, 5), at("SEC-003", "s.yaml", 4, 14)]);
}
