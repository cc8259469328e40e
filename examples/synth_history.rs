//! A git history for the `--changed-since` and history-rule benchmark, built with git2:
//! examples/acme committed, then N commits that append incidents to a batch file, add closed
//! change records and edit a note, in turn.
//!
//! `cargo run --release --example synth_history -- --out DIR [--commits 1000]`

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let out = std::path::PathBuf::from(value("--out").expect("--out DIR"));
    let n: usize = value("--commits").map_or(1000, |v| v.parse().unwrap());
    let records = out.join("records");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme"), &records);
    let repo = git2::Repository::init(&out).unwrap();
    let mut parent: Option<git2::Oid> = None;
    let mut batch =
        String::from("kind: Incident\ndefaults: {engagement: acme-core-ops, service: network-ops}\nitems:\n");
    for i in 0..=n {
        match i % 3 {
            _ if i == 0 => {}
            1 => {
                batch.push_str(&format!("  - {{id: HST-{i:05}, priority: P3, opened_at: 2026-10-05T10:00:00+08:00, responded_at: 2026-10-05T10:10:00+08:00, resolved_at: 2026-10-05T11:00:00+08:00, closed_at: 2026-10-05T12:00:00+08:00, cause: 配置, resolution: 修正, status: closed}}\n"));
                std::fs::write(records.join("incidents/history.yaml"), &batch).unwrap();
            }
            2 => {
                let dir = records.join("changes/history");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(
                    dir.join(format!("CHG-H-{i:05}.yaml")),
                    format!("kind: Change\nid: CHG-H-{i:05}\nengagement: acme-core-ops\ntitle: 例行变更\ndescription: 例行\nclass: standard\nrequested_by: p-zhao-min\nrequested_at: 2026-10-01T10:00:00+08:00\nimpact: {{services: [network-ops], expected: 无}}\nrisk: {{likelihood: 1, impact: 1, level: low}}\nstatus: closed\nclosed_at: 2026-10-02T10:00:00+08:00\n"),
                )
                .unwrap();
            }
            _ => {
                let note = records.join("README.md");
                let mut text = std::fs::read_to_string(&note).unwrap_or_default();
                text.push_str(&format!("note {i}\n"));
                std::fs::write(note, text).unwrap();
            }
        }
        let mut index = repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig =
            git2::Signature::new("bench", "bench@example.invalid", &git2::Time::new(1_790_000_000 + i as i64 * 60, 0))
                .unwrap();
        let parents: Vec<git2::Commit<'_>> = parent.map(|p| repo.find_commit(p).unwrap()).into_iter().collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        parent = Some(repo.commit(Some("HEAD"), &sig, &sig, &format!("commit {i}"), &tree, &parents).unwrap());
    }
    println!("{}: {} commits", out.display(), n + 1);
}
