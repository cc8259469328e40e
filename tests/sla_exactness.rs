#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! SLA figures a customer can sign (sla.md, "Exactness", "Priority changes", "Open-ended
//! pauses", "Months without records"): each test is computed by hand at the boundary it names.

use crate::common;

use common::build;
use itos::config::{Config, PriorityChange};
use itos::figures::clock::{ClockKind, Outcome};
use itos::figures::service::ServiceMonth;
use itos::load::Repository;
use itos::model::{Exact, Lang};
use itos::report::sla_report::SlaReport;
use jiff::Timestamp;
use jiff::civil::date;

const ENGAGEMENT: &str = "\
kind: Engagement
id: e1
title: 保险公司桌面运维
customer: {name: 某保险公司}
provider: {name: 服务商}
term: {start: 2026-01-01, end: 2027-06-30}
scope:
  - {service: desk, description: 桌面运维服务, deliverables: [月报]}
fees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月}
termination: {notice_days: 30, conditions: [contract-expiry]}
liability: {service_interruption: a, data_loss: b, system_failure: c}
support: {response: a, problem_process: b, maintenance_cycle: c}
";

const SLA: &str = "\
kind: Sla
id: s1
engagement: e1
service: desk
timezone: Asia/Shanghai
availability: {target: 99.9}
priorities:
  P1: {response: 15m, resolution: 4h}
  P2: {response: 30m, on_site: 2h, resolution: 8h}
  P3: {response: 1h, resolution: 8h}
";

fn repo_with(files: &[(&str, &str)], policy: PriorityChange) -> Repository {
    let files: Vec<(String, String)> = files.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    let mut config = Config::default();
    config.policy.priority_change = policy;
    let repo = Repository::from_texts(&files, config);
    let errors: Vec<_> = repo.findings.iter().filter(|f| f.severity == itos::model::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    repo
}

fn report(repo: &Repository, month: (i16, i8), as_of: (i16, i8, i8)) -> SlaReport<'_> {
    common::sla_report(repo, month, as_of)
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn month<'r>(r: &'r SlaReport<'_>) -> &'r ServiceMonth {
    &r.engagements[0].services[0].month
}

#[test]
fn a_partial_outage_of_exactly_a_tenth_of_a_percent_meets_the_target_and_owes_nothing() {
    // February 2026 on 24x7: 28 × 86,400 = 2,419,200 s. 63 min at 64 % = 3,780 × 0.64 =
    // 2,419.2 s = exactly 0.1 %: availability 99.9 exactly, met; the 5 % tier is not owed.
    let engagement = ENGAGEMENT.to_owned()
        + "service_credits:\n  tiers:\n    - {metric: availability, below: 99.9, credit_percent: 5}\n";
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P1")
        .opened_at("2026-02-10T10:00:00+08:00")
        .responded_at("2026-02-10T10:05:00+08:00")
        .resolved_at("2026-02-10T11:03:00+08:00")
        .set(
            "outage",
            "{start: 2026-02-10T10:00:00+08:00, end: 2026-02-10T11:03:00+08:00, impact: partial, degraded_percent: 64}",
        )
        .yaml();
    let r = repo_with(&[("e.yaml", &engagement), ("s.yaml", SLA), ("i.yaml", inc)], PriorityChange::Final);
    let rep = report(&r, (2026, 2), (2026, 3, 31));
    let m = month(&rep);
    assert_eq!(m.availability.scheduled, 2_419_200);
    assert_eq!(m.availability.downtime, Exact::ratio(24_192, 10));
    assert_eq!(m.availability.percent, Some(Exact::ratio(999, 10)));
    assert_eq!(m.availability.met(), Some(true));
    assert_eq!(m.availability.shown().as_deref(), Some("99.90"));
    assert!(rep.engagements[0].services[0].credits.is_empty());
    assert_eq!(rep.engagements[0].credit, Some(Exact::ZERO));
    // One second more of downtime is under the target: the tier applies, 5,000.00 CNY.
    let worse = inc.replace("impact: partial, degraded_percent: 64", "impact: partial, degraded_percent: 64.03");
    let r = repo_with(&[("e.yaml", &engagement), ("s.yaml", SLA), ("i.yaml", &worse)], PriorityChange::Final);
    let rep = report(&r, (2026, 2), (2026, 3, 31));
    assert_eq!(month(&rep).availability.met(), Some(false));
    assert_eq!(rep.engagements[0].credit, Some(Exact::int(5000)));
    // Every appearance of the figure is the same text: headline, credits table, chart, CSV.
    let s = &rep.engagements[0].services[0];
    let shown = s.month.availability.shown().unwrap();
    assert_eq!(shown, "99.89");
    assert_eq!(s.credits[0].shown, shown);
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    assert!(text.contains("99.89 % against 99.9 % — NOT MET"), "{text}");
    assert!(text.contains("│ availability ┆    99.89 ┆    5 % │"), "{text}");
    assert!(text.contains("5,000.00 CNY"), "{text}");
    assert!(itos::output::sla_report::csv(&rep).contains(",availability_percent,99.89\r\n"));
}

#[test]
fn a_remote_fix_has_no_on_site_clock() {
    // P2 sets an on-site target of 2 h. Resolved remotely 60 min after opening: no on-site
    // clock at all (not a breach counted to the end of the month).
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P2")
        .opened_at("2026-11-03T10:00:00+08:00")
        .responded_at("2026-11-03T10:10:00+08:00")
        .resolved_at("2026-11-03T11:00:00+08:00")
        .yaml();
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", inc)], PriorityChange::Final);
    let rep = report(&r, (2026, 11), (2026, 11, 30));
    let m = month(&rep);
    let on_site = &m.attainment[&("P2".to_owned(), ClockKind::OnSite)];
    assert_eq!((on_site.decided, on_site.percent), (0, None));
    assert!(m.breaches.is_empty() && m.in_progress.is_empty());
    // Someone had to go: `on_site_required` without `arrived_at` stops at the resolution, met.
    let required = inc.to_owned() + "on_site_required: true\n";
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", &required)], PriorityChange::Final);
    let rep = report(&r, (2026, 11), (2026, 11, 30));
    let on_site = &month(&rep).attainment[&("P2".to_owned(), ClockKind::OnSite)];
    assert_eq!((on_site.decided, on_site.met, on_site.median), (1, 1, Some(3600)));
    // An engineer who arrived after 3 h breached the 2 h on-site target.
    let late = inc.to_owned() + "arrived_at: 2026-11-03T13:00:00+08:00\n";
    let late = late.replace("resolved_at: 2026-11-03T11:00:00", "resolved_at: 2026-11-03T14:00:00");
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", &late)], PriorityChange::Final);
    let rep = report(&r, (2026, 11), (2026, 11, 30));
    let breaches: Vec<_> = month(&rep).breaches.iter().map(|b| (b.clock, b.overrun)).collect();
    assert_eq!(breaches, vec![(ClockKind::OnSite, 3600)]);
}

#[test]
fn a_month_without_tickets_is_no_data_and_earns_no_credit() {
    // Records only in November: October has no ticket and no outage. Its availability is
    // computed (100 %) but its status is "no data", never "met", and a credit tier on the
    // satisfaction of a poor survey in October earns nothing.
    let engagement = ENGAGEMENT.to_owned()
        + "service_credits:\n  tiers:\n    - {metric: satisfaction, below: 4, credit_percent: 2}\n";
    let survey =
        "kind: Survey\nid: S1\nperiod: {from: 2026-10-01, to: 2026-10-31}\nresponses:\n  - {scores: {quality: 2}}\n";
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P1")
        .opened_at("2026-11-03T10:00:00+08:00")
        .responded_at("2026-11-03T10:05:00+08:00")
        .resolved_at("2026-11-03T11:00:00+08:00")
        .yaml();
    let r = repo_with(
        &[("e.yaml", &engagement), ("s.yaml", SLA), ("i.yaml", inc), ("v.yaml", survey)],
        PriorityChange::Final,
    );
    let oct = report(&r, (2026, 10), (2026, 11, 30));
    let m = month(&oct);
    assert!(!m.tickets_recorded);
    assert_eq!(m.availability.percent, Some(Exact::HUNDRED));
    assert!(oct.engagements[0].services[0].credits.is_empty());
    assert_eq!(oct.engagements[0].credit, Some(Exact::ZERO));
    let zh = itos::output::doc::text(&itos::output::sla_report::document(&oct, Lang::ZhCn));
    assert!(zh.contains("无数据（无事件记录）"), "{zh}");
    let json = itos::output::sla_report::json(&oct, Lang::En);
    assert!(json.contains("\"tickets_recorded\": false"), "{json}");
    // November's trend shows October as no data; the chart draws it as a gap, not a full bar.
    let nov = report(&r, (2026, 11), (2026, 11, 30));
    let october = nov.engagements[0].services[0].trend.iter().find(|h| h.first == date(2026, 10, 1)).unwrap();
    assert!(!october.tickets_recorded && october.availability_met.is_none());
    let html = itos::output::doc::html(&itos::output::sla_report::document(&nov, Lang::En));
    assert!(html.contains("<title>2026-10: no data — no tickets recorded</title>"), "{html}");
    // With `records_from: 2026-11-01` the trend starts in November: no earlier month is shown.
    let adopted = engagement.replace(
        "term: {start: 2026-01-01, end: 2027-06-30}\n",
        "term: {start: 2026-01-01, end: 2027-06-30}\nrecords_from: 2026-11-01\n",
    );
    let r =
        repo_with(&[("e.yaml", &adopted), ("s.yaml", SLA), ("i.yaml", inc), ("v.yaml", survey)], PriorityChange::Final);
    assert!(report(&r, (2026, 11), (2026, 11, 30)).engagements[0].services[0].trend.is_empty());
    // A month asked for before records_from is no data, whatever was recorded in it.
    let early = inc.replace("2026-11-03", "2026-10-03");
    let r = repo_with(&[("e.yaml", &adopted), ("s.yaml", SLA), ("i.yaml", &early)], PriorityChange::Final);
    assert!(!month(&report(&r, (2026, 10), (2026, 11, 30))).tickets_recorded);
}

/// The resolution clock of a ticket, as judged under `policy`.
fn resolution(inc: &str, policy: PriorityChange) -> (Outcome, String, Option<Timestamp>, i64) {
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", inc)], policy);
    let sla = &r.records.slas[0];
    let end = ts("2026-12-01T00:00:00+08:00");
    let clocks =
        itos::figures::tickets::clocks(&r.records.incidents[0], sla, policy, |id| r.calendars.get_or_default(id), end)
            .unwrap();
    let j = clocks.into_iter().find(|j| j.clock.kind == ClockKind::Resolution).unwrap();
    (j.clock.outcome, j.priority.to_owned(), j.clock.decided, j.clock.elapsed)
}

fn ticket(priority: &str, changes: &[(&str, &str)], resolved: &str) -> String {
    let mut text = build::incident("I1")
        .service("desk")
        .priority(priority)
        .opened_at("2026-11-10T08:00:00+08:00")
        .responded_at("2026-11-10T08:05:00+08:00")
        .resolved_at(&format!("2026-11-10T{resolved}:00+08:00"))
        .yaml();
    if !changes.is_empty() {
        text.push_str("priority_changes:\n");
        for (at, to) in changes {
            text.push_str(&format!("  - {{at: 2026-11-10T{at}:00+08:00, to: {to}, reason: impact reassessed}}\n"));
        }
    }
    text
}

#[test]
fn an_upgrade_p3_to_p1_under_each_policy() {
    // 24x7. Opened 08:00 as P3 (8 h), raised to P1 (4 h) at 10:00, resolved 13:00: 5 h.
    let inc = ticket("P3", &[("10:00", "P1")], "13:00");
    let at = |h: &str| Some(ts(&format!("2026-11-10T{h}:00+08:00")));
    // final: as if always P1 — the deadline 12:00 is after the change, breached at 12:00.
    assert_eq!(resolution(&inc, PriorityChange::Final), (Outcome::Breached, "P1".into(), at("12:00"), 5 * 3600));
    // highest: the strictest held is P1 — the same.
    assert_eq!(resolution(&inc, PriorityChange::Highest), (Outcome::Breached, "P1".into(), at("12:00"), 5 * 3600));
    // restart: 4 h from 10:00; 3 h counted, met at 13:00.
    assert_eq!(resolution(&inc, PriorityChange::Restart), (Outcome::Met, "P1".into(), at("13:00"), 3 * 3600));
}

#[test]
fn a_downgrade_p1_to_p3_under_each_policy() {
    // Opened 08:00 as P1 (4 h), lowered to P3 (8 h) at 09:00, resolved 13:00: 5 h.
    let inc = ticket("P1", &[("09:00", "P3")], "13:00");
    let at = |h: &str| Some(ts(&format!("2026-11-10T{h}:00+08:00")));
    assert_eq!(resolution(&inc, PriorityChange::Final), (Outcome::Met, "P3".into(), at("13:00"), 5 * 3600));
    // highest: a downgrade never loosens a clock — judged against P1's 4 h.
    assert_eq!(resolution(&inc, PriorityChange::Highest), (Outcome::Breached, "P1".into(), at("12:00"), 5 * 3600));
    assert_eq!(resolution(&inc, PriorityChange::Restart), (Outcome::Met, "P3".into(), at("13:00"), 4 * 3600));
}

#[test]
fn a_breach_before_a_change_stands_and_a_late_upgrade_is_decided_at_the_change() {
    let at = |h: &str| Some(ts(&format!("2026-11-10T{h}:00+08:00")));
    // P1 breached at 12:00; lowered to P3 at 13:00: still breached, under P1, at 12:00.
    let inc = ticket("P1", &[("13:00", "P3")], "14:00");
    for policy in [PriorityChange::Final, PriorityChange::Highest, PriorityChange::Restart] {
        assert_eq!(resolution(&inc, policy), (Outcome::Breached, "P1".into(), at("12:00"), 6 * 3600), "{policy:?}");
    }
    // P3 raised to P1 at 13:00, when 5 h had passed: judged from the start, P1's deadline was
    // 12:00, before the change — decided at the change, never earlier.
    let inc = ticket("P3", &[("13:00", "P1")], "14:00");
    assert_eq!(resolution(&inc, PriorityChange::Final), (Outcome::Breached, "P1".into(), at("13:00"), 6 * 3600));
    // A change at `opened_at` is a correction at opening: the initial priority.
    let inc = ticket("P3", &[("08:00", "P1")], "11:00");
    assert_eq!(resolution(&inc, PriorityChange::Restart), (Outcome::Met, "P1".into(), at("11:00"), 3 * 3600));
}

#[test]
fn a_change_while_resolved_applies_from_the_reopening() {
    // P3 resolved at 10:00 (2 h), changed to P1 at 11:00 while resolved, reopened at 12:00 and
    // resolved at 13:00. Under restart the clock starts again at the reopening: 1 h, met.
    let inc = ticket("P3", &[("11:00", "P1")], "10:00")
        + "reopened:\n  - {at: 2026-11-10T12:00:00+08:00, resolved_at: 2026-11-10T13:00:00+08:00}\n";
    let at = |h: &str| Some(ts(&format!("2026-11-10T{h}:00+08:00")));
    assert_eq!(resolution(&inc, PriorityChange::Restart), (Outcome::Met, "P1".into(), at("13:00"), 3600));
    // Under final: 2 h + 1 h = 3 h against P1's 4 h, met.
    assert_eq!(resolution(&inc, PriorityChange::Final), (Outcome::Met, "P1".into(), at("13:00"), 3 * 3600));
}

#[test]
fn the_report_lists_re_prioritised_tickets_and_counts_clocks_under_the_priority_judged() {
    let inc = ticket("P3", &[("10:00", "P1")], "13:00");
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", &inc)], PriorityChange::Final);
    let rep = report(&r, (2026, 11), (2026, 11, 30));
    let m = month(&rep);
    let p1 = &m.attainment[&("P1".to_owned(), ClockKind::Resolution)];
    assert_eq!((p1.decided, p1.met), (1, 0));
    assert_eq!(m.attainment[&("P3".to_owned(), ClockKind::Resolution)].decided, 0);
    assert_eq!(m.breaches[0].priority, "P1");
    assert_eq!(m.reprioritised.len(), 1);
    assert_eq!(m.reprioritised[0].changes[0].1, "P3");
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    assert!(text.contains("P3 → P1"), "{text}");
    let zh = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::ZhCn));
    assert!(zh.contains("调整过优先级的工单"), "{zh}");
}

#[test]
fn an_open_ended_pause_holds_the_clock_until_the_next_resolution() {
    // 24x7, P1 4 h: opened 08:00, paused from 09:00 without an end, resolved 20:00. The pause
    // lasts until the resolution: 1 h counted, met.
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P1")
        .opened_at("2026-11-10T08:00:00+08:00")
        .responded_at("2026-11-10T08:05:00+08:00")
        .resolved_at("2026-11-10T20:00:00+08:00")
        .set("paused", "\n  - {from: 2026-11-10T09:00:00+08:00, reason: awaiting-customer}")
        .yaml();
    let (outcome, _, _, elapsed) = resolution(inc, PriorityChange::Final);
    assert_eq!((outcome, elapsed), (Outcome::Met, 3600));
    // Unresolved: in progress, paused, with no deadline shown.
    let open = inc.replace("resolved_at: 2026-11-10T20:00:00+08:00\n", "");
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", &open)], PriorityChange::Final);
    let rep = report(&r, (2026, 11), (2026, 11, 30));
    let running: Vec<_> = month(&rep).in_progress.iter().map(|r| (r.clock, r.elapsed, r.deadline)).collect();
    assert_eq!(running, vec![(ClockKind::Resolution, 3600, None)]);
    let text = itos::output::doc::text(&itos::output::sla_report::document(&rep, Lang::En));
    assert!(text.contains("paused — no deadline yet"), "{text}");
}

#[test]
fn a_breach_on_a_business_calendar_belongs_to_the_month_it_happens_in() {
    // cn-workdays 09:00–18:00, 8 h: opened Fri 2026-10-30 10:00, target reached at 18:00 on
    // Friday; no business time accrues until Mon 11-02 09:00, so the breach is November's.
    let sla =
        SLA.replace("P3: {response: 1h, resolution: 8h}", "P3: {response: 1h, resolution: 8h, calendar: cn-workdays}");
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P3")
        .opened_at("2026-10-30T10:00:00+08:00")
        .responded_at("2026-10-30T10:05:00+08:00")
        .resolved_at("2026-11-02T12:00:00+08:00")
        .yaml();
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla), ("i.yaml", inc)], PriorityChange::Final);
    let oct = report(&r, (2026, 10), (2026, 11, 30));
    assert!(month(&oct).breaches.is_empty());
    let nov = report(&r, (2026, 11), (2026, 11, 30));
    let b = &month(&nov).breaches[0];
    assert_eq!((b.deadline, b.overrun), (Some(ts("2026-10-30T18:00:00+08:00")), 3 * 3600));
    // At the end of October the clock had exactly reached its target: still in progress.
    let running = report(&r, (2026, 10), (2026, 10, 31));
    assert_eq!(month(&running).in_progress.len(), 1);
}

#[test]
fn a_working_day_target_is_fixed_at_the_start_of_the_clock_as_judged() {
    // P2 is `1wd` on cn-workdays (09:00–18:00). Opened as P3 (48 h, 24x7) on Tue 2026-11-10
    // 15:00, raised to P2 on Wed 10:00, resolved Thu 09:30.
    let sla = SLA
        .replace(
            "P2: {response: 30m, on_site: 2h, resolution: 8h}",
            "P2: {response: 30m, resolution: 1wd, calendar: cn-workdays}",
        )
        .replace("P3: {response: 1h, resolution: 8h}", "P3: {response: 1h, resolution: 48h}");
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P3")
        .opened_at("2026-11-10T15:00:00+08:00")
        .responded_at("2026-11-10T15:10:00+08:00")
        .resolved_at("2026-11-12T09:30:00+08:00")
        .set("priority_changes", "\n  - {at: 2026-11-11T10:00:00+08:00, to: P2}")
        .yaml();
    let judge = |policy| {
        let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla), ("i.yaml", inc)], policy);
        let end = ts("2026-12-01T00:00:00+08:00");
        let clocks = itos::figures::tickets::clocks(
            &r.records.incidents[0],
            &r.records.slas[0],
            policy,
            |id| r.calendars.get_or_default(id),
            end,
        )
        .unwrap();
        let j = clocks.into_iter().find(|j| j.clock.kind == ClockKind::Resolution).unwrap();
        (j.clock.outcome, j.clock.target, j.clock.deadline, j.clock.decided, j.clock.elapsed)
    };
    // final: 1wd from Tue 15:00 (6 h into Tuesday) is due Wed 15:00 — 9 working hours; 12.5 h
    // counted. The deadline lies after the change, so the breach is decided at Wed 15:00.
    let wed_15 = Some(ts("2026-11-11T15:00:00+08:00"));
    assert_eq!(judge(PriorityChange::Final), (Outcome::Breached, 9 * 3600, wed_15, wed_15, 12 * 3600 + 1800));
    // restart: 1wd from the change, Wed 10:00, is due Thu 10:00; 8.5 h counted from the change: met.
    let (outcome, target, deadline, _, elapsed) = judge(PriorityChange::Restart);
    assert_eq!((outcome, target, elapsed), (Outcome::Met, 9 * 3600, 8 * 3600 + 1800));
    assert_eq!(deadline, Some(ts("2026-11-12T10:00:00+08:00")));
}

#[test]
fn highest_counts_only_the_priorities_held_while_the_clock_ran() {
    // P2 (8 h) resolved after 2 h; while resolved it was raised to P1 and then lowered to P4
    // (40 h) before the reopening: the clock ran under P2 and P4 only. P2 is the strictest,
    // and 2 h + 3 h = 5 h is within its 8 h: met.
    let sla = SLA.to_owned() + "  P4: {response: 4h, resolution: 40h}\n";
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P2")
        .opened_at("2026-11-10T10:00:00+08:00")
        .responded_at("2026-11-10T10:10:00+08:00")
        .resolved_at("2026-11-10T12:00:00+08:00")
        .set(
            "priority_changes",
            "\n  - {at: 2026-11-11T09:00:00+08:00, to: P1}\n  - {at: 2026-11-11T10:00:00+08:00, to: P4}",
        )
        .set("reopened", "\n  - {at: 2026-11-12T10:00:00+08:00, resolved_at: 2026-11-12T13:00:00+08:00}")
        .yaml();
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", &sla), ("i.yaml", inc)], PriorityChange::Highest);
    let end = ts("2026-12-01T00:00:00+08:00");
    let clocks = itos::figures::tickets::clocks(
        &r.records.incidents[0],
        &r.records.slas[0],
        PriorityChange::Highest,
        |id| r.calendars.get_or_default(id),
        end,
    )
    .unwrap();
    let j = clocks.into_iter().find(|j| j.clock.kind == ClockKind::Resolution).unwrap();
    assert_eq!((j.clock.outcome, j.priority, j.clock.elapsed), (Outcome::Met, "P2", 5 * 3600));
}

#[test]
fn what_a_later_reopening_does_is_not_known_at_the_as_of_day() {
    // Resolved on 11-05 after a 2 h outage without `end`, reopened on 12-03. Seen at the end of
    // November the outage ended with the resolution: 120 min of downtime, not a month of it.
    let inc: &str = &build::incident("I1")
        .service("desk")
        .priority("P1")
        .opened_at("2026-11-05T10:00:00+08:00")
        .responded_at("2026-11-05T10:05:00+08:00")
        .resolved_at("2026-11-05T12:00:00+08:00")
        .set("outage", "{start: 2026-11-05T10:00:00+08:00}")
        .set("reopened", "\n  - {at: 2026-12-03T09:00:00+08:00}")
        .yaml();
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", inc)], PriorityChange::Final);
    let m = month(&report(&r, (2026, 11), (2026, 11, 30))).clone();
    assert_eq!((m.availability.downtime, m.mttr), (Exact::int(7200), Some(Exact::int(7200))));
    // A ticket resolved in October and reopened in December was not open in November.
    let oct = inc.replace("2026-11-05", "2026-10-05");
    let r = repo_with(&[("e.yaml", ENGAGEMENT), ("s.yaml", SLA), ("i.yaml", &oct)], PriorityChange::Final);
    assert!(!month(&report(&r, (2026, 11), (2026, 12, 31))).tickets_recorded);
    assert!(month(&report(&r, (2026, 12), (2026, 12, 31))).tickets_recorded);
}

#[test]
fn a_working_day_target_beyond_ten_years_is_refused() {
    let sla = SLA.replace(
        "P3: {response: 1h, resolution: 8h}",
        "P3: {response: 1h, resolution: 999999999wd, calendar: cn-workdays}",
    );
    let files: Vec<(String, String)> = [("e.yaml", ENGAGEMENT), ("s.yaml", sla.as_str())]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let repo = Repository::from_texts(&files, Config::default());
    let f = repo.findings.iter().find(|f| f.rule == "GEN-003").unwrap();
    assert!(f.message.en.contains("more than 2500"), "{}", f.message.en);
}
