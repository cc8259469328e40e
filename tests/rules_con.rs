#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the contract rules (CON-*): rule id, file, line and column.

use crate::common;
use common::*;

/// An engagement (line numbers below refer to this layout) with `replace` applied.
fn engagement(replace: &[(&str, &str)]) -> String {
    let mut text = "\
kind: Engagement
id: demo
title: 示例服务项目
customer: {name: 示例银行}
provider: {name: 示例服务商}
term: {start: 2025-07-01, end: 2027-06-30}
scope:
  - service: helpdesk
    description: 服务台
    deliverables: [月度服务报告]
fees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}
termination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}
liability: {service_interruption: 扣减服务费, data_loss: 赔偿直接损失, system_failure: 扣减服务费}
support: {response: 7×24 电话响应, problem_process: 问题管理流程, maintenance_cycle: 每月}
provider_qualifications:
  - {name: ISO/IEC 27001, expires: 2027-05-20}
"
    .to_owned();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

const SLA: &str = "kind: Sla\nid: sla-helpdesk\nservice: helpdesk\ntimezone: Asia/Shanghai\navailability: {target: 99.9}\npriorities:\n  P1: {response: 15m, resolution: 4h}\n";

fn run(rule: &str, eng: &str, as_of: &str) -> Vec<Located> {
    run_rules(&[("e.yaml", eng), ("sla.yaml", SLA)], "", &[rule], as_of).0
}

#[test]
fn clean_engagement_passes_every_contract_rule() {
    let eng = engagement(&[]);
    for rule in ["CON-001", "CON-002", "CON-003", "CON-004", "CON-005", "CON-006", "CON-007", "CON-008", "CON-009"] {
        assert!(run(rule, &eng, "2026-10-31").is_empty(), "{rule}");
    }
}

#[test]
fn con001_service_without_deliverables() {
    let eng = engagement(&[("deliverables: [月度服务报告]", "deliverables: []")]);
    assert_eq!(run("CON-001", &eng, "2026-10-31"), vec![at("CON-001", "e.yaml", 10, 19)]);
    let eng = engagement(&[("description: 服务台", "description: \"  \"")]);
    assert_eq!(run("CON-001", &eng, "2026-10-31"), vec![at("CON-001", "e.yaml", 9, 18)]);
}

#[test]
fn con002_sla_outside_scope_and_service_without_sla() {
    let other = SLA.replace("service: helpdesk", "service: help-desk").replace("id: sla-helpdesk", "id: sla-x");
    let (located, findings) =
        run_rules(&[("e.yaml", &engagement(&[])), ("sla.yaml", &other)], "", &["CON-002"], "2026-10-31");
    assert_eq!(located, vec![at("CON-002", "e.yaml", 8, 14), at("CON-002", "sla.yaml", 3, 10)]);
    assert_eq!(findings[1].help.as_ref().unwrap().en, "did you mean `helpdesk`?");
}

#[test]
fn con002_two_slas_for_one_service() {
    let second = SLA.replace("id: sla-helpdesk", "id: sla-helpdesk-2");
    let (located, _) = run_rules(
        &[("e.yaml", &engagement(&[])), ("sla.yaml", SLA), ("sla2.yaml", &second)],
        "",
        &["CON-002"],
        "2026-10-31",
    );
    assert_eq!(located, vec![at("CON-002", "sla2.yaml", 3, 10)]);
}

#[test]
fn con003_zero_amount_and_empty_terms() {
    let eng = engagement(&[("amount: 100000", "amount: 0"), ("payment_terms: 按月结算", "payment_terms: \"\"")]);
    assert_eq!(
        run("CON-003", &eng, "2026-10-31"),
        vec![at("CON-003", "e.yaml", 11, 16), at("CON-003", "e.yaml", 11, 66)]
    );
}

#[test]
fn con004_term_order_and_conditions() {
    let eng = engagement(&[("end: 2027-06-30", "end: 2025-07-01")]);
    assert_eq!(run("CON-004", &eng, "2026-10-31"), vec![at("CON-004", "e.yaml", 6, 32)]);
    let eng = engagement(&[("conditions: [contract-expiry, mutual-agreement]", "conditions: []")]);
    assert_eq!(run("CON-004", &eng, "2026-10-31"), vec![at("CON-004", "e.yaml", 12, 44)]);
}

#[test]
fn con004_records_from_after_the_term_ends() {
    // On the term's last day: still within the term.
    let within = "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2027-06-30";
    let eng = engagement(&[("term: {start: 2025-07-01, end: 2027-06-30}", within)]);
    assert!(run("CON-004", &eng, "2026-10-31").is_empty());
    // Before the term starts: harmless, the term's start governs.
    let before = "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2024-01-01";
    let eng = engagement(&[("term: {start: 2025-07-01, end: 2027-06-30}", before)]);
    assert!(run("CON-004", &eng, "2026-10-31").is_empty());
    // The day after: reported at `records_from`, the term's end labelled.
    let after = "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2027-07-01";
    let eng = engagement(&[("term: {start: 2025-07-01, end: 2027-06-30}", after)]);
    let (located, findings) = run_rules(&[("e.yaml", &eng), ("sla.yaml", SLA)], "", &["CON-004"], "2026-10-31");
    assert_eq!(located, vec![at("CON-004", "e.yaml", 7, 15)]);
    assert_eq!(
        findings[0].message.en,
        "`records_from` (2027-07-01) is after the term's end (2027-06-30): no duty or report of the term would be judged"
    );
    assert_eq!(findings[0].labels.len(), 1);
}

#[test]
fn records_from_that_is_not_a_date_is_gen003() {
    let eng = engagement(&[(
        "term: {start: 2025-07-01, end: 2027-06-30}",
        "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2026-11-31",
    )]);
    let (located, findings) = run_rules(&[("e.yaml", &eng), ("sla.yaml", SLA)], "", &["RPT-001"], "2026-10-31");
    assert_eq!(located, vec![at("GEN-003", "e.yaml", 7, 15)]);
    assert!(findings[0].message.en.contains("2026-11 has 30 days"), "{}", findings[0].message.en);
}

#[test]
fn con005_notice_exactly_at_the_minimum_passes() {
    let eng = engagement(&[]);
    assert!(run("CON-005", &eng, "2026-10-31").is_empty());
    let eng = engagement(&[("notice_days: 30", "notice_days: 29")]);
    assert_eq!(run("CON-005", &eng, "2026-10-31"), vec![at("CON-005", "e.yaml", 12, 28)]);
    // A stricter policy.
    let eng = engagement(&[]);
    let (located, _) = run_rules(
        &[("e.yaml", &eng), ("sla.yaml", SLA)],
        "[policy]\ntermination_notice_days = 60\n",
        &["CON-005"],
        "2026-10-31",
    );
    assert_eq!(located, vec![at("CON-005", "e.yaml", 12, 28)]);
}

#[test]
fn con006_and_con007_empty_clauses() {
    let eng = engagement(&[("data_loss: 赔偿直接损失", "data_loss: \"\"")]);
    assert_eq!(run("CON-006", &eng, "2026-10-31"), vec![at("CON-006", "e.yaml", 13, 53)]);
    let eng = engagement(&[("maintenance_cycle: 每月", "maintenance_cycle: \"\"")]);
    assert_eq!(run("CON-007", &eng, "2026-10-31"), vec![at("CON-007", "e.yaml", 14, 76)]);
}

#[test]
fn con008_expiry_window_is_inclusive_and_a_renewal_or_handover_answers_it() {
    // Term ends 2027-06-30; 90 days before is 2027-04-01.
    let eng = engagement(&[]);
    assert!(run("CON-008", &eng, "2027-03-31").is_empty());
    assert_eq!(run("CON-008", &eng, "2027-04-01"), vec![at("CON-008", "e.yaml", 6, 32)]);
    let renewed = engagement(&[("end: 2027-06-30}", "end: 2027-06-30, renewal: 已决定续约两年}")]);
    assert!(run("CON-008", &renewed, "2027-04-01").is_empty());
}

#[test]
fn con008_the_last_day_to_give_notice_passed_undecided() {
    // 120 days' notice before 2027-06-30: the last day is 2027-03-02, before the 90-day window.
    let eng = engagement(&[("notice_days: 30", "notice_days: 120")]);
    let notice = at("CON-008", "e.yaml", 12, 28);
    assert!(run("CON-008", &eng, "2027-03-02").is_empty());
    assert_eq!(run("CON-008", &eng, "2027-03-03"), vec![notice.clone()]);
    // Once the window opens both are said; after the end, neither (the exit rules take over).
    assert_eq!(run("CON-008", &eng, "2027-04-01"), vec![at("CON-008", "e.yaml", 6, 32), notice]);
    assert!(run("CON-008", &eng, "2027-07-01").is_empty());
    let renewed = engagement(&[
        ("notice_days: 30", "notice_days: 120"),
        ("end: 2027-06-30}", "end: 2027-06-30, renewal: 已决定续约两年}"),
    ]);
    assert!(run("CON-008", &renewed, "2027-03-03").is_empty());
}

#[test]
fn con009_expired_qualification() {
    let eng = engagement(&[]);
    assert!(run("CON-009", &eng, "2027-05-20").is_empty());
    assert_eq!(run("CON-009", &eng, "2027-05-21"), vec![at("CON-009", "e.yaml", 16, 36)]);
}
