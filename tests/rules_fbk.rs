#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the feedback rules (FBK-*): rule id, file, line and column.

use crate::common;
use common::*;

fn feedback(received: &str, class: &str, rest: &str) -> String {
    format!("kind: Feedback\nid: FB-1\nreceived_at: {received}\nchannel: phone\nclass: {class}\nsummary: s\n{rest}")
}

const RESOLVED: &str = "resolution: {at: 2026-10-29T10:00:00+08:00, summary: 已处理}\n";

#[test]
fn fbk001_closed_without_customer_confirmation() {
    let f = feedback("2026-10-28T10:00:00+08:00", "important", &format!("{RESOLVED}status: closed\n"));
    let (located, findings) = run_rule("FBK-001", &[("f.yaml", &f)], "2026-10-31");
    assert_eq!(located, vec![at("FBK-001", "f.yaml", 2, 5)]);
    assert!(
        findings[0]
            .message
            .en
            .starts_with("feedback FB-1 is closed without the customer's confirmation (customer_confirmed_at)"),
        "{}",
        findings[0].message.en
    );
    // The status is labelled.
    assert_eq!(findings[0].labels.len(), 1);
    let confirmed = f.replace("status: closed", "customer_confirmed_at: 2026-10-30T09:00:00+08:00\nstatus: closed");
    assert!(run_rule("FBK-001", &[("f.yaml", &confirmed)], "2026-10-31").0.is_empty());
    // A confirmation after the end of the as-of day is not evidence yet.
    assert_eq!(run_rule("FBK-001", &[("f.yaml", &confirmed)], "2026-10-29").0, vec![at("FBK-001", "f.yaml", 2, 5)]);
}

#[test]
fn fbk001_closed_without_resolution() {
    let f = feedback("2026-10-28T10:00:00+08:00", "general", "status: closed\n");
    let (located, findings) = run_rule("FBK-001", &[("f.yaml", &f)], "2026-10-31");
    assert_eq!(located, vec![at("FBK-001", "f.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("(resolution, customer_confirmed_at)"));
    // Open feedback is not judged, nor feedback received after as-of.
    let open = feedback("2026-10-28T10:00:00+08:00", "general", "status: open\n");
    assert!(run_rule("FBK-001", &[("f.yaml", &open)], "2026-10-31").0.is_empty());
    assert!(run_rule("FBK-001", &[("f.yaml", &f)], "2026-10-27").0.is_empty());
}

#[test]
fn fbk002_urgent_feedback_open_longer_than_three_days() {
    // Received on 10-28: three calendar days, inclusive, run through 10-31.
    let f = feedback("2026-10-28T10:00:00+08:00", "urgent", "status: open\n");
    assert!(run_rule("FBK-002", &[("f.yaml", &f)], "2026-10-31").0.is_empty());
    let (located, findings) = run_rule("FBK-002", &[("f.yaml", &f)], "2026-11-01");
    assert_eq!(located, vec![at("FBK-002", "f.yaml", 7, 9)]);
    assert_eq!(
        findings[0].message.en,
        "urgent feedback FB-1 is still unresolved (`open`) at the end of 2026-11-01: received 2026-10-28 10:00, it was due to be resolved by the end of 2026-10-31 (within 3 days)"
    );
    assert_eq!(findings[0].labels.len(), 1);
    // The time of day does not matter, only the day it was received.
    let late_evening = feedback("2026-10-28T23:59:00+08:00", "urgent", "status: in-progress\n");
    assert!(run_rule("FBK-002", &[("f.yaml", &late_evening)], "2026-10-31").0.is_empty());
    let day_before = feedback("2026-10-27T23:59:00+08:00", "urgent", "status: in-progress\n");
    assert_eq!(run_rule("FBK-002", &[("f.yaml", &day_before)], "2026-10-31").0, vec![at("FBK-002", "f.yaml", 7, 9)]);
}

#[test]
fn fbk002_only_urgent_feedback_and_closed_without_resolution_is_fbk001s() {
    let closed = feedback("2026-10-01T10:00:00+08:00", "urgent", "status: closed\n");
    assert!(run_rule("FBK-002", &[("f.yaml", &closed)], "2026-10-31").0.is_empty());
    let important = feedback("2026-10-01T10:00:00+08:00", "important", "status: open\n");
    assert!(run_rule("FBK-002", &[("f.yaml", &important)], "2026-10-31").0.is_empty());
}

#[test]
fn fbk002_days_parameter_and_engagement_time_zone() {
    let f = feedback("2026-10-28T10:00:00+08:00", "urgent", "status: open\n");
    let files = [("engagement.yaml", BASE), ("f.yaml", f.as_str())];
    assert!(run_rules(&files, "[policy]\nurgent_feedback_days = 4\n", &["FBK-002"], "2026-11-01").0.is_empty());
    assert_eq!(
        run_rules(&files, "[policy]\nurgent_feedback_days = 4\n", &["FBK-002"], "2026-11-02").0,
        vec![at("FBK-002", "f.yaml", 7, 9)]
    );
    // 2026-10-29T00:00+08:00 is 10-29 in Beijing (due 11-01) but 10-28 in UTC (due 10-31).
    let f = feedback("2026-10-29T00:00:00+08:00", "urgent", "status: open\n");
    let files = [("engagement.yaml", BASE), ("f.yaml", f.as_str())];
    assert!(run_rules(&files, "", &["FBK-002"], "2026-11-01").0.is_empty());
    let utc = BASE.replace("title: 示例服务项目", "title: 示例服务项目\ntimezone: UTC");
    let files = [("engagement.yaml", utc.as_str()), ("f.yaml", f.as_str())];
    assert_eq!(run_rules(&files, "", &["FBK-002"], "2026-11-01").0, vec![at("FBK-002", "f.yaml", 7, 9)]);
}

#[test]
fn fbk002_judged_on_the_resolution_not_on_closure() {
    // Received 10-26: due by the end of 10-29. Resolved 10-30 and closed: still a finding, at
    // the resolution's time.
    let late = "resolution: {at: 2026-10-30T09:00:00+08:00, summary: 已处理}\ncustomer_confirmed_at: 2026-10-30T12:00:00+08:00\nstatus: closed\n";
    let f = feedback("2026-10-26T10:00:00+08:00", "urgent", late);
    let (located, findings) = run_rule("FBK-002", &[("f.yaml", &f)], "2026-10-31");
    assert_eq!(located, vec![at("FBK-002", "f.yaml", 7, 18)]);
    assert_eq!(
        findings[0].message.en,
        "urgent feedback FB-1 was resolved 2026-10-30 09:00, after 2026-10-29: received 2026-10-26 10:00, it was due to be resolved within 3 days"
    );
    assert_eq!(
        findings[0].message.zh,
        "紧急客户反馈 FB-1 于 2026-10-30 09:00 解决，晚于 2026-10-29：接收于 2026-10-26 10:00，应在 3 天内解决"
    );
    // Resolved on the last day, only awaiting the customer's confirmation: not FBK-002's.
    let awaiting = "resolution: {at: 2026-10-29T23:00:00+08:00, summary: 已处理}\nstatus: in-progress\n";
    let f = feedback("2026-10-26T10:00:00+08:00", "urgent", awaiting);
    assert!(run_rule("FBK-002", &[("f.yaml", &f)], "2026-11-30").0.is_empty());
    // A resolution dated after the end of the as-of day is not one yet: unresolved, at the status.
    let f = f.replace("2026-10-29T23:00", "2026-10-31T09:00");
    assert_eq!(run_rule("FBK-002", &[("f.yaml", &f)], "2026-10-30").0, vec![at("FBK-002", "f.yaml", 8, 9)]);
}
