#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos handover checklist` through the real binary: the complete exit of examples/exit,
//! a partial one, the plan before a Handover exists, `--strict`, and evidence commits in git.

use crate::common;
use common::itos;

use std::path::Path;

fn checklist(dir: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["handover", "checklist", "-C", dir, "--no-git"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = itos(&args);
    assert!(code == 0 || code == 1, "{stderr}");
    (code, stdout)
}

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// examples/exit with its Handover edited: three things left undone.
fn partial() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&example("exit"), dir.path());
    let path = dir.path().join("handover/exit.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("    status: resolved\n    owner: 王磊", "    status: open\n    owner: 王磊")
        .replace("  customer: {name: 周敏, at: 2026-11-26}\n", "")
        .replace(
            "  certificate: handover/data-destruction-certificate.md\n",
            "  certificate: handover/data-certificate.pdf\n",
        )
        .replace("post_exit_feedback_at: 2026-12-05\n", "");
    std::fs::write(&path, text).unwrap();
    dir
}

#[test]
fn complete_exit_table() {
    let (code, out) = checklist("examples/exit", &[]);
    assert_eq!(code, 0);
    // The notice item does not apply (ended by mutual agreement): counted apart, not as done.
    assert!(out.contains("23 of 23 done, 1 not applicable"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn complete_exit_table_zh() {
    insta::assert_snapshot!(checklist("examples/exit", &["--lang", "zh-CN"]).1);
}

#[test]
fn complete_exit_markdown_is_a_task_list() {
    let (_, out) = checklist("examples/exit", &["--format", "markdown"]);
    assert_eq!(out.matches("- [x] ").count(), 24);
    assert_eq!(out.matches("- [ ] ").count(), 0);
    insta::assert_snapshot!(out);
}

#[test]
fn complete_exit_markdown_zh() {
    insta::assert_snapshot!(checklist("examples/exit", &["--format", "markdown", "--lang", "zh-CN"]).1);
}

#[test]
fn complete_exit_json() {
    let (_, out) = checklist("examples/exit", &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["done"].as_u64(), v["total"].as_u64(), v["complete"].as_bool()), (Some(23), Some(24), Some(true)));
    assert_eq!((v["not_applicable"].as_u64(), v["applicable"].as_u64()), (Some(1), Some(23)));
    // Every evidence file carries its SHA-256.
    for item in v["items"].as_array().unwrap() {
        for e in item["evidence"].as_array().unwrap() {
            if e["state"] == "file" {
                assert_eq!(e["sha256"].as_str().map(str::len), Some(64), "{e}");
            }
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn complete_exit_json_zh() {
    insta::assert_snapshot!(checklist("examples/exit", &["--format", "json", "--lang", "zh-CN"]).1);
}

#[test]
fn partial_exit_shows_exactly_what_is_missing() {
    let dir = partial();
    let root = dir.path().to_str().unwrap();
    let (code, out) = checklist(root, &["--format", "markdown"]);
    assert_eq!(code, 0, "without --strict a produced checklist exits 0");
    let open: Vec<&str> = out.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    assert_eq!(open.len(), 4, "{out}");
    assert!(open[0].contains("leftover issue L-1") && open[0].contains("**missing**"), "{}", open[0]);
    assert!(open[1].contains("customer data returned or destroyed"), "{}", open[1]);
    assert!(open[2].contains("written sign-off"), "{}", open[2]);
    assert!(open[3].contains("post-exit customer feedback"), "{}", open[3]);
    assert!(out.contains("handover/data-certificate.pdf (does not exist)"), "{out}");
    assert!(out.contains("HND-007: after exit, the written sign-off lacks the customer's signature"), "{out}");
    insta::assert_snapshot!(out);
    // validate reports the same problems.
    let (code, json, _) = itos(&["validate", "-C", root, "--no-git", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The exit's problems; the example's Slas also draw SLA-005 warnings (targets in `d` on
    // office calendars), which are not about the exit.
    let mut rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|r| *r != "SLA-005")
        .collect();
    rules.sort_unstable();
    assert_eq!(rules, vec!["HND-003", "HND-004", "HND-007", "HND-008"]);
    assert_eq!(checklist(root, &["--strict"]).0, 1);
}

#[test]
fn before_a_handover_exists_the_checklist_is_the_plan() {
    let (code, out) = checklist("examples/acme", &["--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.contains("no Handover record yet"), "{out}");
    // Notice at least max(60, 30) days before the term ends on 2027-06-30.
    assert!(out.contains("termination notice given in time — pending, due 2027-05-01"), "{out}");
    assert_eq!(out.matches("- [x] ").count(), 0);
    insta::assert_snapshot!(out);
    assert_eq!(checklist("examples/acme", &["--strict"]).0, 1);
    assert_eq!(checklist("examples/exit", &["--strict"]).0, 0);
    // After the term's end without a Handover, the overdue items are missing.
    let (_, late) = checklist("examples/acme", &["--format", "json", "--as-of", "2027-08-01"]);
    let v: serde_json::Value = serde_json::from_str(&late).unwrap();
    assert!(v["items"].as_array().unwrap().iter().all(|i| i["status"] == "missing"), "{late}");
}

#[test]
fn several_engagements_need_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    let base = itos::rules::examples::BASE.split("---").next().unwrap().to_owned();
    std::fs::write(dir.path().join("a.yaml"), &base).unwrap();
    std::fs::write(dir.path().join("b.yaml"), base.replace("id: demo", "id: other")).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, _, stderr) = itos(&["handover", "checklist", "-C", root]);
    assert_eq!(code, 2);
    assert!(stderr.contains("several engagements (demo, other)"), "{stderr}");
    let (code, out, _) = itos(&["handover", "checklist", "-C", root, "--engagement", "other", "--as-of", "2026-10-31"]);
    assert_eq!(code, 0);
    assert!(out.contains("Exit checklist — other"), "{out}");
    let (code, _, stderr) = itos(&["handover", "checklist", "-C", root, "--engagement", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no engagement `nope`"), "{stderr}");
}

#[test]
fn in_git_each_evidence_file_names_the_commit_that_last_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&example("exit"), dir.path());
    let repo = git2::Repository::init(dir.path()).unwrap();
    let mut index = repo.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("审计员", "audit@example.invalid").unwrap();
    let first = repo.commit(Some("HEAD"), &sig, &sig, "records", &tree, &[]).unwrap();
    // A later commit changes one evidence file only.
    std::fs::write(dir.path().join("handover/deliverables/user-manuals.md"), "# 用户操作手册(终版)\n").unwrap();
    index.add_path(Path::new("handover/deliverables/user-manuals.md")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let parent = repo.find_commit(first).unwrap();
    let second = repo.commit(Some("HEAD"), &sig, &sig, "signed copy", &tree, &[&parent]).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, out, stderr) = itos(&["handover", "checklist", "-C", root, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let evidence: Vec<&serde_json::Value> =
        v["items"].as_array().unwrap().iter().flat_map(|i| i["evidence"].as_array().unwrap().iter()).collect();
    let notice = evidence.iter().find(|e| e["path"] == "handover/notice-2026-08-20.md").unwrap();
    assert_eq!(notice["last_commit"]["id"], first.to_string());
    assert_eq!(notice["last_commit"]["author"], "审计员");
    let manuals = evidence.iter().find(|e| e["path"] == "handover/deliverables/user-manuals.md").unwrap();
    assert_eq!(manuals["last_commit"]["id"], second.to_string());
    let folder = evidence.iter().find(|e| e["path"] == "changes").unwrap();
    assert_eq!(folder["state"], "folder");
}

#[test]
fn partial_exit_zh_counts_each_item_under_its_status() {
    let dir = partial();
    let root = dir.path().to_str().unwrap();
    let (_, out) = checklist(root, &["--format", "markdown", "--lang", "zh-CN"]);
    assert!(out.contains("**逾期未完成**"), "{out}");
    assert!(!out.contains("缺失"), "{out}");
    insta::assert_snapshot!(out);
}
