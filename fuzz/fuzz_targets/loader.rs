//! Bytes → records and findings, then every rule: must never panic, hang or blow up memory.
//! The input is split at 0xFE bytes (never valid UTF-8) into up to four files, so that
//! records can reference each other across files.
#![no_main]

use itos::config::Config;
use itos::load::Repository;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, Vec<u8>)> = data
        .split(|b| *b == 0xFE)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| (format!("f{i}.yaml"), bytes.to_vec()))
        .collect();
    let repo = Repository::from_bytes(&files, Config::default());
    let Ok(settings) = itos::rules::Settings::new(&repo.config, &[], &[]) else { return };
    let outcome = itos::rules::run(&repo, &settings, jiff::civil::date(2026, 10, 31));
    // Every finding can be located and rendered.
    for f in &outcome.findings {
        let _ = repo.sources.locate(f.span);
    }
    let summary = itos::output::Summary::of(&outcome.findings, repo.records.len(), repo.file_count());
    let run = itos::output::RunView {
        findings: &outcome.findings,
        sources: &repo.sources,
        summary,
        lang: itos::model::Lang::En,
        as_of: "2026-10-31",
        notes: &[],
        evaluated: &outcome.evaluated,
        waivers: &repo.records.waivers,
        deny_warnings: false,
        color: false,
        quiet: false,
    };
    let mut out = String::new();
    for format in itos::output::FORMATS {
        format.render(&run, &mut out);
        out.clear();
    }
});
