#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Messages that lead to the fix: domain-aware suggestions, each asserted with its position.

use itos::config::Config;
use itos::load::Repository;
use itos::model::Finding;
use itos::rules::{Settings, examples::BASE, run};

const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 10, 31);

/// The general rules' findings on `files`, each with its file, line and column.
fn check(files: &[(&str, &str)]) -> Vec<(Finding, String, u32, u32)> {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
    let repo = Repository::from_texts(&files, Config::default());
    let general: Vec<String> =
        itos::rules::all().iter().map(|r| r.meta().id).filter(|id| id.starts_with("GEN-")).map(str::to_owned).collect();
    let settings = Settings::new(&repo.config, &general, &[]).unwrap();
    run(&repo, &settings, AS_OF)
        .findings
        .into_iter()
        .map(|f| {
            let (file, lc, _) = repo.sources.locate(f.span).unwrap();
            let path = file.path.clone();
            (f, path, lc.line, lc.col)
        })
        .collect()
}

fn help(f: &Finding) -> &str {
    f.help.as_ref().map_or("", |h| h.en.as_str())
}

const INCIDENT: &str =
    "kind: Incident\nid: I-1\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\n";

#[test]
fn reopened_at_points_to_the_reopened_list_not_opened_at() {
    let text = format!("{INCIDENT}reopened_at: 2026-10-09T10:00:00+08:00\n");
    let found = check(&[("base.yaml", BASE), ("i.yaml", &text)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (f, file, line, col) = &found[0];
    assert_eq!((f.rule, file.as_str(), *line, *col), ("GEN-003", "i.yaml", 6, 1));
    assert_eq!(f.message.en, "unknown field `reopened_at`");
    assert_eq!(help(f), "did you mean `reopened: [{at, resolved_at}]`?");
    assert_eq!(f.help.as_ref().unwrap().zh, "是否应为 `reopened: [{at, resolved_at}]`？");
}

#[test]
fn an_enum_value_spelt_with_spaces_is_matched_after_normalising() {
    for written in ["waiting for customer", "Awaiting_Customer", "awaiting customer"] {
        let text = format!(
            "{INCIDENT}paused:\n  - {{from: 2026-10-08T11:00:00+08:00, to: 2026-10-08T12:00:00+08:00, reason: {written}}}\n"
        );
        let found = check(&[("base.yaml", BASE), ("i.yaml", &text)]);
        assert_eq!(found.len(), 1, "{written}: {found:#?}");
        let (f, file, line, col) = &found[0];
        assert_eq!((f.rule, file.as_str(), *line, *col), ("GEN-003", "i.yaml", 7, 78), "{written}");
        assert_eq!(help(f), "did you mean `awaiting-customer`?", "{written}");
    }
}

#[test]
fn a_comma_inside_a_flow_mapping_that_splits_a_value_says_to_quote_it() {
    let split =
        BASE.replace("payment_terms: 按月结算}", "payment_terms: 次月 10 个工作日内支付, 逾期按日加收万分之五}");
    // The Engagement is left out for its field error, so its Sla belongs to none (GEN-005).
    let found: Vec<_> = check(&[("base.yaml", &split)]).into_iter().filter(|f| f.0.rule == "GEN-003").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let (f, file, line, col) = &found[0];
    assert_eq!((f.rule, file.as_str(), *line), ("GEN-003", "base.yaml", 11));
    assert_eq!(*col, 86, "at the split-off key");
    assert_eq!(f.message.en, "unknown field `逾期按日加收万分之五` in `fees`");
    assert_eq!(help(f), "a comma inside `{…}` separates entries: quote the value");
    // A block key without a value is not taken for a split value.
    let block = BASE.replace(
        "fees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}",
        "fees:\n  amount: 100000\n  currency: CNY\n  period: monthly\n  payment_terms: 按月结算\n  payment_term:\n",
    );
    let found: Vec<_> = check(&[("base.yaml", &block)]).into_iter().filter(|f| f.0.rule == "GEN-003").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(help(&found[0].0), "did you mean `payment_terms`?");
}

#[test]
fn seven_by_twenty_four_is_the_built_in_around_the_clock_calendar() {
    // `7x24` (how Chinese contracts write 7×24) names the built-in `24x7`.
    let base = BASE.replace("availability: {target: 99.9}", "availability: {target: 99.9, hours: 7x24}");
    let base =
        base.replace("P1: {response: 15m, resolution: 4h}", "P1: {response: 15m, resolution: 4h, calendar: 7×24}");
    assert!(base.contains("hours: 7x24}") && base.contains("calendar: 7×24}"));
    let found = check(&[("base.yaml", &base)]);
    assert!(found.is_empty(), "{found:#?}");
    let repo = Repository::from_texts(&[("base.yaml".to_owned(), base)], Config::default());
    let calendars = itos::calendar::Calendars::build(&repo.records);
    assert!(calendars.get("7x24").unwrap().always && calendars.get("7×24").unwrap().always);
    // A misspelt calendar is still reported.
    let wrong = BASE.replace("availability: {target: 99.9}", "availability: {target: 99.9, hours: 7x42}");
    let found = check(&[("base.yaml", &wrong)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0.rule, found[0].2, found[0].3), ("GEN-005", 20, 37));
}

const PEOPLE: &str = "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-03-01\n---\nkind: Person\nid: p-wang-1\nname: 王磊\nrole: 运维工程师\njoined: 2025-03-01\n---\nkind: Person\nid: p-wang-2\nname: 王磊\nrole: 网络工程师\njoined: 2025-04-01\n";

fn training(attendees: &str) -> String {
    format!("kind: Training\nid: TRN-1\ntopic: security-awareness\nheld_at: 2026-03-18\nattendees: {attendees}\n")
}

#[test]
fn a_persons_unique_name_is_accepted_where_a_person_id_is_expected() {
    let found = check(&[("base.yaml", BASE), ("p.yaml", PEOPLE), ("t.yaml", &training("[p-li-na, 李娜]"))]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_name_two_persons_share_is_reported_with_their_ids() {
    let found = check(&[("base.yaml", BASE), ("p.yaml", PEOPLE), ("t.yaml", &training("[王磊]"))]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (f, file, line, col) = &found[0];
    assert_eq!((f.rule, file.as_str(), *line, *col), ("GEN-005", "t.yaml", 5, 13));
    assert_eq!(f.message.en, "`attendees`: `王磊` is the name of more than one Person");
    assert_eq!(help(f), "write the id of the one meant: `p-wang-1`, `p-wang-2`");
    // An unknown name is still an unknown reference.
    let found = check(&[("base.yaml", BASE), ("p.yaml", PEOPLE), ("t.yaml", &training("[p-li-nа2]"))]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0.message.en, "`attendees`: Person `p-li-nа2` is not defined");
}

#[test]
fn emergency_plan_roles_may_name_customer_staff_as_text() {
    let plan = "kind: EmergencyPlan\nid: EP-1\nversion: \"1.0\"\nreviewed_at: 2026-04-15\nlevels:\n  - {level: Ⅰ级, criteria: 核心交易中断, response: 15m}\nroles:\n  - {role: 应急总指挥, person: p-li-na}\n  - {role: 业务协调, person: 客户运维部 周主任}\n  - {role: 网络, person: 王磊}\nresources: [同城灾备中心]\n";
    let found = check(&[("base.yaml", BASE), ("p.yaml", PEOPLE), ("e.yaml", plan)]);
    // Free text is accepted; a name two Persons share is not.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0.rule, found[0].2, found[0].3), ("GEN-005", 10, 24));
}

#[test]
fn an_empty_reference_is_absent_not_a_reference_to_nothing() {
    let found = check(&[("base.yaml", BASE), ("p.yaml", PEOPLE), ("t.yaml", &training("[p-li-na, \"\"]"))]);
    assert!(found.is_empty(), "{found:#?}");
    let incident = format!("{INCIDENT}engagement: \"\"\nproblem: \"\"\n");
    let found = check(&[("base.yaml", BASE), ("i.yaml", &incident)]);
    assert!(found.is_empty(), "{found:#?}");
}
