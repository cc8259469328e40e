#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Git-native reading, on real temporary repositories built with git2: `--at REV` reads the
//! records of a revision, `--changed-since REV` shows the findings of what changed.

use crate::common;

use std::path::Path;

use common::itos;
use common::repo::Repo;

#[test]
fn report_sla_at_a_tag_reproduces_the_month_byte_for_byte() {
    let repo = Repo::new("acme");
    let first = repo.git.head().unwrap().peel_to_commit().unwrap().id();
    repo.tag("sla-2026-10", first);
    let root = repo.records();
    let args = |extra: &[&str]| {
        let mut a = vec!["report", "sla", "-C", root.as_str(), "--month", "2026-10", "--as-of", "2026-10-31"];
        a.extend_from_slice(extra);
        a.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>()
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let (code, out, err) = itos(&refs);
        assert_eq!(code, 0, "{err}");
        out
    };
    let issued = run(args(&[]));
    assert!(issued.contains(&first.to_string()), "the report names the commit");
    // Later: a ticket is re-dated and itos.toml changes; both are committed.
    repo.edit(
        "incidents/2026-10.yaml",
        "resolved_at: 2026-10-28T16:42:00+08:00",
        "resolved_at: 2026-10-29T16:42:00+08:00",
    );
    repo.edit("itos.toml", "audit_interval_months = 12", "audit_interval_months = 6");
    repo.commit("later edits");
    assert_ne!(run(args(&[])), issued);
    assert_eq!(run(args(&["--at", "sla-2026-10"])), issued);
    for format in ["json", "csv", "html", "markdown"] {
        let at_tag = run(args(&["--at", "sla-2026-10", "--format", format]));
        repo.git.set_head_detached(first).unwrap();
        repo.git.checkout_head(Some(git2::build::CheckoutBuilder::new().force())).unwrap();
        let at_checkout = run(args(&["--format", format]));
        repo.git.set_head("refs/heads/master").or_else(|_| repo.git.set_head("refs/heads/main")).unwrap();
        repo.git.checkout_head(Some(git2::build::CheckoutBuilder::new().force())).unwrap();
        assert_eq!(at_tag, at_checkout, "{format}");
    }
}

#[test]
fn validate_at_a_revision_reads_its_records_config_and_evidence() {
    let repo = Repo::new("exit");
    // Uncommitted: an evidence file deleted and a record broken.
    std::fs::remove_file(repo.path("handover/sign-off.md")).unwrap();
    std::fs::remove_file(repo.path("handover/deliverables/system-logs.md")).unwrap();
    repo.edit("people/staff.yaml", "role: 服务经理", "rôle: 服务经理");
    let (code, out, _) = itos(&["validate", "-C", &repo.records(), "--format", "json"]);
    assert_eq!(code, 1);
    assert!(out.contains("HND-003") && out.contains("GEN-003"), "{out}");
    let (code, out, err) = itos(&["validate", "-C", &repo.records(), "--at", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    // Paths in findings at a revision are still relative to the work tree.
    let (code, _, err) = itos(&["validate", "-C", &repo.records(), "--at", "no-such-tag"]);
    assert_eq!(code, 2);
    assert!(err.contains("--at no-such-tag: no such revision"), "{err}");
    let (_, out, _) = itos(&["handover", "checklist", "-C", &repo.records(), "--at", "HEAD", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["complete"], true);
}

#[test]
fn changed_since_shows_the_changed_file_and_what_it_causes_elsewhere() {
    let repo = Repo::new("acme");
    // A fault already on the base branch is not this branch's doing.
    repo.edit("surveys/SAT-2026-H1.yaml", "kind: Survey", "kind: Survey\nx-note: 旧问题\nunknown_field: 1");
    let base = repo.commit("base with an old fault");
    repo.tag("base", base);
    // The branch: a Person removed (committed), and an unknown field added (not committed).
    let staff = std::fs::read_to_string(repo.path("people/staff.yaml")).unwrap();
    let start = staff.find("  - id: p-wang-lei").unwrap();
    let end = staff[start + 1..].find("  - id: ").map_or(staff.len(), |i| start + 1 + i);
    std::fs::write(repo.path("people/staff.yaml"), format!("{}{}", &staff[..start], &staff[end..])).unwrap();
    repo.commit("p-wang-lei leaves the records");
    repo.edit("changes/2026/CHG-2026-035.yaml", "class: normal", "class: normal\nclasss: normal");
    let (code, out, err) = itos(&["validate", "-C", &repo.records(), "--changed-since", "base", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("2 files changed since base"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_owned(), f["file"].as_str().unwrap().to_owned()))
        .collect();
    // The unknown field in the changed change record …
    assert!(found.contains(&("GEN-003".to_owned(), "records/changes/2026/CHG-2026-035.yaml".to_owned())), "{found:?}");
    // … and the references to the removed person, in files this branch did not touch.
    assert!(found.iter().any(|(r, f)| r == "GEN-005" && !f.starts_with("records/people/")), "{found:?}");
    // The old fault in the survey is not shown.
    assert!(!found.iter().any(|(_, f)| f.contains("surveys/")), "{found:?}");
    // Without --changed-since, it is.
    let (_, all, _) = itos(&["validate", "-C", &repo.records(), "--format", "json"]);
    assert!(all.contains("records/surveys/SAT-2026-H1.yaml"));
}

/// Rule, file, line, column and message of a finding.
type Found = (String, String, u64, u64, String);

/// The findings of the history rules in JSON output, and standard error.
fn history_findings(root: &str, extra: &[&str]) -> (Vec<Found>, String) {
    let mut args = vec![
        "validate", "-C", root, "--format", "json", "--rule", "CHG-009", "--rule", "CHG-010", "--rule", "GIT-001",
        "--rule", "GIT-002",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = itos(&args);
    assert!(code == 0 || code == 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (found, err)
}

#[test]
fn history_rules_find_rewrites_and_deletions_with_their_commit() {
    let repo = Repo::new("acme");
    let root = repo.records();
    assert!(history_findings(&root, &[]).0.is_empty(), "a fresh history is clean");
    // Allowed: an `x-` note on a closed change, re-indenting a closed incident's batch line,
    // moving a change to another folder (a rename), a new record.
    repo.edit("changes/2026/CHG-2026-035.yaml", "status: closed", "x-reviewed: 2026-11-02\nstatus: closed");
    repo.edit(
        "incidents/2026-09.yaml",
        "    category: 数据库\n    cause: 锁等待导致交易超时",
        "    category:   数据库\n    cause:   锁等待导致交易超时",
    );
    // An audit with an open finding is still being worked on: closing that finding is fine.
    repo.edit(
        "audits/AUD-2026-01.yaml",
        "    due: 2026-12-31\n    status: open",
        "    due: 2026-12-31\n    status: closed\n    closed_at: 2026-11-20",
    );
    std::fs::create_dir_all(repo.path("changes/archive")).unwrap();
    std::fs::rename(repo.path("changes/2026/CHG-2026-031.yaml"), repo.path("changes/archive/CHG-2026-031.yaml"))
        .unwrap();
    repo.commit("harmless edits");
    assert!(history_findings(&root, &[]).0.is_empty(), "{:?}", history_findings(&root, &[]).0);
    // Not allowed: a closed change's rollback plan edited, a closed incident's cause changed,
    // a closed audit finding re-dated, a drill deleted, a change deleted.
    repo.edit("changes/2026/CHG-2026-035.yaml", "rollback_plan: 保留变更前快照", "rollback_plan: 保留快照");
    repo.edit("incidents/2026-09.yaml", "cause:   锁等待导致交易超时\n    resolution: 终止阻塞会话并优化索引\n    status: closed\n  - id: INC-2026-09-002", "cause: 存储抖动\n    resolution: 终止阻塞会话并优化索引\n    status: closed\n  - id: INC-2026-09-002");
    repo.edit("audits/AUD-2026-01.yaml", "closed_at: 2026-06-18", "closed_at: 2026-06-28");
    std::fs::remove_file(repo.path("changes/2026/CHG-2026-038.yaml")).unwrap();
    let rewrite = repo.commit("rewrite history");
    let (found, _) = history_findings(&root, &[]);
    let short = &rewrite.to_string()[..10];
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(rules, vec!["GIT-001", "CHG-009", "GIT-001", "CHG-010"], "{found:?}");
    let chg009 = found.iter().find(|f| f.0 == "CHG-009").unwrap();
    assert_eq!(chg009.1, "records/changes/2026/CHG-2026-035.yaml");
    let text = std::fs::read_to_string(repo.path("changes/2026/CHG-2026-035.yaml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("rollback_plan:")).unwrap() as u64 + 1;
    assert_eq!((chg009.2, chg009.3), (line, 16), "at the changed value");
    assert_eq!(
        chg009.4,
        format!(
            "Change CHG-2026-035 was changed after it was closed: `rollback_plan` in commit {short} by 赵敏 on {}",
            jiff::Timestamp::now().strftime("%Y-%m-%d")
        )
    );
    let deleted = found.iter().find(|f| f.0 == "CHG-010").unwrap();
    assert_eq!((deleted.1.as_str(), deleted.2, deleted.3), ("records/changes/2026/CHG-2026-038.yaml", 2, 5));
    assert!(deleted.4.contains("must be kept 5 years"), "{}", deleted.4);
    let incident = found.iter().find(|f| f.0 == "GIT-001" && f.1.contains("incidents")).unwrap();
    assert!(
        incident.4.starts_with("Incident INC-2026-09-001 was changed after it was closed: `cause`"),
        "{}",
        incident.4
    );
    let audit = found.iter().find(|f| f.0 == "GIT-001" && f.1.contains("audits")).unwrap();
    assert!(audit.4.contains("after all its findings were closed or accepted: `findings[0].closed_at`"), "{}", audit.4);
}

#[test]
fn history_rules_are_skipped_with_one_note_without_git_and_limited_in_a_shallow_clone() {
    let (code, _, err) = itos(&["validate", "-C", "examples/acme", "--no-git"]);
    assert_eq!(code, 0);
    assert_eq!(
        err.matches("history rules CHG-009, CHG-010, GEN-009, GIT-001, GIT-002, GIT-004, GIT-005 skipped (--no-git)")
            .count(),
        1,
        "{err}"
    );
    let plain = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme"), plain.path());
    let (code, _, err) = itos(&["validate", "-C", plain.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("skipped (not a git repository)"), "{err}");
    // Shallow: history before the boundary commit is not seen.
    let repo = Repo::new("acme");
    std::fs::remove_file(repo.path("changes/2026/CHG-2026-038.yaml")).unwrap();
    repo.commit("delete a change");
    let boundary = repo.commit("empty");
    repo.edit("surveys/SAT-2026-H1.yaml", "kind: Survey", "kind: Survey\nx-a: 1");
    repo.commit("later");
    assert_eq!(history_findings(&repo.records(), &[]).0.len(), 1);
    std::fs::write(repo.dir.path().join(".git/shallow"), format!("{boundary}\n")).unwrap();
    let (found, err) = history_findings(&repo.records(), &[]);
    assert!(found.is_empty(), "{found:?}");
    assert!(
        err.contains(&format!("shallow clone: history reaches back to commit {}", &boundary.to_string()[..10])),
        "{err}"
    );
}

#[test]
fn worktrees_detached_heads_and_non_utf8_file_names_work() {
    let repo = Repo::new("acme");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"notes-\xff.yaml");
        std::fs::write(
            repo.path("people").join(name),
            "kind: Person\nid: p-extra\nname: 额外\nrole: 顾问\njoined: 2025-07-01\n",
        )
        .unwrap();
    }
    let head = repo.commit("a file with a non-UTF-8 name");
    let tree_dir = tempfile::tempdir().unwrap();
    let wt_path = tree_dir.path().join("wt");
    repo.git.worktree("wt", &wt_path, None).unwrap();
    let records = wt_path.join("records");
    let (code, out, err) = itos(&["validate", "-C", records.to_str().unwrap()]);
    // The extra person lacks onboarding records: findings, but the file is read and located.
    assert!(code == 0 || code == 1, "{out}{err}");
    #[cfg(unix)]
    assert!(out.contains("records/people/notes-\u{FFFD}.yaml:2:5"), "{out}");
    assert!(!err.contains("skipped"), "history is read in a worktree: {err}");
    repo.git.set_head_detached(head).unwrap();
    let (code, out, err) =
        itos(&["report", "sla", "-C", &repo.records(), "--month", "2026-10", "--as-of", "2026-10-31"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&head.to_string()), "{out}");
}

#[test]
fn backup_duties_run_from_records_from_never_from_a_commit_date() {
    // A repository adopted mid-contract, all committed today: the term began two years ago,
    // the records 120 days ago. Decision 8: BAK-002 starts at `records_from`, never at the
    // day a policy first appeared in git (which would have been today, hiding both findings).
    let tz = itos::model::scalar::default_tz();
    let today = jiff::Timestamp::now().to_zoned_datetime(tz).date();
    let day = |n: i64| today.checked_add(jiff::Span::new().days(n)).unwrap();
    let (start, end, records_from) = (day(-730), day(365), day(-120));
    let engagement = itos::rules::examples::BASE.replace(
        "term: {start: 2025-07-01, end: 2027-06-30}",
        &format!("term: {{start: {start}, end: {end}}}\nrecords_from: {records_from}"),
    );
    let system = "kind: System\nid: sys-itsm\nname: ITSM\ncriticality: normal\n";
    let policy = |id: &str| {
        format!(
            "kind: BackupPolicy\nid: {id}\nsystem: sys-itsm\nfrequency: weekly\noffsite: true\nencrypted: true\nretention_days: 90\nintegrity_check: 校验和\n"
        )
    };
    let failed = format!(
        "kind: RestoreTest\nid: RT-FAILED\npolicy: bp-tested\nperformed_at: {}\nresult: failed\nintegrity_verified: false\n",
        day(-100)
    );
    let repo = Repo::from_files(&[
        ("itos.toml", "format = 1\n".to_owned()),
        ("engagement.yaml", engagement.clone()),
        ("systems/itsm.yaml", system.to_owned()),
        ("backups/bp-tested.yaml", policy("bp-tested")),
        ("backups/bp-bare.yaml", policy("bp-bare")),
        ("backups/rt-failed.yaml", failed),
    ]);
    let root = repo.records();
    let judged = |extra: &[&str]| -> Vec<(String, String, u64, u64, String)> {
        let mut args =
            vec!["validate", "-C", root.as_str(), "--format", "json", "--rule", "BAK-002", "--rule", "BAK-003"];
        args.extend_from_slice(extra);
        let (code, out, err) = itos(&args);
        assert_eq!(code, 1, "{out}{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    // Repository-relative with git, records-relative under --no-git.
                    f["file"].as_str().unwrap().trim_start_matches("records/").to_owned(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let as_of = today.to_string();
    let with_git = judged(&["--as-of", &as_of]);
    let due = records_from.checked_add(jiff::Span::new().days(90)).unwrap();
    let expected = |id: &str| {
        format!(
            "no passed restore test of {id} with integrity verified since {records_from}; policy requires one every 90 days (due {due})"
        )
    };
    let located: Vec<(&str, &str, u64, u64)> =
        with_git.iter().map(|(r, f, l, c, _)| (r.as_str(), f.as_str(), *l, *c)).collect();
    assert_eq!(
        located,
        vec![
            ("BAK-002", "backups/bp-bare.yaml", 2, 5),
            ("BAK-002", "backups/bp-tested.yaml", 2, 5),
            ("BAK-003", "backups/rt-failed.yaml", 2, 5),
        ],
        "{with_git:?}"
    );
    // The policy with a failed test after `records_from`, and the one without any test, are
    // both judged from `records_from` (not from today's commit).
    assert_eq!(with_git[0].4, expected("bp-bare"));
    assert_eq!(with_git[1].4, expected("bp-tested"));
    // Git plays no part: the same without it.
    assert_eq!(judged(&["--as-of", &as_of, "--no-git"]), with_git);
    // Without `records_from` the duties run from the term's start instead.
    std::fs::write(repo.path("engagement.yaml"), engagement.replace(&format!("\nrecords_from: {records_from}"), ""))
        .unwrap();
    repo.commit("no adoption date");
    let from_term = judged(&["--as-of", &as_of]);
    assert!(from_term[0].4.contains(&format!("since {start};")), "{from_term:?}");
}

/// Wall time of `f`, best of three (this machine's second core is often busy).
fn best_of_three(mut f: impl FnMut()) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
#[allow(clippy::print_stderr)] // tells the measured figures, or why a case is not checked
fn history_walk_is_linear_in_the_size_of_a_batch() {
    // Issue 15, item 2: a batch file gaining records commit after commit. Each commit's
    // removed records are looked up by (kind, id), not scanned: eight times the batch takes
    // about eight times as long (the scan made it about forty times).
    fn build(n: usize, commits: usize) -> Repo {
        // Small items: the walk's own work, not parsing, dominates.
        let incident = |i: usize| format!("  - {{id: INC-{i:06}}}\n");
        let mut text = String::from("kind: Incident\nitems:\n");
        for i in 0..n {
            text.push_str(&incident(i));
        }
        let repo = Repo::from_files(&[("itos.toml", "format = 1\n".to_owned()), ("incidents.yaml", text.clone())]);
        for c in 0..commits {
            text.push_str(&incident(n + c));
            std::fs::write(repo.path("incidents.yaml"), &text).unwrap();
            repo.commit("one more incident");
        }
        repo
    }
    let limits = itos::config::Limits::default();
    let commits = 10;
    let (small, large) = (build(1_000, commits), build(8_000, commits));
    let walk = |repo: &Repo| {
        let h = itos::load::history::walk(Path::new(&repo.records()), None, &limits).unwrap();
        assert_eq!((h.commits, h.events.len()), (commits + 1, 0));
    };
    let (t_small, t_large) = (best_of_three(|| walk(&small)), best_of_three(|| walk(&large)));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!(
        "history walk: {commits} commits, 1,000 → {t_small:?}, 8,000 → {t_large:?}, ratio {ratio:.2} (linear: 8)"
    );
    assert!(ratio < 12.0, "8× the batch took {ratio:.1}× as long");
}

#[test]
#[allow(clippy::print_stderr)] // tells the measured figures, or why a case is not checked
fn reading_a_revision_reads_each_tree_once() {
    // Issue 15, item 11: thousands of files in one folder. `--at` walks the revision's trees
    // once instead of looking every file up from the root: it takes about as long as
    // loading the same files from the work tree.
    let mut files = vec![("itos.toml", "format = 1\n".to_owned())];
    let names: Vec<String> = (0..4_000).map(|i| format!("notes/n-{i:05}.yaml")).collect();
    for name in &names {
        files.push((name.as_str(), "# nothing but a comment\n".to_owned()));
    }
    let repo = Repo::from_files(&files);
    let root = repo.records();
    let run = |extra: &[&str]| {
        let mut args = vec!["validate", "-C", root.as_str(), "--rule", "GEN-001", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = itos(&args);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("\"files\": 4001") || !out.is_empty());
    };
    let work_tree = best_of_three(|| run(&[]));
    let at = best_of_three(|| run(&["--at", "HEAD"]));
    let ratio = at.as_secs_f64() / work_tree.as_secs_f64();
    eprintln!("4,000 files in one folder: work tree {work_tree:?}, --at {at:?}, ratio {ratio:.2}");
    assert!(ratio < 3.0, "--at took {ratio:.1}× the work-tree load");
}

#[cfg(unix)]
#[test]
fn a_revision_reads_non_utf8_file_names_as_the_work_tree_does() {
    // Issue 15, item 16: a file whose name is not UTF-8 is loaded from a revision too, under
    // the same (lossily decoded) name as in the work tree.
    use std::os::unix::ffi::OsStrExt;
    let repo = Repo::new("acme");
    let name = std::ffi::OsStr::from_bytes(b"notes-\xff.yaml");
    std::fs::write(
        repo.path("people").join(name),
        "kind: Person\nid: p-extra\nname: 额外\nrole: 顾问\njoined: 2025-07-01\n",
    )
    .unwrap();
    repo.commit("a file with a non-UTF-8 name");
    let root = repo.records();
    let located = |extra: &[&str]| {
        let mut args = vec!["validate", "-C", root.as_str(), "--format", "json", "--as-of", "2026-10-31"];
        args.extend_from_slice(extra);
        let (code, out, err) = itos(&args);
        assert!(code == 0 || code == 1, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut found: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}:{}:{}", f["rule"], f["file"], f["line"], f["column"]))
            .collect();
        found.sort();
        found
    };
    let work_tree = located(&[]);
    assert!(work_tree.iter().any(|f| f.contains("records/people/notes-\u{FFFD}.yaml\":2:5")), "{work_tree:?}");
    assert_eq!(located(&["--at", "HEAD"]), work_tree);
}

/// `[limits] max_file_bytes` appended to a copied example's itos.toml.
fn limit_file_bytes(repo: &Repo, max: u64) {
    let config = std::fs::read_to_string(repo.path("itos.toml")).unwrap();
    std::fs::write(repo.path("itos.toml"), format!("{config}\n[limits]\nmax_file_bytes = {max}\n")).unwrap();
}

/// SHA-256 of bytes as lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn oversized_blobs_are_size_checked_before_they_are_read() {
    // Issue 15, item 1: a file over `max_file_bytes`, committed then deleted, is never read
    // from git (its size comes from the object header): the history walk skips it with a
    // note, `--at` reports it as GEN-001 like the work tree does, `--changed-since` does not
    // read it; evidence over the limit is still hashed, as a stream.
    let repo = Repo::new("exit");
    limit_file_bytes(&repo, 200_000);
    repo.commit("lower the limit");
    let person = "kind: Person\nid: p-big\nname: 大文件\nrole: 顾问\njoined: 2025-07-01\n";
    let big = format!("{person}# {}\n", "x".repeat(3_000_000));
    std::fs::write(repo.path("people/big.yaml"), &big).unwrap();
    // Evidence of a few MB: over the limit, still evidence.
    let evidence = "handover/deliverables/service-reports.md";
    let mut pdf = std::fs::read(repo.path(evidence)).unwrap();
    pdf.extend(std::iter::repeat_n(b'.', 3_000_000));
    std::fs::write(repo.path(evidence), &pdf).unwrap();
    let with_big = repo.commit("a big file");
    repo.tag("with-big", with_big);
    std::fs::remove_file(repo.path("people/big.yaml")).unwrap();
    repo.commit("the big file removed");
    let root = repo.records();

    let limits = itos::config::Limits { max_file_bytes: 200_000, ..itos::config::Limits::default() };
    let walked = itos::load::history::walk(Path::new(&root), None, &limits).unwrap();
    let skipped: Vec<(&str, &str)> = walked.oversized.iter().map(|(p, c)| (p.as_str(), c.id.as_str())).collect();
    assert_eq!(skipped, vec![("people/big.yaml", with_big.to_string().as_str())]);
    assert!(walked.deletions().next().is_none(), "a file never read is not judged deleted");
    let (found, err) = history_findings(&root, &[]);
    assert!(found.is_empty(), "{found:?}");
    assert!(
        err.contains("note: history: 1 file version(s) over limits.max_file_bytes not read, the first records/people/big.yaml in commit"),
        "{err}"
    );

    let (code, out, err) =
        itos(&["validate", "-C", &root, "--at", "with-big", "--format", "json", "--rule", "GEN-001"]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let gen001: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        gen001,
        vec![(
            "records/people/big.yaml",
            "file is 2.9 MiB, over the limit of 0.2 MiB (limits.max_file_bytes); not read"
        )]
    );

    let (code, _, err) = itos(&["validate", "-C", &root, "--changed-since", "with-big", "--rule", "GEN-001"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 file changed since with-big"), "{err}");

    let (code, out, err) = itos(&["handover", "checklist", "-C", &root, "--at", "with-big", "--format", "json"]);
    assert!(code == 0 || code == 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hashes: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["evidence"].as_array().unwrap())
        .filter(|e| e["path"] == evidence)
        .map(|e| e["sha256"].as_str().unwrap())
        .collect();
    assert!(!hashes.is_empty(), "{out}");
    assert!(hashes.iter().all(|h| *h == sha256_hex(&pdf)), "hashed whole, as a stream: {hashes:?}");
}

#[test]
fn a_repository_without_commits_is_a_git_repository_with_no_history_yet() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme"), dir.path());
    git2::Repository::init(dir.path()).unwrap();
    let (code, _, err) = itos(&["validate", "-C", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not a git repository"), "{err}");
    assert_eq!(
        err.matches("note: git repository with no commits yet: history rules CHG-009, CHG-010, GEN-009, GIT-001, GIT-002, GIT-004, GIT-005 have no history to judge").count(),
        1,
        "{err}"
    );
    let walked = itos::load::history::walk(dir.path(), None, &itos::config::Limits::default()).unwrap();
    assert_eq!((walked.commits, walked.events.len()), (0, 0));
}
