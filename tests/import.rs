#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `itos import incidents` end to end: every preset on a synthetic export in its tool's shape
//! (with the awkward parts), the written records load and are byte-identical on a re-run,
//! bad input exits 2 with nothing written, and the output folder is owned safely.

use crate::common;

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
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
    let out =
        import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow-events", "--service", "helpdesk"]);
    assert!(out.contains("14 rows read (events.csv), 3 tickets written"), "{out}");
    assert!(out.contains("unknown state \"-100\": 1 update (first row "), "{out}");
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

#[test]
fn jira_with_bom_crlf_and_am_pm_dates() {
    let r = repo();
    let csv = "\u{feff}Issue key,Issue Type,Status,Priority,Created,Updated,Resolved,Custom field (Time to first response),Custom field (Time to resolution),Summary\r\n\
SD-101,[System] Incident,Resolved,High,12/Sep/26 9:41 AM,12/Sep/26 3:10 PM,12/Sep/26 3:10 PM,0:20,-2:15,\"VPN down,\r\nagain\"\r\n\
SD-102,[System] Service request,Waiting for support,Lowest,14/Sep/26 10:05 PM,14/Sep/26 10:05 PM,,,,Laptop\r\n\
SD-103,[System] Incident,Declined,Medium,1/Oct/26 8:00 AM,1/Oct/26 9:00 AM,,,,x\r\n";
    let export = write(r.path(), "jira.csv", csv.as_bytes());
    let out = import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "jira-sm", "--service", "helpdesk"]);
    assert!(out.contains("3 rows read (jira.csv), 3 tickets written"), "{out}");
    let sep = read(r.path().join("incidents/imported/jira-sm/2026-09.yaml"));
    let body = sep.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: SD-101
    priority: P2
    type: incident
    opened_at: 2026-09-12T09:41:00+08:00
    resolved_at: 2026-09-12T15:10:00+08:00
    x-itsm: {response_remaining_minutes: 20, resolution_remaining_minutes: -135}
  - id: SD-102
    priority: P4
    type: request
    opened_at: 2026-09-14T22:05:00+08:00
"#
    );
    let oct = read(r.path().join("incidents/imported/jira-sm/2026-10.yaml"));
    assert!(oct.contains("    status: cancelled\n"), "{oct}");
    // Statuses left unmapped follow from the timestamps and are not reported (decision 22).
    assert!(!out.contains("unmapped"), "{out}");
    // The ticket whose Time to resolution says breached, which itos finds met (5 h 29 min
    // against P2's 8 h on 7×24), is counted as a disagreement.
    assert!(
        out.contains("reconciliation with the ITSM's verdicts (2026-09): 1 ticket compared, 1 disagrees;"),
        "{out}"
    );
}

#[test]
fn zammad_xlsx_with_an_excel_date_serial() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let r = repo();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "#",
        "Title",
        "State",
        "Priority",
        "Group",
        "Created At",
        "Closed At",
        "First Response At",
        "Close Diff In Min",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    // Row 2: dates as real Excel date cells (serials); row 3: dates as text.
    sheet.write_number(1, 0, 31001.0).unwrap();
    sheet.write_string(1, 1, "Printer jam").unwrap();
    sheet.write_string(1, 2, "closed").unwrap();
    sheet.write_string(1, 3, "3 high").unwrap();
    sheet.write_string(1, 4, "Users").unwrap();
    let opened = ExcelDateTime::parse_from_str("2026-09-07 10:30:00").unwrap();
    let closed = ExcelDateTime::parse_from_str("2026-09-07 13:00:00").unwrap();
    let first = ExcelDateTime::parse_from_str("2026-09-07 10:45:00").unwrap();
    sheet.write_datetime_with_format(1, 5, &opened, &date).unwrap();
    sheet.write_datetime_with_format(1, 6, &closed, &date).unwrap();
    sheet.write_datetime_with_format(1, 7, &first, &date).unwrap();
    sheet.write_number(1, 8, -30.0).unwrap();
    for (c, v) in ["31002", "Mail", "open", "2 normal", "Users", "2026-09-08 09:00:00", "", "2026-09-08 09:20:00", ""]
        .iter()
        .enumerate()
    {
        if !v.is_empty() {
            sheet.write_string(2, c as u16, *v).unwrap();
        }
    }
    let path = r.path().join("zammad.xlsx");
    book.save(&path).unwrap();
    let out = import_twice(r.path(), &[path.to_str().unwrap(), "--preset", "zammad", "--service", "helpdesk"]);
    assert!(out.contains("2 rows read (zammad.xlsx), 2 tickets written"), "{out}");
    let sep = read(r.path().join("incidents/imported/zammad/2026-09.yaml"));
    let body = sep.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: "31001"
    priority: P1
    type: incident
    opened_at: 2026-09-07T10:30:00+08:00
    responded_at: 2026-09-07T10:45:00+08:00
    resolved_at: 2026-09-07T13:00:00+08:00
    closed_at: 2026-09-07T13:00:00+08:00
    category: Users
    status: closed
    x-itsm: {resolution_remaining_minutes: -30}
  - id: "31002"
    priority: P3
    type: incident
    opened_at: 2026-09-08T09:00:00+08:00
    responded_at: 2026-09-08T09:20:00+08:00
    category: Users
    status: open
"#
    );
}

/// A Chinese ITSM's export: GB18030 bytes, Chinese headers and values, the `generic` preset.
#[test]
fn generic_gb18030_with_chinese_headers() {
    let r = repo();
    let text = "工单编号,优先级,创建时间,首次响应时间,解决时间,关闭时间,类别,状态,挂起时长(分钟)\r\n\
GD-0001,高,2026/09/10 09:00:00,2026/09/10 09:10:00,2026/09/10 11:00:00,2026/09/11 09:00:00,网络故障,已关闭,30\r\n\
GD-0002,紧急,2026/09/11 14:00,2026/09/11 14:05,-,-,桌面终端,处理中,\r\n\
GD-0003,低,2026/09/12 10:00:00,-,-,-,账号权限,已取消,0\r\n";
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let export = write(r.path(), "工单导出.csv", &bytes);
    let out = import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "generic", "--service", "helpdesk"]);
    assert!(out.contains("3 rows read (工单导出.csv), 3 tickets written"), "{out}");
    let sep = read(r.path().join("incidents/imported/generic/2026-09.yaml"));
    let body = sep.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: GD-0001
    priority: P2
    type: incident
    opened_at: 2026-09-10T09:00:00+08:00
    responded_at: 2026-09-10T09:10:00+08:00
    resolved_at: 2026-09-10T11:00:00+08:00
    closed_at: 2026-09-11T09:00:00+08:00
    category: 网络故障
    x-itsm: {paused_minutes: 30}
  - id: GD-0002
    priority: P1
    type: incident
    opened_at: 2026-09-11T14:00:00+08:00
    responded_at: 2026-09-11T14:05:00+08:00
    category: 桌面终端
  - id: GD-0003
    priority: P4
    type: incident
    opened_at: 2026-09-12T10:00:00+08:00
    category: 账号权限
    status: cancelled
    x-itsm: {paused_minutes: 0}
"#
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, a precise message, nothing written.

fn fails(repo: &Path, args: &[&str]) -> String {
    let before = tree(repo);
    let mut full = vec!["import", "incidents"];
    full.extend_from_slice(args);
    let (code, out, err) = itos(repo, &full);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(tree(repo), before, "a failed import wrote or removed files");
    err
}

#[test]
fn a_missing_required_column_is_named_with_the_columns_found() {
    let r = repo();
    let export = write(r.path(), "x.csv", b"number,open_time,priority\nINC1,2026-09-01 09:00:00,1 - Critical\n");
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert_eq!(
        err,
        "error: x.csv: no column for `opened_at` (looked for `opened_at`, `Opened`, `sys_created_on`, `Created`)\n\
error: columns found: `number`, `open_time`, `priority`\n"
    );
}

#[test]
fn unmapped_priorities_are_listed_with_count_and_first_row() {
    let r = repo();
    let mut csv = String::from("number,opened_at,priority\n");
    for i in 0..5 {
        let p = if i % 2 == 0 { "6 - Whenever" } else { "1 - Critical" };
        csv.push_str(&format!("INC{i},2026-09-01 09:00:00,{p}\n"));
    }
    csv.push_str("INC9,2026-09-01 09:00:00,Urgent\n");
    let export = write(r.path(), "x.csv", csv.as_bytes());
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert_eq!(
        err,
        "error: priority \"6 - Whenever\" (3 rows, first row 2): add it under [values.priority]\n\
error: priority \"Urgent\" (1 row, first row 7): add it under [values.priority]\n"
    );
    // A default in the mapping takes them.
    let preset =
        itos::import::presets::get("servicenow").unwrap().replace("\"5 - Planning\" = \"P4\"", "\"_\" = \"P4\"");
    let mapping = write(r.path(), "m.toml", preset.as_bytes());
    let (code, out, err) = itos(
        r.path(),
        &[
            "import",
            "incidents",
            export.to_str().unwrap(),
            "--mapping",
            mapping.to_str().unwrap(),
            "--service",
            "helpdesk",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_mapped_priority_must_be_a_priority_of_the_sla() {
    let r = repo();
    let preset =
        itos::import::presets::get("servicenow").unwrap().replace("\"4 - Low\" = \"P4\"", "\"4 - Low\" = \"P9\"");
    let mapping = write(r.path(), "m.toml", preset.as_bytes());
    let export = write(r.path(), "x.csv", b"number,opened_at,priority\nINC1,2026-09-01 09:00:00,4 - Low\n");
    let err =
        fails(r.path(), &[export.to_str().unwrap(), "--mapping", mapping.to_str().unwrap(), "--service", "helpdesk"]);
    assert_eq!(
        err,
        "error: priority \"P9\" (1 row, first row 2): add it under [values.priority] as one of the Sla's priorities (P1, P2, P3, P4)\n"
    );
}

#[test]
fn an_undecodable_timestamp_skips_its_row_with_the_column_named() {
    let r = repo();
    let export = write(
        r.path(),
        "x.csv",
        b"number,opened_at,priority\nINC1,2026-09-01 09:00:00,1 - Critical\nINC2,next tuesday,1 - Critical\nINC3,,1 - Critical\n",
    );
    let (code, out, err) = itos(
        r.path(),
        &["import", "incidents", export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 rows read (x.csv), 1 ticket written"), "{out}");
    assert!(
        out.contains(
            "  skipped 1 row: column `opened_at`: not a timestamp in any of the mapping's date_formats (row 3)\n"
        ),
        "{out}"
    );
    assert!(out.contains("  skipped 1 row: no opened_at (empty cell) (row 4)\n"), "{out}");
}

#[test]
fn invalid_bytes_stop_at_row_and_column() {
    let r = repo();
    let export = write(
        r.path(),
        "x.csv",
        b"number,opened_at,priority,category\nINC1,2026-09-01 09:00:00,1 - Critical,\xcd\xf8\xc2\xe7\n",
    );
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert_eq!(
        err,
        "error: x.csv: row 2, column `category`: bytes that are not valid UTF-8 (a Chinese Excel export is usually GB18030: set encoding = \"gb18030\" in [source])\n"
    );
}

#[test]
fn mapping_errors_are_located_all_at_once() {
    let r = repo();
    let mapping = write(
        r.path(),
        "bad.toml",
        b"[source]\nname = \"x\"\nmode = \"event\"\n[fields]\nid = \"a\"\nopened_at = \"b\"\npriority = \"c\"\nservice = \"s\"\n[values.status]\nX = \"done\"\n",
    );
    let export = write(r.path(), "x.csv", b"a,b,c\n");
    let err = fails(r.path(), &[export.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]);
    let path = mapping.display();
    assert_eq!(
        err,
        format!(
            "error: {path}:3:8: `event` is not a mode; use \"rows\" or \"events\"\n\
error: {path}:8:1: `service` is not a field import fills (id, priority, type, opened_at, detected_at, responded_at, arrived_at, on_site_required, restored_at, resolved_at, closed_at, major, reported_at, problem, caused_by_change, category, cause, resolution, status) (set it under [target] or with --engagement / --service)\n\
error: {path}:10:5: `done` is not an incident status (open, in-progress, resolved, closed, cancelled)\n"
        )
    );
}

#[test]
fn a_service_without_an_sla_and_rows_without_tickets_exit_2() {
    let r = repo();
    let export = write(r.path(), "x.csv", b"number,opened_at,priority\nINC1,2026-09-01 09:00:00,1 - Critical\n");
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "nosuch"]);
    assert_eq!(err, "error: no Sla in the repository for service `nosuch`; Slas exist for: helpdesk\n");
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow"]);
    assert!(err.contains("no service for the tickets: give --service"), "{err}");
    let empty = write(r.path(), "e.csv", b"number,opened_at,priority\nINC1,,1 - Critical\n");
    let err = fails(r.path(), &[empty.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert_eq!(
        err,
        "error: 1 row read but no ticket could be written\nerror:   1 row skipped: no opened_at (empty cell)\n"
    );
}

// ---------------------------------------------------------------------------------------------
// The output folder is import's own, and only that.

#[test]
fn stale_months_go_other_files_stay_and_dry_run_writes_nothing() {
    let r = repo();
    let dir = r.path().join("incidents/imported/servicenow");
    let both = write(r.path(), "a.csv", b"number,opened_at,priority\nA1,2026-08-01 09:00:00,1 - Critical\nA2,2026-09-01 09:00:00,1 - Critical\nA3,2026-10-01 09:00:00,1 - Critical\n");
    let args = |f: &Path| {
        vec![
            "import".to_owned(),
            "incidents".to_owned(),
            f.display().to_string(),
            "--preset".into(),
            "servicenow".into(),
            "--service".into(),
            "helpdesk".into(),
        ]
    };
    let run = |f: &Path, extra: &[&str]| {
        let mut a = args(f);
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        itos(r.path(), &a)
    };
    assert_eq!(run(&both, &[]).0, 0);
    // A file a person put there, and an old import file from before the months now imported.
    std::fs::write(dir.join("notes.yaml"), "kind: Incident\nitems: []\n").unwrap();
    std::fs::write(dir.join("2026-12.yaml"), "kind: Incident\nitems: []\n").unwrap();
    let only_sep = write(
        r.path(),
        "b.csv",
        b"number,opened_at,priority\nA2,2026-09-01 09:00:00,1 - Critical\nA4,2026-10-05 09:00:00,1 - Critical\n",
    );
    let before = tree(r.path());
    let (code, out, _) = run(&only_sep, &["--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(tree(r.path()), before, "--dry-run wrote");
    assert!(out.contains("would be written to"), "{out}");
    assert!(out.contains("  changed 2026-09.yaml (1 ticket)\n  changed 2026-10.yaml (1 ticket)\n"), "{out}");
    let (code, _, _) = run(&only_sep, &[]);
    assert_eq!(code, 0);
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    // August lies outside the months now imported and stays; the hand-made files stay.
    assert_eq!(names, ["2026-08.yaml", "2026-09.yaml", "2026-10.yaml", "2026-12.yaml", "notes.yaml"]);
    let (code, out, _) = run(&only_sep, &["--replace-all"]);
    assert_eq!(code, 0);
    assert!(out.contains("  removed 2026-08.yaml"), "{out}");
    assert!(dir.join("2026-12.yaml").exists() && dir.join("notes.yaml").exists());
    assert!(!dir.join("2026-08.yaml").exists());
}

#[cfg(unix)]
#[test]
fn links_are_never_written_through_and_out_stays_inside() {
    let r = repo();
    let outside = tempfile::tempdir().unwrap();
    let victim = write(outside.path(), "victim.yaml", b"precious\n");
    let export = write(r.path(), "a.csv", b"number,opened_at,priority\nA2,2026-09-01 09:00:00,1 - Critical\n");
    let dir = r.path().join("incidents/imported/servicenow");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("2026-09.yaml")).unwrap();
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert!(err.contains("is not a regular file (a link or a folder)"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    // A folder on the way that is a link out of the repository.
    std::fs::remove_file(dir.join("2026-09.yaml")).unwrap();
    std::fs::remove_dir(&dir).unwrap();
    std::os::unix::fs::symlink(outside.path(), &dir).unwrap();
    let err = fails(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow", "--service", "helpdesk"]);
    assert!(err.contains("not a folder (a file or a symlink)"), "{err}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    // --out outside the repository.
    let err = fails(
        r.path(),
        &[
            export.to_str().unwrap(),
            "--preset",
            "servicenow",
            "--service",
            "helpdesk",
            "--out",
            outside.path().to_str().unwrap(),
        ],
    );
    assert!(err.contains("must be a folder inside the records repository"), "{err}");
}

#[test]
fn presets_are_listed_and_each_parses() {
    let r = repo();
    let (code, out, _) = itos(r.path(), &["import", "presets"]);
    assert_eq!(code, 0);
    for (name, _, text) in itos::import::presets::PRESETS {
        assert!(out.contains(name), "{out}");
        let (code, printed, _) = itos(r.path(), &["import", "preset", name]);
        assert_eq!((code, printed.as_str()), (0, *text));
        itos::import::mapping::Mapping::parse(text, Path::new(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let (code, _, err) = itos(r.path(), &["import", "preset", "remedy"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no preset `remedy`; the presets are: servicenow, servicenow-events, jira-sm, zammad, generic"),
        "{err}"
    );
}

/// examples/import holds what its five imports write: a fresh import of its exports into a
/// copy gives the committed files byte for byte.
#[test]
fn the_import_example_is_what_import_writes() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/import");
    let copy = tempfile::tempdir().unwrap();
    common::copy_dir(&example, copy.path());
    let imported = copy.path().join("incidents/imported");
    let committed = tree(&imported);
    assert!(committed.len() >= 5, "{committed:?}");
    std::fs::remove_dir_all(&imported).unwrap();
    let script = read(copy.path().join("import.sh"));
    let x = copy.path().join("exports");
    let mut runs = 0;
    for line in script.lines().filter(|l| l.starts_with("$ITOS import incidents ")) {
        let words: Vec<String> = line
            .split_whitespace()
            .skip(1)
            .filter(|w| *w != "-C" && *w != "\"$here\"")
            .map(|w| {
                w.trim_matches('"')
                    .replace("$x", &x.display().to_string())
                    .replace("$here", &copy.path().display().to_string())
            })
            .collect();
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        let (code, out, err) = itos(copy.path(), &args);
        assert_eq!(code, 0, "{line}: {out}{err}");
        runs += 1;
    }
    assert_eq!(runs, 5);
    assert_eq!(
        tree(&imported),
        committed,
        "examples/import/incidents/imported is not what import writes: run examples/import/import.sh"
    );
    assert_loads(copy.path());
}

/// In an event log the tool's verdict is copied onto every row and may change: the latest
/// update's value is kept, whatever the file order.
#[test]
fn the_latest_update_carries_the_itsm_verdict() {
    let r = repo();
    let csv = "number,incident_state,sys_updated_at,sys_mod_count,opened_at,priority,made_sla\n\
INC1,Closed,1/9/2026 5:00,2,1/9/2026 1:00,2 - High,false\n\
INC1,New,1/9/2026 1:00,0,1/9/2026 1:00,2 - High,true\n\
INC1,Active,1/9/2026 2:00,1,1/9/2026 1:00,2 - High,true\n";
    let export = write(r.path(), "e.csv", csv.as_bytes());
    import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow-events", "--service", "helpdesk"]);
    let text = read(r.path().join("incidents/imported/servicenow-events/2026-09.yaml"));
    assert!(text.contains("x-itsm: {made_sla: false}"), "{text}");
}

/// The summary in English, Chinese and JSON (file digests masked: they name the temporary
/// paths' contents, not behaviour).
#[test]
fn the_summary_in_every_language_and_json() {
    let r = repo();
    let mut lines: Vec<&str> = EVENTS.lines().collect();
    lines.push("INC0000060,New,x,0,1/9/2026 1:00,2 - High,?,?,?,Category 2");
    let export = write(r.path(), "events.csv", (lines.join("\n") + "\n").as_bytes());
    let args = [
        export.to_str().unwrap(),
        "--preset",
        "servicenow-events",
        "--service",
        "helpdesk",
        "--dry-run",
        "--as-of",
        "2026-10-31",
    ];
    let run = |extra: &[&str]| {
        let mut full = vec!["import", "incidents"];
        full.extend_from_slice(&args);
        full.extend_from_slice(extra);
        let (code, out, err) = itos(r.path(), &full);
        assert_eq!(code, 0, "{out}{err}");
        out
    };
    insta::assert_snapshot!("import_summary_en", run(&[]));
    insta::assert_snapshot!("import_summary_zh", run(&["--lang", "zh-CN"]));
    insta::assert_snapshot!("import_summary_json", run(&["--format", "json"]));
    assert_eq!(run(&["-q"]), "", "-q prints nothing when the import succeeds");
}

/// A ticket whose times contradict each other is written as recorded, so that `validate`
/// shows it (GEN-007) instead of import dropping it.
#[test]
fn a_contradictory_ticket_is_written_as_recorded() {
    let r = repo();
    let csv = "number,incident_state,sys_updated_at,sys_mod_count,opened_at,priority\n\
INC9,New,1/9/2026 8:00,0,1/9/2026 10:00,2 - High\n\
INC9,Resolved,1/9/2026 9:00,1,1/9/2026 10:00,2 - High\n";
    let export = write(r.path(), "e.csv", csv.as_bytes());
    import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow-events", "--service", "helpdesk"]);
    let text = read(r.path().join("incidents/imported/servicenow-events/2026-09.yaml"));
    assert!(text.contains("opened_at: 2026-09-01T18:00:00+08:00\n    responded_at: 2026-09-01T17:00:00+08:00\n    resolved_at: 2026-09-01T17:00:00+08:00\n"), "{text}");
    let (code, out, _) = itos(r.path(), &["validate", "--rule", "GEN-007", "--as-of", "2026-10-31"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("GEN-007"), "{out}");
}

/// The shape of the public ServiceNow incident event log (36 columns, day-first times, `?`
/// empties, a resolved_at column copied onto every row that the updates override, a pause
/// run ended by the resolution): tests/data holds two tickets written in its shape (its
/// columns and its styles of value; the values themselves are made up).
#[test]
fn the_public_servicenow_event_log_shape() {
    let r = repo();
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/servicenow-public-event-log-shape.csv");
    let out =
        import_twice(r.path(), &[export.to_str().unwrap(), "--preset", "servicenow-events", "--service", "helpdesk"]);
    assert!(out.contains("11 rows read (servicenow-public-event-log-shape.csv), 2 tickets"), "{out}");
    let text = read(r.path().join("incidents/imported/servicenow-events/2016-02.yaml"));
    let body = text.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        r#"kind: Incident
defaults: {service: helpdesk}
items:
  - id: INC0000045
    priority: P3
    type: incident
    opened_at: 2016-02-29T09:16:00+08:00
    responded_at: 2016-02-29T16:53:00+08:00
    resolved_at: 2016-02-29T16:53:00+08:00
    closed_at: 2016-03-05T20:00:00+08:00
    category: Category 55
    x-itsm: {made_sla: true}
  - id: INC0000047
    priority: P3
    type: incident
    opened_at: 2016-02-29T12:40:00+08:00
    responded_at: 2016-02-29T13:18:00+08:00
    resolved_at: 2016-03-01T17:52:00+08:00
    closed_at: 2016-03-06T18:00:00+08:00
    paused:
      - {from: 2016-02-29T14:10:00+08:00, to: 2016-03-01T17:52:00+08:00, reason: awaiting-customer}
    category: Category 40
    x-itsm: {made_sla: true}
"#
    );
}
