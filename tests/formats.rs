#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The CI formats of `validate` over examples/broken (which has a waived finding): SARIF
//! checked against the structure SARIF 2.1.0 requires, JUnit parsed with an XML parser and
//! counted, GitHub workflow commands escaped, Markdown, several outputs in one run, the
//! baseline; and a snapshot of each.

use crate::common;
use common::itos;

use std::path::Path;

const BROKEN: [&str; 5] = ["validate", "-C", "examples/broken", "--as-of", "2026-10-31"];

fn broken(format: &str) -> String {
    let mut args = BROKEN.to_vec();
    args.extend(["--no-git", "--format", format]);
    let (code, out, err) = itos(&args);
    assert_eq!(code, 1, "{err}");
    out
}

#[test]
fn sarif_has_the_structure_sarif_2_1_0_requires() {
    let text = broken("sarif");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "itos");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), itos::rules::all().len());
    for r in rules {
        let name = r["name"].as_str().unwrap();
        assert!(
            name.chars().next().unwrap().is_ascii_uppercase() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}"
        );
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!r[key]["text"].as_str().unwrap().is_empty(), "{key} of {}", r["id"]);
        }
        assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(["error", "warning"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    let json = serde_json::from_str::<serde_json::Value>(&broken("json")).unwrap();
    assert_eq!(results.len(), json["findings"].as_array().unwrap().len());
    let mut waived = 0;
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note", "none"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.ends_with(".yaml") && !uri.starts_with('/'),
            "relative to the records folder under --no-git: {uri}"
        );
        let region = &loc["region"];
        let (sl, sc, el, ec) = (
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
            region["endLine"].as_u64().unwrap(),
            region["endColumn"].as_u64().unwrap(),
        );
        assert!(sl >= 1 && sc >= 1 && el >= sl && (el > sl || ec > sc), "{region}");
        assert_eq!(r["partialFingerprints"]["itos/v1"].as_str().unwrap().len(), 32);
        if let Some(s) = r.get("suppressions") {
            waived += 1;
            assert_eq!(s[0]["kind"], "external");
            assert_eq!(s[0]["status"], "accepted");
            assert_eq!(s[0]["justification"], "服务台满意度目标待合同补充协议确定");
        }
    }
    assert_eq!(waived, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_fingerprints_do_not_depend_on_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("examples/broken"), dir.path());
    let root = dir.path().to_str().unwrap();
    let prints = || {
        let (_, out, _) = itos(&["validate", "-C", root, "--as-of", "2026-10-31", "--no-git", "--format", "sarif"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut p: Vec<String> = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["itos/v1"].as_str().unwrap().to_owned())
            .collect();
        p.sort();
        p
    };
    let before = prints();
    let unique: std::collections::HashSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len(), "fingerprints are unique");
    // Comments added at the top of every file move every finding down.
    for entry in walkdir::WalkDir::new(dir.path()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            std::fs::write(entry.path(), format!("# reviewed\n# again\n{text}")).unwrap();
        }
    }
    assert_eq!(prints(), before);
}

#[test]
fn junit_is_well_formed_xml_with_consistent_counts() {
    let text = broken("junit");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<usize>().unwrap();
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    let mut names = std::collections::HashSet::new();
    for s in &suites {
        let cases: Vec<_> = s.children().filter(|n| n.has_tag_name("testcase")).collect();
        let f = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count();
        let k = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("skipped"))).count();
        assert_eq!((attr(*s, "tests"), attr(*s, "failures"), attr(*s, "skipped")), (cases.len(), f, k));
        for c in &cases {
            assert!(names.insert(format!("{}/{}", c.attribute("classname").unwrap(), c.attribute("name").unwrap())));
            if let Some(failure) = c.children().find(|n| n.has_tag_name("failure")) {
                let message = failure.attribute("message").unwrap();
                let location = message.split(": ").next().unwrap();
                assert!(
                    location.contains(".yaml:") && location.rsplit(':').next().unwrap().parse::<u32>().is_ok(),
                    "file:line:col first: {message}"
                );
            }
        }
        tests += cases.len();
        failures += f;
        skipped += k;
    }
    assert_eq!((attr(root, "tests"), attr(root, "failures")), (tests, failures));
    // junit-10.xsd allows `skipped` on <testsuite> only (tests/junit_schema.rs).
    assert!(root.attribute("skipped").is_none());
    // Every unwaived error of the run is inside a failure.
    let json: serde_json::Value = serde_json::from_str(&broken("json")).unwrap();
    let errors =
        json["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error" && f["waived_by"].is_null());
    for f in errors {
        let needle = format!("{}:{}:{}", f["file"].as_str().unwrap(), f["line"], f["column"]);
        assert!(text.contains(&needle), "{needle}");
    }
    assert_eq!(skipped, 1, "the rule whose only finding is waived is skipped");
    // One test case per rule (cli.md), each rule once.
    let rules: std::collections::HashSet<&str> =
        names.iter().map(|n| n.rsplit('/').next().unwrap().split(' ').next().unwrap()).collect();
    assert_eq!(rules.len(), names.len());
    // With --deny warnings a rule with only warnings fails too: the report is red exactly when
    // the run fails.
    let (code, denied, _) =
        common::itos(&["validate", "-C", "examples/broken", "--no-git", "--format", "junit", "--deny", "warnings"]);
    assert_eq!(code, 1);
    let doc2 = roxmltree::Document::parse(&denied).unwrap();
    let denied_failures = attr(doc2.root_element(), "failures");
    assert!(denied_failures > failures, "{denied_failures} > {failures}");
    insta::assert_snapshot!(text);
}

#[test]
fn github_commands_escape_data_and_properties() {
    use itos::output::escape::{github_data as data, github_property as property};
    assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
    assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    // A file whose name holds `:` and `,`, and a message with `%` and a newline.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("a:b,c.yaml"), "kind: Person\nid: p\nname: n\nrole: r\njoined: 2026-02-30\n")
        .unwrap();
    let (code, out, _) = itos(&["validate", "-C", dir.path().to_str().unwrap(), "--no-git", "--format", "github"]);
    assert_eq!(code, 1);
    let line = out.lines().find(|l| l.contains("GEN-003")).unwrap();
    assert!(line.starts_with("::error file=a%3Ab%2Cc.yaml,line=5,col=9,"), "{line}");
    assert!(line.contains("title=GEN-003::"), "{line}");
    assert!(!line.contains('\n') && !line["::error ".len()..].split("::").nth(1).unwrap().contains('\r'));
    let snapshot = broken("github");
    assert!(
        snapshot
            .lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
    assert_eq!(
        snapshot.lines().filter(|l| l.starts_with("::notice file=")).count(),
        1,
        "the waived finding is a notice"
    );
    // So is the note that cn-workdays has no holiday data for 2027 (the term ends 2027-06-30).
    assert!(snapshot.starts_with("::notice title=itos::calendar `cn-workdays` has public-holiday data"), "{snapshot}");
    insta::assert_snapshot!(snapshot);
}

#[test]
fn github_format_appends_a_summary_to_the_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(BROKEN)
        .args(["--no-git", "--format", "github"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ITOS_LANG")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n### itos: "), "{text}");
}

#[test]
fn markdown_pr_comment() {
    let text = broken("markdown");
    assert!(text.starts_with("### itos: "));
    assert!(text.contains("<details><summary>How to fix</summary>"));
    insta::assert_snapshot!(text);
}

#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (sarif, junit) = (dir.path().join("out.sarif"), dir.path().join("out.xml"));
    let mut args = BROKEN.to_vec();
    let s = format!("sarif={}", sarif.display());
    let j = format!("junit={}", junit.display());
    args.extend(["--no-git", "--format", "human", "--report", &s, "--report", &j]);
    let (code, out, _) = itos(&args);
    assert_eq!(code, 1);
    assert!(out.contains("error[GEN-003]"));
    assert!(std::fs::read_to_string(&sarif).unwrap().contains("\"version\": \"2.1.0\""));
    assert!(roxmltree::Document::parse(&std::fs::read_to_string(&junit).unwrap()).is_ok());
    let (code, _, err) = itos(&["validate", "-C", "examples/broken", "--report", "pdf=x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format"), "{err}");
}

#[test]
fn baseline_shows_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("examples/broken"), dir.path());
    let root = dir.path().to_str().unwrap();
    let (code, _, err) = itos(&["baseline", "-C", root, "--as-of", "2026-10-31", "--no-git"]);
    assert_eq!(code, 0, "{err}");
    let baseline = dir.path().join("itos-baseline.json");
    assert!(baseline.is_file());
    let b = baseline.to_str().unwrap();
    let (code, out, err) = itos(&["validate", "-C", root, "--as-of", "2026-10-31", "--no-git", "--baseline", b]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("73 known findings of the baseline not shown"), "{err}");
    // A new fault fails again, and only it is shown.
    std::fs::write(
        dir.path().join("people-new.yaml"),
        "kind: Person\nid: p-new\nname: 新人\nrole: 工程师\njoined: 2026-02-30\n",
    )
    .unwrap();
    let (code, out, _) =
        itos(&["validate", "-C", root, "--as-of", "2026-10-31", "--no-git", "--baseline", b, "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, vec!["people-new.yaml"]);
    let (code, _, err) =
        itos(&["validate", "-C", root, "--baseline", Path::new(root).join("itos.toml").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not an itos baseline"), "{err}");
}

/// Issue 15, item 20: the Markdown findings are cut by size, not rows: a pull-request comment
/// holds at most 65,536 characters and a step summary 1 MiB, each ending with a
/// `truncated: N more findings` line when findings are left out.
#[test]
fn markdown_is_cut_to_the_size_github_accepts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    let total = 3000;
    // In files of 300, under the per-file cap of shown findings.
    for part in 0..total / 300 {
        let docs: Vec<String> =
            (part * 300..(part + 1) * 300).map(|i| format!("kind: Unknown{i}\nid: x-{i}\n")).collect();
        std::fs::write(dir.path().join(format!("many-{part}.yaml")), docs.join("---\n")).unwrap();
    }
    let root = dir.path().to_str().unwrap();
    let count = |text: &str, limit: usize| {
        assert!(text.chars().count() <= limit, "{} characters", text.chars().count());
        let rows = text.lines().filter(|l| l.starts_with("| ❌ |")).count();
        let cut = text
            .lines()
            .find_map(|l| l.strip_prefix("truncated: "))
            .map_or(0, |l| l.split(' ').next().unwrap().parse::<usize>().unwrap());
        (rows, cut)
    };
    let (code, comment, err) = common::itos(&["validate", "-C", root, "--no-git", "--format", "markdown"]);
    assert_eq!(code, 1, "{err}");
    let (rows, cut) = count(&comment, 65_536);
    assert!(cut > 0 && rows + cut == total, "{rows} + {cut}");
    assert!(comment.contains(&format!("\ntruncated: {cut} more findings; run `itos validate` for all.\n")));
    assert!(comment.ends_with("\n</details>\n"));
    let summary = dir.path().join("summary.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(["validate", "-C", root, "--no-git", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("ITOS_LANG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (rows, cut) = count(&std::fs::read_to_string(&summary).unwrap(), 1 << 20);
    assert_eq!(rows + cut, total);
    assert!(rows > 65_536 / 200, "the step summary holds more than a comment: {rows}");
}

/// Issue 15, item 18: the SARIF `uri` of a file is percent-encoded, so `#`, `?`, `%` and
/// blanks stay part of the path.
#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("a#1 %41?.yaml"), "kind: Nope\nid: x-1\n").unwrap();
    let (_, out, err) =
        common::itos(&["validate", "-C", dir.path().to_str().unwrap(), "--no-git", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"a%231%20%2541%3F.yaml"), "{uris:?}");
}
