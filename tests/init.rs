#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos init`, `itos completions` and `itos man`.

use crate::common;
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
    // Clean: the scaffold's Sla writes working-day targets as `1wd` (no SLA-005).
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let sla = std::fs::read_to_string(root.join("slas/service-desk.yaml")).unwrap();
    assert!(sla.contains("resolution: 1wd, calendar: cn-workdays"), "{sla}");
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
    assert!(
        std::fs::read_to_string(root.join(".github/workflows/itos.yml")).unwrap().contains("uses: itos-dev/itos@v")
    );
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
fn init_writes_records_from_default_the_as_of_day() {
    let dir = tempfile::tempdir().unwrap();
    let engagement =
        |root: &std::path::Path| std::fs::read_to_string(root.join("engagements/example-ops.yaml")).unwrap();
    // Default: the day init uses (here --as-of), which is also the example term's start.
    let plain = dir.path().join("plain");
    let (code, _, err) = itos(&["init", plain.to_str().unwrap(), "--as-of", "2026-11-15"]);
    assert_eq!(code, 0, "{err}");
    let text = engagement(&plain);
    assert!(text.contains("term: {start: 2026-11-15, end: 2028-11-14}\nrecords_from: 2026-11-15  # "), "{text}");
    // Given: written as is, right after the term, and the scaffold still validates clean.
    let adopted = dir.path().join("adopted");
    let root = adopted.to_str().unwrap();
    let (code, _, err) = itos(&["init", root, "--as-of", "2026-11-15", "--records-from", "2026-12-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(engagement(&adopted).contains("\nrecords_from: 2026-12-01  # "));
    let (code, out, err) = itos(&["validate", "-C", root, "--as-of", "2026-12-31"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn init_refuses_a_bad_records_from_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    let root_s = root.to_str().unwrap();
    for (day, says) in [
        ("2026-02-30", "--records-from: `2026-02-30` is not a date: 2026-02 has 28 days"),
        ("2026-11", "--records-from: `2026-11` is not a date in the form YYYY-MM-DD"),
        // After the example term (2026-11-15 to 2028-11-14) nothing would ever be judged.
        ("2028-11-15", "--records-from: 2028-11-15 is after the end of the example term (2026-11-15 to 2028-11-14)"),
    ] {
        let (code, _, err) = itos(&["init", root_s, "--as-of", "2026-11-15", "--records-from", day]);
        assert_eq!(code, 2, "{day}: {err}");
        assert!(err.contains(says), "{err}");
        assert!(!root.exists(), "{day}: nothing is written");
    }
    // The term's last day is still within it.
    let (code, _, err) = itos(&["init", root_s, "--as-of", "2026-11-15", "--records-from", "2028-11-14"]);
    assert_eq!(code, 0, "{err}");
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

/// Every policy parameter a rule names exists in the typed configuration and is written,
/// commented and with its default, by `itos init`; uncommented, the template reads as the
/// defaults.
#[test]
fn every_parameter_a_rule_names_is_configurable_and_in_the_init_template() {
    let defaults = serde_json::to_value(itos::config::Policy::default()).unwrap();
    let keys = defaults.as_object().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    let (code, _, err) = itos(&["init", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let template = std::fs::read_to_string(root.join("itos.toml")).unwrap();
    let mut named = 0;
    for rule in itos::rules::all() {
        let meta = rule.meta();
        for param in meta.params {
            named += 1;
            assert!(keys.contains_key(*param), "{}: `{param}` is not a policy parameter", meta.id);
            assert!(
                template.lines().any(|l| l.starts_with(&format!("# {param} = ")) || l == format!("# [policy.{param}]")),
                "{}: `{param}` is not in the itos.toml of `itos init`",
                meta.id
            );
        }
    }
    assert!(named > 0);
    // Uncommenting every parameter line of `[policy]` gives the defaults.
    let mut in_policy = false;
    let uncommented: String = template
        .lines()
        .map(|l| {
            if l.starts_with('[') {
                in_policy = l == "[policy]";
            }
            let setting = l.strip_prefix("# ").filter(|s| {
                s.starts_with("[policy.")
                    || s.split_once(" = ").is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            });
            match setting {
                Some(s) if in_policy || s.starts_with("[policy.") => {
                    in_policy = true;
                    format!("{s}\n")
                }
                _ => format!("{l}\n"),
            }
        })
        .collect();
    let config = itos::config::Config::parse(&uncommented, std::path::Path::new("itos.toml")).unwrap();
    assert_eq!(serde_json::to_value(&config.policy).unwrap(), defaults);
    for key in keys.keys() {
        assert!(
            uncommented.lines().any(|l| l.starts_with(&format!("{key} = ")) || l == format!("[policy.{key}]")),
            "`{key}` was not uncommented"
        );
    }
}

/// Issue 15, item 21: a dangling `itos.toml` symlink counts as an existing file (it used to be
/// replaced), and a target that cannot be written is found before anything is written.
#[cfg(unix)]
#[test]
fn init_refuses_a_dangling_symlink_and_leaves_nothing_behind_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    std::fs::create_dir(&root).unwrap();
    let elsewhere = dir.path().join("elsewhere.toml");
    std::os::unix::fs::symlink(&elsewhere, root.join("itos.toml")).unwrap();
    let (code, _, err) = itos(&["init", root.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not overwriting 1 existing file(s): itos.toml; nothing was written"), "{err}");
    assert!(std::fs::symlink_metadata(root.join("itos.toml")).unwrap().file_type().is_symlink());
    assert!(!elsewhere.exists(), "the symlink's target is not created");
    assert_eq!(std::fs::read_dir(&root).unwrap().count(), 1, "nothing else written");
    // A file where a folder of the scaffold goes: refused up front, nothing written.
    std::fs::remove_file(root.join("itos.toml")).unwrap();
    std::fs::write(root.join("slas"), "not a folder").unwrap();
    let (code, _, err) = itos(&["init", root.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("slas: not a folder (a file or a symlink); nothing was written"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["slas"], "nothing written, no staging folder left");
    // And it works once the way is clear, leaving no staging folder.
    std::fs::remove_file(root.join("slas")).unwrap();
    let (code, _, err) = itos(&["init", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_dir(&root).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".itos-init"))
    );
}

/// The scaffold's MTBF target is not missed by a single failure: the shortest month on
/// `cn-workdays` (February 2026, 16 working days, 144 h) with one 4 h outage meets it, and a
/// second failure misses it.
#[test]
fn init_mtbf_target_survives_one_failure_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    let root_s = root.to_str().unwrap();
    assert_eq!(itos(&["init", root_s]).0, 0);
    let path = root.join("engagements/example-ops.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("term: ") {
                "term: {start: 2026-01-01, end: 2027-12-31}".to_owned()
            } else if l.starts_with("records_from: ") {
                "records_from: 2026-01-01".to_owned()
            } else {
                l.to_owned()
            }
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(&path, text).unwrap();
    let incident = |n: u32, day: u32| {
        format!(
            "kind: Incident\nid: INC-2026-02-00{n}\nengagement: example-ops\nservice: service-desk\npriority: P2\n\
opened_at: 2026-02-{day:02}T10:00:00+08:00\nresponded_at: 2026-02-{day:02}T10:10:00+08:00\n\
resolved_at: 2026-02-{day:02}T14:00:00+08:00\nclosed_at: 2026-02-{day:02}T14:30:00+08:00\n\
outage: {{start: 2026-02-{day:02}T10:00:00+08:00, end: 2026-02-{day:02}T14:00:00+08:00}}\n\
category: 网络\ncause: 交换机故障\nresolution: 更换交换机\nstatus: closed\n"
        )
    };
    let mtbf = || {
        let (code, out, err) = itos(&[
            "report",
            "sla",
            "-C",
            root_s,
            "--no-git",
            "--format",
            "json",
            "--month",
            "2026-02",
            "--months",
            "0",
            "--as-of",
            "2026-02-28",
        ]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let m = v["engagements"][0]["services"][0]["mtbf"].clone();
        (m["failures"].as_u64().unwrap(), m["seconds"].as_f64().unwrap(), m["min_seconds"].as_f64().unwrap())
    };
    std::fs::write(root.join("incidents/feb-1.yaml"), incident(1, 10)).unwrap();
    let (failures, seconds, min) = mtbf();
    assert_eq!(failures, 1);
    assert!(seconds >= min, "one failure misses the scaffold's MTBF target: {seconds} < {min}");
    std::fs::write(root.join("incidents/feb-2.yaml"), incident(2, 11)).unwrap();
    let (failures, seconds, min) = mtbf();
    assert_eq!(failures, 2);
    assert!(seconds < min, "two failures a month meet the target: {seconds} ≥ {min}");
}
