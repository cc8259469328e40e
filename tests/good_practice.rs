#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Rules that enforce good practice the manual does not state say so in `itos explain` (both
//! languages) and in `itos rules --format json`; the manual's own rules do not.

use crate::common;

use common::itos;

const GOOD_PRACTICE: &[&str] =
    &["CHG-007", "CHG-011", "HR-004", "BAK-004", "BAK-005", "GIT-001", "GIT-002", "RPT-001", "SUB-001", "SUB-002"];

#[test]
fn explain_says_good_practice_in_both_languages() {
    for id in GOOD_PRACTICE {
        let (code, en, _) = itos(&["explain", id]);
        assert_eq!(code, 0);
        assert!(en.to_lowercase().contains("good practice; not stated in the manual"), "{id}: {en}");
        let (code, zh, _) = itos(&["explain", id, "--lang", "zh-CN"]);
        assert_eq!(code, 0);
        assert!(zh.contains("良好实践；手册未作规定"), "{id}: {zh}");
    }
    // RPT-001: only its deadline goes beyond the manual.
    let (_, en, _) = itos(&["explain", "RPT-001"]);
    assert!(en.contains("The deadline is good practice; not stated in the manual"), "{en}");
    let (_, en, _) = itos(&["explain", "CHG-001"]);
    assert!(!en.contains("not stated in the manual"), "{en}");
}

#[test]
fn rules_json_carries_the_note() {
    let (code, out, _) = itos(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut noted: Vec<&str> = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["good_practice"].is_null())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    noted.sort_unstable();
    let mut expected = GOOD_PRACTICE.to_vec();
    expected.sort_unstable();
    assert_eq!(noted, expected);
    let rpt = v["rules"].as_array().unwrap().iter().find(|r| r["id"] == "RPT-001").unwrap();
    assert_eq!(rpt["good_practice"]["part"], "deadline");
}

/// The head of `explain` (id, title, explanation, note), in both languages; the examples
/// after it belong to the rule's fixtures.
#[test]
fn explain_head_with_the_note() {
    let head = |args: &[&str]| {
        let (_, out, _) = itos(args);
        out.split("\n\nPolicy parameters").next().unwrap().split("\n\n策略参数").next().unwrap().to_owned()
    };
    let text = [head(&["explain", "CHG-011"]), head(&["explain", "CHG-011", "--lang", "zh-CN"])].join("\n---\n");
    insta::assert_snapshot!(text);
}
