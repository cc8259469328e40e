#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the backup and restore rules (BAK-*): rule id, file, line and column.

use crate::common;
use common::*;

const SYS: &str = "kind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n";
const SYS_NORMAL: &str = "kind: System\nid: sys-core\nname: 核心银行系统\ncriticality: normal\nrto: 2h\n";

fn policy(offsite: bool, encrypted: bool) -> String {
    format!(
        "kind: BackupPolicy\nid: bp-1\nsystem: sys-core\nfrequency: daily\noffsite: {offsite}\nencrypted: {encrypted}\nretention_days: 30\nintegrity_check: c\n"
    )
}

fn asset(level: &str, systems: &str) -> String {
    format!(
        "kind: DataAsset\nid: d-1\nclassification: {level}\nowner: o\nencrypted_at_rest: true\nencrypted_in_transit: true\nsystems: [{systems}]\n"
    )
}

fn restore(id: &str, day: &str, extra: &str) -> String {
    format!(
        "kind: RestoreTest\nid: {id}\npolicy: bp-1\nperformed_at: {day}\nresult: passed\nintegrity_verified: true\n{extra}"
    )
}

fn files<'a>(v: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    v.iter().map(|(a, b)| (*a, b.as_str())).collect()
}

#[test]
fn bak001_policy_without_offsite_copy() {
    let p = policy(false, true);
    let (located, findings) = run_rule("BAK-001", &[("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31");
    assert_eq!(located, vec![at("BAK-001", "b.yaml", 5, 10)]);
    assert!(findings[0].message.en.contains("bp-1 keeps no offsite copy of system sys-core"));
    assert!(run_rule("BAK-001", &[("b.yaml", &policy(true, true)), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
}

#[test]
fn bak001_encryption_follows_the_data_the_system_holds() {
    // No data on the system: unencrypted backups are allowed.
    assert!(run_rule("BAK-001", &[("b.yaml", &policy(true, false)), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
    // The asset lists the system: internal is fine, sensitive (the default threshold) is not.
    let v = [("b.yaml", policy(true, false)), ("s.yaml", SYS.to_owned()), ("d.yaml", asset("internal", "sys-core"))];
    assert!(run_rule("BAK-001", &files(&v), "2026-10-31").0.is_empty());
    let v = [("b.yaml", policy(true, false)), ("s.yaml", SYS.to_owned()), ("d.yaml", asset("sensitive", "sys-core"))];
    let (located, findings) = run_rule("BAK-001", &files(&v), "2026-10-31");
    assert_eq!(located, vec![at("BAK-001", "b.yaml", 6, 12)]);
    assert_eq!(
        findings[0].message.en,
        "backup policy bp-1 is not encrypted, but system sys-core holds `sensitive` data (d-1); backups of data classified `sensitive` or higher must be encrypted"
    );
    assert_eq!(findings[0].labels.len(), 1);
    // The system lists the asset instead.
    let sys = format!("{SYS}data: [d-1]\n");
    let v = [("b.yaml", policy(true, false)), ("s.yaml", sys), ("d.yaml", asset("core", ""))];
    assert_eq!(run_rule("BAK-001", &files(&v), "2026-10-31").0, vec![at("BAK-001", "b.yaml", 6, 12)]);
    // Another system's data does not count.
    let other = "kind: System\nid: sys-other\nname: 其他\ncriticality: normal\n";
    let v = [
        ("b.yaml", policy(true, false)),
        ("s.yaml", SYS.to_owned()),
        ("o.yaml", other.to_owned()),
        ("d.yaml", asset("core", "sys-other")),
    ];
    assert!(run_rule("BAK-001", &files(&v), "2026-10-31").0.is_empty());
}

#[test]
fn bak001_threshold_is_the_policy_parameter() {
    let v = [("b.yaml", policy(true, false)), ("s.yaml", SYS.to_owned()), ("d.yaml", asset("sensitive", "sys-core"))];
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend(files(&v));
    let (located, _) = run_rules(&all, "[policy]\nencryption_required_from = \"core\"\n", &["BAK-001"], "2026-10-31");
    assert!(located.is_empty(), "{located:?}");
}

#[test]
fn bak002_restore_test_within_ninety_days_inclusive() {
    let v = [("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned()), ("t.yaml", restore("RT-1", "2026-08-02", ""))];
    // 2026-08-02 + 90 days = 2026-10-31: still on time.
    assert!(run_rule("BAK-002", &files(&v), "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("BAK-002", &files(&v), "2026-11-01");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "last passed restore test of bp-1 was on 2026-08-02, 91 days before 2026-11-01; policy requires one every 90 days"
    );
    // The restore test is labelled.
    assert_eq!(findings[0].labels.len(), 1);
    assert!(findings[0].labels[0].message.en.contains("RT-1"));
}

#[test]
fn bak002_failed_unverified_and_future_tests_do_not_count() {
    let base = |t: String| [("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned()), ("t.yaml", t)];
    let failed = restore("RT-1", "2026-10-01", "").replace("result: passed", "result: failed\nfollow_up: x");
    assert_eq!(run_rule("BAK-002", &files(&base(failed)), "2026-10-31").0, vec![at("BAK-002", "b.yaml", 2, 5)]);
    let unverified = restore("RT-1", "2026-10-01", "").replace("integrity_verified: true", "integrity_verified: false");
    assert_eq!(run_rule("BAK-002", &files(&base(unverified)), "2026-10-31").0, vec![at("BAK-002", "b.yaml", 2, 5)]);
    // A test after as-of is ignored: nothing since the term started on 2025-07-01.
    let (located, findings) = run_rule("BAK-002", &files(&base(restore("RT-1", "2026-11-15", ""))), "2026-10-31");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert!(
        findings[0].message.en.starts_with("no passed restore test of bp-1 with integrity verified since 2025-07-01")
    );
}

#[test]
fn bak002_first_test_due_one_interval_after_the_term_starts() {
    let v = [("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned())];
    // 2025-07-01 + 90 days = 2025-09-29.
    assert!(run_rule("BAK-002", &files(&v), "2025-09-29").0.is_empty());
    let (located, findings) = run_rule("BAK-002", &files(&v), "2025-09-30");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert!(findings[0].message.en.ends_with("(due 2025-09-29)"), "{}", findings[0].message.en);
    // Before the term starts nothing is due.
    assert!(run_rule("BAK-002", &files(&v), "2025-06-30").0.is_empty());
}

/// The base engagement (term from 2025-07-01) adopted on 2026-11-01: `records_from` on line 7.
fn adopted() -> String {
    BASE.replace(
        "term: {start: 2025-07-01, end: 2027-06-30}",
        "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2026-11-01",
    )
}

#[test]
fn bak002_first_test_due_one_interval_after_records_from() {
    let eng = adopted();
    let v = [("engagement.yaml", eng.clone()), ("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned())];
    // Without any restore test: 2026-11-01 + 90 days = 2027-01-30, whatever git says.
    assert!(run_rules(&files(&v), "", &["BAK-002"], "2027-01-30").0.is_empty());
    let (located, findings) = run_rules(&files(&v), "", &["BAK-002"], "2027-01-31");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "no passed restore test of bp-1 with integrity verified since 2026-11-01; policy requires one every 90 days (due 2027-01-30)"
    );
    assert_eq!(findings[0].labels.len(), 1, "records_from is labelled");
    // From the term's start, the same policy would have been overdue since 2025-09-30.
    let v = [("engagement.yaml", BASE.to_owned()), ("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned())];
    assert_eq!(run_rules(&files(&v), "", &["BAK-002"], "2027-01-30").0, vec![at("BAK-002", "b.yaml", 2, 5)]);
}

#[test]
fn bak_failed_restore_test_after_records_from_is_judged() {
    // Adopted on 2026-11-01; the only test, on 2026-11-20, failed: it does not satisfy
    // BAK-002 once the first interval from records_from has passed, and BAK-003 asks for its
    // follow-up at once.
    let eng = adopted();
    let failed = restore("RT-1", "2026-11-20", "").replace("result: passed", "result: failed");
    let v = [
        ("engagement.yaml", eng),
        ("b.yaml", policy(true, true)),
        ("s.yaml", SYS_NORMAL.to_owned()),
        ("t.yaml", failed),
    ];
    let (located, _) = run_rules(&files(&v), "", &["BAK-002", "BAK-003"], "2026-12-31");
    assert_eq!(located, vec![at("BAK-003", "t.yaml", 2, 5)]);
    let (located, _) = run_rules(&files(&v), "", &["BAK-002", "BAK-003"], "2027-01-31");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5), at("BAK-003", "t.yaml", 2, 5)]);
}

#[test]
fn bak004_first_full_restore_due_one_interval_after_records_from() {
    let eng = adopted();
    let v = [("engagement.yaml", eng), ("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned())];
    assert!(run_rules(&files(&v), "", &["BAK-004"], "2027-06-30").0.is_empty());
    // The term ends before a year from records_from: never due within it.
    let longer = adopted().replace("end: 2027-06-30", "end: 2028-06-30");
    let v = [("engagement.yaml", longer), ("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned())];
    assert!(run_rules(&files(&v), "", &["BAK-004"], "2027-11-01").0.is_empty());
    let (located, findings) = run_rules(&files(&v), "", &["BAK-004"], "2027-11-02");
    assert_eq!(located, vec![at("BAK-004", "s.yaml", 2, 5)]);
    assert!(findings[0].message.en.ends_with("(due 2027-11-01)"), "{}", findings[0].message.en);
}

#[test]
fn bak002_policys_own_interval_overrides_the_parameter() {
    let own = format!("{}restore_test_interval_days: 30\n", policy(true, true));
    let v = [("b.yaml", own), ("s.yaml", SYS.to_owned()), ("t.yaml", restore("RT-1", "2026-10-01", ""))];
    assert!(run_rule("BAK-002", &files(&v), "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("BAK-002", &files(&v), "2026-11-01");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
    assert!(findings[0].message.en.ends_with("policy requires one every 30 days"));
    assert_eq!(findings[0].labels.len(), 2);
    // The parameter applies to policies without their own interval.
    let v = [("b.yaml", policy(true, true)), ("s.yaml", SYS.to_owned()), ("t.yaml", restore("RT-1", "2026-08-02", ""))];
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend(files(&v));
    let (located, _) = run_rules(&all, "[policy]\nrestore_test_interval_days = 60\n", &["BAK-002"], "2026-10-31");
    assert_eq!(located, vec![at("BAK-002", "b.yaml", 2, 5)]);
}

#[test]
fn bak003_failed_test_needs_a_follow_up() {
    let failed = |extra: &str| {
        format!(
            "kind: RestoreTest\nid: RT-1\npolicy: bp-1\nperformed_at: 2026-09-20\nresult: failed\nintegrity_verified: false\n{extra}"
        )
    };
    let p = policy(true, true);
    let t = failed("");
    let (located, findings) = run_rule("BAK-003", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31");
    assert_eq!(located, vec![at("BAK-003", "t.yaml", 2, 5)]);
    assert_eq!(findings[0].labels.len(), 1);
    let blank = failed("follow_up: \"  \"\n");
    assert_eq!(
        run_rule("BAK-003", &[("t.yaml", &blank), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0,
        vec![at("BAK-003", "t.yaml", 2, 5)]
    );
    let ok = failed("follow_up: 更换驱动器后重测\n");
    assert!(run_rule("BAK-003", &[("t.yaml", &ok), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
    // A test dated after as-of is not judged; a passed one needs no follow-up.
    assert!(run_rule("BAK-003", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-09-19").0.is_empty());
    let passed = restore("RT-1", "2026-09-20", "");
    assert!(run_rule("BAK-003", &[("t.yaml", &passed), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
}

#[test]
fn bak004_full_restore_from_offsite_for_critical_systems() {
    let with = |sys: &str, t: String| [("b.yaml", policy(true, true)), ("s.yaml", sys.to_owned()), ("t.yaml", t)];
    let full_offsite = restore("RT-1", "2026-08-02", "scope: full\nsource: offsite\n");
    assert!(run_rule("BAK-004", &files(&with(SYS, full_offsite.clone())), "2026-10-31").0.is_empty());
    for t in [
        restore("RT-1", "2026-08-02", "scope: full\nsource: local\n"),
        restore("RT-1", "2026-08-02", "scope: partial\nsource: offsite\n"),
        restore("RT-1", "2026-08-02", "source: offsite\n"),
        full_offsite.replace("result: passed", "result: failed\nfollow_up: x"),
    ] {
        let (located, findings) = run_rule("BAK-004", &files(&with(SYS, t)), "2026-10-31");
        assert_eq!(located, vec![at("BAK-004", "s.yaml", 2, 5)]);
        assert!(findings[0].message.en.starts_with("no full restore from an offsite copy of critical system sys-core"));
    }
    // Only critical systems are judged.
    let local = restore("RT-1", "2026-08-02", "scope: full\nsource: local\n");
    assert!(run_rule("BAK-004", &files(&with(SYS_NORMAL, local)), "2026-10-31").0.is_empty());
}

#[test]
fn bak004_twelve_months_inclusive() {
    let v = [
        ("b.yaml", policy(true, true)),
        ("s.yaml", SYS.to_owned()),
        ("t.yaml", restore("RT-1", "2025-10-31", "scope: full\nsource: offsite\n")),
    ];
    assert!(run_rule("BAK-004", &files(&v), "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("BAK-004", &files(&v), "2026-11-01");
    assert_eq!(located, vec![at("BAK-004", "s.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("was on 2025-10-31, 366 days before 2026-11-01"));
    // The criticality and the last full restore are labelled.
    assert_eq!(findings[0].labels.len(), 2);
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend(files(&v));
    let (located, _) = run_rules(&all, "[policy]\nfull_restore_interval_months = 6\n", &["BAK-004"], "2026-10-31");
    assert_eq!(located, vec![at("BAK-004", "s.yaml", 2, 5)]);
}

#[test]
fn bak004_critical_system_without_any_backup_policy() {
    // Due one interval after the term starts (2025-07-01 + 12 months).
    assert!(run_rule("BAK-004", &[("s.yaml", SYS)], "2026-07-01").0.is_empty());
    let (located, findings) = run_rule("BAK-004", &[("s.yaml", SYS)], "2026-07-02");
    assert_eq!(located, vec![at("BAK-004", "s.yaml", 2, 5)]);
    assert!(findings[0].help.as_ref().unwrap().en.contains("has no BackupPolicy"));
}

#[test]
fn bak005_restore_longer_than_the_rto() {
    let p = policy(true, true);
    let t = restore("RT-1", "2026-09-20", "duration: 2h\n");
    assert!(run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0.is_empty());
    let t = restore("RT-1", "2026-09-20", "duration: 2h1m\n");
    let (located, findings) = run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31");
    assert_eq!(located, vec![at("BAK-005", "t.yaml", 7, 11)]);
    assert_eq!(findings[0].message.en, "restore test RT-1 took 2h1m, longer than the RTO of 2h of system sys-core");
    assert_eq!(findings[0].labels.len(), 1);
    // Not judged: a test after as-of, a system without an RTO, a test without a duration.
    assert!(run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", SYS)], "2026-09-19").0.is_empty());
    let no_rto = SYS.replace("rto: 2h\n", "");
    assert!(run_rule("BAK-005", &[("t.yaml", &t), ("b.yaml", &p), ("s.yaml", &no_rto)], "2026-10-31").0.is_empty());
    let no_duration = restore("RT-1", "2026-09-20", "");
    assert!(
        run_rule("BAK-005", &[("t.yaml", &no_duration), ("b.yaml", &p), ("s.yaml", SYS)], "2026-10-31").0.is_empty()
    );
}
