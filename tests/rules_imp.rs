#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the improvement rule (IMP-*): rule id, file, line and column.

mod common;
use common::*;

fn improvement(status: &str, extra: &str) -> String {
    format!(
        "kind: Improvement\nid: IMP-1\ngoal: g\nmeasures: [m]\nowner: o\ndue: 2026-10-31\nstatus: {status}\n{extra}"
    )
}

#[test]
fn imp001_late_improvement_after_its_due_day() {
    // "Not done" (rules.md) includes `dropped`.
    for status in ["planned", "in-progress", "dropped"] {
        let i = improvement(status, "");
        assert!(run_rule("IMP-001", &[("i.yaml", &i)], "2026-10-31").0.is_empty());
        let (located, findings) = run_rule("IMP-001", &[("i.yaml", &i)], "2026-11-01");
        assert_eq!(located, vec![at("IMP-001", "i.yaml", 6, 6)]);
        assert_eq!(
            findings[0].message.en,
            format!(
                "improvement IMP-1 was due on 2026-10-31 and is `{status}`, not done, as of 2026-11-01: 1 day late"
            )
        );
    }
}

#[test]
fn imp001_done_without_evaluation() {
    let done = improvement("done", "");
    let (located, findings) = run_rule("IMP-001", &[("i.yaml", &done)], "2026-10-31");
    assert_eq!(located, vec![at("IMP-001", "i.yaml", 2, 5)]);
    assert_eq!(findings[0].labels.len(), 1);
    let evaluated = improvement("done", "evaluation: {at: 2026-10-20, effective: true}\n");
    assert!(run_rule("IMP-001", &[("i.yaml", &evaluated)], "2026-10-31").0.is_empty());
    // An evaluation dated after as-of is not evidence yet.
    assert_eq!(run_rule("IMP-001", &[("i.yaml", &evaluated)], "2026-10-19").0, vec![at("IMP-001", "i.yaml", 2, 5)]);
}
