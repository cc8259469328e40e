#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Bounded time on hostile input (quality.md, "Reliability"): each test builds an input at a
//! size CI can afford and compares the time it takes with a linear baseline of the same size
//! in the same test — a ratio, not an absolute time, so a busy machine does not fail it but a
//! quadratic step does.

use crate::common;

use std::time::{Duration, Instant};

use common::{BASE, run_rules};
use itos::config::Config;
use itos::load::Repository;

/// The fastest of three runs (the least disturbed by the other core's load).
fn fastest(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `hostile` within `ratio` times `baseline`, with a little slack for tiny inputs.
fn assert_linear(what: &str, hostile: Duration, baseline: Duration, ratio: u32) {
    let bound = baseline * ratio + Duration::from_millis(300);
    assert!(hostile <= bound, "{what}: {hostile:?} against a linear baseline of {baseline:?} (bound {bound:?})");
}

fn load(files: &[(String, String)]) -> Repository {
    Repository::from_texts(files, Config::default())
}

#[test]
fn a_long_extends_chain_resolves_in_linear_time() {
    // 2,000 calendars each extending the previous one, against 2,000 that extend only the
    // built-in: the same records, the same work per calendar.
    let n = 2_000;
    let calendar = |i: usize, parent: &str| {
        format!(
            "---\nkind: Calendar\nid: c{i}\ntimezone: Asia/Shanghai\nextends: {parent}\nweek: {{}}\nholidays: [2026-10-0{}]\n",
            1 + i % 7
        )
    };
    let chain: String =
        (0..n).map(|i| calendar(i, &if i == 0 { "cn-workdays".to_owned() } else { format!("c{}", i - 1) })).collect();
    let flat: String = (0..n).map(|i| calendar(i, "cn-workdays")).collect();
    let chain = vec![("c.yaml".to_owned(), chain)];
    let flat = vec![("c.yaml".to_owned(), flat)];
    let repo = load(&chain);
    // The last calendar inherits every holiday of the chain.
    let last = repo.calendars.get(&format!("c{}", n - 1)).unwrap();
    assert!(!last.is_working_day(jiff::civil::date(2026, 10, 7)));
    assert!(repo.calendars.problems.is_empty());
    let hostile = fastest(|| drop(load(&chain)));
    let baseline = fastest(|| drop(load(&flat)));
    assert_linear("extends chain", hostile, baseline, 4);
}

#[test]
fn a_timestamp_outside_1970_2200_is_a_located_value_error() {
    // A ticket opened in 1026 would make every clock walk a thousand years day by day.
    for (ts, year) in [("1026-10-08T10:00:00+08:00", "1026"), ("2201-01-01T00:00:00+08:00", "2201")] {
        let text = format!("kind: Incident\nid: I-1\nservice: helpdesk\npriority: P3\nopened_at: {ts}\n");
        let (located, findings) = run_rules(&[("i.yaml", &text)], "", &["GEN-003"], "2026-10-31");
        assert_eq!(located, vec![common::at("GEN-003", "i.yaml", 5, 12)], "{findings:#?}");
        assert!(findings[0].message.en.contains(year) && findings[0].message.en.contains("1970–2200"));
    }
    let fine = "kind: Incident\nid: I-1\nservice: helpdesk\npriority: P3\nopened_at: 1970-01-01T08:00:00+08:00\n";
    assert!(run_rules(&[("i.yaml", fine)], "", &["GEN-003"], "2026-10-31").0.is_empty());
}

#[test]
fn thousands_of_dangling_references_do_not_cost_suggestions_times_candidates() {
    // 2,000 people, and 2,000 trainings naming 2,000 people who do not exist (each a GEN-005
    // finding with a possible "did you mean"), against trainings naming people who exist.
    let n = 2_000;
    let people: String = (0..n)
        .map(|i| format!("---\nkind: Person\nid: person-{i:05}\nname: n\nrole: r\njoined: 2025-07-01\n"))
        .collect();
    // In files of 400, under the per-file cap of shown findings.
    let trainings = |prefix: &str, part: usize| -> String {
        (part * 400..(part + 1) * 400)
            .map(|i| format!("---\nkind: Training\nid: t-{i}\ntopic: security-awareness\nheld_at: 2026-01-05\nattendees: [{prefix}{i:05}]\n"))
            .collect()
    };
    let files = |prefix: &str| {
        let mut files = vec![("base.yaml".to_owned(), BASE.to_owned()), ("p.yaml".to_owned(), people.clone())];
        files.extend((0..n / 400).map(|part| (format!("t{part}.yaml"), trainings(prefix, part))));
        files
    };
    let run = |files: &[(String, String)]| {
        let repo = load(files);
        let settings = itos::rules::Settings::new(&repo.config, &["GEN-005".to_owned()], &[]).unwrap();
        let findings = itos::rules::run(&repo, &settings, jiff::civil::date(2026, 10, 31)).findings;
        findings.iter().filter(|f| f.rule == "GEN-005").count()
    };
    let dangling = files("nobody-");
    let valid = files("person-");
    assert_eq!(run(&dangling), n, "every dangling reference is still reported");
    assert_eq!(run(&valid), 0);
    let hostile = fastest(|| {
        run(&dangling);
    });
    let baseline = fastest(|| {
        run(&valid);
    });
    assert_linear("dangling references", hostile, baseline, 4);
}

#[test]
fn thousands_of_waivers_over_thousands_of_findings_are_matched_by_index() {
    // 2,000 people without an NDA (one HR-004 finding each) and 2,000 waivers, one per person,
    // against the same findings with no waiver.
    let n = 2_000;
    let people: String = (0..n)
        .map(|i| format!("---\nkind: Person\nid: p-{i}\nname: n\nrole: r\njoined: 2025-07-01\nbackground_checked_at: 2025-07-01\n"))
        .collect();
    let waivers: String = (0..n)
        .map(|i| format!("---\nkind: Waiver\nid: W-{i}\nrule: HR-004\ntarget: Person/p-{i}\nreason: r\napproved_by: a\nexpires: 2027-01-01\ncustomer_approval: {{by: c, at: 2026-10-01}}\n"))
        .collect();
    let with = vec![
        ("base.yaml".to_owned(), BASE.to_owned()),
        ("p.yaml".to_owned(), people.clone()),
        ("w.yaml".to_owned(), waivers),
    ];
    let without = vec![("base.yaml".to_owned(), BASE.to_owned()), ("p.yaml".to_owned(), people)];
    let run = |files: &[(String, String)]| {
        let repo = load(files);
        let settings = itos::rules::Settings::new(&repo.config, &["HR-004".to_owned()], &[]).unwrap();
        itos::rules::run(&repo, &settings, jiff::civil::date(2026, 10, 31)).findings
    };
    let findings = run(&with);
    let hr004: Vec<_> = findings.iter().filter(|f| f.rule == "HR-004").collect();
    assert_eq!(hr004.len(), n);
    assert!(hr004.iter().all(|f| f.waived_by.is_some()), "every finding is waived by its waiver");
    let hostile = fastest(|| drop(run(&with)));
    let baseline = fastest(|| drop(run(&without)));
    // The waivers are records to load too: the baseline is of the same order of size.
    assert_linear("waiver matching", hostile, baseline, 4);
}

#[test]
fn tickets_open_for_decades_cost_two_partial_years_not_every_day() {
    // 300 open tickets on cn-workdays opened in 1971, against 300 opened this month: the SLA
    // report and INC-005 sum their business time from per-year totals.
    let n = 300;
    let base =
        BASE.replace("P3: {response: 2h, resolution: 2d}", "P3: {response: 2h, resolution: 2d, calendar: cn-workdays}");
    assert_ne!(base, BASE, "the base Sla's P3 runs on cn-workdays here");
    let tickets = |opened: &str| -> String {
        (0..n)
            .map(|i| format!("---\nkind: Incident\nid: I-{i}\nservice: helpdesk\npriority: P3\nopened_at: {opened}\n"))
            .collect()
    };
    let files = |opened: &str| vec![("base.yaml".to_owned(), base.clone()), ("i.yaml".to_owned(), tickets(opened))];
    let old = files("1971-03-15T10:00:00+08:00");
    let new = files("2026-10-28T10:00:00+08:00");
    let run = |files: &[(String, String)]| {
        let repo = load(files);
        let report = common::sla_report(&repo, (2026, 10), (2026, 10, 31));
        let settings = itos::rules::Settings::new(&repo.config, &["INC-005".to_owned()], &[]).unwrap();
        let stale = itos::rules::run(&repo, &settings, jiff::civil::date(2026, 10, 31)).findings.len();
        (report.engagements[0].services[0].month.in_progress.len(), stale)
    };
    // Decades-old tickets are breached long ago (not in October) and stale; this month's run.
    assert_eq!(run(&old).1, n);
    assert!(run(&new).0 > 0);
    let hostile = fastest(|| {
        run(&old);
    });
    let baseline = fastest(|| {
        run(&new);
    });
    assert_linear("decades-old tickets", hostile, baseline, 4);
}

#[test]
fn findings_in_one_large_file_render_without_rescanning_it() {
    // The same 450 findings (under the per-file cap of shown findings) rendered as text: once spread over 450 small files, once all in
    // one file of 450 records (each snippet was cut by counting lines from the top of the
    // file: a 50,000-ticket batch with a thousand findings took half a minute).
    let n = 450;
    let one: String = (0..n)
        .map(|i| format!("---\nkind: Person\nid: p-{i}\nname: 某人\nroll: x\n{}", "# padding line\n".repeat(300)))
        .collect();
    let many: Vec<(String, String)> = (0..n)
        .map(|i| {
            (
                format!("p{i}.yaml"),
                format!("kind: Person\nid: p-{i}\nname: 某人\nroll: x\n{}", "# padding line\n".repeat(300)),
            )
        })
        .collect();
    let one = vec![("people.yaml".to_owned(), one)];
    let style = itos::output::human::Style { color: false, unicode: true, width: 120 };
    let render = |files: &[(String, String)]| {
        let repo = load(files);
        assert!(repo.findings.len() >= n, "at least the unknown field of every record");
        let summary = itos::output::Summary::of(&repo.findings, 0, 0);
        itos::output::human::render(&repo.findings, &repo.sources, &summary, itos::model::Lang::En, style)
    };
    let text = render(&one);
    assert!(text.contains("people.yaml:"), "{}", &text[..400.min(text.len())]);
    let hostile = fastest(|| drop(render(&one)));
    let baseline = fastest(|| drop(render(&many)));
    assert_linear("450 findings in one file", hostile, baseline, 3);
}

#[test]
fn an_event_log_with_one_giant_ticket_imports_in_linear_time() {
    // 20,000 updates of one ticket (alternating states, every one a pause change) against
    // 2,000 tickets of 10 updates: the same rows, the same columns.
    use itos::import::{Request, Targets, mapping::Mapping};
    let dir = tempfile::tempdir().unwrap();
    let header = "number,incident_state,sys_updated_at,sys_mod_count,opened_at,priority\n";
    let states = ["Active", "Awaiting User Info", "Awaiting Vendor", "Resolved", "Active"];
    let row = |ticket: usize, k: usize| {
        let minute = k % 60;
        let hour = (k / 60) % 24;
        let day = 1 + (k / 1440) % 28;
        format!("INC{ticket},{},{day}/9/2026 {hour}:{minute:02},{k},1/9/2026 0:00,2 - High\n", states[k % states.len()])
    };
    let giant: String = header.to_owned() + &(0..20_000).map(|k| row(1, k)).collect::<String>();
    let spread: String =
        header.to_owned() + &(0..20_000).map(|k| row(k / 10, k % 10 + k / 10 % 1000)).collect::<String>();
    std::fs::write(dir.path().join("giant.csv"), giant).unwrap();
    std::fs::write(dir.path().join("spread.csv"), spread).unwrap();
    let text = itos::import::presets::get("servicenow-events").unwrap();
    let mapping = Mapping::parse(text, std::path::Path::new("m.toml")).unwrap();
    let repo = load(&[("e.yaml".to_owned(), BASE.to_owned())]);
    let targets = Targets::of(&repo);
    let run = |file: &str| {
        let request = Request {
            files: vec![dir.path().join(file)],
            mapping: mapping.clone(),
            mapping_label: "preset".into(),
            mapping_sha256: String::new(),
            engagement: None,
            service: Some("helpdesk".into()),
            out: "out".into(),
            replace_all: false,
        };
        itos::import::run(&request, &targets, dir.path(), 100_000, 64 << 20).unwrap()
    };
    let (summary, _) = run("giant.csv");
    assert_eq!((summary.rows_read, summary.tickets_written), (20_000, 1));
    let hostile = fastest(|| drop(run("giant.csv")));
    let baseline = fastest(|| drop(run("spread.csv")));
    assert_linear("one ticket of 20,000 updates", hostile, baseline, 3);
}

#[test]
fn many_backup_policies_and_systems_report_in_linear_time() {
    // 2,000 systems, each with a backup policy, a restore test and an access review in the
    // month, against 2,000 tests and reviews of one system and one policy (8,000 records: one
    // file holds at most 10,000): the duty rules (BAK-002, BAK-004, SEC-003), `report due`
    // and the service report index them by id.
    let n = 2_000;
    let system = |i: usize| format!("---\nkind: System\nid: s{i}\nname: 系统{i}\ncriticality: critical\nrto: 2h\n");
    let policy = |i: usize, s: usize| {
        format!(
            "---\nkind: BackupPolicy\nid: b{i}\nsystem: s{s}\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 30\nintegrity_check: 校验\n"
        )
    };
    let test = |i: usize, b: usize| {
        format!(
            "---\nkind: RestoreTest\nid: t{i}\npolicy: b{b}\nperformed_at: 2026-10-{:02}\nresult: passed\nintegrity_verified: true\nscope: full\nsource: offsite\n",
            1 + i % 28
        )
    };
    let review = |i: usize, s: usize| {
        format!(
            "---\nkind: AccessReview\nid: r{i}\nsystem: s{s}\nperformed_at: 2026-10-{:02}\nreviewer: 刘洋\naccounts_reviewed: 3\n",
            1 + i % 28
        )
    };
    let spread: String = (0..n).map(|i| system(i) + &policy(i, i) + &test(i, i) + &review(i, i)).collect();
    let one: String = (0..n).map(|i| system(i) + &policy(i, 0) + &test(i, 0) + &review(i, 0)).collect();
    let build = |text: &str| {
        let repo = load(&[("engagement.yaml".to_owned(), BASE.to_owned()), ("r.yaml".to_owned(), text.to_owned())]);
        let settings = itos::rules::Settings::new(&repo.config, &[], &[]).unwrap();
        let request = itos::report::monthly::Request {
            period: itos::report::monthly::Period::parse_month("2026-10").unwrap(),
            as_of: jiff::civil::date(2026, 10, 31),
            engagement: "demo".to_owned(),
            prepared_by: None,
        };
        let report = itos::report::monthly::build(&repo, &settings, &request, Default::default()).unwrap();
        assert_eq!(report.sections.backup.tests.len(), n);
    };
    let hostile = fastest(|| build(&spread));
    let baseline = fastest(|| build(&one));
    assert_linear("policies, systems and reviews by id", hostile, baseline, 3);
}

#[test]
fn appraisals_meetings_and_major_incidents_are_matched_by_index() {
    // n people each appraised, n meetings each with an action, n major incidents each linked
    // to a problem: APR-001, MTG-001/002, INC-008 and RSK/PLN look their evidence up by person,
    // engagement or id. Four times the records must cost about four times the time, not
    // sixteen (a scan of every appraisal per person, or every meeting per incident, would).
    let records = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "---\nkind: Person\nid: p{i}\nname: 人员{i}\nrole: r\njoined: 2025-07-01\n\
---\nkind: Appraisal\nid: a{i}\nperson: p{i}\nperiod: {{from: 2025-07-01, to: 2026-06-30}}\nperformed_at: 2026-07-10\nreviewer: 张伟\nresult: good\nfeedback_given_at: 2026-07-11\n\
---\nkind: Meeting\nid: m{i}\ntype: service-review\nheld_at: 2026-10-{:02}\nattendees: [张伟]\ncustomer_attendees: [周敏]\nactions: [{{id: A1, title: t, owner: 张伟, due: 2026-12-31, status: open}}]\n\
---\nkind: Incident\nid: i{i}\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-05T10:00:00+08:00\nresponded_at: 2026-10-05T10:05:00+08:00\nresolved_at: 2026-10-05T12:00:00+08:00\nmajor: true\nlevel: II\nreported_at: 2026-10-05T10:10:00+08:00\nproblem: PRB-{i}\n\
---\nkind: Problem\nid: PRB-{i}\ntitle: t\nincidents: [i{i}]\nowner: 张伟\ndue: 2026-12-31\nstatus: open\n",
                    1 + i % 28
                )
            })
            .collect()
    };
    let run = |text: &str| {
        let repo = load(&[("engagement.yaml".to_owned(), BASE.to_owned()), ("r.yaml".to_owned(), text.to_owned())]);
        let only: Vec<String> = ["APR-001", "MTG-001", "MTG-002", "INC-008", "RSK-001", "PLN-001"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let settings = itos::rules::Settings::new(&repo.config, &only, &[]).unwrap();
        let out = itos::rules::run(&repo, &settings, jiff::civil::date(2026, 10, 31));
        assert!(out.findings.iter().all(|f| f.rule != "APR-001" && f.rule != "MTG-002"));
    };
    let (small, large) = (records(500), records(2_000));
    let baseline = fastest(|| run(&small));
    let hostile = fastest(|| run(&large));
    assert_linear("appraisals, meetings and incidents by index", hostile, baseline, 6);
}

#[test]
fn customer_decisions_and_excluded_files_are_judged_by_index() {
    // `[trust]` and an `exclude` glob over a history of n changes with a customer approval
    // each and n draft files: GIT-005 looks each decision up, GEN-009 matches each file
    // once. 4× the records must take well under 16× the time (quadratic).
    let history = |n: usize| {
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICdX3KDmgmbN3eOAUiIADddBzu8Y1pbkkDd8kEsI9AYW c";
        let mut files = vec![(
            "itos.toml",
            format!("format = 1\nexclude = [\"drafts/**\"]\n[trust]\ncustomer_signers = [\"{key}\"]\n"),
        )];
        let changes: String = (0..n)
            .map(|i| {
                format!(
                    "---\nkind: Change\nid: CHG-{i}\ntitle: t\ndescription: d\nclass: normal\nrequested_by: r\nrequested_at: 2026-10-01T09:00:00+08:00\nimpact: {{services: [helpdesk], expected: e}}\nrisk: {{likelihood: 1, impact: 1, level: low}}\napprovals:\n  - {{by: 周敏, role: department-head, party: customer, at: 2026-10-04T10:00:00+08:00, decision: approved}}\nrollback_plan: r\nstatus: approved\n"
                )
            })
            .collect();
        files.push(("changes/all.yaml", changes));
        let paths: Vec<String> = (0..n).map(|i| format!("drafts/d{i}.yaml")).collect();
        common::repo::Repo::from_files(
            &files
                .iter()
                .map(|(p, t)| (*p, t.clone()))
                .chain(paths.iter().map(|p| (p.as_str(), "kind: Person\nid: x\n".to_owned())))
                .collect::<Vec<_>>(),
        )
    };
    let judge = |repo: &common::repo::Repo| {
        let root = std::path::PathBuf::from(repo.records());
        let text = std::fs::read_to_string(root.join("itos.toml")).unwrap();
        let config = Config::parse(&text, &root.join("itos.toml")).unwrap();
        let mut loaded = Repository::load(&root, config, "");
        loaded.attach_history(false, "");
        (loaded.unauthenticated.len(), loaded.hidden.first().map_or(0, |h| h.files.len()))
    };
    let (small, large) = (history(300), history(1_200));
    assert_eq!(judge(&small), (300, 300));
    assert_eq!(judge(&large), (1_200, 1_200));
    let baseline = fastest(|| {
        judge(&small);
    });
    let hostile = fastest(|| {
        judge(&large);
    });
    // Linear is 4×, quadratic 16×: the bound is 8× (plus the helper's slack).
    assert_linear("customer decisions and excluded files", hostile, baseline * 4, 2);
}
