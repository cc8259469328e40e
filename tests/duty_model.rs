//! One duty model (issue 19): every duty `report due` lists for a repository is reported by
//! its rule the day after its due date (nothing else changed) and not on the due date — on
//! the bundled examples and on a generated repository.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use itos::calendar::dates::{Interval, add_days};
use itos::config::Config;
use itos::load::Repository;
use itos::report::due::{DueOptions, DueReport, Within, build};
use itos::rules::{Settings, run};
use jiff::civil::Date;

fn from_texts(files: &[(&str, String)]) -> Repository {
    let files: Vec<(String, String)> = files.iter().map(|(p, t)| ((*p).to_owned(), t.clone())).collect();
    Repository::from_texts(&files, Config::parse("", Path::new("itos.toml")).unwrap())
}

fn load(dir: &str) -> Repository {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let text = std::fs::read_to_string(root.join("itos.toml")).unwrap();
    let config = Config::parse(&text, &root.join("itos.toml")).unwrap();
    Repository::load(&root, config, "")
}

/// Every duty, however far ahead.
fn all_duties(repo: &Repository, as_of: Date) -> DueReport {
    let settings = Settings::new(&repo.config, &[], &[]).unwrap();
    let options = DueOptions { within: Some(Within(Interval::Months(1_200))), ..DueOptions::default() };
    build(repo, &settings, as_of, &options)
}

/// Whether `rule` reports a finding carrying duty `key` when validating as of `day`
/// (only that rule runs: the others cannot change its findings).
struct Judge<'r> {
    repo: &'r Repository,
    runs: HashMap<(&'static str, Date), BTreeSet<String>>,
}

impl Judge<'_> {
    fn reported(&mut self, rule: &'static str, day: Date, key: &str) -> bool {
        let repo = self.repo;
        self.runs
            .entry((rule, day))
            .or_insert_with(|| {
                let settings = Settings::new(&repo.config, &[rule.to_owned()], &[]).unwrap();
                run(repo, &settings, day)
                    .findings
                    .into_iter()
                    .filter(|f| f.rule == rule)
                    .filter_map(|f| f.duty)
                    .collect()
            })
            .contains(key)
    }
}

/// Check every duty of `repo` as of `as_of`; returns the rules seen.
fn check_every_duty(repo: &Repository, as_of: Date) -> BTreeSet<&'static str> {
    let report = all_duties(repo, as_of);
    assert!(!report.lines.is_empty(), "no duties at all");
    let mut judge = Judge { repo, runs: HashMap::new() };
    let mut wrong = Vec::new();
    for line in &report.lines {
        let d = &line.duty;
        let after = add_days(d.due, 1);
        if !judge.reported(d.rule, after, &d.key) {
            wrong.push(format!("{} {} due {}: not reported as of {after}", d.rule, d.key, d.due));
        }
        if judge.reported(d.rule, d.due, &d.key) {
            wrong.push(format!("{} {} due {}: already reported as of the due date", d.rule, d.key, d.due));
        }
        // Listed as overdue exactly when validate reports it as of the report's day.
        if line.overdue() != judge.reported(d.rule, as_of, &d.key) {
            wrong.push(format!("{} {} due {}: overdue {} as of {as_of}", d.rule, d.key, d.due, line.overdue()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} duties disagree with validate:\n{}",
        wrong.len(),
        report.lines.len(),
        wrong.join("\n")
    );
    report.lines.iter().map(|l| l.duty.rule).collect()
}

#[test]
fn every_duty_of_acme_fires_the_day_after_it_is_due() {
    let repo = load("examples/acme");
    let rules = check_every_duty(&repo, common::date("2026-10-31"));
    let families: BTreeSet<&str> = rules.iter().map(|r| r.split('-').next().unwrap_or(r)).collect();
    for family in ["AUD", "BAK", "CON", "EMR", "GEN", "HR", "IMP", "PRB", "RPT", "SAT", "SEC", "TRN"] {
        assert!(families.contains(family), "no {family} duty on acme: {families:?}");
    }
}

#[test]
fn every_duty_of_the_finished_exit_example_fires_the_day_after_it_is_due() {
    let repo = load("examples/exit");
    // The exit is complete: what remains are the engagement's dated items.
    check_every_duty(&repo, common::date("2026-12-15"));
}

/// An exit under way: notice given, nothing delivered yet, one leftover issue open.
const PENDING_HANDOVER: &str = "\
kind: Handover
id: HO-1
engagement: demo
termination: {reason: contract-expiry, notice_given_at: 2026-09-01, effective_at: 2026-12-31}
deliverables:
  - {item: system-config}
  - {item: technical-docs}
  - {item: system-logs}
  - {item: user-manuals}
  - {item: training-materials}
  - {item: service-reports}
  - {item: change-records}
  - {item: backup-recovery-plan}
leftover_issues:
  - {id: L-1, title: 旧监控脚本迁移, severity: medium, status: open, owner: 王磊, plan: 迁移至客户监控平台, due: 2027-01-15}
  - {id: L-2, title: 报表口径差异, severity: low, status: open, owner: 李娜}
  - {id: L-3, title: 证书续期, severity: low, status: open, owner: 李娜, due: 2027-02-28}
support: {until: 2027-04-30, channels: [电话], contact: 服务经理 张伟}
";

#[test]
fn every_duty_of_an_exit_under_way_fires_the_day_after_it_is_due() {
    let repo =
        from_texts(&[("engagement.yaml", common::BASE.to_owned()), ("handover.yaml", PENDING_HANDOVER.to_owned())]);
    let rules = check_every_duty(&repo, common::date("2026-11-15"));
    for rule in ["HND-002", "HND-004", "HND-006", "HND-007", "HND-008"] {
        assert!(rules.contains(rule), "no {rule} duty: {rules:?}");
    }
}

/// A repository whose evidence is dated on or before `as_of` (what "nothing else changed"
/// means): the periodic and dated duties of most families at random dates.
fn generated(days: &[u16], flags: &[bool], as_of: u16) -> (Vec<(&'static str, String)>, Date) {
    let start = common::date("2025-07-01");
    let day = |i: usize| add_days(start, i64::from(days[i % days.len()] % 800));
    // Evidence: on or before as-of.
    let past = |i: usize| add_days(start, i64::from(days[i % days.len()] % (as_of + 1)));
    let flag = |i: usize| flags[i % flags.len()];
    let as_of_day = add_days(start, i64::from(as_of));
    let mut docs = Vec::new();
    let criticality = if flag(0) { "critical" } else { "important" };
    docs.push(format!("kind: System\nid: sys-core\nname: 核心系统\ncriticality: {criticality}\nrto: 2h\n"));
    docs.push(
        "kind: BackupPolicy\nid: bp-core\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 每日校验\n"
            .to_owned(),
    );
    for n in 0..2 {
        if flag(n + 1) {
            let (on, result, verified) = (past(n + 1), if flag(n + 2) { "passed" } else { "failed" }, flag(n + 3));
            docs.push(format!(
                "kind: RestoreTest\nid: RT-{n}\npolicy: bp-core\nperformed_at: {on}\nresult: {result}\nintegrity_verified: {verified}\nchecked_by: 王磊\nscope: full\nsource: offsite\nactions: [复测]\n"
            ));
        }
    }
    docs.push(format!(
        "kind: EmergencyPlan\nid: EP-1\nversion: \"1\"\nreviewed_at: {}\nlevels:\n  - {{level: Ⅰ级, criteria: 核心交易中断, response: 15m}}\nroles:\n  - {{role: 应急总指挥, person: p-zhang\n}}\nresources: [灾备中心]\n",
        past(4)
    ).replace("p-zhang\n}", "p-zhang}"));
    if flag(5) {
        docs.push(format!(
            "kind: Drill\nid: DR-1\nplan: EP-1\nheld_at: {}\ntype: tabletop\nscenario: 存储故障\noutcome: passed\nevaluation: 达到预期\n",
            past(5)
        ));
    }
    let left = if flag(6) {
        format!("left: {}\n", add_days(as_of_day, i64::from(days[6 % days.len()] % 200 + 1)))
    } else {
        String::new()
    };
    docs.push(format!(
        "kind: Person\nid: p-zhang\nname: 张伟\nrole: 服务经理\njoined: {}\n{left}nda_signed_at: {}\nqualifications:\n  - {{name: ITIL 4, expires: {}}}\n",
        past(7), past(7), day(8)
    ));
    for (n, topic) in ["security-awareness", "onboarding", "emergency-response"].iter().enumerate() {
        if flag(n + 9) {
            docs.push(format!(
                "kind: Training\nid: T-{n}\ntopic: {topic}\nheld_at: {}\nattendees: [p-zhang]\n",
                past(n + 9)
            ));
        }
    }
    if flag(12) {
        let done = if flag(13) { format!(", done_at: {}", past(13)) } else { String::new() };
        docs.push(format!(
            "kind: AccessReview\nid: AR-1\nsystem: sys-core\nperformed_at: {}\nreviewer: 刘洋\naccounts_reviewed: 10\nscope: {}\nexceptions:\n  - {{account: tmp01, issue: 临时账号未回收, action: revoked{done}}}\n",
            past(12),
            if flag(14) { "privileged" } else { "all" }
        ));
    }
    if flag(15) {
        let status = if flag(16) { "open" } else { "closed".to_owned().leak() };
        let closed = if status == "closed" { format!(", closed_at: {}", past(16)) } else { String::new() };
        docs.push(format!(
            "kind: Audit\nid: AUD-1\nperformed_at: {}\nauditor: {{name: 测评中心, independent: true}}\nareas: [security-policy]\nfindings:\n  - {{id: F1, title: 弱口令, severity: medium, owner: p-zhang, due: {}, status: {status}{closed}}}\n",
            past(15),
            day(17)
        ));
    }
    docs.push(format!(
        "kind: Problem\nid: PRB-1\ntitle: 存储缺陷\nowner: p-zhang\ndue: {}\nstatus: {}\n",
        day(18),
        if flag(18) { "open" } else { "known-error" }
    ));
    docs.push(format!(
        "kind: Improvement\nid: IMP-1\ngoal: 报告改进\nmeasures: [修订模板]\nowner: 张伟\ndue: {}\nstatus: {}\n",
        day(19),
        if flag(19) { "planned" } else { "in-progress" }
    ));
    if flag(20) {
        let to = past(20);
        docs.push(format!(
            "kind: Survey\nid: SAT-1\nperiod: {{from: {}, to: {to}}}\ninvited: 2\nresponses:\n  - {{department: 信息科技部, scores: {{quality: 5}}}}\n",
            add_days(to, -30)
        ));
    }
    for n in 0..3 {
        if flag(n + 21) {
            let from = past(n + 21).first_of_month();
            let to = from.last_of_month();
            let delivered = add_days(to, i64::from(days[(n + 21) % days.len()] % 9));
            if delivered <= as_of_day {
                docs.push(format!(
                    "kind: ServiceReport\nid: SR-{n}\nperiod: {{from: {from}, to: {to}}}\ndelivered_at: {delivered}\n"
                ));
            }
        }
    }
    docs.push(format!(
        "kind: Waiver\nid: W-1\nrule: PRB-001\ntarget: Problem/PRB-1\nreason: 厂商补丁延期\napproved_by: p-zhang\nexpires: {}\n",
        day(24)
    ));
    let records = docs.iter().map(|d| format!("{d}engagement: demo\n")).collect::<Vec<_>>().join("---\n");
    (vec![("engagement.yaml", common::BASE.to_owned()), ("records.yaml", records)], as_of_day)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, failure_persistence: None, ..Default::default() })]

    #[test]
    fn every_duty_of_a_generated_repository_fires_the_day_after_it_is_due(
        days in proptest::collection::vec(0u16..800, 25),
        flags in proptest::collection::vec(proptest::bool::ANY, 25),
        as_of in 20u16..720,
    ) {
        let (files, as_of) = generated(&days, &flags, as_of);
        let repo = from_texts(&files.iter().map(|(p, t)| (*p, t.clone())).collect::<Vec<_>>());
        check_every_duty(&repo, as_of);
    }
}

/// Hostile input: a term written to 9999 lists the reporting periods of the longest window
/// `--within` accepts (100 years), not 96,000 months.
#[test]
fn a_term_to_9999_lists_at_most_a_century_of_reports() {
    let base = common::BASE.replace("end: 2027-06-30", "end: 9999-12-31");
    let repo = from_texts(&[("engagement.yaml", base)]);
    let report = all_duties(&repo, common::date("2026-10-31"));
    let reports = report.lines.iter().filter(|l| l.duty.rule == "RPT-001").count() + report.later;
    // The 16 months since the term began (none reported) and 1,201 to come.
    assert!((1_200..=1_220).contains(&reports), "{reports} report duties");
}
