#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the change rules (CHG-*): rule id, file, line and column.

mod common;
use common::*;

fn change(risk: &str) -> String {
    format!(
        "kind: Change\nid: CHG-1\ntitle: t\ndescription: d\nclass: normal\nrequested_by: 张伟\nrequested_at: 2026-10-08T10:00:00+08:00\nimpact: {{services: [helpdesk], expected: e}}\nrisk: {risk}\nstatus: requested\n"
    )
}

#[test]
fn chg004_level_must_be_the_matrix_cell() {
    let ok = change("{likelihood: 2, impact: 5, level: high}");
    let (located, _) = run_rule("CHG-004", &[("c.yaml", &ok)], "2026-10-31");
    assert!(located.is_empty());
    let bad = change("{likelihood: 2, impact: 5, level: medium}");
    let (located, findings) = run_rule("CHG-004", &[("c.yaml", &bad)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-004", "c.yaml", 9, 41)]);
    assert!(findings[0].message.en.contains("is `high`"));
    assert_eq!(findings[0].labels.len(), 2);
}

#[test]
fn chg004_uses_the_policy_matrix() {
    let config = "[policy]\nrisk_matrix = [\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"low\"],\n  [\"low\",\"low\",\"low\",\"low\",\"critical\"],\n]\n";
    let c = change("{likelihood: 2, impact: 5, level: low}");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("c.yaml", &c)], config, &["CHG-004"], "2026-10-31");
    assert!(located.is_empty());
}

#[test]
fn chg004_out_of_range_scores() {
    let c = change("{likelihood: 6, impact: 1, level: low}");
    let (located, _) = run_rule("CHG-004", &[("c.yaml", &c)], "2026-10-31");
    assert_eq!(located, vec![at("CHG-004", "c.yaml", 9, 20)]);
}
