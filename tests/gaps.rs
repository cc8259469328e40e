#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The compliance scorecard (`itos report gaps`) of examples/broken, in English and Chinese:
//! gaps, the general rules apart from the manual's sections, chapter 8 without text.

mod common;

use common::itos;

fn gaps(extra: &[&str]) -> String {
    let mut args = vec!["report", "gaps", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git"];
    args.extend(extra);
    let (code, stdout, stderr) = itos(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn broken_gaps_table() {
    let out = gaps(&[]);
    assert!(out.contains("no text in the manual — nothing to check"));
    assert!(out.contains("Record format (GEN rules, not a manual section)"));
    assert!(!out.contains("┆ compliant "));
    insta::assert_snapshot!(out);
}

#[test]
fn broken_gaps_table_zh() {
    let out = gaps(&["--lang", "zh-CN"]);
    assert!(out.contains("手册无正文"));
    assert!(out.contains("已检查项全部通过"));
    assert!(!out.contains("┆ 符合 "));
    insta::assert_snapshot!(out);
}

#[test]
fn broken_gaps_markdown_zh() {
    insta::assert_snapshot!(gaps(&["--lang", "zh-CN", "--format", "markdown"]));
}
