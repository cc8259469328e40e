#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Holiday data that runs out: `cn-workdays` ships 2024–2026. A contract running into 2027
//! draws one note per calendar in every command that counts working days; a Calendar that
//! extends `cn-workdays` with the year's holidays, make-up workdays and `holiday_years`
//! counts them and silences the note.

use crate::common;

use common::{BASE, itos};
use itos::config::Config;
use itos::load::Repository;
use itos::rules::Context;
use itos::rules::notes::calendar_data;
use jiff::civil::date;

/// The base engagement with its term and calendar replaced.
fn engagement(term: &str, calendar: Option<&str>) -> String {
    let text = BASE.replace("term: {start: 2025-07-01, end: 2027-06-30}", &format!("term: {term}"));
    match calendar {
        Some(c) => text.replace("title: 示例服务项目\n", &format!("title: 示例服务项目\ncalendar: {c}\n")),
        None => text,
    }
}

/// Spring Festival 2027 as an example (the real dates come from the State Council's notice
/// for 2027): days off Fri 02-05 … Fri 02-12, make-up workday Sat 02-20; New Year's Day.
const CN_2027: &str = "\
kind: Calendar
id: cn-workdays-2027
timezone: Asia/Shanghai
extends: cn-workdays
week: {}
holiday_years: [2027]
holidays: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12]
workdays: [2027-02-20]
";

fn repo(files: &[(&str, &str)]) -> Repository {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
    let repo = Repository::from_texts(&files, Config::default());
    let errors: Vec<_> = repo.findings.iter().map(|f| &f.message.en).collect();
    assert!(errors.is_empty(), "{errors:?}");
    repo
}

/// (calendar, years without data) of every note.
fn notes(repo: &Repository, as_of: (i16, i8, i8)) -> Vec<(String, Vec<i16>)> {
    let cx = Context::new(repo, date(as_of.0, as_of.1, as_of.2));
    calendar_data(&cx).into_iter().map(|n| (n.calendar.clone(), n.years.iter().collect())).collect()
}

#[test]
fn a_contract_beyond_the_data_gets_a_note_per_calendar() {
    // To 2028, judged 2026-10-31: the years counted reach a year ahead, to 2027-10-31.
    let e = engagement("{start: 2026-01-01, end: 2028-12-31}", None);
    let r = repo(&[("e.yaml", &e)]);
    assert_eq!(notes(&r, (2026, 10, 31)), vec![("cn-workdays".to_owned(), vec![2027])]);
    // Later, 2028 too; a term that started before the data, that year as well.
    assert_eq!(notes(&r, (2027, 6, 30)), vec![("cn-workdays".to_owned(), vec![2027, 2028])]);
    let early = engagement("{start: 2023-07-01, end: 2026-06-30}", None);
    assert_eq!(notes(&repo(&[("e.yaml", &early)]), (2026, 5, 31)), vec![("cn-workdays".to_owned(), vec![2023])]);
    // Within the data: nothing. A term that has not started within the next year: nothing.
    let inside = engagement("{start: 2025-01-01, end: 2026-12-31}", None);
    assert!(notes(&repo(&[("e.yaml", &inside)]), (2026, 10, 31)).is_empty());
    let later = engagement("{start: 2028-01-01, end: 2029-12-31}", None);
    assert!(notes(&repo(&[("e.yaml", &later)]), (2026, 10, 31)).is_empty());
    // Slas' priority calendars count too (24x7 never: it has no holidays to miss).
    let with_p3 = engagement("{start: 2025-01-01, end: 2027-06-30}", Some("24x7"))
        .replace("P3: {response: 2h, resolution: 2d}", "P3: {response: 2h, resolution: 1wd, calendar: cn-workdays}");
    assert_eq!(notes(&repo(&[("e.yaml", &with_p3)]), (2026, 10, 31)), vec![("cn-workdays".to_owned(), vec![2027])]);
}

#[test]
fn a_calendar_extending_cn_workdays_adds_a_year() {
    let e = engagement("{start: 2026-01-01, end: 2028-12-31}", Some("cn-workdays-2027"));
    let r = repo(&[("e.yaml", &e), ("c.yaml", CN_2027)]);
    let cal = r.calendars.get("cn-workdays-2027").unwrap();
    // Spring Festival 2027 is off, the make-up Saturday works, an ordinary week is unchanged.
    assert!(!cal.is_working_day(date(2027, 2, 8)), "Spring Festival");
    assert!(!cal.is_working_day(date(2027, 1, 1)), "New Year's Day");
    assert!(cal.is_working_day(date(2027, 2, 20)), "make-up Saturday");
    assert!(cal.is_working_day(date(2027, 2, 15)) && !cal.is_working_day(date(2027, 2, 21)));
    assert_eq!(cal.ranges(date(2027, 2, 20)).len(), 1, "a make-up workday has Monday's hours");
    // It keeps cn-workdays' week and years: National Day 2026 is still off.
    assert!(!cal.is_working_day(date(2026, 10, 1)));
    assert_eq!(cal.data_years.as_ref().map(ToString::to_string).as_deref(), Some("2024–2027"));
    // Five working days after Thu 2027-02-04: Mon 02-15 … Fri 02-19 (02-05..02-12 are off).
    assert_eq!(cal.add_working_days(date(2027, 2, 4), 5), date(2027, 2, 19));
    // … where plain cn-workdays counts Fri 02-05 and Mon 02-08 … Thu 02-11.
    assert_eq!(r.calendars.get("cn-workdays").unwrap().add_working_days(date(2027, 2, 4), 5), date(2027, 2, 11));
    // The note is gone for 2027, and comes back for 2028 once that year is counted.
    assert!(notes(&r, (2026, 10, 31)).is_empty());
    assert_eq!(notes(&r, (2027, 6, 30)), vec![("cn-workdays-2027".to_owned(), vec![2028])]);
}

#[test]
fn holiday_years_must_list_holidays_of_the_year() {
    let bad = CN_2027.replace("holiday_years: [2027]", "holiday_years: [2027, 2028, 1900]");
    let files = vec![("c.yaml".to_owned(), bad)];
    let r = Repository::from_texts(&files, Config::default());
    let messages: Vec<&str> = r.findings.iter().map(|f| f.message.en.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "`holiday_years` lists 2028, but `holidays` has no date in 2028",
            "`holiday_years`: 1900 is not a year from 1970 to 2200",
        ]
    );
}

/// A records repository on disk: itos.toml plus `files`.
fn on_disk(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\nas_of = \"2026-10-31\"\n").unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn every_command_that_counts_working_days_says_so_once() {
    let e = engagement("{start: 2026-01-01, end: 2028-12-31}", None);
    let dir = on_disk(&[("e.yaml", &e)]);
    let root = dir.path().to_str().unwrap();
    let note = "note: calendar `cn-workdays` has public-holiday data for 2024–2026 only: working days in 2027 are counted as plain weekdays, without public holidays or make-up workdays; add them, with `holiday_years`, to a Calendar record that extends `cn-workdays` (docs/calendars.md)";
    for args in [
        vec!["validate", "-C", root, "--no-git"],
        vec!["validate", "-C", root, "--no-git", "--format", "sarif"],
        vec!["report", "gaps", "-C", root, "--no-git"],
        vec!["handover", "checklist", "-C", root, "--no-git"],
    ] {
        let (_, _, err) = itos(&args);
        assert_eq!(err.matches(note).count(), 1, "{args:?}: {err}");
    }
    let (_, _, err) = itos(&["validate", "-C", root, "--no-git", "--lang", "zh-CN"]);
    assert!(
        err.contains("注意：日历 `cn-workdays` 仅含 2024–2026 年的法定节假日数据：2027 年的工作日按普通工作日计算，未计法定节假日与调休上班日；请在继承 `cn-workdays` 的 `Calendar` 记录中补充，并列入 `holiday_years`（见 docs/calendars.md）"),
        "{err}"
    );
    let (_, _, err) = itos(&["validate", "-C", root, "--no-git", "--quiet"]);
    assert!(!err.contains("cn-workdays"), "{err}");
    // Machine formats carry it as an entry.
    let (_, json, _) = itos(&["validate", "-C", root, "--no-git", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["notes"][0]["kind"], "calendar-data");
    assert_eq!(v["notes"][0]["calendar"], "cn-workdays");
    assert_eq!(v["notes"][0]["years"], serde_json::json!([2027]));
    assert_eq!(v["notes"].as_array().unwrap().len(), 1);
    let (_, sarif, _) = itos(&["validate", "-C", root, "--no-git", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let notification = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "note");
    assert_eq!(notification["descriptor"]["id"], "calendar-data");
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    let (_, github, _) = itos(&["validate", "-C", root, "--no-git", "--format", "github"]);
    assert!(github.starts_with("::notice title=itos::calendar `cn-workdays` has public-holiday data"), "{github}");

    // With the year added, no command says anything about it, and the JSON has no `notes`.
    let e = engagement("{start: 2026-01-01, end: 2028-12-31}", Some("cn-workdays-2027"));
    let dir = on_disk(&[("e.yaml", &e), ("c.yaml", CN_2027)]);
    let root = dir.path().to_str().unwrap();
    let (_, json, err) = itos(&["validate", "-C", root, "--no-git", "--format", "json"]);
    assert!(!err.contains("public-holiday data"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.get("notes").is_none(), "{json}");
}
