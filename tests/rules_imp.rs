#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the improvement rule (IMP-*): rule id, file, line and column.

use crate::common;
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

#[test]
fn a_waiver_for_one_item_of_a_batch_default_does_not_hide_the_others() {
    // The late due date comes from `defaults`: one finding at the default for the unwaived
    // items (IMP-2, IMP-3), and IMP-1's own, waived.
    let batch = "kind: Improvement\ndefaults: {goal: g, measures: [m], owner: o, due: 2026-08-31, status: planned}\nitems: [{id: IMP-1}, {id: IMP-2}, {id: IMP-3}]\n";
    let waiver = "kind: Waiver\nid: W-1\nrule: IMP-001\ntarget: Improvement/IMP-1\nreason: 客户同意延期\napproved_by: p-1\nexpires: 2026-12-31\ncustomer_approval: {by: 周敏, at: 2026-09-01}\n---\nkind: Person\nid: p-1\nname: 李娜\nrole: r\njoined: 2025-07-01\n";
    let files = [("engagement.yaml", BASE), ("i.yaml", batch), ("w.yaml", waiver)];
    let (located, findings) = run_rules(&files, "", &["IMP-001"], "2026-10-31");
    assert_eq!(located, vec![at("IMP-001", "i.yaml", 2, 51); 2], "{findings:#?}");
    let open: Vec<&str> = findings.iter().filter(|f| f.waived_by.is_none()).map(|f| f.message.en.as_str()).collect();
    assert_eq!(open.len(), 1);
    assert!(open[0].contains("IMP-2") && open[0].ends_with("applies to 2 items)"), "{open:?}");
    assert!(findings.iter().any(|f| f.waived_by.is_some() && f.message.en.contains("IMP-1")));
}
