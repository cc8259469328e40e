#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! One bad value never hides a record (issue 16, item 4): a record keeps every field that
//! could be read, the bad value is reported once (GEN-003, at the value) and reads as absent,
//! and a rule that reads that field does not report it missing as well.

mod common;
use common::*;

fn survey(scores: &str) -> String {
    format!(
        "kind: Survey\nid: S-1\nperiod: {{from: 2026-07-01, to: 2026-09-30}}\nresponses:\n  - {{scores: {{quality: 5}}}}\n  - {{scores: {scores}}}\n"
    )
}

#[test]
fn a_bad_score_does_not_drop_the_survey() {
    // Before: one score of 4.5 dropped the whole survey, and SAT-001 reported no survey at all.
    let s = survey("{quality: 4.5, cost: 4}");
    let (located, findings) = run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &["SAT-001"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "s.yaml", 6, 24)], "{findings:#?}");
    assert!(findings[0].message.en.contains("responses[1].scores.quality"), "{}", findings[0].message.en);
}

#[test]
fn a_cross_field_check_does_not_repeat_a_reported_mistake() {
    // Every score of the second response is bad: the response is left out with one finding
    // per bad value, not also "gives no score".
    let s = survey("{quality: 4.5, cost: six}");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &["SAT-001"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "s.yaml", 6, 24), at("GEN-003", "s.yaml", 6, 35)]);
    // A response that gives no score at all is still reported.
    let s = survey("{}");
    let (located, findings) = run_rules(&[("engagement.yaml", BASE), ("s.yaml", &s)], "", &["SAT-001"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "s.yaml", 6, 6)]);
    assert!(findings[0].message.en.contains("gives no score"), "{}", findings[0].message.en);
}

#[test]
fn a_bad_optional_value_leaves_the_rest_of_the_record_to_the_rules() {
    // `key_staff: no` (a YAML 1.1 boolean) is reported; the person is still judged by HR-004.
    let person = "kind: Person\nid: p-1\nname: 李娜\nrole: 运维工程师\njoined: 2026-01-05\nkey_staff: no\n";
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("p.yaml", person)], "", &["HR-004"], "2026-10-31");
    assert_eq!(located, vec![at("HR-004", "p.yaml", 2, 5), at("GEN-003", "p.yaml", 6, 12)]);
}

#[test]
fn a_bad_required_value_still_drops_the_record_but_references_to_it_resolve() {
    // `joined` is required and unreadable: the person cannot be judged, and a Training naming
    // it is not told the person does not exist.
    let person = "kind: Person\nid: p-1\nname: 李娜\nrole: 运维工程师\njoined: 2026/01/05\n";
    let training = "kind: Training\nid: T-1\ntopic: onboarding\nheld_at: 2026-01-05\nattendees: [p-1]\n";
    let (located, _) = run_rules(
        &[("engagement.yaml", BASE), ("p.yaml", person), ("t.yaml", training)],
        "",
        &["GEN-004", "HR-004"],
        "2026-10-31",
    );
    assert_eq!(located, vec![at("GEN-003", "p.yaml", 5, 9)]);
}

#[test]
fn a_bad_evidence_path_keeps_the_handover() {
    // Before: one `../` evidence path dropped the Handover, and the checklist said "no Handover
    // record yet" with every item missing.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/exit"), dir.path());
    let path = dir.path().join("handover/exit.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text =
        text.replacen("evidence: [handover/deliverables/system-config.md]", "evidence: [../system-config.md]", 1);
    std::fs::write(&path, text).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, out, err) = itos(&["handover", "checklist", "-C", root, "--no-git"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!out.contains("no Handover record yet"), "{out}");
    assert!(!out.contains("could not be loaded"), "{out}");
    let (_, out, _) = itos(&["validate", "-C", root, "--no-git", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules.iter().filter(|r| **r == "GEN-003").count(), 1, "{rules:?}");
}

#[test]
fn a_rule_does_not_report_missing_what_was_reported_unreadable() {
    // The satisfaction target is out of range: GEN-003 at the value, not also SLA-004's "sets
    // no satisfaction target".
    let base = BASE.replace("satisfaction_min: 4", "satisfaction_min: 7");
    let (located, _) = run_rules(&[("engagement.yaml", &base)], "", &["SLA-004"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "engagement.yaml", 28, 19)]);
    // Absent, it is SLA-004's.
    let base = BASE.replace("satisfaction_min: 4\n", "");
    let (located, _) = run_rules(&[("engagement.yaml", &base)], "", &["SLA-004"], "2026-10-31");
    assert_eq!(located, vec![at("SLA-004", "engagement.yaml", 17, 5)]);
    // A known error whose workaround is a list, not a text: one GEN-003, no PRB-002.
    let problem =
        "kind: Problem\nid: PRB-1\ntitle: t\nowner: o\ndue: 2026-12-31\nstatus: known-error\nworkaround: [restart]\n";
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("p.yaml", problem)], "", &["PRB-002"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "p.yaml", 7, 13)]);
    let problem = problem.replace("workaround: [restart]\n", "");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("p.yaml", &problem)], "", &["PRB-002"], "2026-10-31");
    assert_eq!(located, vec![at("PRB-002", "p.yaml", 2, 5)]);
}
