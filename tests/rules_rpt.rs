#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the service-report rule (RPT-*): rule id, file, line and column.

use crate::common;
use common::*;

/// A batch of reports for the months from (y0, m0) to (y1, m1), each delivered on the given
/// day of the following month.
fn reports(from: (i16, i8), to: (i16, i8), day: i8) -> String {
    let mut s = String::from("kind: ServiceReport\nitems:\n");
    let (mut y, mut m) = from;
    while (y, m) <= to {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = jiff::civil::date(y, m, 1).last_of_month().day();
        s.push_str(&format!(
            "  - {{id: R-{y}-{m:02}, period: {{from: {y}-{m:02}-01, to: {y}-{m:02}-{last}}}, delivered_at: {ny}-{nm:02}-{day:02}}}\n"
        ));
        (y, m) = (ny, nm);
    }
    s
}

const SEPT: &str =
    "kind: ServiceReport\nid: R-2026-09\nperiod: {from: 2026-09-01, to: 2026-09-30}\ndelivered_at: 2026-10-13\n";

#[test]
fn rpt001_deadline_counts_working_days_across_national_day() {
    // September 2026 ends on Wed 09-30; with the National Day holidays the fifth working day
    // after it is Tue 10-13.
    let until_august = reports((2025, 7), (2026, 8), 3);
    assert!(run_rule("RPT-001", &[("r.yaml", &until_august), ("s.yaml", SEPT)], "2026-10-31").0.is_empty());
    let late = SEPT.replace("2026-10-13", "2026-10-14");
    let (located, findings) = run_rule("RPT-001", &[("r.yaml", &until_august), ("s.yaml", &late)], "2026-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "the service report for 2026-09 was due by 2026-10-13 (5 working days after 2026-09-30), but R-2026-09 was delivered on 2026-10-14"
    );
    // The late report's delivery is labelled.
    assert_eq!(findings[0].labels.len(), 1);
}

#[test]
fn rpt001_missing_month_once_its_deadline_has_passed() {
    let until_august = reports((2025, 7), (2026, 8), 3);
    assert!(run_rule("RPT-001", &[("r.yaml", &until_august)], "2026-10-13").0.is_empty());
    let (located, findings) = run_rule("RPT-001", &[("r.yaml", &until_august)], "2026-10-14");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "no service report for 2026-09 (2026-09-01 to 2026-09-30) was delivered by 2026-10-13, 5 working days after the month ended"
    );
    // Before the deadline a report still to come is not a finding.
    assert!(run_rule("RPT-001", &[("r.yaml", &until_august), ("s.yaml", SEPT)], "2026-10-12").0.is_empty());
}

#[test]
fn rpt001_one_finding_per_month() {
    // As of 2025-10-31 July, August and September 2025 are due (September by 2025-10-14).
    let (located, findings) = run_rule("RPT-001", &[], "2025-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5); 3]);
    let months: Vec<bool> =
        ["2025-07", "2025-08", "2025-09"].iter().map(|m| findings.iter().any(|f| f.message.en.contains(m))).collect();
    assert_eq!(months, vec![true; 3]);
    // Before the term starts nothing is due.
    assert!(run_rule("RPT-001", &[], "2025-06-30").0.is_empty());
}

#[test]
fn rpt001_a_report_covering_several_months() {
    let quarter =
        "kind: ServiceReport\nid: R-2025-Q3\nperiod: {from: 2025-07-01, to: 2025-09-30}\ndelivered_at: 2025-10-10\n";
    // On time for September (due 2025-10-14), late for July and August.
    let (located, findings) = run_rule("RPT-001", &[("q.yaml", quarter)], "2025-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5); 2]);
    assert!(findings.iter().all(|f| f.message.en.contains("but R-2025-Q3 was delivered on 2025-10-10")));
}

#[test]
fn rpt001_partial_months_at_the_term_edges() {
    // Term 2025-07-15..2025-09-15: July is covered from the 15th, September up to the 15th,
    // due 5 working days after the service ended (2025-09-22).
    let eng = BASE.replace("term: {start: 2025-07-01, end: 2027-06-30}", "term: {start: 2025-07-15, end: 2025-09-15}");
    let r = "kind: ServiceReport\nitems:\n  - {id: R-07, period: {from: 2025-07-15, to: 2025-07-31}, delivered_at: 2025-08-01}\n  - {id: R-08, period: {from: 2025-08-01, to: 2025-08-31}, delivered_at: 2025-09-01}\n  - {id: R-09, period: {from: 2025-09-01, to: 2025-09-15}, delivered_at: 2025-09-22}\n";
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", r)];
    assert!(run_rules(&files, "", &["RPT-001"], "2025-12-31").0.is_empty());
    let short = r.replace("from: 2025-07-15", "from: 2025-07-16");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", short.as_str())];
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2025-12-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2025-07 (2025-07-15 to 2025-07-31)"));
    let no_september = r.replace("delivered_at: 2025-09-22", "delivered_at: 2025-09-23");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", no_september.as_str())];
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2025-12-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("due by 2025-09-22"), "{}", findings[0].message.en);
}

#[test]
fn rpt001_workdays_parameter_and_engagement_calendar() {
    let until_august = reports((2025, 7), (2026, 8), 3);
    let late = SEPT.replace("2026-10-13", "2026-10-14");
    let files = [("engagement.yaml", BASE), ("r.yaml", until_august.as_str()), ("s.yaml", late.as_str())];
    assert!(run_rules(&files, "[policy]\nservice_report_workdays = 6\n", &["RPT-001"], "2026-10-31").0.is_empty());
    // On a 7×24 calendar every day counts: September's report was due on 2026-10-05.
    let eng = BASE.replace("term: {start", "calendar: 24x7\nterm: {start");
    let oct5 = SEPT.replace("2026-10-13", "2026-10-05");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", until_august.as_str()), ("s.yaml", oct5.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-10-31").0.is_empty());
    let oct6 = SEPT.replace("2026-10-13", "2026-10-06");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", until_august.as_str()), ("s.yaml", oct6.as_str())];
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2026-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("due by 2026-10-05"));
}

/// The base engagement with a term from 2026-01-01 and, when given, `records_from` (line 7).
fn adopted(records_from: Option<&str>) -> String {
    let term = "term: {start: 2026-01-01, end: 2027-12-31}";
    let with = records_from.map_or(term.to_owned(), |d| format!("{term}\nrecords_from: {d}"));
    BASE.replace("term: {start: 2025-07-01, end: 2027-06-30}", &with)
}

#[test]
fn rpt001_no_report_is_owed_for_months_before_records_from() {
    // Adopted on 2026-11-01 with nothing recorded before: no finding for January–October;
    // November's report is due by Mon 2026-12-07, five working days after Mon 11-30.
    let eng = adopted(Some("2026-11-01"));
    let files = [("engagement.yaml", eng.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-12-07").0.is_empty());
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2026-12-08");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "no service report for 2026-11 (2026-11-01 to 2026-11-30) was delivered by 2026-12-07, 5 working days after the month ended"
    );
    // Without `records_from` every month since the term began is owed.
    let eng = adopted(None);
    let (located, _) = run_rules(&[("engagement.yaml", eng.as_str())], "", &["RPT-001"], "2026-12-08");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5); 11]);
}

#[test]
fn rpt001_the_month_records_from_falls_in_is_owed_in_full() {
    // Adopted on 2026-11-03: October ended before it, so it is not owed although its report
    // was due on 2026-11-06; November is owed from its first day.
    let eng = adopted(Some("2026-11-03"));
    let (located, findings) = run_rules(&[("engagement.yaml", eng.as_str())], "", &["RPT-001"], "2026-12-08");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2026-11 (2026-11-01 to 2026-11-30)"), "{}", findings[0].message.en);
    let partial =
        "kind: ServiceReport\nid: R-2026-11\nperiod: {from: 2026-11-03, to: 2026-11-30}\ndelivered_at: 2026-12-01\n";
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", partial)];
    assert_eq!(run_rules(&files, "", &["RPT-001"], "2026-12-08").0, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    let whole = partial.replace("from: 2026-11-03", "from: 2026-11-01");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", whole.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-12-08").0.is_empty());
    // Adopted on October's last day: October is owed (due Fri 2026-11-06).
    let eng = adopted(Some("2026-10-31"));
    let files = [("engagement.yaml", eng.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-11-06").0.is_empty());
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2026-11-07");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert!(findings[0].message.en.contains("2026-10 (2026-10-01 to 2026-10-31)"), "{}", findings[0].message.en);
}

#[test]
fn rpt001_records_from_before_the_term_changes_nothing() {
    let eng = BASE.replace(
        "term: {start: 2025-07-01, end: 2027-06-30}",
        "term: {start: 2025-07-01, end: 2027-06-30}\nrecords_from: 2024-01-01",
    );
    let (located, _) = run_rules(&[("engagement.yaml", eng.as_str())], "", &["RPT-001"], "2025-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5); 3]);
}

/// The demo engagement with `report_frequency: {freq}`.
fn with_frequency(freq: &str) -> String {
    BASE.replace("term: {start: 2025-07-01", &format!("report_frequency: {freq}\nterm: {{start: 2025-07-01"))
}

/// One report per quarter from 2025-Q3 to 2026-Q3, each delivered on the 8th of the month after.
const QUARTERS: &str = "kind: ServiceReport
items:
  - {id: Q-2025-3, period: {from: 2025-07-01, to: 2025-09-30}, delivered_at: 2025-10-09}
  - {id: Q-2025-4, period: {from: 2025-10-01, to: 2025-12-31}, delivered_at: 2026-01-08}
  - {id: Q-2026-1, period: {from: 2026-01-01, to: 2026-03-31}, delivered_at: 2026-04-08}
  - {id: Q-2026-2, period: {from: 2026-04-01, to: 2026-06-30}, delivered_at: 2026-07-07}
  - {id: Q-2026-3, period: {from: 2026-07-01, to: 2026-09-30}, delivered_at: 2026-10-13}
";

#[test]
fn rpt001_a_quarterly_contract_is_not_reported_monthly() {
    let eng = with_frequency("quarterly");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", QUARTERS)];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-10-31").0.is_empty());
    // The same reports judged monthly (the default): the first two months of each quarter are
    // reported late — the ten errors a quarterly contract must not get.
    let files = [("engagement.yaml", BASE), ("r.yaml", QUARTERS)];
    assert_eq!(run_rules(&files, "", &["RPT-001"], "2026-10-31").0.len(), 10);
    // Without the 2026-Q2 report: one finding for the quarter, not three for its months.
    let gap = QUARTERS
        .replace("  - {id: Q-2026-2, period: {from: 2026-04-01, to: 2026-06-30}, delivered_at: 2026-07-07}\n", "");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", gap.as_str())];
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2026-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "no service report for 2026-Q2 (2026-04-01 to 2026-06-30) was delivered by 2026-07-07, 5 working days after the quarter ended"
    );
    assert_eq!(
        findings[0].message.zh,
        "缺少 2026年第2季度（2026-04-01 至 2026-06-30）的服务报告；应于季末后 5 个工作日内（即 2026-07-07 前）提交"
    );
    // `report_frequency` is labelled.
    assert_eq!(findings[0].labels.len(), 1);
}

#[test]
fn rpt001_a_quarter_is_covered_by_its_monthly_reports_delivered_by_the_deadline() {
    let eng = with_frequency("quarterly");
    // Monthly reports from July 2025 to September 2026, each on the 3rd of the next month.
    let months = reports((2025, 7), (2026, 9), 3).replace(
        "R-2026-09, period: {from: 2026-09-01, to: 2026-09-30}, delivered_at: 2026-10-03",
        "R-2026-09, period: {from: 2026-09-01, to: 2026-09-30}, delivered_at: 2026-10-13",
    );
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", months.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-10-31").0.is_empty());
    // August 2026 missing: 2026-Q3 is not fully covered; the gap is named.
    let no_august = months
        .replace("  - {id: R-2026-08, period: {from: 2026-08-01, to: 2026-08-31}, delivered_at: 2026-09-03}\n", "");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", no_august.as_str())];
    let (located, findings) = run_rules(&files, "", &["RPT-001"], "2026-10-31");
    assert_eq!(located, vec![at("RPT-001", "engagement.yaml", 2, 5)]);
    assert_eq!(
        findings[0].message.en,
        "the service reports delivered by 2026-10-13 do not cover all of 2026-Q3 (2026-07-01 to 2026-09-30): 2026-08-01 to 2026-08-31 is not covered"
    );
    // September's report delivered a day after the quarter's deadline: late.
    let late = months.replace("delivered_at: 2026-10-13", "delivered_at: 2026-10-14");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", late.as_str())];
    let (_, findings) = run_rules(&files, "", &["RPT-001"], "2026-10-31");
    assert_eq!(
        findings[0].message.en,
        "the service report for 2026-Q3 was due by 2026-10-13 (5 working days after 2026-09-30), but R-2026-09 was delivered on 2026-10-14"
    );
}

#[test]
fn rpt001_partial_first_and_last_periods_and_yearly_reports() {
    // A term from 2025-08-15 to 2026-11-20, quarterly: the first quarter runs from 08-15, the
    // last (2026-Q4) ends on 11-20 and is due five working days later (11-27).
    let eng = with_frequency("quarterly")
        .replace("term: {start: 2025-07-01, end: 2027-06-30}", "term: {start: 2025-08-15, end: 2026-11-20}");
    let quarters = QUARTERS.replace("from: 2025-07-01", "from: 2025-08-15")
        + "  - {id: Q-2026-4, period: {from: 2026-10-01, to: 2026-11-20}, delivered_at: 2026-11-27}\n";
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", quarters.as_str())];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-12-31").0.is_empty());
    let early_start = quarters.replace("from: 2025-08-15", "from: 2025-08-16");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", early_start.as_str())];
    let (_, findings) = run_rules(&files, "", &["RPT-001"], "2026-12-31");
    assert!(
        findings[0].message.en.contains("2025-Q3 (2025-08-15 to 2025-09-30): 2025-08-15 to 2025-08-15"),
        "{}",
        findings[0].message.en
    );
    let late_last = quarters.replace("delivered_at: 2026-11-27", "delivered_at: 2026-11-30");
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", late_last.as_str())];
    let (_, findings) = run_rules(&files, "", &["RPT-001"], "2026-12-31");
    assert!(
        findings[0].message.en.starts_with("the service report for 2026-Q4 was due by 2026-11-27"),
        "{}",
        findings[0].message.en
    );

    // Yearly: 2025 runs from the term's start (07-01) to 12-31, due 2026-01-08 (New Year's Day
    // is a holiday).
    let eng = with_frequency("yearly");
    let year =
        "kind: ServiceReport\nid: Y-2025\nperiod: {from: 2025-07-01, to: 2025-12-31}\ndelivered_at: 2026-01-08\n";
    let files = [("engagement.yaml", eng.as_str()), ("r.yaml", year)];
    assert!(run_rules(&files, "", &["RPT-001"], "2026-10-31").0.is_empty());
    let files = [("engagement.yaml", eng.as_str())];
    let (_, findings) = run_rules(&files, "", &["RPT-001"], "2026-10-31");
    assert_eq!(
        findings[0].message.en,
        "no service report for 2025 (2025-07-01 to 2025-12-31) was delivered by 2026-01-08, 5 working days after the year ended"
    );
    assert!(
        findings[0].message.zh.starts_with("缺少 2025年度（2025-07-01 至 2025-12-31）的服务报告"),
        "{}",
        findings[0].message.zh
    );
}
