#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! What falls due (`itos report due`) for examples/acme in every format, in English and
//! Chinese; the calendar read back with an independent parser (`ical`); the flags.

use crate::common;

use std::io::BufReader;

use common::itos;
use itos::model::{FileId, Kind, Lang, Msg, Span};
use itos::report::due::{DueLine, DueReport, Within};
use itos::rules::duty::Duty;

/// `report due` of examples/acme (no git: paths relative to the records root).
fn due(extra: &[&str]) -> String {
    let mut args = vec!["report", "due", "-C", "examples/acme", "--no-git"];
    args.extend(extra);
    let (code, stdout, stderr) = itos(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

// ---------------------------------------------------------------- snapshots

#[test]
fn acme_table() {
    let out = due(&["--as-of", "2026-10-31"]);
    assert!(out.contains("Due and overdue duties — acme-core-ops"));
    assert!(out.contains("Nothing is overdue."));
    assert!(out.contains("in 20 days"));
    insta::assert_snapshot!(out);
}

#[test]
fn acme_table_zh() {
    let out = due(&["--as-of", "2026-10-31", "--lang", "zh-CN"]);
    assert!(out.contains("待办与到期提醒"));
    assert!(out.contains("无逾期事项"));
    insta::assert_snapshot!(out);
}

/// Six weeks later two restore tests are overdue: they come first, and say so.
#[test]
fn acme_table_with_overdue_duties() {
    let out = due(&["--as-of", "2026-12-15"]);
    let overdue = out.find("25 days overdue").expect("overdue line");
    let coming = out.find("in 3 days").expect("coming line");
    assert!(overdue < coming, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn acme_table_with_overdue_duties_zh() {
    let out = due(&["--as-of", "2026-12-15", "--lang", "zh-CN"]);
    assert!(out.contains("逾期 25 天"));
    insta::assert_snapshot!(out);
}

#[test]
fn acme_markdown() {
    let out = due(&["--as-of", "2026-12-15", "--format", "markdown"]);
    assert_markdown_table(&out);
    insta::assert_snapshot!(out);
}

#[test]
fn acme_markdown_zh() {
    let out = due(&["--as-of", "2026-12-15", "--format", "markdown", "--lang", "zh-CN"]);
    assert_markdown_table(&out);
    insta::assert_snapshot!(out);
}

/// Parsed as GitHub Markdown: the duties form a table, and no record text becomes HTML.
fn assert_markdown_table(out: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut tables = 0;
    for event in Parser::new_ext(out, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML in the Markdown: {h}"),
            _ => {}
        }
    }
    assert_eq!(tables, 2, "one table of overdue duties, one of those coming: {out}");
}

#[test]
fn acme_json() {
    let out = due(&["--as-of", "2026-12-15", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // October's report (due 11-06), the October service review's action (11-06), the
    // November service review (11-09), bp-core-db's restore test (11-20), November's report
    // (12-07) and bp-payment's restore test (12-11).
    assert_eq!(v["overdue"], 6);
    assert_eq!(v["duties"][0]["days_left"], -39);
    insta::assert_snapshot!(out);
}

#[test]
fn acme_json_zh() {
    insta::assert_snapshot!(due(&["--as-of", "2026-12-15", "--format", "json", "--lang", "zh-CN"]));
}

/// One row per duty after the header, read back with the `csv` crate.
#[test]
fn acme_csv() {
    let out = due(&["--as-of", "2026-12-15", "--format", "csv"]);
    let json: serde_json::Value = serde_json::from_str(&due(&["--as-of", "2026-12-15", "--format", "json"])).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "due");
    assert_eq!(&header[1], "days_left");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let duties = json["duties"].as_array().unwrap();
    assert_eq!(rows.len(), duties.len());
    for (row, duty) in rows.iter().zip(duties) {
        assert_eq!(&row[1], duty["days_left"].to_string());
        assert_eq!(&row[6], duty["help"].as_str().unwrap_or(""), "commas in the help survive");
    }
    assert!(out.ends_with("\r\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn acme_csv_zh() {
    insta::assert_snapshot!(due(&["--as-of", "2026-12-15", "--format", "csv", "--lang", "zh-CN"]));
}

#[test]
fn acme_ics() {
    insta::assert_snapshot!(due(&["--as-of", "2026-12-15", "--format", "ics"]));
}

#[test]
fn acme_ics_zh() {
    insta::assert_snapshot!(due(&["--as-of", "2026-12-15", "--format", "ics", "--lang", "zh-CN"]));
}

// ---------------------------------------------------------------- the calendar, read back

/// Name → (parameters, value) of every property of every VEVENT, as `ical` reads them.
type Props = Vec<(String, Vec<(String, Vec<String>)>, String)>;

fn events(text: &str) -> Vec<Props> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("a valid calendar");
    assert!(calendars.next().is_none());
    let calname = cal.properties.iter().find(|p| p.name == "X-WR-CALNAME").and_then(|p| p.value.clone());
    assert!(calname.is_some_and(|n| n.contains("acme-core-ops")));
    cal.events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| (p.name, p.params.unwrap_or_default(), p.value.unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn prop<'a>(event: &'a Props, name: &str) -> &'a (String, Vec<(String, Vec<String>)>, String) {
    let mut found = event.iter().filter(|(n, ..)| n == name);
    let p = found.next().unwrap_or_else(|| panic!("no {name} in {event:?}"));
    assert!(found.next().is_none(), "{name} twice");
    p
}

/// The values of property `name`, unfolded exactly as RFC 5545 says (CRLF and one blank
/// removed) and unescaped. The `ical` crate trims each physical line before joining, so a
/// line folded right after a blank loses that blank there: exact texts are compared here.
fn exact_values(text: &str, name: &str) -> Vec<String> {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .split("\r\n")
        .filter_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')))
        .map(unescape)
        .collect()
}

/// RFC 5545 TEXT unescaping (the `ical` crate leaves values as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_calendar_has_one_all_day_event_per_duty_with_stable_uids() {
    let early = due(&["--as-of", "2026-10-31", "--within", "1y", "--format", "ics"]);
    let late = due(&["--as-of", "2026-12-15", "--within", "1y", "--format", "ics"]);
    let json: serde_json::Value =
        serde_json::from_str(&due(&["--as-of", "2026-10-31", "--within", "1y", "--format", "json"])).unwrap();
    let duties = json["duties"].as_array().unwrap();
    assert!(!duties.is_empty());
    assert!(early.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
    assert!(early.split("\r\n").all(|l| !l.contains('\n')), "CRLF line ends only");
    let exact = exact_values(&early, "DESCRIPTION");
    assert_eq!(exact.len(), duties.len());
    for (description, duty) in exact.iter().zip(duties) {
        assert!(description.starts_with(duty["help"].as_str().unwrap_or("")), "{description}");
    }
    let (early, late) = (events(&early), events(&late));
    assert_eq!(early.len(), duties.len(), "one VEVENT per duty");
    let uids: std::collections::BTreeSet<&str> = early.iter().map(|e| prop(e, "UID").2.as_str()).collect();
    assert_eq!(uids.len(), early.len(), "UIDs are unique");
    // The same duties seen on another day keep their UIDs (the calendar updates, not
    // duplicates), however their due dates moved.
    let later_json: serde_json::Value =
        serde_json::from_str(&due(&["--as-of", "2026-12-15", "--within", "1y", "--format", "json"])).unwrap();
    let by_key = |v: &serde_json::Value| -> std::collections::BTreeMap<String, String> {
        v["duties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (format!("{}|{}", d["rule"], d["key"]), d["uid"].as_str().unwrap().to_owned()))
            .collect()
    };
    let (before, after) = (by_key(&json), by_key(&later_json));
    let both: Vec<&String> = before.keys().filter(|k| after.contains_key(*k)).collect();
    assert!(both.len() >= 10, "{both:?}");
    for k in both {
        assert_eq!(before[k], after[k], "{k}");
    }
    let later: std::collections::BTreeSet<&str> = late.iter().map(|e| prop(e, "UID").2.as_str()).collect();
    assert_eq!(later.len(), late.len());
    for (event, duty) in early.iter().zip(duties) {
        let (_, params, start) = prop(event, "DTSTART");
        assert_eq!(params, &[("VALUE".to_owned(), vec!["DATE".to_owned()])]);
        assert_eq!(start.len(), 8, "a DATE, no time: {start}");
        assert_eq!(start, &duty["due"].as_str().unwrap().replace('-', ""));
        let (_, params, end) = prop(event, "DTEND");
        assert_eq!(params, &[("VALUE".to_owned(), vec!["DATE".to_owned()])]);
        assert!(end > start);
        assert_eq!(prop(event, "DTSTAMP").2, "20261031T000000Z", "DTSTAMP is the as-of day");
        assert_eq!(prop(event, "UID").2, duty["uid"].as_str().unwrap());
        let summary = unescape(&prop(event, "SUMMARY").2);
        assert!(summary.starts_with('['), "{summary}");
        assert!(summary.starts_with(&format!("[{}] ", duty["rule"].as_str().unwrap())), "{summary}");
        let description = unescape(&prop(event, "DESCRIPTION").2).replace(' ', "");
        assert!(description.contains(&duty["help"].as_str().unwrap_or("").replace(' ', "")), "{description}");
        assert!(description.contains(duty["file"].as_str().unwrap()));
        let rule = duty["rule"].as_str().unwrap();
        assert_eq!(&prop(event, "CATEGORIES").2, rule.split('-').next().unwrap());
    }
    for event in &late {
        assert_eq!(prop(event, "DTSTAMP").2, "20261215T000000Z");
    }
}

/// A duty whose texts hold commas, semicolons, backslashes, line breaks and a bare CR, with an
/// owner, rendered directly: the calendar reads back to the same texts, and the table and
/// Markdown show the owner.
#[test]
fn record_text_survives_the_calendar_round_trip() {
    let what = "restore db1, db2; then \\verify\nall\rdone";
    let help = "step 1; step 2, and step 3\nthen sign";
    let as_of = jiff::civil::date(2026, 10, 31);
    let duty = Duty::new(
        "BAK-002",
        Kind::BackupPolicy,
        "bp-x",
        None,
        jiff::civil::date(2026, 10, 29),
        Span::new(FileId(0), 0, 1),
        Msg::new(what, what),
    )
    .help(Msg::new(help, help))
    .owner(Some("p-chen-jie"));
    let line = DueLine {
        duty,
        days_left: -2,
        engagement: Some("acme-core-ops".to_owned()),
        file: "backups/x.yaml".to_owned(),
        line: 3,
        column: 9,
        uid: "0123@itos".to_owned(),
    };
    let report = DueReport {
        as_of,
        within: Within::DEFAULT,
        until: jiff::civil::date(2026, 11, 30),
        owner: None,
        engagement: None,
        lines: vec![line],
        later: 0,
        configuration: Default::default(),
    };
    let text = itos::output::due::ics(&report, "acme-core-ops, demo; x", Lang::En);
    let events = events(&text);
    assert_eq!(events.len(), 1);
    assert!(prop(&events[0], "SUMMARY").2.starts_with("[BAK-002] "));
    let summary = exact_values(&text, "SUMMARY").concat();
    assert_eq!(summary, format!("[BAK-002] {}", what.replace('\r', "\n")));
    let description = exact_values(&text, "DESCRIPTION").concat();
    assert!(description.starts_with("2 days overdue as of 2026-10-31 (due 2026-10-29).\n"), "{description}");
    assert!(description.contains(help));
    assert!(description.contains("Record: BackupPolicy/bp-x — backups/x.yaml:3"));
    assert!(description.contains("Owner: p-chen-jie"));
    let zh = itos::output::due::ics(&report, "acme-core-ops", Lang::ZhCn);
    assert!(exact_values(&zh, "DESCRIPTION").concat().contains("截至 2026-10-31 已逾期 2 天"));
    let table = itos::output::due::table(&report, "acme-core-ops", Lang::En);
    assert!(table.contains("Owner") && table.contains("p-chen-jie"), "{table}");
    let markdown = itos::output::due::markdown(&report, "acme-core-ops", Lang::ZhCn);
    assert!(markdown.contains("| 负责人 |") && markdown.contains("逾期 2 天"), "{markdown}");
}

// ---------------------------------------------------------------- flags

#[test]
fn a_bad_within_exits_2_with_a_clear_message() {
    for bad in ["30", "3x", "-3d", "d", "2000y"] {
        let within = format!("--within={bad}");
        let (code, _, stderr) = itos(&["report", "due", "-C", "examples/acme", &within]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("is not a period"), "{stderr}");
    }
}

#[test]
fn the_window_widens_with_within() {
    let v: serde_json::Value =
        serde_json::from_str(&due(&["--as-of", "2026-10-31", "--within", "6m", "--format", "json"])).unwrap();
    assert_eq!(v["within"], "6m");
    assert_eq!(v["until"], "2027-04-30");
    let narrow: serde_json::Value = serde_json::from_str(&due(&["--as-of", "2026-10-31", "--format", "json"])).unwrap();
    assert_eq!(narrow["within"], "30d");
    let listed = |v: &serde_json::Value| v["duties"].as_array().unwrap().len();
    let later = |v: &serde_json::Value| v["later"].as_u64().unwrap() as usize;
    assert!(listed(&v) > listed(&narrow));
    assert_eq!(listed(&v) + later(&v), listed(&narrow) + later(&narrow));
}

/// An owner nobody is lists nothing, and says so.
#[test]
fn an_unknown_owner_lists_nothing() {
    let out = due(&["--as-of", "2026-10-31", "--owner", "nobody-at-all"]);
    assert!(out.contains("nobody-at-all"), "{out}");
    assert!(out.contains("Nothing due within 30 days."), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&due(&["--as-of", "2026-10-31", "--owner", "nobody-at-all", "--format", "json"])).unwrap();
    assert_eq!(v["owner"], "nobody-at-all");
    assert_eq!(v["duties"].as_array().unwrap().len(), 0);
    assert_eq!(v["later"], 0);
}

#[test]
fn an_unknown_engagement_exits_2() {
    let (code, _, stderr) = itos(&["report", "due", "-C", "examples/acme", "--engagement", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no such engagement"), "{stderr}");
    let out = due(&["--as-of", "2026-10-31", "--engagement", "acme-core-ops", "--format", "json"]);
    assert!(out.contains("\"engagement\": \"acme-core-ops\""));
}

/// Rules switched off in itos.toml list no duties.
#[test]
fn a_rule_switched_off_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme");
    common::copy_dir(std::path::Path::new("examples/acme"), &root);
    let config = root.join("itos.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[rules]\n\"BAK-002\" = \"off\"\n")).unwrap();
    let r = root.to_str().unwrap();
    let (code, out, err) =
        itos(&["report", "due", "-C", r, "--no-git", "--as-of", "2026-10-31", "--within", "1y", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["duties"].as_array().unwrap().iter().all(|d| d["rule"] != "BAK-002"), "{out}");
    // …and the report says why (assurance.md: the configuration is disclosed).
    assert_eq!(json["configuration"]["rules"], serde_json::json!([{"rule": "BAK-002", "level": "off"}]));
}

#[test]
fn the_output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("due.ics");
    let (code, out, err) = itos(&[
        "report",
        "due",
        "-C",
        "examples/acme",
        "--as-of",
        "2026-10-31",
        "--format",
        "ics",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("BEGIN:VCALENDAR\r\n"));
}

/// Help, completions and the man page are generated from clap: the command is in each.
#[test]
fn help_completions_and_man_page_know_the_command() {
    let (code, help, _) = itos(&["report", "--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("due") && help.contains("待办与到期提醒"), "{help}");
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = itos(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains("within") && out.contains("ics"), "{shell}");
    }
    let (code, man, _) = itos(&["man"]);
    assert_eq!(code, 0);
    assert!(man.contains("what falls due"));
}

/// `--owner` by id or by name selects the same duties: those whose record names the person
/// (a problem's or audit finding's `owner`, a person's own training and qualifications).
#[test]
fn owner_by_id_or_name_lists_that_persons_duties() {
    let json = |owner: &str| -> serde_json::Value {
        serde_json::from_str(&due(&["--as-of", "2026-10-31", "--within", "1y", "--owner", owner, "--format", "json"]))
            .unwrap()
    };
    let (by_id, by_name) = (json("p-chen-jie"), json("陈杰"));
    let duties = by_id["duties"].as_array().unwrap();
    assert!(duties.len() >= 2, "{by_id}");
    assert!(duties.iter().all(|d| d["owner"] == "p-chen-jie"), "{by_id}");
    let rules: Vec<&str> = duties.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"PRB-001") && rules.contains(&"AUD-003"), "{rules:?}");
    assert_eq!(by_id["duties"], by_name["duties"]);
    let all = json("");
    assert!(all["duties"].as_array().unwrap().len() > duties.len());
}
