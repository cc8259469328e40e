#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos import incidents` end to end: every preset on a synthetic export in its tool's shape
//! (with the awkward parts), the written records load and are byte-identical on a re-run,
//! bad input exits 2 with nothing written, and the output folder is owned safely.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use itos::rules::examples::BASE;

/// A records repository with the base engagement (`demo`, service `helpdesk`, Sla P1–P4 in
/// Asia/Shanghai) in a temporary folder.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\ndefault_engagement = \"demo\"\n").unwrap();
    std::fs::write(dir.path().join("engagement.yaml"), BASE).unwrap();
    dir
}

fn itos(repo: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(args)
        .arg("-C")
        .arg(repo)
        .arg("--no-git")
        .env_remove("ITOS_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// The repository's records load without GEN-001/GEN-003, and `validate` runs.
fn assert_loads(repo: &Path) {
    let (code, out, err) = itos(repo, &["validate", "--rule", "GEN-001", "--rule", "GEN-003", "--as-of", "2026-10-31"]);
    assert_eq!(code, 0, "{out}{err}");
}

/// Run an import, assert it succeeds, then run it again: nothing changes, byte for byte.
fn import_twice(repo: &Path, args: &[&str]) -> String {
    let mut full = vec!["import", "incidents"];
    full.extend_from_slice(args);
    let (code, out, err) = itos(repo, &full);
    assert_eq!(code, 0, "{out}{err}");
    let before = tree(repo);
    let (code, again, err) = itos(repo, &full);
    assert_eq!(code, 0, "{again}{err}");
    assert_eq!(tree(repo), before, "a second import of the same inputs changed files");
    assert!(again.contains("unchanged"), "{again}");
    assert_loads(repo);
    out
}

// ---------------------------------------------------------------------------------------------
// The presets.

#[test]
fn servicenow_rows() {
    let r = repo();
    let csv = "number,opened_at,priority,state,resolved_at,closed_at,category,made_sla,reopen_count\n\
INC0010001,2026-09-01 09:00:00,2 - High,Closed,2026-09-01 12:30:00,2026-09-02 09:00:00,Network,true,0\n\
INC0010002,2026-09-03 10:00:00,1 - Critical,Resolved,2026-09-03 16:00:00,,\"Database, Oracle\",false,0\n\
INC0010003,2026-09-04 11:00:00,4 - Low,Canceled,,,Hardware,,0\n\
INC0010004,2026-10-02 08:15:00,3 - Moderate,In Progress,,,Software,,1\n";
    let export = write(r.path(), "incident.csv", csv.as_bytes());
    let out = import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert!(out.contains("4 rows read (incident.csv), 4 tickets written"), "{out}");
    let sep = read(r.path().join("incidents/imported/servicenow/2026-09.yaml"));
    assert!(sep.starts_with("# Written by `itos import` from incident.csv (sha256 "), "{sep}");
    let body = sep.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: INC0010001
    priority: P2
    type: incident
    opened_at: 2026-09-01T09:00:00+08:00
    resolved_at: 2026-09-01T12:30:00+08:00
    closed_at: 2026-09-02T09:00:00+08:00
    category: Network
    x-itsm: {made_sla: true}
  - id: INC0010002
    priority: P1
    type: incident
    opened_at: 2026-09-03T10:00:00+08:00
    resolved_at: 2026-09-03T16:00:00+08:00
    category: "Database, Oracle"
    x-itsm: {made_sla: false}
  - id: INC0010003
    priority: P4
    type: incident
    opened_at: 2026-09-04T11:00:00+08:00
    category: Hardware
    status: cancelled
"#
    );
    assert!(read(r.path().join("incidents/imported/servicenow/2026-10.yaml")).contains("id: INC0010004"));
}

const EVENTS: &str = "number,incident_state,sys_updated_at,sys_mod_count,opened_at,priority,resolved_at,closed_at,made_sla,category\n\
INC0000045,New,1/9/2026 1:16,0,1/9/2026 1:16,2 - High,?,?,true,Category 55\n\
INC0000045,Active,1/9/2026 1:30,1,1/9/2026 1:16,2 - High,?,?,true,Category 55\n\
INC0000045,Awaiting User Info,1/9/2026 2:00,2,1/9/2026 1:16,2 - High,?,?,true,Category 55\n\
INC0000045,Awaiting Vendor,1/9/2026 2:30,3,1/9/2026 1:16,2 - High,?,?,true,Category 55\n\
INC0000045,Active,1/9/2026 3:00,4,1/9/2026 1:16,1 - Critical,?,?,true,Category 55\n\
INC0000045,Resolved,1/9/2026 5:00,5,1/9/2026 1:16,1 - Critical,1/9/2026 5:00,?,true,Category 55\n\
INC0000045,Active,2/9/2026 9:00,6,1/9/2026 1:16,1 - Critical,1/9/2026 5:00,?,true,Category 55\n\
INC0000045,Resolved,2/9/2026 10:00,7,1/9/2026 1:16,1 - Critical,2/9/2026 10:00,?,true,Category 55\n\
INC0000045,Closed,5/9/2026 12:00,8,1/9/2026 1:16,1 - Critical,2/9/2026 10:00,5/9/2026 12:00,true,Category 55\n\
INC0000047,New,29/9/2026 23:50,0,29/9/2026 23:50,3 - Moderate,?,?,false,Category 1\n\
INC0000047,-100,30/9/2026 0:05,1,29/9/2026 23:50,3 - Moderate,?,?,false,Category 1\n\
INC0000047,Awaiting User Info,30/9/2026 0:10,2,29/9/2026 23:50,3 - Moderate,?,?,false,Category 1\n\
INC0000050,New,3/9/2026 8:00,0,3/9/2026 8:00,4 - Low,?,?,?,Category 9\n\
INC0000050,Canceled,3/9/2026 8:30,1,3/9/2026 8:00,4 - Low,?,?,?,Category 9\n";

#[test]
fn servicenow_event_log() {
    let r = repo();
    // Rows out of order: import orders each ticket's updates by time, then sys_mod_count.
    let mut lines: Vec<&str> = EVENTS.lines().collect();
    lines[1..].reverse();
    let export = write(r.path(), "events.csv", (lines.join("\n") + "\n").as_bytes());
    let out = import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow-events", "--service", "helpdesk"]);
    assert!(out.contains("14 rows read (events.csv), 3 tickets written"), "{out}");
    assert!(out.contains("unknown state \"-100\": 1 updates (first row "), "{out}");
    let text = read(r.path().join("incidents/imported/servicenow-events/2026-09.yaml"));
    let body = text.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: INC0000045
    priority: P2
    type: incident
    opened_at: 2026-09-01T09:16:00+08:00
    responded_at: 2026-09-01T09:30:00+08:00
    resolved_at: 2026-09-01T13:00:00+08:00
    closed_at: 2026-09-05T20:00:00+08:00
    paused:
      - {from: 2026-09-01T10:00:00+08:00, to: 2026-09-01T10:30:00+08:00, reason: awaiting-customer}
      - {from: 2026-09-01T10:30:00+08:00, to: 2026-09-01T11:00:00+08:00, reason: awaiting-third-party}
    priority_changes:
      - {at: 2026-09-01T11:00:00+08:00, to: P1}
    reopened:
      - {at: 2026-09-02T17:00:00+08:00, resolved_at: 2026-09-02T18:00:00+08:00}
    category: Category 55
    x-itsm: {made_sla: true}
  - id: INC0000050
    priority: P4
    type: incident
    opened_at: 2026-09-03T16:00:00+08:00
    responded_at: 2026-09-03T16:30:00+08:00
    category: Category 9
    status: cancelled
  - id: INC0000047
    priority: P3
    type: incident
    opened_at: 2026-09-30T07:50:00+08:00
    responded_at: 2026-09-30T08:10:00+08:00
    paused:
      - {from: 2026-09-30T08:10:00+08:00, reason: awaiting-customer}
    category: Category 1
    x-itsm: {made_sla: false}
"#
    );
    // Opened 23:50 UTC on 29 September = 07:50 on 30 September in Shanghai (its month); the
    // unknown state carried `New`, so the response is the pause; that pause is still running
    // at the last update: open-ended (no `to`).
    assert_eq!(std::fs::read_dir(r.path().join("incidents/imported/servicenow-events")).unwrap().count(), 1);
}
