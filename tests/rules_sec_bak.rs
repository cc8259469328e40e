#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the data and access rules (SEC-*); the backup rules are in rules_bak.rs.

use crate::common;
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
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 2, 5)]);
    // With only the full review of 04-30: 6 months later is 10-30.
    let files = [("s.yaml", SYS), ("a.yaml", all.as_str())];
    let (located, _) = run_rule("SEC-003", &files, "2026-10-30");
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 2, 5)]);
    let (located, _) = run_rule("SEC-003", &files, "2026-10-31");
    assert_eq!(located, vec![at("SEC-003", "s.yaml", 2, 5); 2]);
}

#[test]
fn sec004_an_action_dated_after_as_of_is_not_taken_yet() {
    let r = "kind: AccessReview\nid: AR-1\nsystem: sys-core\nperformed_at: 2026-09-25\nreviewer: r\naccounts_reviewed: 3\nexceptions:\n  - {account: a1, issue: i, action: revoked, done_at: 2026-11-15}\n";
    // Due 2026-10-25: on that day nothing is late, whatever is written for later.
    assert!(run_rule("SEC-004", &[("r.yaml", r), ("s.yaml", SYS)], "2026-10-25").0.is_empty());
    // A day later it is overdue and not yet acted on: reported at the account.
    assert_eq!(
        run_rule("SEC-004", &[("r.yaml", r), ("s.yaml", SYS)], "2026-10-26").0,
        vec![at("SEC-004", "r.yaml", 8, 15)]
    );
    // Once the action is dated, it is late: reported at `done_at`.
    assert_eq!(
        run_rule("SEC-004", &[("r.yaml", r), ("s.yaml", SYS)], "2026-11-15").0,
        vec![at("SEC-004", "r.yaml", 8, 55)]
    );
}

#[test]
fn a_finding_caused_by_a_default_is_reported_once() {
    // Both assets take the unencrypted flag from `defaults`: one SEC-001 at the default.
    let batch = "kind: DataAsset\ndefaults: {classification: core, owner: o, encrypted_at_rest: false, encrypted_in_transit: true, retention: 5y, destruction: shred}\nitems:\n  - {id: d1}\n  - {id: d2}\n";
    let (located, findings) = run_rule("SEC-001", &[("d.yaml", batch)], "2026-10-31");
    assert_eq!(located, vec![at("SEC-001", "d.yaml", 2, 63)]);
    assert!(findings[0].message.en.ends_with("(the value comes from `defaults` and applies to 2 items)"));
    // A value an item sets itself is reported at the item, once per item.
    let own = batch.replace("  - {id: d2}", "  - {id: d2, encrypted_at_rest: false}");
    let (located, _) = run_rule("SEC-001", &[("d.yaml", &own)], "2026-10-31");
    assert_eq!(located, vec![at("SEC-001", "d.yaml", 2, 63), at("SEC-001", "d.yaml", 5, 33)]);
}

#[test]
fn sec005_personal_information_is_sensitive_or_higher() {
    let pi = |level: &str| asset(level, true, true) + "personal_information: true\n";
    let internal = pi("internal");
    let (located, findings) = run_rule("SEC-005", &[("d.yaml", &internal), ("s.yaml", SYS)], "2026-10-31");
    assert_eq!(located, vec![at("SEC-005", "d.yaml", 3, 17)]);
    assert_eq!(
        findings[0].message.en,
        "data asset `d-1` holds personal information but is classified `internal`, below `sensitive`"
    );
    assert_eq!(findings[0].message.zh, "数据资产 `d-1` 含个人信息，但分级为“内部”，低于“敏感”");
    assert_eq!(findings[0].labels.len(), 1);
    // Exactly sensitive, or higher, passes; without personal information any level passes.
    for ok in [pi("sensitive"), pi("core"), asset("public", true, true)] {
        assert!(run_rule("SEC-005", &[("d.yaml", &ok), ("s.yaml", SYS)], "2026-10-31").0.is_empty(), "{ok}");
    }
    // A level off the scale is SEC-001's, not repeated.
    assert!(run_rule("SEC-005", &[("d.yaml", &pi("secret")), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
    // The order is the policy's: a scale without `sensitive` uses `encryption_required_from`.
    let scale = "[policy]\nclassification_levels = [\"公开\", \"内部\", \"敏感\", \"核心\"]\nencryption_required_from = \"敏感\"\n";
    let inner = pi("内部");
    let files = [("engagement.yaml", BASE), ("d.yaml", inner.as_str()), ("s.yaml", SYS)];
    assert_eq!(run_rules(&files, scale, &["SEC-005"], "2026-10-31").0, vec![at("SEC-005", "d.yaml", 3, 17)]);
    let sens = pi("敏感");
    let files = [("engagement.yaml", BASE), ("d.yaml", sens.as_str()), ("s.yaml", SYS)];
    assert!(run_rules(&files, scale, &["SEC-005"], "2026-10-31").0.is_empty());
}
