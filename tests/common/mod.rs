//! Helpers shared by the rule fixture tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use itos::config::Config;
use itos::load::Repository;
use itos::model::Finding;
use itos::rules::{Settings, run};
use jiff::civil::Date;

pub mod build;
pub mod print;
pub mod repo;

pub use itos::rules::examples::BASE;

/// Rule, file, line and column of a finding.
pub type Located = (String, String, u32, u32);

pub fn at(rule: &str, file: &str, line: u32, col: u32) -> Located {
    (rule.to_owned(), file.to_owned(), line, col)
}

pub fn date(s: &str) -> Date {
    itos::model::scalar::parse_date(s).unwrap()
}

/// Load `files` (path, text) with `itos.toml` text `config`, run `only` these rules (plus the
/// loading rules) as of `as_of`, and return where every finding is, plus the findings.
pub fn run_rules(files: &[(&str, &str)], config: &str, only: &[&str], as_of: &str) -> (Vec<Located>, Vec<Finding>) {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
    let config = Config::parse(config, std::path::Path::new("itos.toml")).unwrap();
    let repo = Repository::from_texts(&files, config);
    let only: Vec<String> = only.iter().map(|s| (*s).to_owned()).collect();
    let settings = Settings::new(&repo.config, &only, &[]).unwrap();
    let findings = run(&repo, &settings, date(as_of)).findings;
    let located = findings
        .iter()
        .map(|f| {
            let (file, lc, _) = repo.sources.locate(f.span).unwrap();
            (f.rule.to_owned(), file.path.clone(), lc.line, lc.col)
        })
        .collect();
    (located, findings)
}

/// `run_rules` with the base engagement (`engagement.yaml`, id `demo`, service `helpdesk`,
/// term 2025-07-01..2027-06-30) and default policy.
pub fn run_rule(rule: &str, files: &[(&str, &str)], as_of: &str) -> (Vec<Located>, Vec<Finding>) {
    let mut all = vec![("engagement.yaml", BASE)];
    all.extend_from_slice(files);
    run_rules(&all, "", &[rule], as_of)
}

/// Run the real binary from the project root (English, no colour): exit code, stdout, stderr.
pub fn itos(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ITOS_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Copy a folder tree (examples into temporary repositories).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The SLA report of every engagement for `month` as of `as_of`, built as the CLI builds it.
pub fn sla_report(
    repo: &Repository,
    month: (i16, i8),
    as_of: (i16, i8, i8),
) -> itos::report::sla_report::SlaReport<'_> {
    let request = itos::report::sla_report::Request {
        month: jiff::civil::date(month.0, month.1, 1),
        as_of: jiff::civil::date(as_of.0, as_of.1, as_of.2),
        engagement: None,
        service: None,
        months: None,
        reconcile: false,
        register: false,
    };
    itos::report::sla_report::build(repo, &request, itos::report::provenance::Provenance::default()).unwrap()
}
