#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the satisfaction rules (SAT-*): rule id, file, line and column.

use crate::common;
use common::*;

fn survey(id: &str, from: &str, to: &str, scores: &[&str]) -> String {
    let mut s = format!("kind: Survey\nid: {id}\nperiod: {{from: {from}, to: {to}}}\nresponses:\n");
    for sc in scores {
        s.push_str(&format!("  - {{scores: {sc}}}\n"));
    }
    s
}

fn improvement(sources: &str) -> String {
    format!(
        "kind: Improvement\nid: I-1\nsources: [{sources}]\ngoal: g\nmeasures: [m]\nowner: o\ndue: 2026-12-31\nstatus: planned\n"
    )
}

#[test]
fn sat001_survey_overlapping_the_last_six_months_inclusive() {
    let s = survey("S-1", "2026-01-01", "2026-04-30", &["{quality: 5}"]);
    // As of 2026-10-31 the window starts on 2026-04-30: one day of overlap is enough.
    assert!(run_rule("SAT-001", &[("s.yaml", &s)], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("SAT-001", &[("s.yaml", &s)], "2026-11-01");
    assert_eq!(located, vec![at("SAT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "no satisfaction survey covers the last 6 months (2026-05-01 to 2026-11-01); the latest, S-1, ended on 2026-04-30"
    );
    // The latest survey is labelled.
    assert_eq!(findings[0].labels.len(), 1);
}

#[test]
fn sat001_first_survey_due_one_interval_after_the_term_starts() {
    // Term starts 2025-07-01: the first survey is due by 2026-01-01.
    assert!(run_rule("SAT-001", &[], "2026-01-01").0.is_empty());
    let (located, findings) = run_rule("SAT-001", &[], "2026-01-02");
    assert_eq!(located, vec![at("SAT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.ends_with("there has been none since the term started on 2025-07-01"));
}

#[test]
fn sat001_survey_starting_after_as_of_is_ignored() {
    let s = survey("S-1", "2026-11-01", "2026-11-30", &["{quality: 5}"]);
    assert_eq!(run_rule("SAT-001", &[("s.yaml", &s)], "2026-10-31").0, vec![at("SAT-001", "engagement.yaml", 2, 5)]);
}

#[test]
fn sat001_interval_parameter_and_ended_term() {
    let s = survey("S-1", "2026-01-01", "2026-03-31", &["{quality: 5}"]);
    let files = [("engagement.yaml", BASE), ("s.yaml", s.as_str())];
    assert_eq!(run_rules(&files, "", &["SAT-001"], "2026-10-31").0, vec![at("SAT-001", "engagement.yaml", 2, 5)]);
    assert!(run_rules(&files, "[policy]\nsurvey_interval_months = 12\n", &["SAT-001"], "2026-10-31").0.is_empty());
    // An ended term is judged as it stood on its last day (2026-06-30: window from 2025-12-30).
    let ended = BASE.replace("end: 2027-06-30", "end: 2026-06-30");
    let files = [("engagement.yaml", ended.as_str()), ("s.yaml", s.as_str())];
    assert!(run_rules(&files, "", &["SAT-001"], "2027-10-31").0.is_empty());
}

#[test]
fn sat002_mean_below_the_sla_needs_an_improvement() {
    // The base Sla asks for a mean of at least 4.
    let s = survey("S-1", "2026-01-01", "2026-06-30", &["{quality: 4, cost: 3}", "{quality: 4}"]);
    let (located, findings) = run_rule("SAT-002", &[("s.yaml", &s)], "2026-10-31");
    assert_eq!(located, vec![at("SAT-002", "s.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "survey S-1: the mean score 3.66 is below the target 4 (3 scores), but no Improvement names the survey in `sources`"
    );
    // The Sla's target is labelled.
    assert_eq!(findings[0].labels.len(), 1);
    for sources in ["Survey/S-1", "S-1"] {
        let i = improvement(sources);
        assert!(run_rule("SAT-002", &[("s.yaml", &s), ("i.yaml", &i)], "2026-10-31").0.is_empty(), "{sources}");
    }
    let other = survey("S-2", "2025-07-01", "2025-12-31", &["{quality: 5}"]);
    let i = improvement("Survey/S-2");
    assert_eq!(
        run_rule("SAT-002", &[("s.yaml", &s), ("o.yaml", &other), ("i.yaml", &i)], "2026-10-31").0,
        vec![at("SAT-002", "s.yaml", 2, 5)]
    );
}

#[test]
fn sat002_mean_equal_to_the_target_passes_and_running_surveys_wait() {
    let ok = survey("S-1", "2026-01-01", "2026-06-30", &["{quality: 4, cost: 4}", "{reliability: 4}"]);
    assert!(run_rule("SAT-002", &[("s.yaml", &ok)], "2026-10-31").0.is_empty());
    // Judged once its period has ended.
    let low = survey("S-1", "2026-10-01", "2026-11-30", &["{quality: 2}"]);
    assert!(run_rule("SAT-002", &[("s.yaml", &low)], "2026-10-31").0.is_empty());
    assert_eq!(run_rule("SAT-002", &[("s.yaml", &low)], "2026-11-30").0, vec![at("SAT-002", "s.yaml", 2, 5)]);
}

#[test]
fn sat002_satisfaction_rate_below_the_sla() {
    let eng = BASE.replace("satisfaction_min: 4\n", "satisfaction_rate_min: 80\n");
    // Mean 4.2, but only 3 of 5 scores are 4 or 5: 60 % < 80 %.
    let s = survey(
        "S-1",
        "2026-01-01",
        "2026-06-30",
        &["{quality: 5, cost: 5}", "{quality: 5, cost: 3}", "{reliability: 3}"],
    );
    let files = [("engagement.yaml", eng.as_str()), ("s.yaml", s.as_str())];
    let (located, findings) = run_rules(&files, "", &["SAT-002"], "2026-10-31");
    assert_eq!(located, vec![at("SAT-002", "s.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("the satisfaction rate 60.0% is below the target 80%"));
    // 4 of 5 scores: exactly 80 %.
    let s = survey(
        "S-1",
        "2026-01-01",
        "2026-06-30",
        &["{quality: 5, cost: 4}", "{quality: 4, cost: 3}", "{reliability: 4}"],
    );
    let files = [("engagement.yaml", eng.as_str()), ("s.yaml", s.as_str())];
    assert!(run_rules(&files, "", &["SAT-002"], "2026-10-31").0.is_empty());
}

#[test]
fn sat002_highest_target_among_the_engagements_slas() {
    let eng = BASE
        .replace(
            "    deliverables: [月度服务报告]\n",
            "    deliverables: [月度服务报告]\n  - service: desktop\n    description: 桌面运维\n    deliverables: [巡检报告]\n",
        )
        .replace("satisfaction_min: 4\n", "satisfaction_min: 4\n---\nkind: Sla\nid: sla-desktop\nservice: desktop\ntimezone: Asia/Shanghai\navailability: {target: 99.5}\npriorities:\n  P1: {response: 30m, resolution: 8h}\nsatisfaction_min: 4.5\n");
    let s = survey("S-1", "2026-01-01", "2026-06-30", &["{quality: 5, cost: 4}", "{quality: 4, cost: 4}"]);
    let files = [("engagement.yaml", eng.as_str()), ("s.yaml", s.as_str())];
    let (located, findings) = run_rules(&files, "", &["SAT-002"], "2026-10-31");
    assert_eq!(located, vec![at("SAT-002", "s.yaml", 2, 5)]);
    assert!(
        findings[0].message.en.contains("the mean score 4.25 is below the target 4.5"),
        "{}",
        findings[0].message.en
    );
    // Without any satisfaction target nothing is judged.
    let none = BASE.replace("satisfaction_min: 4\n", "");
    let low = survey("S-1", "2026-01-01", "2026-06-30", &["{quality: 1}"]);
    let files = [("engagement.yaml", none.as_str()), ("s.yaml", low.as_str())];
    assert!(run_rules(&files, "", &["SAT-002"], "2026-10-31").0.is_empty());
}

#[test]
fn sat002_a_mean_exactly_at_the_target_is_not_below_it() {
    // Scores 4, 4, 5, 4, 4: mean 21/5 = 4.2 exactly, against `satisfaction_min: 4.2` — met,
    // with no floating-point slack; 4, 4, 4, 4, 4 (mean 4) is below it.
    let base = itos::rules::examples::BASE.replace("satisfaction_min: 4", "satisfaction_min: 4.2");
    let at_target = survey(
        "S-1",
        "2026-01-01",
        "2026-06-30",
        &["{quality: 4}", "{quality: 4}", "{quality: 5}", "{quality: 4}", "{quality: 4}"],
    );
    let files = [("engagement.yaml", base.as_str()), ("s.yaml", at_target.as_str())];
    assert!(run_rules(&files, "", &["SAT-002"], "2026-10-31").0.is_empty());
    let below = at_target.replace("{quality: 5}", "{quality: 4}");
    let files = [("engagement.yaml", base.as_str()), ("s.yaml", below.as_str())];
    assert_eq!(run_rules(&files, "", &["SAT-002"], "2026-10-31").0, vec![at("SAT-002", "s.yaml", 2, 5)]);
}
