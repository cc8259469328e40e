#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Assurance (assurance.md): each way issue 23 found to bend the records quietly, done to a
//! copy of examples/acme in a git repository built with git2, now fails with the rule and
//! message the spec names.

use crate::common;

use common::itos;
use common::repo::Repo;

/// Back-date the resolution of a closed September incident (an edit after closure).
fn back_date(repo: &Repo) {
    repo.edit(
        "incidents/2026-09.yaml",
        "resolved_at: 2026-09-03T16:15:00+08:00",
        "resolved_at: 2026-09-03T15:15:00+08:00",
    );
}

/// `git commit --amend` of HEAD with the work tree as it is.
fn amend_head(repo: &Repo) {
    let mut index = repo.git.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let tree = repo.git.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.git.head().unwrap().peel_to_commit().unwrap();
    head.amend(Some("HEAD"), None, None, None, None, Some(&tree)).unwrap();
}

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
    back_date(&repo);
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
    back_date(&repo);
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
    back_date(&repo);
    amend_head(&repo);
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

/// The customer's signing key in these tests (a fixed seed: the same key every run).
fn key(seed: u8) -> ssh_key::PrivateKey {
    ssh_key::PrivateKey::from(ssh_key::private::Ed25519Keypair::from_seed(&[seed; 32]))
}

/// Commit the work tree on HEAD, signed with `key` as `git commit -S` does with
/// `gpg.format = ssh` (an SSH signature in the `gpgsig` header, namespace `git`).
fn signed_commit(repo: &Repo, key: &ssh_key::PrivateKey, message: &str) -> git2::Oid {
    let mut index = repo.git.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.git.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("周敏", "zhou.min@bank.example").unwrap();
    let head = repo.git.head().unwrap().peel_to_commit().unwrap();
    let buffer = repo.git.commit_create_buffer(&sig, &sig, message, &tree, &[&head]).unwrap();
    let sshsig = key.sign("git", ssh_key::HashAlg::Sha512, &buffer).unwrap();
    let pem = sshsig.to_pem(ssh_key::LineEnding::LF).unwrap();
    let oid = repo.git.commit_signed(buffer.as_str().unwrap(), &pem, None).unwrap();
    repo.git.head().unwrap().set_target(oid, message).unwrap();
    oid
}

const CHANGE: &str = "kind: Change
id: CHG-2026-038
title: 核心数据库参数调整
description: 调整核心数据库连接池参数
class: normal
requested_by: 赵敏
requested_at: 2026-10-01T09:00:00+08:00
impact: {services: [helpdesk], expected: 无停机}
risk: {likelihood: 2, impact: 2, level: low}
approvals:
  - {by: 张伟, role: change-manager, at: 2026-10-03T16:00:00+08:00, decision: approved}
rollback_plan: 回退至快照
status: approved
";
const CUSTOMER_APPROVAL: &str =
    "  - {by: 周敏, role: department-head, party: customer, at: 2026-10-04T10:00:00+08:00, decision: approved}\n";

fn with_customer_approval() -> String {
    CHANGE.replace("rollback_plan:", &format!("{CUSTOMER_APPROVAL}rollback_plan:"))
}

/// GIT-005 findings of the repository: (line, column, message).
fn git005(repo: &Repo) -> Vec<(u64, u64, String)> {
    let (_, json, err) = validate(&repo.records(), &["--rule", "GIT-005"]);
    assert!(json.is_object(), "{err}");
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "GIT-005")
        .map(|f| {
            (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["message"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn a_customer_approval_counts_only_from_a_commit_the_customer_signed() {
    let customer = key(7);
    let public = customer.public_key().to_openssh().unwrap();
    let config = format!("format = 1\n[trust]\ncustomer_signers = [\"{public}\"]\n");
    let repo = Repo::from_files(&[("itos.toml", config), ("changes/CHG-2026-038.yaml", CHANGE.to_owned())]);
    assert_eq!(git005(&repo), vec![]);

    // Typed in by the provider and committed unsigned.
    std::fs::write(repo.path("changes/CHG-2026-038.yaml"), with_customer_approval()).unwrap();
    let (line, col) = (12, 5);
    let (_, _, err) = validate(&repo.records(), &["--rule", "GIT-005"]);
    let found = git005(&repo);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!((found[0].0, found[0].1), (line, col));
    assert_eq!(found[0].2, "a customer decision in Change CHG-2026-038 is not committed yet, so no customer signed it");
    let unsigned = repo.commit("approval recorded");
    let found = git005(&repo);
    assert!(found[0].2.ends_with("which is unsigned"), "{found:?}");
    assert!(found[0].2.contains(&unsigned.to_string()[..10]), "{found:?}");

    // Signed, but by the provider's own key.
    std::fs::write(repo.path("changes/CHG-2026-038.yaml"), CHANGE).unwrap();
    repo.commit("approval withdrawn");
    std::fs::write(repo.path("changes/CHG-2026-038.yaml"), with_customer_approval()).unwrap();
    signed_commit(&repo, &key(9), "approval recorded, signed by the provider");
    let found = git005(&repo);
    let provider = key(9).public_key().fingerprint(ssh_key::HashAlg::Sha256).to_string();
    assert_eq!(found.len(), 1);
    assert!(found[0].2.contains(&format!("signed by {provider}, not a key of [trust] customer_signers")), "{found:?}");

    // Committed by the customer, signed with the trusted key: nothing to report.
    std::fs::write(repo.path("changes/CHG-2026-038.yaml"), CHANGE).unwrap();
    repo.commit("approval withdrawn again");
    std::fs::write(repo.path("changes/CHG-2026-038.yaml"), with_customer_approval()).unwrap();
    signed_commit(&repo, &customer, "approved by the customer");
    assert_eq!(git005(&repo), vec![]);

    // Changing the approval afterwards, unsigned, makes it a new, unsigned decision.
    repo.edit("changes/CHG-2026-038.yaml", "at: 2026-10-04T10:00:00+08:00", "at: 2026-10-02T10:00:00+08:00");
    repo.commit("back-date the approval");
    let found = git005(&repo);
    assert_eq!(found.len(), 1);
    assert!(found[0].2.ends_with("which is unsigned"), "{found:?}");
}

#[test]
fn a_bad_trusted_key_is_a_config_error() {
    let repo = Repo::from_files(&[
        ("itos.toml", "format = 1\n[trust]\ncustomer_signers = [\"ssh-ed25519 AAAA-not-base64 周敏\"]\n".to_owned()),
        ("changes/CHG-2026-038.yaml", CHANGE.to_owned()),
    ]);
    let (code, _, err) = itos(&["validate", "-C", &repo.records()]);
    assert_eq!(code, 2);
    assert!(err.contains("itos.toml:3:21: trust.customer_signers: not an SSH public key"), "{err}");
}

/// `itos verify FILE` in `records` (with `extra` flags): exit code and standard error.
fn verify(records: &str, file: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["verify", file.to_str().unwrap(), "-C", records];
    args.extend_from_slice(extra);
    let (code, _, err) = itos(&args);
    (code, err)
}

fn produce(records: &str, args: &[&str], out: &std::path::Path) {
    let mut all = args.to_vec();
    all.extend(["-C", records, "-o", out.to_str().unwrap(), "--quiet"]);
    let (code, _, err) = itos(&all);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn verify_passes_on_a_fresh_report_in_every_format() {
    let repo = Repo::new("acme");
    let dir = tempfile::tempdir().unwrap();
    for (args, name) in [
        (&["report", "sla", "--month", "2026-09", "--format", "json"][..], "sla.json"),
        (&["report", "sla", "--month", "2026-09", "--format", "markdown", "--lang", "zh-CN"][..], "sla.md"),
        (&["report", "sla", "--month", "2026-09", "--format", "csv"][..], "sla.csv"),
        (&["report", "sla", "--month", "2026-09", "--format", "html"][..], "sla.html"),
        (&["report", "monthly", "--month", "2026-09", "--format", "json"][..], "monthly.json"),
        (&["report", "monthly", "--quarter", "2026-Q3", "--format", "html"][..], "q3.html"),
        (&["report", "monthly", "--month", "2026-10", "--format", "markdown"][..], "monthly.md"),
    ] {
        let file = dir.path().join(name);
        produce(&repo.records(), args, &file);
        let (code, err) = verify(&repo.records(), &file, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.starts_with("verified: "), "{err}");
    }
    // A plain file carries no provenance.
    std::fs::write(dir.path().join("plain.md"), "# notes\n").unwrap();
    let (code, err) = verify(&repo.records(), &dir.path().join("plain.md"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("no itos provenance in it"), "{err}");
}

#[test]
fn verify_names_the_differences_of_an_edited_report_an_amended_commit_and_another_config() {
    let repo = Repo::new("acme");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("sla.md");
    produce(&repo.records(), &["report", "sla", "--month", "2026-09", "--format", "markdown"], &report);

    // A figure edited in the delivered report.
    let text = std::fs::read_to_string(&report).unwrap();
    let line = text.lines().position(|l| l.contains('%')).unwrap();
    let edited: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == line { format!("{}\n", l.replacen('%', " %", 1)) } else { format!("{l}\n") })
        .collect();
    let tampered = dir.path().join("tampered.md");
    std::fs::write(&tampered, edited).unwrap();
    let (code, err) = verify(&repo.records(), &tampered, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("  - line {}: the report says", line + 1)), "{err}");

    // The commit the report came from, amended with a record changed.
    back_date(&repo);
    amend_head(&repo);
    let (code, err) = verify(&repo.records(), &report, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not an ancestor of HEAD: the history was rewritten after the report was made"), "{err}");

    // Made with the customer's configuration, which then changed.
    let other = Repo::new("acme");
    let config = other.dir.path().join("customer.toml");
    std::fs::write(&config, std::fs::read_to_string(other.path("itos.toml")).unwrap()).unwrap();
    let json = dir.path().join("sla.json");
    let config_flag = ["--config", config.to_str().unwrap()];
    let mut args = vec!["report", "sla", "--month", "2026-09", "--format", "json"];
    args.extend(config_flag);
    produce(&other.records(), &args, &json);
    assert_eq!(verify(&other.records(), &json, &config_flag).0, 0);
    std::fs::write(&config, "format = 1\ndefault_engagement = \"acme-core-ops\"\nas_of = \"2026-10-31\"\n").unwrap();
    let (code, err) = verify(&other.records(), &json, &config_flag);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("configuration (SHA-256): the report says"), "{err}");

    // A clone that never had the commit cannot verify it.
    let stranger = Repo::from_files(&[("itos.toml", "format = 1\n# another engagement's records\n".to_owned())]);
    let (code, err) = verify(&stranger.records(), &json, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not in this clone of the records"), "{err}");
}

#[test]
fn every_output_discloses_what_the_configuration_changes() {
    let repo = Repo::new("acme");
    let config = std::fs::read_to_string(repo.path("itos.toml")).unwrap();
    std::fs::write(
        repo.path("itos.toml"),
        format!("exclude = [\"drafts/**\"]\n{config}\n[rules]\n\"CHG-012\" = \"off\"\n"),
    )
    .unwrap();
    let (_, json, err) = validate(&repo.records(), &[]);
    let c = &json["configuration"];
    assert_eq!(c["file"], "itos.toml", "{err}");
    assert_eq!(c["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(c["rules"], serde_json::json!([{"rule": "CHG-012", "level": "off"}]));
    assert_eq!(c["exclude"], serde_json::json!(["drafts/**"]));
    assert_eq!(c["as_of"], "2026-10-31");
    assert_eq!(c["policy"][0]["name"], "security_training_interval_months");
    assert_eq!((c["policy"][0]["value"].as_u64(), c["policy"][0]["default"].as_u64()), (Some(6), Some(12)));
    assert_eq!(c["customer_approvals_authenticated"], false);
    let (_, human, _) = itos(&["validate", "-C", &repo.records()]);
    assert!(human.contains("configuration:\n  Configuration: itos.toml (SHA-256 "), "{human}");
    assert!(
        human.contains("  Rules set in `[rules]`: CHG-012 = off\n  Files left out (`exclude`): drafts/**\n"),
        "{human}"
    );
    let (_, sarif, _) = itos(&["validate", "-C", &repo.records(), "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["configuration"]["rules"][0]["rule"], "CHG-012");
    let (_, report, _) = itos(&["report", "sla", "-C", &repo.records(), "--month", "2026-09"]);
    assert!(report.contains("not authenticated (no `[trust]` configured)"), "{report}");
    assert!(report.contains("CHG-012 = off"), "{report}");
}

#[test]
fn a_report_shows_first_that_records_of_its_period_were_altered() {
    let repo = Repo::new("acme");
    back_date(&repo);
    repo.commit("back-date a resolution");
    let (code, out, err) = itos(&["report", "sla", "-C", &repo.records(), "--month", "2026-09"]);
    assert_eq!(code, 0, "{err}");
    let banner = out.find("Integrity of the records").expect("a banner");
    assert!(banner < out.find("Availability").unwrap(), "first, before the figures");
    assert!(out.contains("Records of 2026-09 were altered after closure"), "{out}");
    assert!(out.contains("GIT-001 records/incidents/2026-09.yaml:"), "{out}");
    let (_, json, _) = itos(&["report", "monthly", "-C", &repo.records(), "--month", "2026-09", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["integrity"][0]["rule"], "GIT-001");
    // October's report is not about that record.
    let (_, json, _) = itos(&["report", "sla", "-C", &repo.records(), "--month", "2026-10", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["integrity"], serde_json::json!([]));
}

#[test]
fn the_register_lists_every_clock_the_attainment_counts() {
    let (code, out, err) =
        itos(&["report", "sla", "-C", "examples/acme", "--month", "2026-09", "--tickets", "all", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for service in json["engagements"][0]["services"].as_array().unwrap() {
        let register = service["register"].as_array().unwrap();
        // As many clocks as the attainment table decided, and as many unmet as breaches.
        let decided: u64 =
            service["attainment"].as_array().unwrap().iter().map(|a| a["decided"].as_u64().unwrap()).sum();
        assert_eq!(register.len() as u64, decided, "{}", service["service"]);
        let unmet = register.iter().filter(|c| c["met"] == false).count();
        assert_eq!(unmet, service["breaches"].as_array().unwrap().len(), "{}", service["service"]);
    }
    // By hand: the major incident's resolution, opened 10:02 and resolved 13:10 on a 24×7 P1
    // calendar: 188 min against 240, met.
    let all: Vec<&serde_json::Value> = json["engagements"][0]["services"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["register"].as_array().unwrap())
        .collect();
    let major = all.iter().find(|c| c["ticket"] == "INC-2026-09-MAJ-01" && c["clock"] == "resolution").unwrap();
    assert_eq!(
        (major["elapsed_seconds"].as_i64(), major["target_seconds"].as_i64(), &major["met"]),
        (Some(188 * 60), Some(240 * 60), &serde_json::json!(true))
    );
    // The CSV carries it too, and the provenance records the flag for `itos verify`.
    let (_, csv, _) =
        itos(&["report", "sla", "-C", "examples/acme", "--month", "2026-09", "--tickets", "all", "--format", "csv"]);
    assert!(
        csv.contains(",core-banking-ops,P1,resolution,register:INC-2026-09-MAJ-01:elapsed_minutes,188\r\n"),
        "{csv}"
    );
    assert!(json["provenance"]["command"].as_array().unwrap().iter().any(|a| a == "--tickets"));
}

#[test]
fn a_ticket_ledger_names_its_record_and_carries_its_provenance() {
    let repo = Repo::new("acme");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ledger.json");
    produce(&repo.records(), &["report", "sla", "--ticket", "INC-2026-09-001", "--format", "json"], &file);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["record"], "records/incidents/2026-09.yaml:6:5");
    assert_eq!(json["provenance"]["command"][2], "--ticket");
    let (code, err) = verify(&repo.records(), &file, &[]);
    assert_eq!(code, 0, "{err}");
    let md = dir.path().join("ledger.md");
    produce(&repo.records(), &["report", "sla", "--ticket", "INC-2026-09-001", "--format", "markdown"], &md);
    assert!(std::fs::read_to_string(&md).unwrap().contains("records/incidents/2026-09.yaml:6:5"));
    assert_eq!(verify(&repo.records(), &md, &[]).0, 0);
}
