#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the incident rules (INC-*): rule id, file, line and column.

use crate::common;
use common::*;

fn inc(body: &str) -> String {
    format!("kind: Incident\nid: I-1\nservice: helpdesk\n{body}")
}

fn run(rule: &str, body: &str, as_of: &str) -> (Vec<Located>, Vec<itos::model::Finding>) {
    let text = inc(body);
    run_rule(rule, &[("i.yaml", &text)], as_of)
}

#[test]
fn inc001_unknown_priority_with_suggestion() {
    let (located, findings) = run("INC-001", "priority: p1\nopened_at: 2026-10-08T10:00:00+08:00\n", "2026-10-31");
    assert_eq!(located, vec![at("INC-001", "i.yaml", 4, 11)]);
    assert_eq!(findings[0].help.as_ref().unwrap().en, "did you mean `P1`?");
    assert!(run("INC-001", "priority: P1\nopened_at: 2026-10-08T10:00:00+08:00\n", "2026-10-31").0.is_empty());
}

#[test]
fn inc002_overlapping_pauses_pause_outside_and_outage_without_end() {
    let body = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresolved_at: 2026-10-08T16:00:00+08:00\npaused:\n  - {from: 2026-10-08T11:00:00+08:00, to: 2026-10-08T12:00:00+08:00, reason: other}\n  - {from: 2026-10-08T11:30:00+08:00, to: 2026-10-08T12:30:00+08:00, reason: other}\n  - {from: 2026-10-08T15:00:00+08:00, to: 2026-10-08T17:00:00+08:00, reason: other}\noutage:\n  start: 2026-10-08T09:50:00+08:00\n";
    let (located, _) = run("INC-002", body, "2026-10-31");
    assert_eq!(
        located,
        vec![at("INC-002", "i.yaml", 9, 12), at("INC-002", "i.yaml", 10, 12), at("INC-002", "i.yaml", 11, 1)]
    );
}

#[test]
fn inc002_a_pause_in_a_reopening_is_inside() {
    let body = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresolved_at: 2026-10-08T12:00:00+08:00\nreopened:\n  - {at: 2026-10-09T10:00:00+08:00, resolved_at: 2026-10-09T12:00:00+08:00}\npaused:\n  - {from: 2026-10-09T10:30:00+08:00, to: 2026-10-09T11:00:00+08:00, reason: awaiting-customer}\n";
    assert!(run("INC-002", body, "2026-10-31").0.is_empty());
}

#[test]
fn inc003_resolved_without_resolution() {
    let body =
        "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresolved_at: 2026-10-08T12:00:00+08:00\ncause: 配置错误\n";
    let (located, findings) = run("INC-003", body, "2026-10-31");
    assert_eq!(located, vec![at("INC-003", "i.yaml", 2, 5)]);
    assert!(findings[0].message.en.ends_with("records no resolution"));
    // Open tickets and cancelled ones are not judged.
    assert!(run("INC-003", "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\n", "2026-10-31").0.is_empty());
}

const MAJOR: &str = "priority: P1\nopened_at: 2026-10-12T10:00:00+08:00\nresolved_at: 2026-10-12T13:00:00+08:00\nmajor: true\nreported_at: 2026-10-12T10:30:00+08:00\n";

#[test]
fn inc004_review_due_five_working_days_after_resolution() {
    // Resolved Mon 2026-10-12; 5 working days on cn-workdays → Mon 10-19.
    assert!(run("INC-004", MAJOR, "2026-10-19").0.is_empty());
    let (located, findings) = run("INC-004", MAJOR, "2026-10-20");
    assert_eq!(located, vec![at("INC-004", "i.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("by 2026-10-19"), "{}", findings[0].message.en);
    // The rule asks for a complete review (rules.md), not for one completed on time.
    let late =
        format!("{MAJOR}review: {{completed_at: 2026-10-20T09:00:00+08:00, root_cause: a, summary: b, lessons: c}}\n");
    assert!(run("INC-004", &late, "2026-10-31").0.is_empty());
    // A review dated after as-of is not there yet.
    assert_eq!(run("INC-004", &late, "2026-10-19").0, vec![]);
    let future =
        format!("{MAJOR}review: {{completed_at: 2026-11-02T09:00:00+08:00, root_cause: a, summary: b, lessons: c}}\n");
    assert_eq!(run("INC-004", &future, "2026-10-31").0, vec![at("INC-004", "i.yaml", 9, 24)]);
    // Blank text is not a complete review: reported at the review, naming what is missing.
    let blank = format!(
        "{MAJOR}review: {{completed_at: 2026-10-19T17:00:00+08:00, root_cause: \"  \", summary: b, lessons: \"\"}}\n"
    );
    let (located, findings) = run("INC-004", &blank, "2026-10-31");
    assert_eq!(located, vec![at("INC-004", "i.yaml", 9, 9)]);
    assert!(findings[0].message.en.contains("no root_cause, lessons"), "{}", findings[0].message.en);
    let on_time =
        format!("{MAJOR}review: {{completed_at: 2026-10-19T17:00:00+08:00, root_cause: a, summary: b, lessons: c}}\n");
    assert!(run("INC-004", &on_time, "2026-10-31").0.is_empty());
}

#[test]
fn inc004_holidays_extend_the_deadline() {
    // Resolved Wed 2026-09-30: National Day holidays; 5 working days → Tue 10-13.
    let body = MAJOR.replace("2026-10-12", "2026-09-30");
    assert!(run("INC-004", &body, "2026-10-13").0.is_empty());
    assert_eq!(run("INC-004", &body, "2026-10-14").0.len(), 1);
}

#[test]
fn inc005_exactly_three_times_the_target_is_not_yet_stale() {
    // P2: 8h on 24x7 → stale after 24h. As of 10-31 the clock runs to 11-01 00:00.
    let body = "priority: P2\nopened_at: 2026-10-31T00:00:00+08:00\n";
    assert!(run("INC-005", body, "2026-10-31").0.is_empty());
    let body = "priority: P2\nopened_at: 2026-10-30T23:59:00+08:00\n";
    assert_eq!(run("INC-005", body, "2026-10-31").0, vec![at("INC-005", "i.yaml", 2, 5)]);
    // Pauses are removed.
    let body = "priority: P2\nopened_at: 2026-10-30T00:00:00+08:00\npaused:\n  - {from: 2026-10-30T01:00:00+08:00, to: 2026-10-31T01:00:00+08:00, reason: awaiting-customer}\n";
    assert!(run("INC-005", body, "2026-10-31").0.is_empty());
}

#[test]
fn inc005_a_working_day_target_is_counted_from_the_tickets_opening() {
    // P3 1wd on cn-workdays, opened Tue 2026-10-20 10:00: T = 9 h, stale after 27 h. To the
    // end of Thu 10-22: 8 + 9 + 9 = 26 h; to the end of Fri 10-23: 35 h.
    let base = BASE
        .replace("P3: {response: 2h, resolution: 2d}", "P3: {response: 2h, resolution: 1wd, calendar: cn-workdays}");
    let text = inc("priority: P3\nopened_at: 2026-10-20T10:00:00+08:00\nresponded_at: 2026-10-20T10:30:00+08:00\n");
    let files = [("engagement.yaml", base.as_str()), ("i.yaml", text.as_str())];
    assert!(run_rules(&files, "", &["INC-005"], "2026-10-22").0.is_empty());
    let (located, findings) = run_rules(&files, "", &["INC-005"], "2026-10-23");
    assert_eq!(located, vec![at("INC-005", "i.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("more than 3 × its resolution target 1wd"), "{}", findings[0].message.en);
}

#[test]
fn inc006_report_within_thirty_minutes() {
    assert!(run("INC-006", MAJOR, "2026-10-31").0.is_empty());
    let late = MAJOR.replace("reported_at: 2026-10-12T10:30:00", "reported_at: 2026-10-12T10:31:00");
    assert_eq!(run("INC-006", &late, "2026-10-31").0, vec![at("INC-006", "i.yaml", 8, 14)]);
    let missing = MAJOR.replace("reported_at: 2026-10-12T10:30:00+08:00\n", "");
    assert_eq!(run("INC-006", &missing, "2026-10-31").0, vec![at("INC-006", "i.yaml", 2, 5)]);
}

#[test]
fn inc007_resolved_without_response_time() {
    let body = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresolved_at: 2026-10-08T12:00:00+08:00\n";
    let (located, findings) = run("INC-007", body, "2026-10-31");
    assert_eq!(located, vec![at("INC-007", "i.yaml", 2, 5)]);
    assert_eq!(findings[0].severity, itos::model::Severity::Warning);
}

#[test]
fn inc002_a_long_pause_overlapping_several_later_ones() {
    // 10:00–11:30 covers both 10:20–10:30 and 10:40–10:50: two overlaps, not one.
    let body = "priority: P3\nopened_at: 2026-10-08T09:00:00+08:00\nresolved_at: 2026-10-08T16:00:00+08:00\npaused:\n  - {from: 2026-10-08T10:00:00+08:00, to: 2026-10-08T11:30:00+08:00, reason: other}\n  - {from: 2026-10-08T10:20:00+08:00, to: 2026-10-08T10:30:00+08:00, reason: other}\n  - {from: 2026-10-08T10:40:00+08:00, to: 2026-10-08T10:50:00+08:00, reason: other}\n";
    let (located, _) = run("INC-002", body, "2026-10-31");
    assert_eq!(located, vec![at("INC-002", "i.yaml", 9, 12), at("INC-002", "i.yaml", 10, 12)]);
}

/// A P3 ticket resolved after the as-of day: at as-of it was still open.
const RESOLVED_LATER: &str =
    "priority: P3\nopened_at: 2026-09-01T10:00:00+08:00\nresolved_at: 2026-11-05T10:00:00+08:00\n";

#[test]
fn inc003_inc005_inc007_ignore_a_resolution_after_as_of() {
    // Evidence dated after as-of is ignored (rules.md): the ticket is open at 2026-10-31.
    assert!(run("INC-003", RESOLVED_LATER, "2026-10-31").0.is_empty());
    assert!(run("INC-007", RESOLVED_LATER, "2026-10-31").0.is_empty());
    assert_eq!(run("INC-005", RESOLVED_LATER, "2026-10-31").0, vec![at("INC-005", "i.yaml", 2, 5)]);
    // Judged after the resolution, it is a resolved ticket.
    assert_eq!(run("INC-003", RESOLVED_LATER, "2026-11-30").0, vec![at("INC-003", "i.yaml", 2, 5)]);
    assert_eq!(run("INC-007", RESOLVED_LATER, "2026-11-30").0, vec![at("INC-007", "i.yaml", 2, 5)]);
    assert!(run("INC-005", RESOLVED_LATER, "2026-11-30").0.is_empty());
    // A reopening after as-of has not happened yet: the earlier resolution stands.
    let reopened = "priority: P3\nopened_at: 2026-10-01T10:00:00+08:00\nresponded_at: 2026-10-01T10:10:00+08:00\nresolved_at: 2026-10-01T12:00:00+08:00\ncause: c\nresolution: r\nreopened:\n  - {at: 2026-11-03T09:00:00+08:00}\n";
    assert!(run("INC-005", reopened, "2026-10-31").0.is_empty());
    assert!(run("INC-003", reopened, "2026-10-31").0.is_empty());
}

#[test]
fn inc001_every_priority_a_ticket_was_changed_to_is_defined() {
    // The change to `P9` (line 8, column 41) is reported; the one to `P1` is not.
    let body = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\npriority_changes:\n  - {at: 2026-10-08T11:00:00+08:00, to: P1}\n  - {at: 2026-10-08T12:00:00+08:00, to: P9, reason: typo}\n";
    let (located, findings) = run("INC-001", body, "2026-10-31");
    assert_eq!(located, vec![at("INC-001", "i.yaml", 8, 41)]);
    assert!(findings[0].message.en.contains("`P9`"), "{}", findings[0].message.en);
    let fixed = body.replace("to: P9", "to: P2");
    assert!(run("INC-001", &fixed, "2026-10-31").0.is_empty());
}

#[test]
fn inc002_only_the_last_pause_may_be_open_ended() {
    let last = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\npaused:\n  - {from: 2026-10-08T11:00:00+08:00, to: 2026-10-08T12:00:00+08:00, reason: other}\n  - {from: 2026-10-08T13:00:00+08:00, reason: awaiting-customer}\n";
    assert!(run("INC-002", last, "2026-10-31").0.is_empty());
    let first = "priority: P3\nopened_at: 2026-10-08T10:00:00+08:00\npaused:\n  - {from: 2026-10-08T11:00:00+08:00, reason: awaiting-customer}\n  - {from: 2026-10-08T13:00:00+08:00, to: 2026-10-08T14:00:00+08:00, reason: other}\n";
    let (located, findings) = run("INC-002", first, "2026-10-31");
    // The open-ended first pause, and the second one, which it overlaps (it lasts until now).
    assert_eq!(located, vec![at("INC-002", "i.yaml", 7, 12), at("INC-002", "i.yaml", 8, 12)]);
    assert!(findings.iter().any(|f| f.message.en.contains("only the last pause may be open-ended")));
}

#[test]
fn inc005_judges_the_clock_as_the_report_does_after_a_priority_change() {
    // Opened as P4 (5d) on 10-20 and raised to P1 (4h) at once: under the default `final`
    // policy the resolution clock is judged against 4 h, so 11 days open is far beyond 3 × 4 h.
    let body = "priority: P4\nopened_at: 2026-10-20T10:00:00+08:00\npriority_changes:\n  - {at: 2026-10-20T10:05:00+08:00, to: P1, reason: core system down}\n";
    let (located, findings) = run("INC-005", body, "2026-10-31");
    assert_eq!(located, vec![at("INC-005", "i.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("(P1)"), "{}", findings[0].message.en);
    // Without the change, P4's 5 d × 3 = 15 d has not passed yet.
    let unchanged = "priority: P4\nopened_at: 2026-10-20T10:00:00+08:00\n";
    assert!(run("INC-005", unchanged, "2026-10-31").0.is_empty());
}

#[test]
fn inc006_the_reporting_clock_starts_at_detection() {
    // Reported 30 minutes after opening (on time from `opened_at`), but the alarm fired five
    // minutes before the ticket was opened: 35 minutes, late.
    let detected = MAJOR.replace("opened_at:", "detected_at: 2026-10-12T09:55:00+08:00\nopened_at:");
    let (located, findings) = run("INC-006", &detected, "2026-10-31");
    assert_eq!(located, vec![at("INC-006", "i.yaml", 9, 14)]);
    assert!(findings[0].message.en.contains("35 minutes after it was detected"), "{}", findings[0].message.en);
    // Exactly at the limit from detection passes.
    let on_time = detected.replace("09:55:00", "10:00:00");
    assert!(run("INC-006", &on_time, "2026-10-31").0.is_empty());
    // An outage that started before the ticket starts the clock too.
    let outage = MAJOR.to_owned() + "outage: {start: 2026-10-12T09:58:00+08:00, end: 2026-10-12T11:00:00+08:00}\n";
    assert_eq!(run("INC-006", &outage, "2026-10-31").0, vec![at("INC-006", "i.yaml", 8, 14)]);
}

#[test]
fn inc006_an_outage_reported_two_hours_45_after_it_started_fails() {
    // Opened at 10:00 and reported at 10:30 (on time from the ticket), but the outage began at
    // 07:45: 2 h 45 min, late; the clock starts at the earliest of the three.
    let outage = MAJOR.to_owned() + "outage: {start: 2026-10-12T07:45:00+08:00, end: 2026-10-12T11:00:00+08:00}\n";
    let (located, findings) = run("INC-006", &outage, "2026-10-31");
    assert_eq!(located, vec![at("INC-006", "i.yaml", 8, 14)]);
    assert_eq!(
        findings[0].message.en,
        "major incident reported 165 minutes after the outage started; the policy allows 30"
    );
    assert_eq!(findings[0].message.zh, "重大事件在故障开始 165 分钟后才报告，策略要求不超过 30 分钟");
    // Detection earlier still wins over the outage's start.
    let detected = outage.replace("opened_at:", "detected_at: 2026-10-12T07:40:00+08:00\nopened_at:");
    let (_, findings) = run("INC-006", &detected, "2026-10-31");
    assert!(findings[0].message.en.contains("170 minutes after it was detected"), "{}", findings[0].message.en);
    // An outage starting exactly 30 minutes before the report passes.
    let on_time = MAJOR.to_owned() + "outage: {start: 2026-10-12T10:00:00+08:00, end: 2026-10-12T11:00:00+08:00}\n";
    assert!(run("INC-006", &on_time, "2026-10-31").0.is_empty());
}
