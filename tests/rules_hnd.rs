#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Fixture tests of the exit rules (HND-*): rule id, file, line and column, and agreement
//! between the rules and the checklist's exit model.

use crate::common;
use common::*;

use itos::config::Config;
use itos::exit::{Status, exit, handover_of};
use itos::load::Repository;
use itos::rules::{Context, Settings, run};

/// A complete exit of the base engagement `demo` (notice 30 days, conditions contract-expiry
/// and mutual-agreement), effective 2026-09-15, so after exit on 2026-10-31.
const EXIT: &str = "kind: Handover
id: HO-1
engagement: demo
termination: {reason: contract-expiry, notice_given_at: 2026-07-01, effective_at: 2026-09-15}
pre_exit_check_at: 2026-08-10
deliverables:
  - {item: system-config, evidence: [engagement.yaml], delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: technical-docs, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: system-logs, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: training-materials, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: service-reports, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: change-records, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
  - {item: backup-recovery-plan, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}
leftover_issues:
  - {id: L-1, title: 监控脚本迁移, severity: low, status: resolved, owner: 王磊, plan: 迁移, due: 2026-09-30, verified_at: 2026-09-28, customer_confirmed_at: 2026-09-29}
leftover_report_submitted_at: 2026-10-08
support: {until: 2026-12-15, channels: [电话], contact: 张伟}
data: {returned_at: 2026-09-20}
credentials_returned_at: 2026-09-16
access_revoked_at: 2026-09-15
settlement: {completed_at: 2026-10-10, audit_done: true}
sign_off: {provider: {name: 张伟, at: 2026-10-12}, customer: {name: 周敏, at: 2026-10-12}}
evaluation: {at: 2026-10-14, summary: 达成}
post_exit_feedback_at: 2026-10-14
";

/// 1-based line and column (in characters) of the first occurrence of `needle` in `text`.
fn pos(text: &str, needle: &str) -> (u32, u32) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

fn hnd(rule: &str, text: &str, as_of: &str) -> Vec<Located> {
    run_rule(rule, &[("h.yaml", text)], as_of).0
}

fn at_text(rule: &str, text: &str, needle: &str) -> Located {
    let (line, col) = pos(text, needle);
    at(rule, "h.yaml", line, col)
}

#[test]
fn the_complete_exit_passes_every_rule_at_every_stage() {
    for as_of in ["2026-07-15", "2026-09-15", "2026-10-15", "2026-10-31", "2027-12-31"] {
        let (located, _) = run_rules(&[("engagement.yaml", BASE), ("h.yaml", EXIT)], "", &[], as_of);
        let hnd: Vec<_> = located.iter().filter(|l| l.0.starts_with("HND")).collect();
        assert!(hnd.is_empty(), "{as_of}: {hnd:?}");
    }
}

#[test]
fn hnd001_notice_exactly_at_the_limit_passes_one_day_later_fails() {
    // 30 days before 2026-09-15 is 2026-08-16.
    let ok = EXIT.replace("notice_given_at: 2026-07-01", "notice_given_at: 2026-08-16");
    assert!(hnd("HND-001", &ok, "2026-10-31").is_empty());
    let late = EXIT.replace("notice_given_at: 2026-07-01", "notice_given_at: 2026-08-17");
    assert_eq!(hnd("HND-001", &late, "2026-07-01"), vec![at_text("HND-001", &late, "2026-08-17")]);
    let (_, findings) = run_rule("HND-001", &[("h.yaml", &late)], "2026-10-31");
    assert_eq!(
        findings[0].message.en,
        "notice given 2026-08-17, 29 days before the effective date 2026-09-15; the contract requires at least 30 days (`notice_days`), i.e. by 2026-08-16"
    );
    // The contract governs (decision 10): a longer policy minimum is CON-005's warning on the
    // contract, not a reason to fail a notice the contract allows.
    let files = [("engagement.yaml", BASE), ("h.yaml", ok.as_str())];
    let longer = run_rules(&files, "[policy]\ntermination_notice_days = 45\n", &["HND-001"], "2026-10-31").0;
    assert!(longer.is_empty(), "{longer:?}");
}

#[test]
fn hnd001_reason_evidence_and_agreement() {
    // force-majeure is not among the demo contract's conditions, and has no evidence.
    let fm = EXIT.replace("reason: contract-expiry", "reason: force-majeure");
    assert_eq!(
        hnd("HND-001", &fm, "2026-10-31"),
        vec![at_text("HND-001", &fm, "force-majeure"), at_text("HND-001", &fm, "force-majeure")]
    );
    // Mutual agreement needs the signing date; then no notice period applies.
    let mutual = EXIT.replace(
        "reason: contract-expiry, notice_given_at: 2026-07-01",
        "reason: mutual-agreement, notice_given_at: 2026-09-10",
    );
    assert_eq!(hnd("HND-001", &mutual, "2026-10-31"), vec![at_text("HND-001", &mutual, "mutual-agreement")]);
    let signed =
        mutual.replace("effective_at: 2026-09-15}", "effective_at: 2026-09-15, agreement_signed_at: 2026-09-12}");
    assert!(hnd("HND-001", &signed, "2026-10-31").is_empty());
}

#[test]
fn hnd002_a_missing_item_fires_at_once_an_undelivered_one_after_the_effective_date() {
    let without = EXIT.replace(
        "  - {item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}\n",
        "",
    );
    // Before the effective date already: the list is incomplete.
    assert_eq!(hnd("HND-002", &without, "2026-08-01"), vec![at_text("HND-002", &without, "- {item: system-config")]);
    // Listed as not applicable with the customer's acceptance: fine.
    let na = EXIT.replace(
        "{item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}",
        "{item: user-manuals, not_applicable: {reason: 无最终用户界面, accepted_by: 周敏}}",
    );
    assert!(hnd("HND-002", &na, "2026-10-31").is_empty());
    // Listed but not accepted: pending until the effective date, then an error at the entry.
    let unaccepted = EXIT.replace(
        "{item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}",
        "{item: user-manuals, delivered_at: 2026-09-01}",
    );
    assert!(hnd("HND-002", &unaccepted, "2026-09-15").is_empty());
    assert_eq!(hnd("HND-002", &unaccepted, "2026-09-16"), vec![at_text("HND-002", &unaccepted, "{item: user-manuals")]);
}

#[test]
fn hnd004_open_issue_after_its_due_date_and_after_the_effective_date_without_plan() {
    let open = EXIT.replace(
        "status: resolved, owner: 王磊, plan: 迁移, due: 2026-09-30, verified_at: 2026-09-28",
        "status: open, owner: 王磊, plan: 迁移, due: 2026-09-30",
    );
    assert!(hnd("HND-004", &open, "2026-09-30").is_empty());
    assert_eq!(hnd("HND-004", &open, "2026-10-01"), vec![at_text("HND-004", &open, "open")]);
    // No plan: reported from the effective date on. No due date: never "past its due".
    let no_plan = EXIT.replace(
        "status: resolved, owner: 王磊, plan: 迁移, due: 2026-09-30, verified_at: 2026-09-28",
        "status: open, owner: 王磊",
    );
    assert!(hnd("HND-004", &no_plan, "2026-09-14").is_empty());
    let (line, col) = pos(&no_plan, "{id: L-1");
    assert_eq!(hnd("HND-004", &no_plan, "2026-09-15"), vec![at("HND-004", "h.yaml", line, col)]);
    assert_eq!(hnd("HND-004", &no_plan, "2026-09-16"), vec![at("HND-004", "h.yaml", line, col)]);
    let planned = EXIT.replace(
        "status: resolved, owner: 王磊, plan: 迁移, due: 2026-09-30, verified_at: 2026-09-28",
        "status: open, owner: 王磊, plan: 迁移",
    );
    assert!(hnd("HND-004", &planned, "2026-10-01").is_empty(), "open with a plan and no due date");
    // After exit without a leftover report.
    let no_report = EXIT.replace("leftover_report_submitted_at: 2026-10-08\n", "");
    assert!(hnd("HND-004", &no_report, "2026-10-15").is_empty());
    assert_eq!(hnd("HND-004", &no_report, "2026-10-16"), vec![at_text("HND-004", &no_report, "HO-1")]);
}

#[test]
fn hnd005_support_missing_or_shorter_than_the_contract() {
    let none = EXIT.replace("support: {until: 2026-12-15, channels: [电话], contact: 张伟}\n", "");
    assert_eq!(hnd("HND-005", &none, "2026-08-01"), vec![at_text("HND-005", &none, "HO-1")]);
    // The contract asks for 120 days after 2026-09-15: until 2027-01-13.
    let base = BASE.replacen("support: {", "post_termination_support_days: 120\nsupport: {", 1);
    let files = [("engagement.yaml", base.as_str()), ("h.yaml", EXIT)];
    assert_eq!(run_rules(&files, "", &["HND-005"], "2026-10-31").0, vec![at_text("HND-005", EXIT, "2026-12-15")]);
    let long = EXIT.replace("until: 2026-12-15", "until: 2027-01-13");
    let files = [("engagement.yaml", base.as_str()), ("h.yaml", long.as_str())];
    assert!(run_rules(&files, "", &["HND-005"], "2026-10-31").0.is_empty());
}

#[test]
fn hnd006_after_exit_data_credentials_access_and_settlement() {
    let gone = EXIT
        .replace("data: {returned_at: 2026-09-20}\n", "")
        .replace("credentials_returned_at: 2026-09-16\n", "")
        .replace("settlement: {completed_at: 2026-10-10, audit_done: true}", "settlement: {completed_at: 2026-10-10}");
    // Within the 30-day grace period (to 2026-10-15) nothing is reported.
    assert!(hnd("HND-006", &gone, "2026-10-15").is_empty());
    assert_eq!(
        hnd("HND-006", &gone, "2026-10-16"),
        vec![
            at_text("HND-006", &gone, "HO-1"),
            at_text("HND-006", &gone, "HO-1"),
            at_text("HND-006", &gone, "{completed_at: 2026-10-10}"),
        ]
    );
    // Sensitive data needs a destruction or return certificate.
    let asset = "kind: DataAsset\nid: data-accounts\nclassification: sensitive\nowner: 运营部\nencrypted_at_rest: true\nencrypted_in_transit: true\n";
    let (located, findings) = run_rule("HND-006", &[("h.yaml", EXIT), ("d.yaml", asset)], "2026-10-31");
    assert_eq!(located, vec![at_text("HND-006", EXIT, "{returned_at: 2026-09-20}")]);
    assert!(findings[0].message.en.contains("`data.certificate` for classified data"), "{}", findings[0].message.en);
    let certified =
        EXIT.replace("data: {returned_at: 2026-09-20}", "data: {returned_at: 2026-09-20, certificate: d.yaml}");
    assert!(run_rule("HND-006", &[("h.yaml", &certified), ("d.yaml", asset)], "2026-10-31").0.is_empty());
}

#[test]
fn hnd007_and_hnd008_after_exit() {
    let one = EXIT.replace(", customer: {name: 周敏, at: 2026-10-12}}", "}");
    assert!(hnd("HND-007", &one, "2026-10-15").is_empty());
    assert_eq!(hnd("HND-007", &one, "2026-10-16"), vec![at_text("HND-007", &one, "{provider:")]);
    let no_eval = EXIT.replace("evaluation: {at: 2026-10-14, summary: 达成}\n", "");
    let (located, findings) = run_rule("HND-008", &[("h.yaml", &no_eval)], "2026-10-16");
    assert_eq!(located, vec![at_text("HND-008", &no_eval, "HO-1")]);
    assert_eq!(findings[0].severity, itos::model::Severity::Warning);
}

#[test]
fn hnd003_evidence_must_exist_inside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(root.join("engagement.yaml"), BASE).unwrap();
    std::fs::create_dir_all(root.join("exit")).unwrap();
    std::fs::write(root.join("exit/config.md"), "配置清单").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "x").unwrap();
    let text = EXIT.replace("evidence: [engagement.yaml]", "evidence: [exit/config.md, exit/logs.md, exit/leak.md]");
    std::fs::write(root.join("h.yaml"), &text).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("exit/leak.md")).unwrap();
    #[cfg(not(unix))]
    std::fs::write(root.join("exit/leak.md"), "x").unwrap();
    let repo = Repository::load(root, Config::default(), "");
    let settings = Settings::new(&repo.config, &["HND-003".to_owned()], &[]).unwrap();
    let findings = run(&repo, &settings, date("2026-10-31")).findings;
    let located: Vec<_> = findings
        .iter()
        .map(|f| {
            let (file, lc, _) = repo.sources.locate(f.span).unwrap();
            (f.rule, file.path.clone(), lc.line, lc.col, f.message.en.clone())
        })
        .collect();
    let (line, col) = pos(&text, "exit/logs.md");
    assert_eq!(
        located[0],
        ("HND-003", "h.yaml".to_owned(), line, col, "`exit/logs.md` does not exist in the repository".to_owned())
    );
    #[cfg(unix)]
    {
        let (line, col) = pos(&text, "exit/leak.md");
        assert_eq!((located[1].2, located[1].3), (line, col));
        assert!(located[1].4.contains("leads outside the repository"), "{}", located[1].4);
    }
    // A `..` path is refused when the record is read (GEN-003 at the path).
    let climbing = EXIT.replace("evidence: [engagement.yaml]", "evidence: [../secret.md]");
    let (located, _) = run_rules(&[("engagement.yaml", BASE), ("h.yaml", &climbing)], "", &["HND-003"], "2026-10-31");
    assert_eq!(located, vec![at_text("GEN-003", &climbing, "../secret.md")]);
}

/// The checklist and the rules never disagree: every finding is a problem of a missing item,
/// and every item with a problem is missing.
#[test]
fn the_checklist_shows_exactly_the_rules_findings() {
    for rule in itos::rules::all().iter().filter(|r| r.meta().id.starts_with("HND")) {
        let meta = rule.meta();
        for example in [meta.failing, meta.passing] {
            let (repo, findings) = itos::rules::examples::run_example(meta, example);
            let cx = Context::new(&repo, itos::rules::examples::AS_OF);
            let eng = &repo.records.engagements[0];
            let exit = exit(&cx, eng, handover_of(&cx, eng));
            let problems: Vec<_> =
                exit.items.iter().flat_map(|i| i.problems.iter()).filter(|p| p.rule == meta.id).collect();
            assert_eq!(problems.len(), findings.len(), "{}", meta.id);
            for item in &exit.items {
                assert_eq!(
                    item.status == Status::Missing && !item.problems.is_empty(),
                    !item.problems.is_empty(),
                    "{}",
                    item.key
                );
            }
        }
    }
}

#[test]
fn evidence_dated_after_as_of_does_not_count_yet() {
    // After exit (grace ends 2026-10-15), judged on 2026-10-31, with steps dated in November.
    let later = EXIT
        .replace(
            "sign_off: {provider: {name: 张伟, at: 2026-10-12}",
            "sign_off: {provider: {name: 张伟, at: 2026-11-12}",
        )
        .replace("evaluation: {at: 2026-10-14", "evaluation: {at: 2026-11-14")
        .replace("data: {returned_at: 2026-09-20}", "data: {returned_at: 2026-11-20}")
        .replace(
            "{item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}",
            "{item: user-manuals, delivered_at: 2026-11-01, accepted_by: 周敏, accepted_at: 2026-11-05}",
        );
    let rules = |as_of: &str| -> Vec<String> {
        let (located, _) = run_rules(&[("engagement.yaml", BASE), ("h.yaml", &later)], "", &[], as_of);
        let mut rules: Vec<String> = located.into_iter().map(|l| l.0).filter(|r| r.starts_with("HND")).collect();
        rules.sort();
        rules
    };
    assert_eq!(rules("2026-10-31"), ["HND-002", "HND-006", "HND-007", "HND-008"]);
    // Once those days have come, the exit is complete again.
    assert!(rules("2026-11-20").is_empty(), "{:?}", rules("2026-11-20"));
}

#[test]
fn review_fixes_not_applicable_evidence_late_notice_support_and_post_exit_dates() {
    let rules = |text: &str, as_of: &str| -> Vec<String> {
        let (located, _) = run_rules(&[("engagement.yaml", BASE), ("h.yaml", text)], "", &[], as_of);
        let mut r: Vec<String> = located.into_iter().map(|l| l.0).filter(|r| r.starts_with("HND")).collect();
        r.sort();
        r
    };
    // A support period that ends before the effective date is no post-termination support.
    let short = EXIT.replace("support: {until: 2026-12-15", "support: {until: 2026-09-01");
    assert_eq!(rules(&short, "2026-10-31"), ["HND-005"]);
    // Post-exit feedback and the outcome evaluation dated before the effective date do not count.
    let early = EXIT
        .replace("evaluation: {at: 2026-10-14", "evaluation: {at: 2026-06-01")
        .replace("post_exit_feedback_at: 2026-10-14", "post_exit_feedback_at: 2026-06-01");
    assert_eq!(rules(&early, "2026-10-31"), ["HND-008", "HND-008"]);
}

/// The exit model's items of `text` (with the base engagement) judged at `as_of`.
fn items(text: &str, as_of: &str) -> Vec<(String, Status)> {
    let files = vec![("engagement.yaml".to_owned(), BASE.to_owned()), ("h.yaml".to_owned(), text.to_owned())];
    let repo = Repository::from_texts(&files, Config::default());
    let day: jiff::civil::Date = as_of.parse().unwrap();
    let cx = Context::new(&repo, day);
    let eng = &repo.records.engagements[0];
    exit(&cx, eng, handover_of(&cx, eng)).items.iter().map(|i| (i.key.clone(), i.status)).collect()
}

fn status(items: &[(String, Status)], key: &str) -> Status {
    items.iter().find(|(k, _)| k == key).map(|(_, s)| *s).unwrap()
}

#[test]
fn a_not_applicable_item_with_missing_evidence_is_missing_and_a_future_notice_is_not_given() {
    // HND-003 fires on the evidence of an n/a deliverable: the checklist must not say n/a.
    let na = EXIT.replace(
        "{item: user-manuals, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}",
        "{item: user-manuals, evidence: [ghost.md], not_applicable: {reason: 无终端用户, accepted_by: 周敏}}",
    );
    assert_eq!(hnd("HND-003", &na, "2026-10-31").len(), 1);
    assert_eq!(status(&items(&na, "2026-10-31"), "deliverable.user-manuals"), Status::Missing);
    // A notice dated after as-of has not been given: pending until the last notice day.
    let all = items(EXIT, "2026-06-15");
    assert_eq!(status(&all, "termination.notice"), Status::Pending);
}

#[test]
fn hnd001_follows_the_contracts_notice_days_and_con005_still_warns() {
    // Contract 20 days, policy 30: notice 25 days before the end satisfies the contract.
    let base = BASE.replace("notice_days: 30", "notice_days: 20");
    let ho = EXIT.replace("notice_given_at: 2026-07-01", "notice_given_at: 2026-08-21");
    let files = [("engagement.yaml", base.as_str()), ("h.yaml", ho.as_str())];
    let (located, _) = run_rules(&files, "", &["HND-001", "CON-005"], "2026-10-31");
    let (line, col) = pos(&base, "20, conditions");
    assert_eq!(located, vec![at("CON-005", "engagement.yaml", line, col)]);
    // One day under the contract's 20 days fails.
    let late = EXIT.replace("notice_given_at: 2026-07-01", "notice_given_at: 2026-08-27");
    let files = [("engagement.yaml", base.as_str()), ("h.yaml", late.as_str())];
    let (located, _) = run_rules(&files, "", &["HND-001"], "2026-10-31");
    assert_eq!(located, vec![at_text("HND-001", &late, "2026-08-27")]);
    // The checklist's notice item is due 20 days before the effective date.
    let config = Config::default();
    let repo = Repository::from_texts(
        &[("engagement.yaml".to_owned(), base.clone()), ("h.yaml".to_owned(), ho.clone())],
        config,
    );
    let cx = Context::new(&repo, date("2026-10-31"));
    let e = &cx.records.engagements[0];
    let x = exit(&cx, e, handover_of(&cx, e));
    let notice = x.items.iter().find(|i| i.key == "termination.notice").unwrap();
    assert_eq!((notice.due, notice.status), (Some(date("2026-08-26")), Status::Done));
}

#[test]
fn hnd004_a_resolved_issue_needs_verification_and_the_customers_confirmation() {
    let no_confirm = EXIT.replace(", customer_confirmed_at: 2026-09-29}", "}");
    assert_eq!(hnd("HND-004", &no_confirm, "2026-10-31"), vec![at_text("HND-004", &no_confirm, "resolved")]);
    let (_, findings) = run_rule("HND-004", &[("h.yaml", &no_confirm)], "2026-10-31");
    assert_eq!(
        findings[0].message.en,
        "leftover issue L-1 is marked resolved without `customer_confirmed_at`: §7.3 requires the resolution verified and confirmed by the customer"
    );
    let neither = no_confirm.replace(", verified_at: 2026-09-28}", "}");
    let (_, findings) = run_rule("HND-004", &[("h.yaml", &neither)], "2026-10-31");
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].message.zh.contains("缺少验证日期（`verified_at`）和客户确认日期（`customer_confirmed_at`）"),
        "{}",
        findings[0].message.zh
    );
    assert!(hnd("HND-004", EXIT, "2026-10-31").is_empty());
    // Accepted by the customer: no verification needed.
    let accepted = neither.replace("status: resolved", "status: accepted");
    assert!(hnd("HND-004", &accepted, "2026-10-31").is_empty());
}

#[test]
fn hnd004_the_pre_exit_check_is_due_30_days_before_the_effective_date() {
    // E = 2026-09-15, so the check is due 2026-08-16.
    let none = EXIT.replace("pre_exit_check_at: 2026-08-10\n", "");
    assert!(hnd("HND-004", &none, "2026-08-16").is_empty());
    assert_eq!(hnd("HND-004", &none, "2026-08-17"), vec![at_text("HND-004", &none, "HO-1")]);
    let (_, findings) = run_rule("HND-004", &[("h.yaml", &none)], "2026-08-17");
    assert_eq!(
        findings[0].message.en,
        "no full system check before exit (`pre_exit_check_at`) by 2026-08-16, 30 days before the effective date 2026-09-15"
    );
    // On the due day passes; a day later is too late, even once recorded.
    let on_time = EXIT.replace("pre_exit_check_at: 2026-08-10", "pre_exit_check_at: 2026-08-16");
    assert!(hnd("HND-004", &on_time, "2026-10-31").is_empty());
    let late = EXIT.replace("pre_exit_check_at: 2026-08-10", "pre_exit_check_at: 2026-08-17");
    assert_eq!(hnd("HND-004", &late, "2026-10-31"), vec![at_text("HND-004", &late, "2026-08-17")]);
}
