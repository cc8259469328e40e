#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the problem rules (PRB-*).

use crate::common;
use common::*;

fn prb(body: &str) -> String {
    format!("kind: Problem\nid: PRB-1\ntitle: t\nowner: p-1\n{body}")
}

#[test]
fn prb001_due_date_is_inclusive() {
    let p = prb("due: 2026-10-31\nstatus: open\n");
    assert!(run_rule("PRB-001", &[("p.yaml", &p)], "2026-10-31").0.is_empty());
    assert_eq!(run_rule("PRB-001", &[("p.yaml", &p)], "2026-11-01").0, vec![at("PRB-001", "p.yaml", 5, 6)]);
    let closed = prb("due: 2026-10-31\nstatus: closed\nroot_cause: x\n");
    assert!(run_rule("PRB-001", &[("p.yaml", &closed)], "2026-11-01").0.is_empty());
}

#[test]
fn prb002_known_error_needs_a_workaround() {
    let p = prb("due: 2026-12-31\nstatus: known-error\n");
    assert_eq!(run_rule("PRB-002", &[("p.yaml", &p)], "2026-10-31").0, vec![at("PRB-002", "p.yaml", 2, 5)]);
    let p = prb("due: 2026-12-31\nstatus: known-error\nworkaround: 切换备库\n");
    assert!(run_rule("PRB-002", &[("p.yaml", &p)], "2026-10-31").0.is_empty());
}

#[test]
fn prb003_resolved_without_root_cause_or_change() {
    let p = prb("due: 2026-12-31\nstatus: resolved\n");
    let (located, findings) = run_rule("PRB-003", &[("p.yaml", &p)], "2026-10-31");
    assert_eq!(located, vec![at("PRB-003", "p.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("root_cause, fixed_by_change"));
}
