#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the general rules: each asserts rule id, file, line and column.

use itos::config::Config;
use itos::load::Repository;
use itos::model::Finding;
use itos::rules::{Settings, examples::BASE, run};

const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 10, 31);

/// Rule, file, line and column of a finding.
type Located = (String, String, u32, u32);

/// Where every finding is, plus the findings themselves.
fn check(files: &[(&str, &str)]) -> (Vec<Located>, Vec<Finding>, Repository) {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
    let repo = Repository::from_texts(&files, Config::default());
    // The general rules only: domain rules have fixtures of their own.
    let general: Vec<String> =
        itos::rules::all().iter().map(|r| r.meta().id).filter(|id| id.starts_with("GEN-")).map(str::to_owned).collect();
    let settings = Settings::new(&repo.config, &general, &[]).unwrap();
    let findings = run(&repo, &settings, AS_OF).findings;
    let located = findings
        .iter()
        .map(|f| {
            let (file, lc, _) = repo.sources.locate(f.span).unwrap();
            (f.rule.to_owned(), file.path.clone(), lc.line, lc.col)
        })
        .collect();
    (located, findings, repo)
}

fn at(rule: &str, file: &str, line: u32, col: u32) -> Located {
    (rule.to_owned(), file.to_owned(), line, col)
}

const CHANGE_TYPO: &str = "\
kind: Change
id: CHG-2026-001
title: 核心数据库补丁
description: 安装季度补丁
class: standard
reqested_by: 张伟
requested_at: 2026-10-08T10:00:00+08:00
impact: {services: [helpdesk], expected: 无影响}
risk: {likelihood: 1, impact: 1, level: low}
status: requested
";

#[test]
fn misspelt_field_is_reported_at_the_key_with_a_suggestion() {
    let (located, findings, _) = check(&[("base.yaml", BASE), ("changes/chg.yaml", CHANGE_TYPO)]);
    assert_eq!(
        located,
        vec![at("GEN-003", "changes/chg.yaml", 2, 5), at("GEN-003", "changes/chg.yaml", 6, 1)],
        "{findings:#?}"
    );
    // The missing field points at the record's id; the unknown one at its key.
    assert_eq!(findings[0].message.en, "missing required field `requested_by`");
    assert_eq!(findings[1].message.en, "unknown field `reqested_by`");
    assert_eq!(findings[1].help.as_ref().unwrap().en, "did you mean `requested_by`?");
}

#[test]
fn syntax_error_is_located_and_other_files_are_still_checked() {
    let broken = "kind: Person\nid: p-1\nname: [unclosed\n";
    let (located, findings, _) =
        check(&[("base.yaml", BASE), ("a/broken.yaml", broken), ("changes/chg.yaml", CHANGE_TYPO)]);
    assert_eq!(located[0].0, "GEN-001");
    // At the bracket that is never closed.
    assert_eq!(located[0], at("GEN-001", "a/broken.yaml", 3, 7), "{findings:#?}");
    assert!(located.contains(&at("GEN-003", "changes/chg.yaml", 6, 1)));
}

#[test]
fn duplicate_ids_point_at_both_definitions() {
    let people = "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-01-01\n";
    let again = "kind: Person\nitems:\n  - id: p-2\n    name: B\n    role: r\n    joined: 2025-01-01\n  - id: p-1\n    name: C\n    role: r\n    joined: 2025-01-01\n";
    let (located, findings, repo) = check(&[("base.yaml", BASE), ("a.yaml", people), ("b.yaml", again)]);
    assert_eq!(located, vec![at("GEN-004", "b.yaml", 7, 9)]);
    let label = &findings[0].labels[0];
    let (file, lc, _) = repo.sources.locate(label.span).unwrap();
    assert_eq!((file.path.as_str(), lc.line, lc.col), ("a.yaml", 2, 5));
    assert!(findings[0].message.en.contains("a.yaml:2:5"), "{}", findings[0].message.en);
}

#[test]
fn dangling_references_are_reported_at_the_reference() {
    let training = "kind: Training\nid: T-1\ntopic: security-awareness\nheld_at: 2026-03-01\nattendees: [p-1, p-9]\n";
    let person = "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-01-01\n";
    let incident = "kind: Incident\nid: I-1\nservice: help-desk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\n";
    let system = "kind: System\nid: sys-1\nname: 核心系统\ncriticality: critical\nservices: [helpdesk]\n";
    let sla = "kind: Sla\nid: sla-x\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9, hours: bank-hour}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n";
    let (located, findings, _) = check(&[
        ("base.yaml", BASE),
        ("t.yaml", training),
        ("p.yaml", person),
        ("i.yaml", incident),
        ("s.yaml", system),
        ("sla.yaml", sla),
    ]);
    assert_eq!(
        located,
        vec![at("GEN-005", "t.yaml", 5, 18), at("GEN-005", "i.yaml", 3, 10), at("GEN-005", "sla.yaml", 5, 37)],
        "{findings:#?}"
    );
    assert_eq!(findings[1].help.as_ref().unwrap().en, "did you mean `helpdesk`?");
    assert!(findings[2].message.en.contains("bank-hour"));
}

#[test]
fn omitted_engagement_is_ambiguous_with_two_engagements() {
    let second = BASE.replacen("id: demo", "id: demo-2", 1);
    let person = "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-01-01\n";
    let (located, _, _) = check(&[("base.yaml", BASE), ("base2.yaml", &second), ("p.yaml", person)]);
    assert!(located.contains(&at("GEN-005", "p.yaml", 2, 5)), "{located:?}");
}

#[test]
fn timestamps_out_of_order() {
    let incident = "kind: Incident\nid: I-1\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresolved_at: 2026-10-08T09:00:00+08:00\nresponded_at: 2026-10-08T10:00:00+08:00\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", incident)]);
    // resolved before opened, and before responded (equal timestamps are in order).
    assert_eq!(located, vec![at("GEN-007", "i.yaml", 6, 14), at("GEN-007", "i.yaml", 6, 14)], "{findings:#?}");
}

#[test]
fn wrong_values_are_explained_at_the_value() {
    let person = "\
kind: Person
id: p-1
name: A
role: r
joined: 2026-02-30
key_staff: no
";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("p.yaml", person)]);
    assert_eq!(located, vec![at("GEN-003", "p.yaml", 5, 9), at("GEN-003", "p.yaml", 6, 12)]);
    assert!(findings[0].message.en.contains("2026-02 has 28 days"), "{}", findings[0].message.en);
    assert!(findings[1].message.en.contains("YAML 1.1 boolean"), "{}", findings[1].message.en);
    assert_eq!(findings[1].help.as_ref().unwrap().en, "write `false`");
}

#[test]
fn working_days_are_only_for_sla_priorities() {
    // `1wd` under an Sla's priorities is a target; anywhere else a duration is wall-clock
    // time and `wd` is a type error with a hint.
    let sla = BASE
        .replace("P3: {response: 2h, resolution: 2d}", "P3: {response: 2h, resolution: 1wd, calendar: cn-workdays}")
        .replace("mttr_max: 4h", "mttr_max: 1wd");
    let (located, findings, _) = check(&[("base.yaml", &sla)]);
    let line = sla.lines().position(|l| l.starts_with("mttr_max")).unwrap() as u32 + 1;
    assert_eq!(located, vec![at("GEN-003", "base.yaml", line, 11)]);
    assert!(findings[0].message.en.contains("expected a duration"), "{}", findings[0].message.en);
    let help = findings[0].help.as_ref().unwrap();
    assert!(
        help.en.contains("only for the targets under an Sla's `priorities`") && help.en.contains("`1d`"),
        "{}",
        help.en
    );
    assert!(help.zh.contains("工作日"), "{}", help.zh);
    // A bad target names both forms.
    let bad = BASE.replace("resolution: 2d}", "resolution: 2days}");
    let (_, findings, _) = check(&[("base.yaml", &bad)]);
    assert!(findings[0].message.en.contains("or working days such as `1wd`"), "{}", findings[0].message.en);
}

#[test]
fn unknown_kind_and_missing_kind() {
    let doc = "kind: Chnage\nid: C-1\n---\nid: X-1\ntitle: no kind\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("x.yaml", doc)]);
    assert_eq!(located, vec![at("GEN-002", "x.yaml", 1, 7), at("GEN-002", "x.yaml", 4, 1)]);
    assert_eq!(findings[0].help.as_ref().unwrap().en, "did you mean `Change`?");
}

#[test]
fn batch_defaults_merge_and_a_bad_item_is_dropped_alone() {
    let batch = "\
kind: Person
defaults:
  role: engineer
  joined: 2025-07-01
  nda_singed_at: 2025-06-01
items:
  - id: p-1
    name: A
  - id: p-2
    name: B
    role: manager
  - id: p-3
    name: C
    joined: someday
";
    let (located, findings, repo) = check(&[("base.yaml", BASE), ("people.yaml", batch)]);
    // The unknown default is reported once, at `defaults`; the bad item at its value.
    assert_eq!(
        located,
        vec![at("GEN-003", "people.yaml", 5, 3), at("GEN-003", "people.yaml", 14, 13)],
        "{findings:#?}"
    );
    let people = &repo.records.people;
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].role.value, "engineer");
    assert_eq!(people[1].role.value, "manager");
}

#[test]
fn a_problem_in_a_default_is_reported_once_at_the_default() {
    let batch = "kind: Person\ndefaults:\n  joined: 2025-13-01\nitems:\n  - {id: p-1, name: A, role: r}\n  - {id: p-2, name: B, role: r}\n";
    let (located, _, _) = check(&[("base.yaml", BASE), ("people.yaml", batch)]);
    assert_eq!(located, vec![at("GEN-003", "people.yaml", 3, 11)]);
}

#[test]
fn offsetless_timestamps_warn_once_per_file_and_use_the_sla_zone() {
    let sla = "kind: Sla\nid: sla-b\nengagement: demo\nservice: helpdesk\ntimezone: Europe/Berlin\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n";
    let base = BASE.split("---").next().unwrap();
    let incidents = "kind: Incident\nitems:\n  - {id: I-1, service: helpdesk, priority: P1, opened_at: 2026-07-01T10:00:00}\n  - {id: I-2, service: helpdesk, priority: P1, opened_at: 2026-07-01T11:00:00}\n";
    let (located, _, repo) = check(&[("base.yaml", base), ("sla.yaml", sla), ("inc.yaml", incidents)]);
    assert_eq!(located, vec![at("GEN-008", "inc.yaml", 3, 59)]);
    // 10:00 in Berlin (summer time, +02:00) is 08:00 UTC.
    assert_eq!(repo.records.incidents[0].opened_at.instant.to_string(), "2026-07-01T08:00:00Z");
}

#[test]
fn x_keys_are_free_at_every_level() {
    let person =
        "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-01-01\nx-hr-id: 1234\noffboarding_note: {x-any: 1}\n";
    let (located, _, _) = check(&[("base.yaml", BASE), ("p.yaml", person)]);
    // `offboarding_note` is not an x- key: reported; x-hr-id is not.
    assert_eq!(located, vec![at("GEN-003", "p.yaml", 7, 1)]);
}

#[test]
fn a_record_left_out_for_a_field_error_still_resolves_references() {
    let person = "kind: Person\nid: p-1\nname: A\nrole: r\njoined: 2025-01-01\nkey_staff: no\n";
    let training = "kind: Training\nid: T-1\ntopic: security-awareness\nheld_at: 2026-03-01\nattendees: [p-1]\n";
    let (located, _, _) = check(&[("base.yaml", BASE), ("p.yaml", person), ("t.yaml", training)]);
    assert_eq!(located, vec![at("GEN-003", "p.yaml", 6, 12)]);
}

#[test]
fn calendar_constraints_are_field_errors() {
    let cal = "kind: Calendar\nid: cal\ntimezone: Asia/Shanghai\nweek:\n  mon: [\"09:00-12:00\", \"11:00-18:00\"]\n  tues: [\"09:00-18:00\"]\nholidays: [2026-10-01]\nworkdays: [2026-10-01]\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("c.yaml", cal)]);
    assert_eq!(
        located,
        vec![at("GEN-003", "c.yaml", 5, 24), at("GEN-003", "c.yaml", 6, 3), at("GEN-003", "c.yaml", 8, 12)],
        "{findings:#?}"
    );
    assert_eq!(findings[1].help.as_ref().unwrap().en, "did you mean `tue`?");
}

#[test]
fn survey_scores_need_at_least_one_dimension() {
    let survey = "kind: Survey\nid: S-1\nperiod: {from: 2026-01-01, to: 2026-06-30}\nresponses:\n  - respondent: a\n    scores: {}\n";
    let (located, _, _) = check(&[("base.yaml", BASE), ("s.yaml", survey)]);
    assert_eq!(located, vec![at("GEN-003", "s.yaml", 6, 5)]);
}

const PERSON: &str = "kind: Person\nid: p-li-na\nname: 李娜\nrole: r\njoined: 2025-01-01\n";
const TWO_FEEDBACKS: &str = "kind: Feedback\nitems:\n  - {id: FB-1, received_at: 2026-10-03T09:12:00, channel: email, class: general, summary: a, status: open}\n  - {id: FB-2, received_at: 2026-10-04T09:12:00, channel: email, class: general, summary: b, status: open}\n";

fn waiver(target: &str, expires: &str) -> String {
    format!(
        "kind: Waiver\nid: W-1\nrule: GEN-008\ntarget: {target}\nreason: 已核对\napproved_by: p-li-na\nexpires: {expires}\n"
    )
}

#[test]
fn a_live_waiver_silences_exactly_its_target() {
    let w = waiver("Feedback/FB-1", "2026-12-31");
    let (located, findings, _) =
        check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &w)]);
    // GEN-008 is reported once per file, at FB-1's timestamp: that one finding is waived.
    assert_eq!(located, vec![at("GEN-008", "fb.yaml", 3, 29)]);
    assert_eq!(findings[0].waived_by.as_deref(), Some("W-1"));
}

#[test]
fn a_waiver_for_another_record_leaves_the_finding_unwaived_and_is_reported() {
    let w = waiver("Feedback/FB-2", "2026-12-31");
    let (located, findings, _) =
        check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &w)]);
    assert_eq!(located, vec![at("GEN-008", "fb.yaml", 3, 29), at("GEN-006", "w.yaml", 4, 9)]);
    assert!(findings[0].waived_by.is_none());
    assert!(findings[1].message.en.contains("matches no finding"), "{}", findings[1].message.en);
}

#[test]
fn an_expired_waiver_is_reported_and_its_findings_count_again() {
    let w = waiver("path:fb.yaml", "2026-10-30");
    let (located, findings, _) =
        check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &w)]);
    assert_eq!(located, vec![at("GEN-008", "fb.yaml", 3, 29), at("GEN-006", "w.yaml", 7, 10)]);
    assert!(findings[0].waived_by.is_none());
    // On its expiry day it is still live.
    let w = waiver("path:fb.yaml", "2026-10-31");
    let (located, findings, _) =
        check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &w)]);
    assert_eq!(located, vec![at("GEN-008", "fb.yaml", 3, 29)]);
    assert_eq!(findings[0].waived_by.as_deref(), Some("W-1"));
}

#[test]
fn waivers_naming_unknown_rules_or_targets_are_reported() {
    let bad_rule = waiver("Feedback/FB-1", "2026-12-31").replace("rule: GEN-008", "rule: GEN-080");
    let bad_kind = waiver("Feedbak/FB-1", "2026-12-31");
    let missing = waiver("FB-9", "2026-12-31");
    let general = waiver("Feedback/FB-1", "2026-12-31").replace("rule: GEN-008", "rule: GEN-003");
    for (text, line, col, needle) in [
        (bad_rule, 3, 7, "unknown rule"),
        (bad_kind, 4, 9, "not a record kind"),
        (missing, 4, 9, "no record has the id"),
        (general, 3, 7, "cannot be waived"),
    ] {
        let (located, findings, _) =
            check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &text)]);
        let gen006: Vec<_> = located.iter().zip(&findings).filter(|(l, _)| l.0 == "GEN-006").collect();
        assert_eq!(gen006.len(), 1, "{text}: {located:?}");
        assert_eq!(gen006[0].0, &at("GEN-006", "w.yaml", line, col), "{text}");
        assert!(gen006[0].1.message.en.contains(needle), "{}", gen006[0].1.message.en);
    }
}

#[test]
fn a_waiver_of_an_error_applies_only_with_the_customers_approval() {
    // FBK-001 is an error: a closed feedback without resolution or confirmation.
    let fb = "kind: Feedback\nitems:\n  - {id: FB-3, received_at: 2026-10-03T09:12:00+08:00, channel: email, class: general, summary: a, status: closed}\n";
    let w = waiver("Feedback/FB-3", "2026-12-31").replace("rule: GEN-008", "rule: FBK-001");
    let run_with = |waiver: &str| {
        let files = [("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", fb), ("w.yaml", waiver)];
        crate::common::run_rules(&files, "", &["GEN-006", "FBK-001"], "2026-10-31")
    };
    let (located, findings) = run_with(&w);
    let gen006: Vec<_> = located.iter().zip(&findings).filter(|(l, _)| l.0 == "GEN-006").collect();
    assert_eq!(gen006.len(), 1, "{located:?}");
    assert_eq!(gen006[0].0, &at("GEN-006", "w.yaml", 3, 7));
    assert!(gen006[0].1.message.en.contains("without `customer_approval`"), "{}", gen006[0].1.message.en);
    let fbk: Vec<_> = findings.iter().filter(|f| f.rule == "FBK-001").collect();
    assert!(!fbk.is_empty() && fbk.iter().all(|f| f.waived_by.is_none()), "{fbk:#?}");

    let (located, findings) = run_with(&format!("{w}customer_approval: {{by: 周敏, at: 2026-10-30}}\n"));
    assert!(located.iter().all(|l| l.0 != "GEN-006"), "{located:?}");
    let fbk: Vec<_> = findings.iter().filter(|f| f.rule == "FBK-001").collect();
    assert!(!fbk.is_empty() && fbk.iter().all(|f| f.waived_by.as_deref() == Some("W-1")), "{fbk:#?}");
    // A warning (GEN-008 above) is waived on the provider's approval alone.
}

#[test]
fn waiver_approver_must_be_a_person() {
    let w = waiver("Feedback/FB-1", "2026-12-31").replace("approved_by: p-li-na", "approved_by: 王总");
    let (located, _, _) = check(&[("base.yaml", BASE), ("p.yaml", PERSON), ("fb.yaml", TWO_FEEDBACKS), ("w.yaml", &w)]);
    assert!(located.contains(&at("GEN-005", "w.yaml", 6, 14)), "{located:?}");
}

#[test]
fn calendar_extends_cycle_is_reported() {
    let cals = "kind: Calendar\nid: a\ntimezone: Asia/Shanghai\nweek: {mon: [\"09:00-18:00\"]}\nextends: b\n---\nkind: Calendar\nid: b\ntimezone: Asia/Shanghai\nweek: {mon: [\"09:00-18:00\"]}\nextends: a\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("c.yaml", cals)]);
    assert_eq!(located, vec![at("GEN-005", "c.yaml", 5, 10), at("GEN-005", "c.yaml", 11, 10)], "{findings:#?}");
    assert!(findings[0].message.en.contains("cycle"));
}

#[test]
fn improvement_sources_must_resolve() {
    // `Kind/id`, a bare id only one kind uses, or a `path:` glob (records.md, References).
    let imp = "kind: Improvement\nid: IMP-1\nsources: [Engagement/demo, demo, Incident/INC-NOPE, Survy/S-1, NOPE-ID, \"path:changes/**\"]\ngoal: g\nmeasures: [m]\nowner: o\ndue: 2026-12-31\nstatus: planned\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", imp)]);
    assert_eq!(
        located,
        vec![at("GEN-005", "i.yaml", 3, 34), at("GEN-005", "i.yaml", 3, 53), at("GEN-005", "i.yaml", 3, 64)],
        "{findings:#?}"
    );
    assert!(findings[1].help.is_none() && findings[1].message.en.contains("did you mean `Survey`?"));
}

#[test]
fn nested_ids_are_unique_within_their_parent() {
    let audit = "kind: Audit\nid: AUD-1\nperformed_at: 2026-06-01\nauditor: {name: a, independent: true}\nareas: [security-policy]\nfindings:\n  - {id: F1, title: t, severity: low, owner: o, due: 2026-12-31, status: open}\n  - {id: F1, title: u, severity: low, owner: o, due: 2026-12-31, status: open}\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("a.yaml", audit)]);
    assert_eq!(located, vec![at("GEN-004", "a.yaml", 8, 10)], "{findings:#?}");
    assert_eq!(findings[0].labels.len(), 1);
    // The same nested id in two different audits is fine.
    let other = audit.replace("AUD-1", "AUD-2").replace("  - {id: F1, title: u", "  - {id: F2, title: u");
    let first = audit.replace("  - {id: F1, title: u", "  - {id: F2, title: u");
    assert!(check(&[("base.yaml", BASE), ("a.yaml", &first), ("b.yaml", &other)]).0.is_empty());
}

#[test]
fn an_id_in_defaults_is_reported_and_not_given_to_the_items() {
    let batch = "kind: Training\ndefaults: {id: TRN-X, topic: operations, held_at: 2026-10-01, attendees: []}\nitems: [{}, {}]\n";
    let (located, findings, repo) = check(&[("base.yaml", BASE), ("t.yaml", batch)]);
    // The default itself, then each item's missing `id` (at the item), and no GEN-004.
    assert_eq!(
        located,
        vec![at("GEN-003", "t.yaml", 2, 12), at("GEN-003", "t.yaml", 3, 9), at("GEN-003", "t.yaml", 3, 13)],
        "{findings:#?}"
    );
    assert!(repo.records.trainings.is_empty());
}

#[test]
fn a_restore_test_reads_offsetless_times_in_its_policys_engagement_zone() {
    // Two engagements: the RestoreTest has no `engagement:`, its BackupPolicy belongs to e2.
    let e2 = BASE
        .replace("id: demo", "id: e2")
        .replace("title: 示例服务项目", "title: 纽约项目\ntimezone: America/New_York");
    let policy = "kind: BackupPolicy\nid: bp-x\nengagement: e2\nsystem: sys-x\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 30\nintegrity_check: checksum\n---\nkind: System\nid: sys-x\nengagement: e2\nname: X\ncriticality: normal\n";
    let test = "kind: RestoreTest\nid: rt-x\npolicy: bp-x\nperformed_at: 2026-10-10\nresult: passed\nintegrity_verified: true\nbackup_taken_at: 2026-10-09T23:00:00\n";
    let (_, findings, repo) = check(&[("base.yaml", BASE), ("e2.yaml", &e2), ("bp.yaml", policy), ("rt.yaml", test)]);
    let gen008: Vec<&str> = findings.iter().filter(|f| f.rule == "GEN-008").map(|f| f.message.en.as_str()).collect();
    assert_eq!(
        gen008,
        vec!["timestamp without a UTC offset; such timestamps in this file are read in America/New_York"]
    );
    let taken = repo.records.restore_tests[0].backup_taken_at.as_ref().unwrap().value.instant;
    assert_eq!(taken.to_string(), "2026-10-10T03:00:00Z");
}

#[test]
fn currency_must_be_an_iso_4217_code() {
    let rmb = BASE.replace("currency: CNY", "currency: RMB");
    assert_ne!(rmb, BASE, "the base engagement states its currency");
    let (located, findings, _) = check(&[("base.yaml", &rmb)]);
    let gen003: Vec<_> = findings.iter().filter(|f| f.rule == "GEN-003").collect();
    assert_eq!(gen003.len(), 1, "{located:?}");
    assert_eq!(gen003[0].help.as_ref().unwrap().en, "the ISO 4217 code of the renminbi is `CNY`");
    let abc = BASE.replace("currency: CNY", "currency: ABC");
    assert!(check(&[("base.yaml", &abc)]).1.iter().any(|f| f.rule == "GEN-003"));
}

#[test]
fn closed_before_responded_without_a_resolution_is_out_of_order() {
    // `responded_at` ≤ `resolved_at` ≤ `closed_at`: with no resolution, responded ≤ closed.
    let incident = "kind: Incident\nid: I-2\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-20T10:00:00+08:00\nresponded_at: 2026-10-20T12:00:00+08:00\nclosed_at: 2026-10-20T11:00:00+08:00\nstatus: closed\n";
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", incident)]);
    assert_eq!(located, vec![at("GEN-007", "i.yaml", 7, 12)], "{findings:#?}");
}

#[test]
fn detection_after_opening_and_backward_priority_changes_are_out_of_order() {
    // `detected_at` ≤ `opened_at` (revision2-decisions.md 29); a change at `opened_at` is a
    // correction at opening and in order; changes follow each other.
    let ok = "kind: Incident\nid: I-3\nservice: helpdesk\npriority: P3\ndetected_at: 2026-10-20T10:00:00+08:00\nopened_at: 2026-10-20T10:00:00+08:00\npriority_changes:\n  - {at: 2026-10-20T10:00:00+08:00, to: P2}\n  - {at: 2026-10-20T11:00:00+08:00, to: P1}\n";
    assert!(check(&[("base.yaml", BASE), ("i.yaml", ok)]).0.is_empty());
    let late = ok.replace("detected_at: 2026-10-20T10:00:00", "detected_at: 2026-10-20T10:01:00");
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", &late)]);
    assert_eq!(located, vec![at("GEN-007", "i.yaml", 6, 12)], "{findings:#?}");
    let backward = ok.replace("at: 2026-10-20T11:00:00", "at: 2026-10-20T09:59:00");
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", &backward)]);
    assert_eq!(located, vec![at("GEN-007", "i.yaml", 9, 10)], "{findings:#?}");
}

#[test]
fn a_number_with_more_digits_than_exact_figures_keep_is_a_value_error() {
    // Decimals that decide money or a threshold are kept exactly: at most 9 after the point.
    let ok = "kind: Incident\nid: I-4\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-20T10:00:00+08:00\noutage: {start: 2026-10-20T10:00:00+08:00, end: 2026-10-20T11:00:00+08:00, impact: partial, degraded_percent: 12.123456789}\n";
    assert!(check(&[("base.yaml", BASE), ("i.yaml", ok)]).0.is_empty());
    let long = ok.replace("12.123456789", "12.1234567891");
    let (located, findings, _) = check(&[("base.yaml", BASE), ("i.yaml", &long)]);
    assert_eq!(located, vec![at("GEN-003", "i.yaml", 6, 111)], "{findings:#?}");
    assert!(findings[0].message.en.contains("more digits than an exact figure keeps"), "{findings:#?}");
}

/// GEN-007's explanation names every chain of the model's one list, in both languages.
#[test]
fn gen007_explanation_names_every_ordered_chain() {
    let meta = itos::rules::all().iter().map(|r| r.meta()).find(|m| m.id == "GEN-007").unwrap();
    for chain in itos::model::order::CHAINS {
        let text = chain.render();
        assert!(meta.explanation_en.contains(&text), "English explanation lacks {text}");
        assert!(meta.explanation_zh.contains(&text), "Chinese explanation lacks {text}");
    }
}

/// One pair out of order of every kind GEN-007 judges, each reported at the later field.
#[test]
fn gen007_judges_a_pair_of_every_kind() {
    let cases: &[(&str, &str, u32, u32, &str)] = &[
        (
            "kind: Incident\nid: I-9\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\narrived_at: 2026-10-08T09:00:00+08:00\n",
            "i.yaml",
            6,
            13,
            "`arrived_at` (2026-10-08T09:00:00+08:00) is before `opened_at` (2026-10-08T10:00:00+08:00)",
        ),
        (
            "kind: Change\nid: C-1\ntitle: 补丁\ndescription: 安装补丁\nclass: standard\nrequested_by: 张伟\nrequested_at: 2026-10-08T10:00:00+08:00\nimpact: {services: [helpdesk], expected: 无影响}\nrisk: {likelihood: 1, impact: 1, level: low}\nimplementation: {by: 张伟, started_at: 2026-10-09T10:00:00+08:00, finished_at: 2026-10-09T11:00:00+08:00}\nverification: {by: 李娜, at: 2026-10-09T10:30:00+08:00, result: passed, checks: {functional: passed}}\nstatus: implemented\n",
            "c.yaml",
            11,
            28,
            "`verification.at` (2026-10-09T10:30:00+08:00) is before `implementation.finished_at` (2026-10-09T11:00:00+08:00)",
        ),
        (
            "kind: Audit\nid: A-1\nperformed_at: 2026-09-15\nauditor: {name: 审计机构, independent: true}\nareas: [security-policy]\nfindings:\n  - {id: F-1, title: 弱口令, severity: low, owner: 王磊, due: 2026-10-15, status: closed, closed_at: 2026-09-14}\n",
            "a.yaml",
            7,
            97,
            "`findings[].closed_at` (2026-09-14) is before `performed_at` (2026-09-15)",
        ),
        (
            "kind: Person\nid: p-9\nname: 赵六\nrole: engineer\njoined: 2026-03-01\nleft: 2026-02-28\n",
            "p.yaml",
            6,
            7,
            "`left` (2026-02-28) is before `joined` (2026-03-01)",
        ),
        (
            "kind: Feedback\nid: FB-1\nreceived_at: 2026-10-16T11:30:00+08:00\nchannel: phone\nclass: important\nsummary: 通报不及时\nresolution: {at: 2026-10-18T16:00:00+08:00, summary: 增加通报名单}\ncustomer_confirmed_at: 2026-10-18T15:59:00+08:00\nstatus: closed\n",
            "f.yaml",
            8,
            24,
            "`customer_confirmed_at` (2026-10-18T15:59:00+08:00) is before `resolution.at` (2026-10-18T16:00:00+08:00)",
        ),
        (
            "kind: Handover\nid: HO-1\ntermination: {reason: mutual-agreement, notice_given_at: 2026-09-16, effective_at: 2026-09-15}\ndeliverables:\n  - {item: system-config, delivered_at: 2026-09-01}\n",
            "h.yaml",
            3,
            84,
            "`termination.effective_at` (2026-09-15) is before `termination.notice_given_at` (2026-09-16)",
        ),
    ];
    // The later value made equal to the earlier one: at the boundary, in order.
    let equal = [
        ("arrived_at: 2026-10-08T09:00", "arrived_at: 2026-10-08T10:00"),
        ("at: 2026-10-09T10:30", "at: 2026-10-09T11:00"),
        ("closed_at: 2026-09-14", "closed_at: 2026-09-15"),
        ("left: 2026-02-28", "left: 2026-03-01"),
        ("customer_confirmed_at: 2026-10-18T15:59", "customer_confirmed_at: 2026-10-18T16:00"),
        ("effective_at: 2026-09-15", "effective_at: 2026-09-16"),
    ];
    for ((yaml, file, line, col, message), (from, to)) in cases.iter().zip(equal) {
        let (located, findings, _) = check(&[("base.yaml", BASE), (file, yaml)]);
        assert_eq!(located, vec![at("GEN-007", file, *line, *col)], "{findings:#?}");
        assert_eq!(findings[0].message.en, *message);
        assert!(yaml.contains(from), "{file}: {from}");
        let (located, findings, _) = check(&[("base.yaml", BASE), (file, &yaml.replace(from, to))]);
        assert!(located.is_empty(), "{file}: {findings:#?}");
    }
}

/// A restore test's date against its backup's timestamp: the timestamp's day in the
/// engagement's zone, so a backup late on the test's own day is in order.
#[test]
fn gen007_compares_a_date_with_a_timestamp_as_days_in_the_engagement_zone() {
    let test = |taken: &str| {
        format!(
            "kind: RestoreTest\nid: RT-1\npolicy: bp-1\nperformed_at: 2026-10-05\nresult: passed\nintegrity_verified: true\nbackup_taken_at: {taken}\n---\nkind: BackupPolicy\nid: bp-1\nsystem: sys-1\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验\n---\nkind: System\nid: sys-1\nname: 核心系统\ncriticality: critical\n"
        )
    };
    // 2026-10-05T16:30Z is 10-06 00:30 in Asia/Shanghai: the day after the test.
    let late = test("2026-10-05T16:30:00Z");
    let (located, findings, _) = check(&[("base.yaml", BASE), ("r.yaml", &late)]);
    // Reported at the later of the pair: the test's date.
    assert_eq!(located, vec![at("GEN-007", "r.yaml", 4, 15)], "{findings:#?}");
    let same_day = test("2026-10-05T15:59:59Z");
    let (located, findings, _) = check(&[("base.yaml", BASE), ("r.yaml", &same_day)]);
    assert!(located.is_empty(), "{findings:#?}");
}
