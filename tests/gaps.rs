#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The compliance scorecard (`itos report gaps`) of examples/broken, in English and Chinese:
//! gaps, the general rules apart from the manual's sections, chapter 8 without text; the same
//! evaluations by ISO/IEC 20000-1:2018 clause (`--framework iso20000`) on examples/acme and
//! examples/broken.

use crate::common;

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

/// The scorecard of examples/acme by ISO/IEC 20000-1:2018 clause.
fn acme_iso(extra: &[&str]) -> String {
    let mut args =
        vec!["report", "gaps", "-C", "examples/acme", "--as-of", "2026-10-31", "--no-git", "--framework", "iso20000"];
    args.extend(extra);
    let (code, stdout, stderr) = itos(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn acme_iso20000_table() {
    let out = acme_iso(&[]);
    // Every clause is listed; one no rule covers says so, never "passed".
    assert!(out.contains("8.5.3") && out.contains("Release and deployment management"));
    assert!(out.contains("not checked automatically — keep evidence"));
    assert!(!out.contains("Record format (GEN rules"), "GEN rules count under 7.5 here");
    insta::assert_snapshot!(out);
}

#[test]
fn acme_iso20000_markdown_zh() {
    let out = acme_iso(&["--lang", "zh-CN", "--format", "markdown"]);
    assert!(out.contains("未自动检查，需人工佐证"));
    assert!(out.contains("| 8.6.1 | 事件管理 |"));
    insta::assert_snapshot!(out);
}

#[test]
fn acme_iso20000_json() {
    let out = acme_iso(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["framework"], "iso20000");
    let clauses = v["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), itos::rules::framework::CLAUSES.len());
    let c75 = clauses.iter().find(|c| c["clause"] == "7.5").unwrap();
    assert!(c75["rules"].as_array().unwrap().iter().any(|r| r["rule"] == "GEN-003"), "GEN under 7.5");
    assert_eq!(v["record_format"].as_array().unwrap().len(), 0);
    let c41 = clauses.iter().find(|c| c["clause"] == "4.1").unwrap();
    assert_eq!(c41["status"], "not-checked");
    insta::assert_snapshot!(out);
}

#[test]
fn acme_iso20000_csv_names_clauses() {
    let out = acme_iso(&["--format", "csv"]);
    assert_eq!(out.lines().next(), Some("clause,title,status,rule,figure,value"));
    assert!(out.lines().any(|l| l.starts_with("4.1,Understanding the organization and its context,not-checked,")));
}

#[test]
fn unknown_framework_exits_2() {
    let (code, _, stderr) = itos(&[
        "report",
        "gaps",
        "-C",
        "examples/acme",
        "--as-of",
        "2026-10-31",
        "--no-git",
        "--framework",
        "iso27001",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("iso27001") && stderr.contains("iso20000") && stderr.contains("manual"), "{stderr}");
}

/// Open findings are listed under each clause their rule supports; the general rules' under 7.5.
#[test]
fn broken_iso20000_markdown() {
    let out = gaps(&["--framework", "iso20000", "--format", "markdown"]);
    assert!(out.contains("**9.2 Internal audit** — Open findings:"));
    assert!(out.contains("**7.5 Documented information** — Open findings:"));
    assert!(!out.contains("Record format (GEN rules"));
    insta::assert_snapshot!(out);
}
