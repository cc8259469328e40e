#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Boundary tests of the rules for the revision-2 kinds (PLN, RSK, MTG, APR, SUB) and of
//! INC-008 and RPT-002: rule id, file, line and column on each side of the boundary.

use crate::common;
use common::*;

const PLAN: &str = "kind: ServicePlan\nid: PL-1\nperiod: {from: 2025-07-01, to: 2026-06-30}\nobjectives: [o]\napproved_by: 周敏\napproved_at: 2025-07-20\nresources: [{role: r, count: 1}]\n";

#[test]
fn pln001_a_plan_is_needed_from_the_day_after_the_grace_and_the_day_after_the_last_ends() {
    // Term starts 2025-07-01; 30 days of grace: due 2025-07-31, reported from 2025-08-01.
    assert!(run_rule("PLN-001", &[], "2025-07-31").0.is_empty());
    assert_eq!(run_rule("PLN-001", &[], "2025-08-01").0, vec![at("PLN-001", "engagement.yaml", 2, 5)]);
    // Covered through 2026-06-30, approved 2025-07-20 (a plan approved after the day does not count).
    assert_eq!(run_rule("PLN-001", &[("p.yaml", PLAN)], "2025-08-01").0, vec![]);
    assert_eq!(run_rule("PLN-001", &[("p.yaml", PLAN)], "2025-07-19").0, vec![]);
    assert!(run_rule("PLN-001", &[("p.yaml", PLAN)], "2026-06-30").0.is_empty());
    let (located, findings) = run_rule("PLN-001", &[("p.yaml", PLAN)], "2026-07-01");
    assert_eq!(located, vec![at("PLN-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("none has since 2026-07-01"), "{}", findings[0].message.en);
}

#[test]
fn pln001_a_plan_approved_after_the_day_is_not_yet_a_plan() {
    let late = PLAN.replace("approved_at: 2025-07-20", "approved_at: 2025-09-01");
    assert_eq!(run_rule("PLN-001", &[("p.yaml", &late)], "2025-08-31").0, vec![at("PLN-001", "engagement.yaml", 2, 5)]);
    assert!(run_rule("PLN-001", &[("p.yaml", &late)], "2025-09-01").0.is_empty());
}

#[test]
fn pln001_a_plan_without_resources() {
    let empty = PLAN.replace("resources: [{role: r, count: 1}]", "resources: []");
    assert_eq!(run_rule("PLN-001", &[("p.yaml", &empty)], "2025-08-01").0, vec![at("PLN-001", "p.yaml", 7, 12)]);
}

#[test]
fn pln002_a_milestone_past_due_and_not_done() {
    let plan = format!("{PLAN}milestones: [{{title: m, due: 2026-03-31}}]\n");
    assert!(run_rule("PLN-002", &[("p.yaml", &plan)], "2026-03-31").0.is_empty());
    assert_eq!(run_rule("PLN-002", &[("p.yaml", &plan)], "2026-04-01").0, vec![at("PLN-002", "p.yaml", 8, 30)]);
    let done = plan.replace("due: 2026-03-31}", "due: 2026-03-31, done_at: 2026-04-02}");
    assert!(run_rule("PLN-002", &[("p.yaml", &done)], "2026-04-02").0.is_empty());
    // A `done_at` after as-of is not evidence yet.
    assert_eq!(run_rule("PLN-002", &[("p.yaml", &done)], "2026-04-01").0, vec![at("PLN-002", "p.yaml", 8, 30)]);
}

#[test]
fn pln002_a_planned_training_is_done_by_the_training_it_names() {
    let plan = format!("{PLAN}training_plan: [{{topic: t, due: 2026-03-31, training: TR-1}}]\n");
    let training = "kind: Training\nid: TR-1\ntopic: security-awareness\nheld_at: 2026-03-20\nattendees: [张伟]\n";
    assert!(run_rule("PLN-002", &[("p.yaml", &plan), ("t.yaml", training)], "2026-04-01").0.is_empty());
    assert_eq!(run_rule("PLN-002", &[("p.yaml", &plan)], "2026-04-01").0, vec![at("PLN-002", "p.yaml", 8, 33)]);
}

const RA: &str = "kind: RiskAssessment\nid: RA-1\nperformed_at: 2025-07-20\nperformed_by: 张伟\nscope: s\nrisks:\n  - {id: R1, title: t, category: vendor, likelihood: 2, impact: 3, level: medium, owner: 张伟, status: open, due: 2026-01-31}\n";

#[test]
fn rsk001_first_within_the_grace_then_every_interval() {
    assert!(run_rule("RSK-001", &[], "2025-07-31").0.is_empty());
    assert_eq!(run_rule("RSK-001", &[], "2025-08-01").0, vec![at("RSK-001", "engagement.yaml", 2, 5)]);
    assert!(run_rule("RSK-001", &[("r.yaml", RA)], "2026-07-20").0.is_empty());
    assert_eq!(run_rule("RSK-001", &[("r.yaml", RA)], "2026-07-21").0, vec![at("RSK-001", "engagement.yaml", 2, 5)]);
}

#[test]
fn rsk002_level_by_the_matrix() {
    let wrong = RA.replace("impact: 3, level: medium", "impact: 3, level: low");
    assert_eq!(run_rule("RSK-002", &[("r.yaml", &wrong)], "2025-12-31").0, vec![at("RSK-002", "r.yaml", 7, 75)]);
    assert!(run_rule("RSK-002", &[("r.yaml", RA)], "2025-12-31").0.is_empty());
}

#[test]
fn rsk002_an_open_risk_past_its_due_date_in_the_latest_assessment() {
    assert!(run_rule("RSK-002", &[("r.yaml", RA)], "2026-01-31").0.is_empty());
    assert_eq!(run_rule("RSK-002", &[("r.yaml", RA)], "2026-02-01").0, vec![at("RSK-002", "r.yaml", 7, 113)]);
    // A later assessment supersedes the earlier one's open risks.
    let later =
        RA.replace("RA-1", "RA-2").replace("2025-07-20", "2026-01-15").replace("status: open", "status: mitigated");
    assert!(run_rule("RSK-002", &[("r.yaml", RA), ("r2.yaml", &later)], "2026-02-01").0.is_empty());
}

#[test]
fn rsk002_a_high_risk_needs_a_mitigation_and_the_customers_acceptance() {
    let high = RA.replace("likelihood: 2, impact: 3, level: medium", "likelihood: 3, impact: 5, level: high");
    assert_eq!(run_rule("RSK-002", &[("r.yaml", &high)], "2025-12-31").0, vec![at("RSK-002", "r.yaml", 7, 10)]);
    let mitigated = high.replace("owner: 张伟,", "owner: 张伟, mitigation: m,");
    assert!(run_rule("RSK-002", &[("r.yaml", &mitigated)], "2025-12-31").0.is_empty());
    let by_provider = mitigated.replace(
        "status: open, due: 2026-01-31",
        "status: accepted, accepted_by: {by: 张伟, party: provider, at: 2025-07-21}",
    );
    assert_eq!(run_rule("RSK-002", &[("r.yaml", &by_provider)], "2025-12-31").0.len(), 1);
    let by_customer = by_provider.replace("party: provider", "party: customer");
    assert!(run_rule("RSK-002", &[("r.yaml", &by_customer)], "2025-12-31").0.is_empty());
}

const REVIEW: &str = "kind: Meeting\nid: M-1\ntype: service-review\nheld_at: 2026-09-10\nattendees: [张伟]\ncustomer_attendees: [周敏]\nactions: [{id: A1, title: t, owner: 张伟, due: 2026-09-30, status: open}]\n";

#[test]
fn mtg001_a_service_review_with_the_customer_every_month() {
    assert!(run_rule("MTG-001", &[("m.yaml", REVIEW)], "2026-10-10").0.is_empty());
    assert_eq!(
        run_rule("MTG-001", &[("m.yaml", REVIEW)], "2026-10-11").0,
        vec![at("MTG-001", "engagement.yaml", 2, 5)]
    );
    // Without the customer it is not a service review with the customer.
    let internal = REVIEW.replace("customer_attendees: [周敏]\n", "");
    assert_eq!(
        run_rule("MTG-001", &[("m.yaml", &internal)], "2026-09-30").0,
        vec![at("MTG-001", "engagement.yaml", 2, 5)]
    );
}

const MAJOR: &str = "kind: Incident\nid: INC-1\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-12T10:00:00+08:00\nresponded_at: 2026-10-12T10:05:00+08:00\nresolved_at: 2026-10-12T13:00:00+08:00\nmajor: true\nlevel: II\nreported_at: 2026-10-12T10:10:00+08:00\nreview: {completed_at: 2026-10-16T15:00:00+08:00, root_cause: r, summary: s, lessons: l, report: reviews/INC-1.md}\n";

#[test]
fn mtg001_an_incident_review_or_a_problem_within_the_review_deadline() {
    // Resolved Monday 2026-10-12: five working days → 2026-10-19.
    let review = "kind: Meeting\nid: M-2\ntype: incident-review\nheld_at: 2026-10-19\nattendees: [张伟]\n---\nkind: Meeting\nid: M-3\ntype: service-review\nheld_at: 2026-10-19\nattendees: [张伟]\ncustomer_attendees: [周敏]\n";
    let service = review.split("---\n").nth(1).unwrap();
    assert!(run_rule("MTG-001", &[("i.yaml", MAJOR), ("m.yaml", service)], "2026-10-19").0.is_empty());
    assert_eq!(
        run_rule("MTG-001", &[("i.yaml", MAJOR), ("m.yaml", service)], "2026-10-20").0,
        vec![at("MTG-001", "i.yaml", 2, 5)]
    );
    assert!(run_rule("MTG-001", &[("i.yaml", MAJOR), ("m.yaml", review)], "2026-10-20").0.is_empty());
    let problem =
        "kind: Problem\nid: PRB-1\ntitle: t\nincidents: [INC-1]\nowner: 张伟\ndue: 2026-12-31\nstatus: open\n";
    let with_problem = format!("{service}---\n{problem}");
    let (located, findings) = run_rule("MTG-001", &[("i.yaml", MAJOR), ("m.yaml", &with_problem)], "2026-10-20");
    assert!(located.iter().all(|l| l.1 != "i.yaml"), "{findings:#?}");
}

#[test]
fn mtg002_an_open_action_past_its_due_date() {
    assert!(run_rule("MTG-002", &[("m.yaml", REVIEW)], "2026-09-30").0.is_empty());
    assert_eq!(run_rule("MTG-002", &[("m.yaml", REVIEW)], "2026-10-01").0, vec![at("MTG-002", "m.yaml", 7, 46)]);
    let dropped = REVIEW.replace("status: open", "status: dropped");
    assert!(run_rule("MTG-002", &[("m.yaml", &dropped)], "2026-10-01").0.is_empty());
}

const PERSON: &str = "kind: Person\nid: p-1\nname: 李娜\nrole: r\njoined: 2025-09-01\n";

#[test]
fn apr001_an_appraisal_every_interval_from_joining() {
    assert!(run_rule("APR-001", &[("p.yaml", PERSON)], "2026-09-01").0.is_empty());
    assert_eq!(run_rule("APR-001", &[("p.yaml", PERSON)], "2026-09-02").0, vec![at("APR-001", "p.yaml", 2, 5)]);
    // The next one is due an interval after the appraised period ended (2025-12-31).
    let appraisal = "kind: Appraisal\nid: A-1\nperson: p-1\nperiod: {from: 2025-09-01, to: 2025-12-31}\nperformed_at: 2026-01-10\nreviewer: 张伟\nresult: good\nfeedback_given_at: 2026-01-12\n";
    assert!(run_rule("APR-001", &[("p.yaml", PERSON), ("a.yaml", appraisal)], "2026-12-31").0.is_empty());
    assert_eq!(
        run_rule("APR-001", &[("p.yaml", PERSON), ("a.yaml", appraisal)], "2027-01-01").0,
        vec![at("APR-001", "p.yaml", 2, 5)]
    );
    // Feedback is part of the appraisal.
    let silent = appraisal.replace("feedback_given_at: 2026-01-12\n", "");
    assert!(run_rule("APR-001", &[("p.yaml", PERSON), ("a.yaml", &silent)], "2026-01-09").0.is_empty());
    assert_eq!(
        run_rule("APR-001", &[("p.yaml", PERSON), ("a.yaml", &silent)], "2026-01-10").0,
        vec![at("APR-001", "a.yaml", 2, 5)]
    );
}

#[test]
fn apr002_a_poor_result_needs_an_improvement_plan() {
    let poor = "kind: Appraisal\nid: A-1\nperson: p-1\nperiod: {from: 2025-09-01, to: 2026-08-31}\nperformed_at: 2026-09-01\nreviewer: 张伟\nresult: unsatisfactory\n";
    assert!(run_rule("APR-002", &[("p.yaml", PERSON), ("a.yaml", poor)], "2026-08-31").0.is_empty());
    assert_eq!(
        run_rule("APR-002", &[("p.yaml", PERSON), ("a.yaml", poor)], "2026-09-01").0,
        vec![at("APR-002", "a.yaml", 7, 9)]
    );
    let planned = format!("{poor}improvement_plan: p\n");
    assert!(run_rule("APR-002", &[("p.yaml", PERSON), ("a.yaml", &planned)], "2026-09-01").0.is_empty());
    let satisfactory = poor.replace("unsatisfactory", "satisfactory");
    assert!(run_rule("APR-002", &[("p.yaml", PERSON), ("a.yaml", &satisfactory)], "2026-09-01").0.is_empty());
}

const SUB: &str = "kind: Subcontractor\nid: S-1\nname: n\nservices: [helpdesk]\nscope: s\ncustomer_approval: {by: 周敏, at: 2026-03-01}\nstarted: 2026-03-01\nnda_signed_at: 2026-02-20\nsecurity_assessment_at: 2026-02-25\n";

#[test]
fn sub001_approval_on_or_before_the_start() {
    assert!(run_rule("SUB-001", &[("s.yaml", SUB)], "2026-03-01").0.is_empty());
    let late = SUB.replace("at: 2026-03-01}", "at: 2026-03-02}");
    assert_eq!(run_rule("SUB-001", &[("s.yaml", &late)], "2026-03-02").0, vec![at("SUB-001", "s.yaml", 6, 33)]);
    let none = SUB.replace("customer_approval: {by: 周敏, at: 2026-03-01}\n", "");
    assert!(run_rule("SUB-001", &[("s.yaml", &none)], "2026-02-28").0.is_empty());
    assert_eq!(run_rule("SUB-001", &[("s.yaml", &none)], "2026-03-01").0, vec![at("SUB-001", "s.yaml", 2, 5)]);
}

#[test]
fn sub002_nda_and_an_assessment_every_interval() {
    // Started 2026-03-01 (after the assessment): due 2027-03-01.
    assert!(run_rule("SUB-002", &[("s.yaml", SUB)], "2027-03-01").0.is_empty());
    assert_eq!(run_rule("SUB-002", &[("s.yaml", SUB)], "2027-03-02").0, vec![at("SUB-002", "s.yaml", 2, 5)]);
    let ended = format!("{SUB}ended: 2027-02-28\n");
    assert!(run_rule("SUB-002", &[("s.yaml", &ended)], "2027-03-02").0.is_empty());
    let no_nda = SUB.replace("nda_signed_at: 2026-02-20\n", "");
    assert_eq!(run_rule("SUB-002", &[("s.yaml", &no_nda)], "2026-03-01").0, vec![at("SUB-002", "s.yaml", 2, 5)]);
}

#[test]
fn inc008_the_level_must_be_one_of_the_plans() {
    let plan = "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: 2026-01-10\nlevels:\n  - {level: Ⅰ级(特别重大), criteria: c, response: 15m}\n  - {level: Ⅱ级(重大), criteria: c, response: 30m}\nroles: [{role: r, person: 张伟}]\nresources: [x]\n";
    assert!(run_rule("INC-008", &[("i.yaml", MAJOR), ("p.yaml", plan)], "2026-10-31").0.is_empty());
    let third = MAJOR.replace("level: II\n", "level: Ⅲ\n");
    assert_eq!(
        run_rule("INC-008", &[("i.yaml", &third), ("p.yaml", plan)], "2026-10-31").0,
        vec![at("INC-008", "i.yaml", 9, 8)]
    );
    // Without a plan defining levels there is nothing to match.
    assert!(run_rule("INC-008", &[("i.yaml", &third)], "2026-10-31").0.is_empty());
}

#[test]
fn inc008_the_analysis_report_by_the_review_deadline() {
    let no_report = MAJOR.replace(", report: reviews/INC-1.md", "");
    assert!(run_rule("INC-008", &[("i.yaml", &no_report)], "2026-10-19").0.is_empty());
    assert_eq!(run_rule("INC-008", &[("i.yaml", &no_report)], "2026-10-20").0, vec![at("INC-008", "i.yaml", 2, 5)]);
}

const REPORT: &str =
    "kind: ServiceReport\nid: R-1\nperiod: {from: 2026-09-01, to: 2026-09-30}\ndelivered_at: 2026-10-05\n";

#[test]
fn rpt002_confirmed_within_the_days_allowed() {
    assert!(run_rule("RPT-002", &[("r.yaml", REPORT)], "2026-10-15").0.is_empty());
    assert_eq!(run_rule("RPT-002", &[("r.yaml", REPORT)], "2026-10-16").0, vec![at("RPT-002", "r.yaml", 2, 5)]);
    let on_time = format!("{REPORT}confirmed_by: 周敏\nconfirmed_at: 2026-10-15\n");
    assert!(run_rule("RPT-002", &[("r.yaml", &on_time)], "2026-10-31").0.is_empty());
    let late = format!("{REPORT}confirmed_by: 周敏\nconfirmed_at: 2026-10-16\n");
    assert_eq!(run_rule("RPT-002", &[("r.yaml", &late)], "2026-10-31").0, vec![at("RPT-002", "r.yaml", 6, 15)]);
}
