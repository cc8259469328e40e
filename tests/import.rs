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
    // The unmapped status is reported, not fatal.
    assert!(out.contains("unmapped value: status \"Resolved\" (1 rows, first row 2)"), "{out}");
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
