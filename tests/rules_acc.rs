#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the acceptance rule (ACC-*): rule id, file, line and column.

use crate::common;
use common::*;

fn acceptance(result: &str, extra: &str) -> String {
    format!(
        "kind: Acceptance\nid: A-1\nsubject: 知识库建设\ncriteria: [c]\nresult: {result}\naccepted_by: 周敏\naccepted_at: 2026-08-28\n{extra}"
    )
}

#[test]
fn acc001_failed_or_conditional_without_follow_up() {
    for result in ["failed", "conditional"] {
        let a = acceptance(result, "");
        let (located, findings) = run_rule("ACC-001", &[("a.yaml", &a)], "2026-10-31");
        assert_eq!(located, vec![at("ACC-001", "a.yaml", 2, 5)]);
        assert!(findings[0].message.en.ends_with("but records no `follow_up`"));
        // The result is labelled.
        assert_eq!(findings[0].labels.len(), 1);
    }
    let a = acceptance("failed", "");
    let (_, findings) = run_rule("ACC-001", &[("a.yaml", &a)], "2026-10-31");
    assert_eq!(findings[0].message.en, "acceptance A-1 of “知识库建设” failed but records no `follow_up`");
}

#[test]
fn acc001_passes_with_a_follow_up_or_a_passed_result() {
    assert!(run_rule("ACC-001", &[("a.yaml", &acceptance("passed", ""))], "2026-10-31").0.is_empty());
    let a = acceptance("conditional", "follow_up: 10 月底前补充 50 条\n");
    assert!(run_rule("ACC-001", &[("a.yaml", &a)], "2026-10-31").0.is_empty());
    // Blank text is no follow-up.
    let blank = acceptance("conditional", "follow_up: \" \"\n");
    assert_eq!(run_rule("ACC-001", &[("a.yaml", &blank)], "2026-10-31").0, vec![at("ACC-001", "a.yaml", 2, 5)]);
}

#[test]
fn acc001_acceptance_after_as_of_is_ignored() {
    let a = acceptance("failed", "");
    assert!(run_rule("ACC-001", &[("a.yaml", &a)], "2026-08-27").0.is_empty());
    assert_eq!(run_rule("ACC-001", &[("a.yaml", &a)], "2026-08-28").0, vec![at("ACC-001", "a.yaml", 2, 5)]);
}
