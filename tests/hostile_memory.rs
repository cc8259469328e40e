#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The tests tell the measured figures, or why they are not measured.
#![allow(clippy::print_stderr)]

//! Peak memory on hostile inputs, as a ratio to a baseline of the same shape measured in the
//! same test (issue 15, item 23). Peak RSS comes from GNU time (`/usr/bin/time -f %M`), which
//! `.ci/run` installs; without it these tests say so and pass, and `bench/run.sh` measures.

use crate::common;

use std::path::Path;
use std::process::Command;

/// Peak resident memory in KiB of `itos args` run from `dir`, or `None` without GNU time.
fn peak_kib(dir: &Path, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = Command::new(time)
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_itos"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(code == 0 || code == 1, "itos {args:?}: exit {code}\n{stderr}");
    stderr.lines().last().and_then(|l| l.trim().parse().ok())
}

fn skipped() {
    eprintln!(
        "skipped: /usr/bin/time (GNU time) is not installed; `bench/run.sh` installs it and measures peak memory"
    );
}

fn commit_all(git: &git2::Repository, message: &str) -> git2::Oid {
    let mut index = git.index().unwrap();
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("t", "t@example.invalid").unwrap();
    let parents: Vec<git2::Commit<'_>> = git.head().ok().and_then(|h| h.peel_to_commit().ok()).into_iter().collect();
    let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
    git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).unwrap()
}

/// examples/exit in a git repository; with `big`, a file of that many NUL bytes is committed
/// and deleted again (a few hundred KB of `.git`). Returns the folder and the big commit.
fn exit_repo(big: Option<usize>) -> (tempfile::TempDir, Option<git2::Oid>) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/exit"), dir.path());
    let git = git2::Repository::init(dir.path()).unwrap();
    commit_all(&git, "records");
    let mut with_big = None;
    if let Some(bytes) = big {
        let path = dir.path().join("people/zeros.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(bytes as u64).unwrap(); // a sparse file of NUL bytes
        with_big = Some(commit_all(&git, "a big file"));
        std::fs::remove_file(&path).unwrap();
        commit_all(&git, "the big file removed");
    }
    (dir, with_big)
}

#[test]
fn a_huge_blob_in_history_is_never_read_into_memory() {
    // Issue 15, item 1: a 256 MiB file committed then deleted used to be read whole by the
    // history walk, `--changed-since` and `--at` (1–3 GB). Now its size is read from the
    // object header: peak memory stays near the same repository's without it.
    let (base, _) = exit_repo(None);
    let (hostile, big) = exit_repo(Some(256 << 20));
    let big = big.unwrap().to_string();
    let runs: [&[&str]; 3] = [&["validate"], &["validate", "--changed-since", "HEAD~2"], &["validate", "--at", &big]];
    for args in runs {
        // The same command on the repository without the blob (which has no `HEAD~2`).
        let baseline_args: Vec<&str> =
            args.iter().map(|a| if a.starts_with("HEAD~") || *a == big { "HEAD" } else { a }).collect();
        let (Some(baseline), Some(peak)) = (peak_kib(base.path(), &baseline_args), peak_kib(hostile.path(), args))
        else {
            return skipped();
        };
        eprintln!("itos {args:?}: peak {peak} KiB; without the big blob {baseline} KiB");
        // Reading the blob would add 256 MiB at least; allow 2× plus 32 MiB of noise.
        assert!(
            peak <= 2 * baseline + 32 * 1024,
            "itos {args:?}: peak {peak} KiB against {baseline} KiB without the big blob"
        );
    }
}

#[test]
fn findings_per_file_are_capped_in_memory_too() {
    // Issue 15, item 15: one finding per unknown key made a 23 MB file take 4.8 GB. 200,000
    // unknown keys now cost about what 200,000 `x-` keys (never reported) cost.
    let dir = |prefix: &str| {
        let d = tempfile::tempdir().unwrap();
        let mut text = String::from("kind: Person\nid: p-1\nname: n\nrole: r\njoined: 2025-07-01\n");
        for i in 0..200_000 {
            text.push_str(&format!("{prefix}{i}: 1\n"));
        }
        std::fs::write(d.path().join("p.yaml"), text).unwrap();
        std::fs::write(d.path().join("itos.toml"), "").unwrap();
        d
    };
    let (quiet, noisy) = (dir("x-key"), dir("key"));
    let (Some(baseline), Some(peak)) =
        (peak_kib(quiet.path(), &["validate", "--no-git"]), peak_kib(noisy.path(), &["validate", "--no-git"]))
    else {
        return skipped();
    };
    eprintln!("200,000 unknown keys: peak {peak} KiB; 200,000 `x-` keys: {baseline} KiB");
    assert!(peak <= 2 * baseline + 32 * 1024, "peak {peak} KiB against {baseline} KiB with `x-` keys");
}
