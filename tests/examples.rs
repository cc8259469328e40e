#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The bundled example repositories, run through the real binary: examples/broken's every
//! finding is asserted, and the output of both examples is snapshot-tested.

use crate::common;

use common::itos;
use std::path::Path;
use std::process::Command;

fn snapshot_text(code: i32, stdout: &str) -> String {
    format!("exit: {code}\n---\n{stdout}")
}

/// (rule, file, line, column) of every finding in JSON output.
fn located(json: &str) -> Vec<(String, String, u64, u64)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

const BROKEN: &[&str] = &["validate", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git"];

#[test]
fn broken_example_reports_every_fault_at_its_node() {
    let mut args = BROKEN.to_vec();
    args.extend(["--format", "json"]);
    let (code, stdout, _) = itos(&args);
    assert_eq!(code, 1);
    let expected: Vec<(String, String, u64, u64)> = [
        ("ACC-001", "acceptance/ACC-2026-03.yaml", 2, 5),
        ("APR-001", "appraisals/2026.yaml", 2, 5),
        ("APR-002", "appraisals/2026.yaml", 7, 9),
        ("BAK-002", "backups/bp-itsm.yaml", 2, 5),
        ("BAK-001", "backups/bp-itsm.yaml", 5, 10),
        ("SEC-003", "backups/bp-itsm.yaml", 11, 5),
        ("GEN-003", "changes/CHG-2026-031.yaml", 2, 5),
        ("GEN-003", "changes/CHG-2026-031.yaml", 6, 1),
        ("CHG-006", "changes/CHG-2026-033.yaml", 2, 5),
        ("CHG-007", "changes/CHG-2026-033.yaml", 2, 5),
        ("CHG-012", "changes/CHG-2026-033.yaml", 2, 5),
        ("CHG-014", "changes/CHG-2026-033.yaml", 2, 5),
        ("CHG-003", "changes/CHG-2026-033.yaml", 8, 1),
        ("CHG-004", "changes/CHG-2026-033.yaml", 11, 41),
        ("CHG-008", "changes/CHG-2026-033.yaml", 15, 22),
        ("SEC-002", "data/assets.yaml", 2, 5),
        ("SEC-001", "data/assets.yaml", 5, 20),
        ("AUD-001", "engagements/engagement.yaml", 2, 5),
        ("EMR-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("RPT-001", "engagements/engagement.yaml", 2, 5),
        ("SAT-001", "engagements/engagement.yaml", 2, 5),
        ("CON-005", "engagements/engagement.yaml", 13, 28),
        ("FBK-001", "feedback/FB-2026-020.yaml", 2, 5),
        ("IMP-001", "improvements/IMP-2026-04.yaml", 7, 6),
        ("GEN-003", "incidents/2026-10.yaml", 14, 16),
        ("INC-003", "incidents/2026-10.yaml", 15, 9),
        ("GEN-007", "incidents/2026-10.yaml", 19, 18),
        ("GEN-007", "incidents/2026-10.yaml", 19, 18),
        ("GEN-005", "incidents/2026-10.yaml", 21, 14),
        ("INC-005", "incidents/2026-10.yaml", 24, 9),
        ("GEN-008", "incidents/2026-10.yaml", 26, 16),
        ("INC-008", "incidents/major.yaml", 2, 5),
        ("MTG-002", "meetings/2026-10.yaml", 8, 56),
        ("GEN-001", "misc/draft.yaml", 3, 10),
        ("GEN-002", "misc/typo-kind.yaml", 1, 7),
        ("APR-001", "people/new-joiner.yaml", 2, 5),
        ("HR-003", "people/new-joiner.yaml", 2, 5),
        ("TRN-001", "people/new-joiner.yaml", 2, 5),
        ("APR-001", "people/staff.yaml", 3, 9),
        ("HR-003", "people/staff.yaml", 3, 9),
        ("HR-004", "people/staff.yaml", 3, 9),
        // p-li-na stays in the rules with `key_staff` left out (its `no` is GEN-003).
        ("HR-003", "people/staff.yaml", 8, 9),
        ("HR-004", "people/staff.yaml", 8, 9),
        ("TRN-001", "people/staff.yaml", 8, 9),
        ("GEN-003", "people/staff.yaml", 12, 16),
        ("APR-001", "people/staff.yaml", 13, 9),
        ("GEN-004", "people/staff.yaml", 13, 9),
        ("HR-003", "people/staff.yaml", 13, 9),
        ("HR-004", "people/staff.yaml", 13, 9),
        ("PLN-001", "plans/PLAN-2025-2027.yaml", 7, 12),
        ("PLN-002", "plans/PLAN-2025-2027.yaml", 9, 28),
        ("PRB-001", "problems/PRB-2026-002.yaml", 5, 6),
        ("RPT-002", "reports/2026-09.yaml", 2, 5),
        ("RSK-002", "risks/RA-2026.yaml", 7, 86),
        ("SLA-003", "slas/service-desk.yaml", 2, 5),
        ("SLA-004", "slas/service-desk.yaml", 2, 5),
        ("SUB-002", "subcontractors/SUB-2026-01.yaml", 2, 5),
        ("SUB-001", "subcontractors/SUB-2026-01.yaml", 6, 42),
        ("GEN-005", "trainings/2026-security.yaml", 5, 26),
        ("GEN-006", "waivers/WVR-2026-002.yaml", 6, 7),
    ]
    .iter()
    .map(|(r, f, l, c)| ((*r).to_owned(), (*f).to_owned(), *l, *c))
    .collect();
    assert_eq!(located(&stdout), expected);
}

#[test]
fn broken_example_has_a_finding_of_every_family_and_a_waived_one() {
    let mut args = BROKEN.to_vec();
    args.extend(["--format", "json"]);
    let (_, stdout, _) = itos(&args);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    for family in [
        "GEN", "CON", "SLA", "INC", "PRB", "CHG", "SEC", "AUD", "BAK", "TRN", "HR", "ACC", "RPT", "SAT", "FBK", "IMP",
        "EMR", "PLN", "RSK", "MTG", "APR", "SUB",
    ] {
        assert!(findings.iter().any(|f| f["rule"].as_str().unwrap().starts_with(&format!("{family}-"))), "{family}");
    }
    let waived: Vec<_> = findings.iter().filter(|f| !f["waived_by"].is_null()).collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["rule"], "SLA-004");
    assert_eq!(v["summary"]["waived"], 1);
}

#[test]
fn broken_example_human() {
    let (code, stdout, _) = itos(BROKEN);
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn broken_example_human_zh() {
    let mut args = BROKEN.to_vec();
    args.extend(["--lang", "zh-CN"]);
    let (code, stdout, _) = itos(&args);
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn broken_example_json() {
    let mut args = BROKEN.to_vec();
    args.extend(["--format", "json"]);
    let (code, stdout, _) = itos(&args);
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn deny_warnings_and_rule_selection() {
    // Only GEN-008 (plus loading errors, which always show): still failing because of them.
    let mut args = BROKEN.to_vec();
    args.extend(["--rule", "GEN-008", "--format", "json"]);
    let (code, stdout, _) = itos(&args);
    assert_eq!(code, 1);
    let rules: Vec<String> = located(&stdout).into_iter().map(|l| l.0).collect();
    assert!(rules.contains(&"GEN-008".to_owned()));
    assert!(!rules.iter().any(|r| r == "GEN-004" || r == "GEN-005" || r == "GEN-007"));
}

#[test]
fn paths_limit_the_findings_shown() {
    let mut args = BROKEN.to_vec();
    args.extend(["--format", "json", "examples/broken/people"]);
    let (code, stdout, _) = itos(&args);
    assert_eq!(code, 1);
    let files: Vec<String> = located(&stdout).into_iter().map(|l| l.1).collect();
    assert!(files.len() >= 2 && files.iter().all(|f| f.starts_with("people/")), "{files:?}");
}

#[test]
fn bad_config_exits_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n\n[policy]\naudit_intervall_months = 6\n").unwrap();
    let (code, stdout, stderr) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("itos.toml:4:1:"), "{stderr}");
    assert!(stderr.contains("audit_intervall_months"), "{stderr}");
}

#[test]
fn every_bad_policy_value_is_reported_on_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let config =
        "format = 1\n\n[policy]\nstale_ticket_factor = 0\n\n[policy.approval_matrix]\nnormal = [\"cab\", \"boss\"]\n";
    std::fs::write(dir.path().join("itos.toml"), config).unwrap();
    let (code, stdout, stderr) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains("itos.toml:4:23: policy.stale_ticket_factor"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("error: ") && lines[1].contains("itos.toml:7:18: policy.approval_matrix.normal: `boss`"),
        "{stderr}"
    );
}

#[test]
fn unknown_rule_in_config_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "[rules]\n\"GEN-099\" = \"off\"\n").unwrap();
    let (code, _, stderr) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("itos.toml:2:1:") && stderr.contains("GEN-099"), "{stderr}");
}

#[test]
fn integrity_rules_cannot_be_switched_off_or_downgraded() {
    // assurance.md: the general rules, GIT-*, CHG-009 and CHG-010 can only be waived.
    for (rule, level) in
        [("GIT-001", "off"), ("GIT-002", "warning"), ("CHG-009", "off"), ("CHG-010", "warning"), ("GEN-008", "off")]
    {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("itos.toml"), format!("[rules]\n\"{rule}\" = \"{level}\"\n")).unwrap();
        let (code, _, stderr) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
        assert_eq!(code, 2, "{rule}: {stderr}");
        assert!(
            stderr.contains("itos.toml:2:1:") && stderr.contains(&format!("{rule} cannot be switched off or changed")),
            "{stderr}"
        );
    }
    let (code, _, stderr) = itos(&["validate", "-C", "examples/acme", "--skip", "GIT-001"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("GIT-001 cannot be switched off or changed"), "{stderr}");
    // Raising a warning rule to an error is allowed; switching an ordinary rule off is too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "[rules]\n\"CHG-001\" = \"off\"\n").unwrap();
    let (code, _, stderr) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
    assert_ne!(code, 2, "{stderr}");
}

#[test]
fn missing_repository_exits_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_itos")).arg("validate").current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("itos init"), "{stderr}");
}

#[test]
fn output_file_is_written_and_paths_are_git_relative() {
    // A records root in a subfolder of a git work tree: paths are shown from the work tree.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let root = dir.path().join("compliance");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(root.join("x.yaml"), "kind: Nope\n").unwrap();
    let report = dir.path().join("report.json");
    let (code, stdout, _) =
        itos(&["validate", "-C", root.to_str().unwrap(), "--format", "json", "--output", report.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&report).unwrap();
    assert_eq!(located(&written), vec![("GEN-002".to_owned(), "compliance/x.yaml".to_owned(), 1, 7)]);
    assert!(Path::new(&report).exists());
}

#[test]
fn gaps_report_lists_every_section_and_the_failing_ones_with_their_findings() {
    let (code, stdout, _) =
        itos(&["report", "gaps", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git", "--format", "json"]);
    assert_eq!(code, 0, "a produced report exits 0");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 39);
    assert_eq!(sections[0]["section"], "1.1");
    assert_eq!(sections[38]["section"], "8.4");
    // A heading the manual gives no text never reads as passed; a section no rule covers
    // never reads as compliant.
    assert!(
        sections.iter().filter(|s| s["section"].as_str().unwrap().starts_with("8.")).all(|s| s["status"] == "no-text")
    );
    let s84 = &sections[38];
    assert_eq!(s84["status"], "no-text");
    assert_eq!(sections.iter().find(|s| s["section"] == "1.5").unwrap()["status"], "not-checked");
    // The general rules count under no section (§2.3 is not inflated by the file format).
    let s23 = sections.iter().find(|s| s["section"] == "2.3").unwrap();
    assert!(s23["rules"].as_array().unwrap().iter().all(|r| !r["rule"].as_str().unwrap().starts_with("GEN-")));
    assert!(v["record_format"].as_array().unwrap().iter().any(|r| r["rule"] == "GEN-003"));
    assert!(!stdout.contains("\"compliant\""));
    // §3.3 fails on AUD-001 with its finding at the engagement.
    let s33 = sections.iter().find(|s| s["section"] == "3.3").unwrap();
    assert_eq!(s33["status"], "failing");
    let aud = s33["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "AUD-001").unwrap();
    assert_eq!(aud["failed"], 1);
    assert_eq!(aud["open_findings"][0]["file"], "engagements/engagement.yaml");
}

#[test]
fn gaps_report_in_chinese() {
    let (code, stdout, _) =
        itos(&["report", "gaps", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git", "--lang", "zh-CN"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("合规差距清单"));
    assert!(stdout.contains("未自动检查，需人工佐证"));
    assert!(stdout.contains("存在差距"));
    assert!(stdout.contains("手册无正文"));
    assert!(!stdout.contains("| 符合"));
}

#[test]
fn gaps_csv_is_long_form() {
    let (code, stdout, _) =
        itos(&["report", "gaps", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("section,title,status,rule,figure,value"));
    assert!(stdout.lines().any(|l| l == "3.3,Security audit and compliance,failing,AUD-001,failed,1"), "{stdout}");
}

#[test]
fn gaps_html_is_one_page_with_the_same_content() {
    let (code, stdout, _) =
        itos(&["report", "gaps", "-C", "examples/broken", "--as-of", "2026-10-31", "--no-git", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("<!DOCTYPE html>") && stdout.trim_end().ends_with("</html>"));
    assert!(!stdout.contains("<script") && !stdout.contains("src=\"http"), "self-contained, no scripts");
    // Every section of the Markdown is there, and a finding of AUD-001 with its location.
    assert!(stdout.contains("Security audit and compliance") && stdout.contains("AUD-001"), "{stdout}");
    assert!(stdout.contains("engagements/engagement.yaml:2:5"), "{stdout}");
}

const ACME: &[&str] = &["validate", "-C", "examples/acme", "--as-of", "2026-10-31", "--no-git"];

#[test]
fn acme_example_is_clean() {
    let (code, stdout, stderr) = itos(ACME);
    assert_eq!(code, 0, "{stdout}{stderr}");
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn acme_example_json() {
    let mut args = ACME.to_vec();
    args.extend(["--format", "json"]);
    let (code, stdout, _) = itos(&args);
    assert_eq!(code, 0);
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn acme_gaps_report() {
    let (code, stdout, _) =
        itos(&["report", "gaps", "-C", "examples/acme", "--as-of", "2026-10-31", "--no-git", "--format", "markdown"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(snapshot_text(code, &stdout));
}

#[test]
fn validate_never_writes_into_the_records_repository() {
    fn tree(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                tree(&p, out);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let mut before = Vec::new();
    tree(&root, &mut before);
    let _ = itos(ACME);
    let _ = itos(&["report", "gaps", "-C", "examples/acme", "--as-of", "2026-10-31"]);
    let mut after = Vec::new();
    tree(&root, &mut after);
    assert!(before == after, "a read command changed examples/acme");
}

#[test]
fn readme_first_command_exits_0_on_any_day() {
    // `cargo run --release -- validate -C examples/acme`: the example is judged at its `as_of`.
    let (code, stdout, stderr) = itos(&["validate", "-C", "examples/acme"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn path_fields_must_name_files_inside_the_repository() {
    // records.md, Scalars: a path must exist inside the repository; a symlink leaving it is
    // refused. GEN-005 reports it at the path, and the record still counts.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme");
    common::copy_dir(Path::new("examples/acme"), &root);
    std::fs::create_dir_all(root.join("evidence")).unwrap();
    std::fs::write(root.join("evidence/ok.pdf"), "pdf").unwrap();
    // `evidence` is line 10.
    let change = common::build::change("CHG-T-9")
        .class("standard")
        .impact("{services: [service-desk], expected: none}")
        .without("rollback_plan")
        .set("evidence", "[evidence/ok.pdf, evidence, missing/x.pdf, leak.txt]")
        .yaml();
    std::fs::write(root.join("changes/CHG-T-9.yaml"), change).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", root.join("leak.txt")).unwrap();
    let (code, out, err) =
        itos(&["validate", "-C", root.to_str().unwrap(), "--no-git", "--format", "json", "--rule", "GEN-005"]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, u64, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["message"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
        })
        .collect();
    let mut expected = vec![("`evidence`: `missing/x.pdf` does not exist in the repository".to_owned(), 10, 39)];
    if cfg!(unix) {
        expected.push((
            "`evidence`: `leak.txt` leads outside the repository (through a symbolic link)".to_owned(),
            10,
            54,
        ));
    }
    assert_eq!(found, expected);
}

#[test]
fn language_from_the_environment_and_itos_toml_and_git_flags_that_conflict() {
    // A repository whose itos.toml says zh-CN; an empty ITOS_LANG counts as unset, and the
    // catalogue commands speak the repository's language too.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme");
    common::copy_dir(Path::new("examples/acme"), &root);
    let toml = std::fs::read_to_string(root.join("itos.toml")).unwrap();
    std::fs::write(root.join("itos.toml"), format!("lang = \"zh-CN\"\n{toml}")).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_itos")).args(args).env("ITOS_LANG", "").env("NO_COLOR", "1").output().unwrap()
    };
    let r = root.to_str().unwrap();
    let out = run(&["-C", r, "validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["-C", r, "explain", "GEN-003"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("字段"), "{text}");
    // --at and --changed-since need git: with --no-git they are refused (exit 2).
    let (code, _, err) = itos(&["-C", "examples/acme", "--no-git", "validate", "--at", "HEAD"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be combined with --no-git"), "{err}");
    let (code, _, _) = itos(&["-C", "examples/acme", "--no-git", "validate", "--changed-since", "HEAD"]);
    assert_eq!(code, 2);
}
