#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos init`, `itos completions` and `itos man`.

mod common;
use common::itos;

#[test]
fn init_scaffolds_a_clean_repository_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    let root_s = root.to_str().unwrap();
    let (code, _, err) = itos(&["init", root_s]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = itos(&["validate", "-C", root_s]);
    assert_eq!(code, 0, "{out}{err}");
    // Clean but for one SLA-005 warning: the scaffold's Sla writes P3's resolution as `1d` on
    // cn-workdays (24 working hours). The scaffold is to write `1wd` (or `24h`); this then
    // goes back to "0 errors, 0 warnings".
    assert!(out.contains("0 errors, 1 warning "), "{out}");
    assert!(out.contains("warning[SLA-005]") && out.contains("slas/service-desk.yaml:12:34"), "{out}");
    // Every kind has an example with an editor modeline; the exit and waiver ones are commented out.
    let kinds = itos::model::kinds::Kind::ALL.len();
    let examples: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| {
            let rel = e.path().strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            e.path().extension().is_some_and(|x| x == "yaml") && !rel.starts_with('.')
        })
        .collect();
    assert_eq!(examples.len(), kinds, "one file per kind");
    for e in &examples {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let first = text.lines().next().unwrap();
        let schema = first.strip_prefix("# yaml-language-server: $schema=").unwrap();
        assert!(e.path().parent().unwrap().join(schema).is_file(), "{schema}");
    }
    let handover = std::fs::read_to_string(root.join("handover/exit.yaml")).unwrap();
    assert!(handover.lines().skip(1).all(|l| l.starts_with('#')));
    // itos.toml lists every policy parameter, commented.
    let config = std::fs::read_to_string(root.join("itos.toml")).unwrap();
    for param in ["retention_years", "handover_grace_days", "approval_matrix", "risk_matrix"] {
        assert!(
            config
                .lines()
                .any(|l| l.starts_with("# ") && l.contains(param) && l.contains('=')
                    || l == format!("# [policy.{param}]")),
            "{param}"
        );
    }
    let vscode: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".vscode/settings.json")).unwrap()).unwrap();
    assert!(vscode["yaml.schemas"][".itos/schemas/incident.schema.json"].is_array());
    assert!(std::fs::read_to_string(root.join(".github/workflows/itos.yml")).unwrap().contains("upload-sarif"));
    assert!(root.join(".gitlab/itos-ci.yml").is_file());
    // A second run refuses and writes nothing.
    std::fs::write(root.join("itos.toml"), "format = 1\n").unwrap();
    let (code, _, err) = itos(&["init", root_s]);
    assert_eq!(code, 2);
    assert!(err.contains("not overwriting"), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("itos.toml")).unwrap(), "format = 1\n");
}

#[test]
fn init_into_a_folder_with_one_clashing_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("people")).unwrap();
    std::fs::write(dir.path().join("people/staff.yaml"), "mine\n").unwrap();
    let (code, _, err) = itos(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("people/staff.yaml"), "{err}");
    assert!(!dir.path().join("itos.toml").exists());
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, _) = itos(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains("validate"), "{shell}");
    }
    let (code, out, _) = itos(&["man"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie") || out.contains(".TH itos"), "{}", &out[..80.min(out.len())]);
    let (code, _, _) = itos(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}
