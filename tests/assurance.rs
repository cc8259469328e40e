#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Assurance (assurance.md): each way issue 23 found to bend the records quietly, done to a
//! copy of examples/acme in a git repository built with git2, now fails with the rule and
//! message the spec names.

use crate::common;

use common::itos;
use common::repo::Repo;

/// `validate` in `records`: exit code and the output (JSON findings).
fn validate(records: &str, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let mut args = vec!["validate", "-C", records, "--as-of", "2026-10-31", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = itos(&args);
    let json = serde_json::from_str(&out).unwrap_or(serde_json::Value::Null);
    (code, json, err)
}

/// (rule, file, line, column, waived) of each finding of `rule`.
fn found(json: &serde_json::Value, rule: &str) -> Vec<(String, u64, u64, bool)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["waived_by"].is_string(),
            )
        })
        .collect()
}

fn message<'j>(json: &'j serde_json::Value, rule: &str) -> &'j str {
    json["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).unwrap()["message"].as_str().unwrap()
}

#[test]
fn excluding_a_file_of_records_is_gen009_at_the_glob() {
    let repo = Repo::new("acme");
    let (code, json, err) = validate(&repo.records(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(found(&json, "GEN-009").is_empty());
    // The October incidents, left out of every check and figure.
    let config = std::fs::read_to_string(repo.path("itos.toml")).unwrap();
    std::fs::write(repo.path("itos.toml"), format!("exclude = [\"incidents/2026-10.yaml\"]\n{config}")).unwrap();
    repo.commit("leave October out");
    let (_, json, err) = validate(&repo.records(), &[]);
    assert_eq!(found(&json, "GEN-009"), vec![("records/itos.toml".to_owned(), 1, 12, false)], "{err}");
    assert_eq!(
        message(&json, "GEN-009"),
        "`exclude` glob `incidents/2026-10.yaml` hides 1 file(s) that held records in the git history: incidents/2026-10.yaml"
    );
    // A glob for files that never held records is fine.
    std::fs::write(repo.path("itos.toml"), format!("exclude = [\"drafts/**\"]\n{config}")).unwrap();
    std::fs::create_dir_all(repo.path("drafts")).unwrap();
    std::fs::write(repo.path("drafts/notes.yaml"), "# 草稿\n").unwrap();
    repo.commit("drafts");
    let (code, json, err) = validate(&repo.records(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(found(&json, "GEN-009").is_empty());
}

#[test]
fn switching_an_integrity_rule_off_cannot_hide_a_back_dated_edit() {
    let repo = Repo::new("acme");
    repo.edit(
        "incidents/2026-09.yaml",
        "resolved_at: 2026-09-03T16:15:00+08:00",
        "resolved_at: 2026-09-03T15:15:00+08:00",
    );
    repo.commit("back-date a resolution");
    let (code, json, _) = validate(&repo.records(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found(&json, "GIT-001").len(), 1);
    let config = std::fs::read_to_string(repo.path("itos.toml")).unwrap();
    std::fs::write(repo.path("itos.toml"), format!("{config}\n[rules]\n\"GIT-001\" = \"off\"\n")).unwrap();
    let (code, _, err) = validate(&repo.records(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("GIT-001 cannot be switched off or changed: it guards the records' integrity"), "{err}");
}

#[test]
fn a_waiver_of_an_integrity_finding_approved_by_the_provider_alone_does_not_apply() {
    let repo = Repo::new("acme");
    repo.edit(
        "incidents/2026-09.yaml",
        "resolved_at: 2026-09-03T16:15:00+08:00",
        "resolved_at: 2026-09-03T15:15:00+08:00",
    );
    let waiver = "kind: Waiver\nid: WVR-2026-09\nrule: GIT-001\ntarget: Incident/INC-2026-09-001\nreason: 更正录入错误\napproved_by: p-zhang-wei\nexpires: 2027-06-30\n";
    std::fs::write(repo.path("waivers/WVR-2026-09.yaml"), waiver).unwrap();
    repo.commit("back-date a resolution, waived by the provider's manager");
    let (code, json, _) = validate(&repo.records(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found(&json, "GIT-001").iter().filter(|f| !f.3).count(), 1, "the edit stays an error");
    assert_eq!(found(&json, "GEN-006"), vec![("records/waivers/WVR-2026-09.yaml".to_owned(), 3, 7, false)]);
    assert!(message(&json, "GEN-006").contains("without `customer_approval`"));
    // With the customer's approval it applies.
    std::fs::write(
        repo.path("waivers/WVR-2026-09.yaml"),
        format!("{waiver}customer_approval: {{by: 周敏, at: 2026-10-30}}\n"),
    )
    .unwrap();
    let (code, json, err) = validate(&repo.records(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(found(&json, "GIT-001").iter().all(|f| f.3));
}

#[test]
fn the_customers_own_config_replaces_the_repositorys() {
    let repo = Repo::new("acme");
    // The provider's itos.toml switches a rule off; the customer's file does not.
    let config = std::fs::read_to_string(repo.path("itos.toml")).unwrap();
    std::fs::write(repo.path("itos.toml"), format!("{config}\n[rules]\n\"CHG-001\" = \"off\"\n")).unwrap();
    let customer = repo.dir.path().join("customer.toml");
    std::fs::write(&customer, format!("{config}\n[policy.approval_matrix]\nnormal = [\"change-manager\", \"department-head\", \"senior-management\"]\n")).unwrap();
    let (_, own, _) = validate(&repo.records(), &[]);
    let (_, theirs, err) = validate(&repo.records(), &["--config", customer.to_str().unwrap()]);
    assert!(found(&own, "CHG-002").len() < found(&theirs, "CHG-002").len(), "{err}");
    // A repository of another record format is refused whatever config is given.
    std::fs::write(repo.path("itos.toml"), format!("format = 2\n{}", config.replace("format = 1\n", ""))).unwrap();
    let (code, _, err) = validate(&repo.records(), &["--config", customer.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("record format 2 is not supported"), "{err}");
}

#[test]
fn a_ticket_ledger_looks_only_inside_the_engagement_asked_for() {
    let (code, out, err) = itos(&[
        "report",
        "sla",
        "-C",
        "examples/acme",
        "--ticket",
        "INC-2026-09-001",
        "--engagement",
        "acme-core-ops",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("INC-2026-09-001"));
    let (code, _, err) = itos(&[
        "report",
        "sla",
        "-C",
        "examples/acme",
        "--ticket",
        "INC-2026-09-001",
        "--engagement",
        "other-engagement",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no incident `INC-2026-09-001` in engagement `other-engagement`"), "{err}");
}

/// Produce the September service report in `repo` at HEAD: (commit, inputs_sha256) of its
/// provenance, as the hint prints them.
fn september_report(repo: &Repo) -> (String, String) {
    let (code, out, err) =
        itos(&["report", "monthly", "-C", &repo.records(), "--month", "2026-09", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = &json["provenance"];
    assert_eq!(p["uncommitted_changes"], false);
    (p["commit"].as_str().unwrap().to_owned(), p["inputs_sha256"].as_str().unwrap().to_owned())
}

/// Record `commit` and `inputs_sha256` on RPT-2026-09 of examples/acme.
fn record_report(repo: &Repo, commit: &str, inputs: &str) {
    repo.edit(
        "reports/monthly.yaml",
        "    confirmed_at: 2026-10-12",
        &format!("    confirmed_at: 2026-10-12\n    commit: {commit}\n    inputs_sha256: {inputs}"),
    );
}

#[test]
fn a_recorded_report_commit_holds_until_the_history_is_rewritten() {
    let repo = Repo::new("acme");
    let (commit, inputs) = september_report(&repo);
    // The hint of `report monthly` names both.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("RPT-2026-09.md");
    let (code, _, err) =
        itos(&["report", "monthly", "-C", &repo.records(), "--month", "2026-09", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("  commit: {commit}\n")) && err.contains(&format!("  inputs_sha256: {inputs}")),
        "{err}"
    );

    record_report(&repo, &commit, &inputs);
    repo.commit("September report delivered");
    let (code, json, err) = validate(&repo.records(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(found(&json, "GIT-004").is_empty());

    // The digest of another commit's records differs.
    let later = repo.commit("nothing changed");
    repo.edit("reports/monthly.yaml", &format!("commit: {commit}"), &format!("commit: {later}"));
    repo.commit("point the report at a later commit");
    let (code, json, _) = validate(&repo.records(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found(&json, "GIT-004").len(), 1);
    assert!(
        message(&json, "GIT-004")
            .starts_with(&format!("ServiceReport RPT-2026-09: the records at commit {later} hash to "))
    );
}

#[test]
fn amending_the_commit_a_report_was_produced_from_is_git004() {
    let repo = Repo::new("acme");
    let (commit, inputs) = september_report(&repo);
    // `git commit --amend` of that commit, with a record changed.
    repo.edit(
        "incidents/2026-09.yaml",
        "resolved_at: 2026-09-03T16:15:00+08:00",
        "resolved_at: 2026-09-03T15:15:00+08:00",
    );
    let mut index = repo.git.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let tree = repo.git.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.git.head().unwrap().peel_to_commit().unwrap();
    head.amend(Some("HEAD"), None, None, None, None, Some(&tree)).unwrap();
    record_report(&repo, &commit, &inputs);
    repo.commit("September report delivered");
    let (code, json, _) = validate(&repo.records(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&json, "GIT-004"),
        vec![("records/reports/monthly.yaml".to_owned(), 81, 13, false)],
        "{}",
        message(&json, "GIT-004")
    );
    assert_eq!(
        message(&json, "GIT-004"),
        format!(
            "ServiceReport RPT-2026-09: commit {commit} is not an ancestor of HEAD: the history was rewritten after the report was delivered"
        )
    );
    // A commit this clone never had.
    repo.edit("reports/monthly.yaml", &format!("commit: {commit}"), "commit: 4f2a9c1d7e3b5a6f8c0d2e4f6a8b0c1d3e5f7a9b");
    let (_, json, _) = validate(&repo.records(), &[]);
    assert!(message(&json, "GIT-004").contains("is not in this repository"));
}
