#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Adopting itos mid-contract (`records_from`, revision 2 decision 8): nothing due before the
//! records begin is judged, every periodic duty starts there, and what falls due after it is
//! judged as usual. Rule id, file, line and column, as in the rule fixture tests.

use crate::common;
use common::*;

/// A contract from 2026-01-01 whose repository was started in November 2026, holding no
/// history: no reports, surveys, audits, reviews, restore tests, drills or trainings.
fn repository(records_from: Option<&str>) -> Vec<(&'static str, String)> {
    let term = "term: {start: 2026-01-01, end: 2028-12-31}";
    let term = records_from.map_or(term.to_owned(), |d| format!("{term}\nrecords_from: {d}"));
    vec![
        ("engagement.yaml", BASE.replace("term: {start: 2025-07-01, end: 2027-06-30}", &term)),
        ("system.yaml", "kind: System\nid: sys-core\nname: 核心系统\ncriticality: critical\n".to_owned()),
        (
            "backup.yaml",
            "kind: BackupPolicy\nid: bp-core\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 30\nintegrity_check: c\n"
                .to_owned(),
        ),
        (
            "plan.yaml",
            "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2025-12-01\nlevels:\n  - {level: Ⅰ级, criteria: c, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-1}\nresources: [r]\n"
                .to_owned(),
        ),
        // Joined in February: onboarding was due long before the records begin.
        ("p1.yaml", "kind: Person\nid: p-1\nname: 李娜\nrole: 运维工程师\njoined: 2026-02-01\nnda_signed_at: 2026-02-01\n".to_owned()),
        // Joined after: judged as usual.
        ("p2.yaml", "kind: Person\nid: p-2\nname: 王磊\nrole: 运维工程师\njoined: 2026-11-02\nnda_signed_at: 2026-11-02\n".to_owned()),
    ]
}

const PERIODIC: &[&str] = &[
    "RPT-001", "HR-003", "TRN-001", "TRN-002", "AUD-001", "SEC-003", "SAT-001", "BAK-002", "BAK-004", "EMR-002",
    "EMR-003",
];

fn judged(records_from: Option<&str>, rules: &[&str], as_of: &str) -> Vec<Located> {
    let files = repository(records_from);
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let mut located = run_rules(&files, "", rules, as_of).0;
    located.sort();
    located
}

#[test]
fn a_repository_adopted_in_november_is_not_judged_on_the_history_it_never_held() {
    // Early December: without `records_from`, eleven monthly reports, two onboardings, both
    // access reviews, the restore test and the survey are overdue.
    let mut expected = vec![at("RPT-001", "engagement.yaml", 2, 5); 11];
    expected.extend([
        at("BAK-002", "backup.yaml", 2, 5),
        at("HR-003", "p1.yaml", 2, 5),
        at("HR-003", "p2.yaml", 2, 5),
        at("SAT-001", "engagement.yaml", 2, 5),
        at("SEC-003", "system.yaml", 2, 5),
        at("SEC-003", "system.yaml", 2, 5),
    ]);
    expected.sort();
    assert_eq!(judged(None, PERIODIC, "2026-12-08"), expected);
    // Adopted on 2026-11-01: only what fell due since — November's report (due 2026-12-07)
    // and the onboarding of the person who joined on 2026-11-02.
    assert_eq!(
        judged(Some("2026-11-01"), PERIODIC, "2026-12-08"),
        vec![at("HR-003", "p2.yaml", 2, 5), at("RPT-001", "engagement.yaml", 2, 5)]
    );
    // The day before November's report was due, only the onboarding.
    assert_eq!(judged(Some("2026-11-01"), PERIODIC, "2026-12-07"), vec![at("HR-003", "p2.yaml", 2, 5)]);
}

#[test]
fn every_periodic_duty_is_first_due_one_interval_after_records_from() {
    // (rule, the last day it is not yet overdue, where it then points)
    let cases = [
        ("BAK-002", "2027-01-30", vec![at("BAK-002", "backup.yaml", 2, 5)]), // 90 days
        ("SEC-003", "2027-02-01", vec![at("SEC-003", "system.yaml", 2, 5)]), // privileged: 3 months
        ("SAT-001", "2027-05-01", vec![at("SAT-001", "engagement.yaml", 2, 5)]), // 6 months
        ("AUD-001", "2027-11-01", vec![at("AUD-001", "engagement.yaml", 2, 5)]), // 12 months
        ("BAK-004", "2027-11-01", vec![at("BAK-004", "system.yaml", 2, 5)]),
        ("EMR-002", "2027-11-01", vec![at("EMR-002", "plan.yaml", 2, 5)]),
        // Reviewed before the term: counts from records_from.
        ("EMR-003", "2027-11-01", vec![at("EMR-003", "plan.yaml", 4, 14)]),
        // p-1 joined before records_from; p-2 after it, so due a year after joining.
        ("TRN-001", "2027-11-01", vec![at("TRN-001", "p1.yaml", 2, 5)]),
        ("TRN-002", "2027-11-01", vec![at("TRN-002", "p1.yaml", 2, 5)]),
    ];
    for (rule, due, then) in cases {
        let next = date(due).tomorrow().unwrap().to_string();
        assert!(judged(Some("2026-11-01"), &[rule], due).is_empty(), "{rule} on {due}");
        assert_eq!(judged(Some("2026-11-01"), &[rule], &next), then, "{rule} on {next}");
    }
}

#[test]
fn messages_name_records_from_as_the_start() {
    let files = repository(Some("2026-11-01"));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (_, findings) = run_rules(&files, "", &["SAT-001", "SEC-003"], "2027-05-02");
    let messages: Vec<&str> = findings.iter().map(|f| f.message.en.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "no satisfaction survey covers the last 6 months (2026-11-02 to 2027-05-02); there has been none since the records began on 2026-11-01",
            "no access review of sys-core since 2026-11-01; one is required every 6 months (due 2027-05-01)",
            "no privileged-account review of critical system sys-core since 2026-11-01; one is required every 3 months (due 2027-02-01)",
        ]
    );
    // Each labels `records_from` (engagement.yaml, line 7), beside its own labels.
    assert!(findings.iter().all(|f| f.labels.iter().any(|l| l.message.en.contains("`records_from`"))));
}
