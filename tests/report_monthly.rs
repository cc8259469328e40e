#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout)]

//! The service report (`itos report monthly`): examples/acme's October 2026 report and
//! 2026-Q3 roll-up in Markdown and JSON, English and Chinese; the figures it shares with
//! `report sla` and `validate` are the same; an empty repository still gets every section.

use crate::common;

use common::itos;
use serde_json::Value;

/// `report monthly` of examples/acme (no git: paths relative to the records root).
fn monthly(extra: &[&str]) -> String {
    let mut args = vec!["report", "monthly", "-C", "examples/acme", "--no-git"];
    args.extend(extra);
    let (code, stdout, stderr) = itos(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

fn json(args: &[&str]) -> Value {
    let mut full = vec!["report"];
    full.extend(args);
    full.extend(["-C", "examples/acme", "--no-git", "--format", "json"]);
    let (code, stdout, stderr) = itos(&full);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

const HEADINGS_EN: [&str; 16] = [
    "1. Summary",
    "2. Service level attainment",
    "3. Incidents",
    "4. Major incidents",
    "5. Problems",
    "6. Changes",
    "7. Information security",
    "8. Backup and recovery",
    "9. People and training",
    "10. Customer satisfaction and feedback",
    "11. Continuous improvement",
    "12. Emergency management",
    "13. Compliance",
    "14. Service credits",
    "15. Next period",
    "16. Sign-off",
];

// ---------------------------------------------------------------- snapshots

#[test]
fn acme_october_markdown() {
    let out = monthly(&["--month", "2026-10"]);
    let mut at = 0;
    for h in HEADINGS_EN {
        let found = out[at..].find(&format!("## {h}\n")).unwrap_or_else(|| panic!("{h} missing or out of order"));
        at += found;
    }
    insta::assert_snapshot!(out);
}

#[test]
fn acme_october_markdown_zh() {
    let out = monthly(&["--month", "2026-10", "--lang", "zh-CN"]);
    assert!(
        out.starts_with("# 江南商业银行股份有限公司 江南商业银行核心系统运维外包服务 月度服务报告 2026年10月\n"),
        "{out}"
    );
    for h in ["## 一、摘要", "## 三、事件管理", "## 十三、合规情况", "## 十六、签字确认"] {
        assert!(out.contains(h), "{h}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn acme_q3_markdown() {
    insta::assert_snapshot!(monthly(&["--quarter", "2026-Q3"]));
}

#[test]
fn acme_q3_markdown_zh() {
    insta::assert_snapshot!(monthly(&["--quarter", "2026-Q3", "--lang", "zh-CN"]));
}

#[test]
fn acme_october_json() {
    insta::assert_snapshot!(monthly(&["--month", "2026-10", "--format", "json"]));
}

#[test]
fn acme_q3_json_zh() {
    insta::assert_snapshot!(monthly(&["--quarter", "2026-Q3", "--format", "json", "--lang", "zh-CN"]));
}

// ---------------------------------------------------------------- agreement

/// A month's availability, attainment, MTTR/MTBF and credits are `report sla`'s, exactly.
#[test]
fn a_month_agrees_with_report_sla() {
    for month in ["2026-08", "2026-09", "2026-10"] {
        let m = json(&["monthly", "--month", month]);
        let s = json(&["sla", "--month", month]);
        let eng = &s["engagements"][0];
        for (ours, theirs) in m["services"].as_array().unwrap().iter().zip(eng["services"].as_array().unwrap()) {
            assert_eq!(ours["service"], theirs["service"]);
            let recorded = theirs["tickets_recorded"].as_bool().unwrap();
            if recorded {
                assert_eq!(ours["availability"]["exact"], theirs["availability"]["percent_exact"], "{month}");
                assert_eq!(ours["availability"]["scheduled_seconds"], theirs["availability"]["scheduled_seconds"]);
                assert_eq!(
                    ours["availability"]["downtime_seconds_exact"],
                    theirs["availability"]["downtime_seconds_exact"]
                );
            } else {
                assert_eq!(ours["availability"]["exact"], Value::Null, "no records: no figure");
            }
            let theirs_att: Vec<(String, String, Value, Value)> = theirs["attainment"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["priority"].to_string(), a["clock"].to_string(), a["decided"].clone(), a["met"].clone()))
                .collect();
            let ours_att: Vec<(String, String, Value, Value)> = ours["attainment"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["priority"].to_string(), a["clock"].to_string(), a["decided"].clone(), a["met"].clone()))
                .collect();
            if recorded {
                assert_eq!(ours_att, theirs_att, "{month}");
                assert_eq!(ours["mttr_seconds"], theirs["mttr"]["seconds"]);
                assert_eq!(ours["mtbf_seconds"], theirs["mtbf"]["seconds"]);
            }
        }
        assert_eq!(m["credits"]["owed"], eng["credit"]["owed"], "{month}");
    }
}

/// The compliance section counts what `validate --as-of <last day>` reports.
#[test]
fn compliance_counts_equal_validate_on_the_last_day() {
    for (period, last) in [(["--month", "2026-10"], "2026-10-31"), (["--month", "2026-08"], "2026-08-31")] {
        let m = json(&["monthly", period[0], period[1]]);
        let (_, out, _) = itos(&["validate", "-C", "examples/acme", "--no-git", "--as-of", last, "--format", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let open: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["waived_by"].is_null()).collect();
        let errors = open.iter().filter(|f| f["severity"] == "error").count();
        assert_eq!(m["compliance"]["errors"], errors, "{last}");
        assert_eq!(m["compliance"]["warnings"], open.len() - errors, "{last}");
        assert_eq!(m["compliance"]["as_of"], last);
    }
}

/// A quarter rolls up from the months' totals, not from averaged percentages (decision 25):
/// availability = Σ(scheduled − downtime) ÷ Σscheduled over the months with records.
#[test]
fn a_quarter_is_rolled_up_from_totals() {
    let q = json(&["monthly", "--quarter", "2026-Q3"]);
    let months: Vec<Value> = ["2026-07", "2026-08", "2026-09"].iter().map(|m| json(&["sla", "--month", m])).collect();
    for (i, service) in q["services"].as_array().unwrap().iter().enumerate() {
        let (mut scheduled, mut down_num, mut credit) = (0i64, 0f64, 0f64);
        let mut recorded = Vec::new();
        for m in &months {
            let s = &m["engagements"][0]["services"][i];
            assert_eq!(s["service"], service["service"]);
            if s["tickets_recorded"].as_bool().unwrap() {
                scheduled += s["availability"]["scheduled_seconds"].as_i64().unwrap();
                down_num += s["availability"]["downtime_seconds"].as_f64().unwrap();
                recorded.push(m["month"].as_str().unwrap().to_owned());
            }
        }
        for m in &months {
            credit += m["engagements"][0]["credit"]["owed"].as_str().map_or(0.0, |c| c.parse::<f64>().unwrap());
        }
        assert_eq!(service["months_recorded"], serde_json::json!(recorded));
        assert_eq!(service["availability"]["scheduled_seconds"], scheduled);
        let expected = 100.0 * (scheduled as f64 - down_num) / scheduled as f64;
        let ours = service["availability"]["percent"].as_f64().unwrap();
        assert!((ours - expected).abs() < 1e-9, "{ours} vs {expected}");
        assert_eq!(q["credits"]["owed"].as_str().unwrap().parse::<f64>().unwrap(), credit);
    }
    // July 2026 lies before the records begin (records_from 2026-08-01): named, not averaged in.
    assert_eq!(q["services"][0]["months_without_records"], serde_json::json!(["2026-07"]));
}

// ---------------------------------------------------------------- honest when empty

#[test]
fn an_empty_repository_gets_every_section_and_invents_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("engagement.yaml"), common::BASE).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, out, err) =
        itos(&["report", "monthly", "-C", root, "--no-git", "--month", "2026-10", "--as-of", "2026-11-05"]);
    assert_eq!(code, 0, "{err}");
    for h in HEADINGS_EN {
        assert!(out.contains(&format!("## {h}\n")), "{h}");
    }
    for none in [
        "No incidents this month.",
        "No major incidents this month.",
        "No changes this month.",
        "No drills this month.",
    ] {
        assert!(out.contains(none), "{none}\n{out}");
    }
    assert!(out.contains("| Availability — helpdesk | — |"), "{out}");
    assert!(!out.contains("100.0"), "nothing recorded is no evidence of a perfect month: {out}");
    let (_, zh, _) = itos(&[
        "report",
        "monthly",
        "-C",
        root,
        "--no-git",
        "--month",
        "2026-10",
        "--as-of",
        "2026-11-05",
        "--lang",
        "zh-CN",
    ]);
    for none in ["本月无事件。", "本月无重大事件。", "本月无变更。"] {
        assert!(zh.contains(none), "{none}\n{zh}");
    }
}

// ---------------------------------------------------------------- the command line

#[test]
fn the_period_is_checked_and_the_format_follows_the_extension() {
    for (flag, bad) in [("--month", "2026-13"), ("--quarter", "2026-Q5"), ("--year", "26")] {
        let (code, _, err) = itos(&["report", "monthly", "-C", "examples/acme", flag, bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains(bad), "{err}");
    }
    let (code, _, err) = itos(&["report", "monthly", "-C", "examples/acme"]);
    assert_eq!(code, 2, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let (code, _, err) =
        itos(&["report", "monthly", "-C", "examples/acme", "--month", "2026-10", "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));
    assert!(err.contains("kind: ServiceReport") && err.contains("period: {from: 2026-10-01, to: 2026-10-31}"), "{err}");
    let odd = dir.path().join("r.pdf");
    let (code, _, err) =
        itos(&["report", "monthly", "-C", "examples/acme", "--month", "2026-10", "-o", odd.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".pdf"), "{err}");
}

#[test]
fn several_engagements_need_a_choice_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("a.yaml"), common::BASE).unwrap();
    let second = common::BASE.replace("id: demo", "id: other").replace("id: sla-helpdesk", "id: sla-other");
    std::fs::write(dir.path().join("b.yaml"), second.replacen("kind: Sla\n", "kind: Sla\nengagement: other\n", 1))
        .unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, _, err) = itos(&["report", "monthly", "-C", root, "--no-git", "--month", "2026-10"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("demo") && err.contains("other") && err.contains("--engagement"), "{err}");
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = itos(&[
        "report",
        "monthly",
        "-C",
        root,
        "--no-git",
        "--month",
        "2026-10",
        "--format",
        "json",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    for id in ["demo", "other"] {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(out.path().join(format!("{id}-2026-10.json"))).unwrap())
                .unwrap();
        assert_eq!(v["engagement"]["id"], id);
    }
}

// ---------------------------------------------------------------- HTML and Word, printed

/// examples/acme's October report as a document, built in-process (what the CLI renders).
fn acme_document(lang: itos::model::Lang, period: itos::report::monthly::Period) -> (itos::output::doc::Doc, Vec<u8>) {
    use itos::config::Config;
    use itos::load::Repository;
    use itos::report::monthly::{Request, build};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let config =
        Config::parse(&std::fs::read_to_string(root.join("itos.toml")).unwrap(), &root.join("itos.toml")).unwrap();
    let repo = Repository::load(&root, config, "");
    let settings = itos::rules::Settings::new(&repo.config, &[], &[]).unwrap();
    let as_of = common::date("2026-10-31");
    let request =
        Request { period, as_of, engagement: "acme-core-ops".to_owned(), prepared_by: Some("张伟".to_owned()) };
    // The provenance the command prints without git: the inputs' digest over the files read.
    let config_text = std::fs::read_to_string(root.join("itos.toml")).unwrap();
    let provenance = itos::report::provenance::Provenance {
        inputs: itos::report::provenance::inputs_digest(&config_text, &repo.sources),
        files: repo.file_count(),
        ..Default::default()
    };
    let report = build(&repo, &settings, &request, provenance).unwrap();
    let doc = itos::output::monthly::document(&report, lang);
    let docx = itos::output::docx::docx_dated(&doc, as_of).unwrap();
    (doc, docx)
}

fn periods() -> Vec<(&'static str, itos::report::monthly::Period)> {
    use itos::report::monthly::Period;
    vec![("october", Period::parse_month("2026-10").unwrap()), ("q3", Period::parse_quarter("2026-Q3").unwrap())]
}

/// The Word file converts in LibreOffice and the PDF holds every section heading and every
/// table cell (a clipped table loses its right columns).
#[test]
fn the_word_report_opens_in_libreoffice_with_every_heading() {
    use common::print::{check_pdf, docx_to_pdf, screenshots, tool};
    let (Some(soffice), Some(_)) = (tool(&["soffice", "libreoffice"]), tool(&["pdftotext"])) else {
        println!(
            "SKIPPED: soffice not found; install libreoffice-writer-nogui poppler-utils fonts-noto-cjk (.ci/run does)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    let mut files = Vec::new();
    for (name, period) in periods() {
        for lang in [itos::model::Lang::En, itos::model::Lang::ZhCn] {
            let (doc, bytes) = acme_document(lang, period);
            let file = dir.path().join(format!("acme-{name}-{}.docx", lang.code()));
            std::fs::write(&file, bytes).unwrap();
            files.push(file);
            docs.push(doc);
        }
    }
    docx_to_pdf(&soffice, &files, dir.path());
    for (doc, file) in docs.iter().zip(&files) {
        let pdf = file.with_extension("pdf");
        check_pdf(doc, &pdf, true);
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        screenshots(&pdf, &format!("{stem}-docx"));
    }
}

/// The A4 page prints in Chromium: every heading and every cell in the PDF, every section
/// on a page of its own.
#[test]
fn the_html_report_prints_in_chromium_with_every_heading() {
    use common::print::{check_pdf, html_to_pdf, pdf_text, screenshots, tool};
    let (Some(chromium), Some(_)) = (tool(&["chromium", "chromium-browser", "google-chrome"]), tool(&["pdftotext"]))
    else {
        println!("SKIPPED: chromium not found; install chromium poppler-utils fonts-noto-cjk (.ci/run does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, period) in periods() {
        for lang in [itos::model::Lang::En, itos::model::Lang::ZhCn] {
            let (doc, _) = acme_document(lang, period);
            let stem = format!("acme-{name}-{}", lang.code());
            let html = dir.path().join(format!("{stem}.html"));
            std::fs::write(&html, itos::output::doc::html_print(&doc)).unwrap();
            let pdf = dir.path().join(format!("{stem}.pdf"));
            html_to_pdf(&chromium, &html, &pdf, dir.path());
            check_pdf(&doc, &pdf, true);
            let layout = pdf_text(&pdf, "-layout");
            let pages: Vec<&str> = layout.split('\u{c}').collect();
            // The last page with the heading as a line: the contents list names it first.
            let page_of = |h: &str| pages.iter().rposition(|p| p.lines().any(|l| l.trim() == h));
            let sections: Vec<Option<usize>> =
                (1..=16).map(|n| page_of(&itos::output::monthly::heading(n, period, lang))).collect();
            assert!(sections.iter().all(Option::is_some), "{stem}: {sections:?}");
            assert!(sections.windows(2).all(|w| w[0] < w[1]), "{stem}: a section shares a page: {sections:?}");
            screenshots(&pdf, &format!("{stem}-html"));
        }
    }
}
