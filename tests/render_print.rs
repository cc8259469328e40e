#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout, clippy::print_stderr)]

//! The printable renderings of a report document: Word (`output::docx`) read back from its
//! zip, and the A4 HTML page (`doc::html_print`). Where LibreOffice and Chromium are
//! installed the Word file is converted to PDF and the page printed to PDF, and the PDF text
//! must hold every heading and every table cell (a clipped table loses its right columns).
//! Without those tools the tests say they skipped. `ITOS_SCREENSHOTS=<dir>` keeps PNGs of
//! the first two printed pages (and the Word files).

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use itos::output::doc::{self, Block, Chart, Doc, DocTable};
use itos::output::docx::{docx, docx_dated};

use crate::common;

use common::print::{check_pdf, docx_to_pdf, html_to_pdf, pdf_text, screenshots, tool};

fn s(v: &str) -> String {
    v.to_owned()
}

/// A report with every kind of block: sections and a subsection, facts, a wide table with
/// long Chinese text, a numeric table, a note and a chart.
fn sample(zh: bool) -> Doc {
    let t = |en: &str, cn: &str| if zh { s(cn) } else { s(en) };
    let wide_header: Vec<String> = if zh {
        ["编号", "系统", "发生时间", "恢复时间", "级别", "影响描述", "根本原因", "整改措施"].map(s).to_vec()
    } else {
        ["Id", "System", "Start", "Restored", "Priority", "Impact", "Root cause", "Actions"].map(s).to_vec()
    };
    let long =
        "核心账务系统批量作业在日终处理阶段因数据库连接池耗尽而中断，导致柜面与网银渠道的部分交易查询延迟约四十分钟";
    let wide_rows: Vec<Vec<String>> = (1..=3)
        .map(|i| {
            vec![
                format!("INC-2026-10{i:02}"),
                s("核心账务系统"),
                format!("2026-10-0{i} 21:15"),
                format!("2026-10-0{i} 22:03"),
                s("P1"),
                s(long),
                s("数据库连接池参数配置不当，未随业务量增长调整"),
                s("调整连接池上限并增加监控告警阈值，纳入变更评审清单"),
            ]
        })
        .collect();
    Doc {
        title: t("Monthly service report October 2026", "2026年10月月度服务报告"),
        lang: if zh { "zh-CN" } else { "en" },
        blocks: vec![
            Block::Heading(2, t("Summary", "概述")),
            Block::Facts(vec![
                (t("Engagement", "外包项目"), s("acme-core-ops")),
                (t("Provider", "服务商"), t("Acme Services Ltd.", "艾克美信息技术服务有限公司")),
                (t("Period", "报告期"), s("2026-10-01 – 2026-10-31")),
            ]),
            Block::Note(t("All services met their availability targets.", "本月各项服务均达到可用性目标。")),
            Block::Heading(2, t("Incidents", "事件")),
            Block::Table(DocTable { header: wide_header, rows: wide_rows, numeric: vec![], max_width: Some(100) }),
            Block::Heading(3, t("Availability by service", "各服务可用性")),
            Block::Table(DocTable {
                header: vec![t("Service", "服务"), t("Availability %", "可用率 %"), t("Downtime min", "停机分钟")],
                rows: vec![vec![s("core-banking"), s("99.95"), s("21")], vec![s("mobile-app"), s("99.81"), s("82")]],
                numeric: vec![1, 2],
                max_width: None,
            }),
            Block::Heading(2, t("Trend", "趋势")),
            Block::Chart(Chart {
                title: t("Availability by month", "每月可用率"),
                labels: vec![s("2026-08"), s("2026-09"), s("2026-10")],
                values: vec![Some(99.97), None, Some(99.81)],
                shown: vec![s("99.97"), s("n/a"), s("99.81")],
                low: vec![false, false, true],
                target: Some(99.9),
                target_shown: Some(s("99.90")),
                floor: 99.0,
                unit: "%",
            }),
        ],
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut file = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut out = String::new();
    file.read_to_string(&mut out).expect("UTF-8 XML");
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraphs of document.xml with their style and text.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let tree = roxmltree::Document::parse(xml).expect("well-formed document.xml");
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("")
                .to_owned();
            let text: String = p.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect();
            (style, text)
        })
        .collect()
}

// ---------------------------------------------------------------- Word

#[test]
fn docx_has_word_headings_tables_and_east_asian_fonts() {
    for zh in [false, true] {
        let doc = sample(zh);
        let bytes = docx(&doc).unwrap();
        let xml = part(&bytes, "word/document.xml");
        let paras = paragraphs(&xml);
        assert!(paras.contains(&(s("Title"), doc.title.clone())), "{paras:?}");
        for block in &doc.blocks {
            if let Block::Heading(level, h) = block {
                assert!(paras.contains(&(format!("Heading{level}"), h.clone())), "{h} as Heading{level}: {paras:?}");
            }
        }
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let tables: Vec<_> = tree.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
        let rows = |i: usize| tables[i].children().filter(|n| n.has_tag_name((W, "tr"))).count();
        // Facts, the wide table, the numeric table, the chart's figures.
        assert_eq!(tables.len(), 4);
        assert_eq!([rows(0), rows(1), rows(2), rows(3)], [3, 4, 3, 5]);
        let header_rows = tree.descendants().filter(|n| n.has_tag_name((W, "tblHeader"))).count();
        assert_eq!(header_rows, 3, "every table but the facts repeats its header row");
        assert!(
            xml.contains(r#"<w:jc w:val="right" />"#) || xml.contains(r#"<w:jc w:val="end" />"#),
            "numbers align right"
        );
        // Heading runs in 黑体, body runs in 宋体, also in the English report (record text may be Chinese).
        assert!(xml.contains(r#"w:eastAsia="黑体""#));
        assert!(xml.contains(r#"w:eastAsia="宋体""#));
        let omitted = if zh { "图表见 HTML 版报告" } else { "see the HTML report" };
        assert!(paras.iter().any(|(_, t)| t.contains(omitted)));

        let styles = part(&bytes, "word/styles.xml");
        roxmltree::Document::parse(&styles).expect("well-formed styles.xml");
        for level in 1..=3 {
            assert!(styles.contains(&format!(r#"w:styleId="Heading{level}""#)), "{styles}");
        }
        assert!(styles.contains(r#"<w:outlineLvl w:val="0" />"#), "headings are in the navigation pane");
        let lang = if zh { r#"w:val="zh-CN" w:eastAsia="zh-CN""# } else { r#"w:val="en-US" w:eastAsia="zh-CN""# };
        assert!(styles.contains(lang), "{styles}");
        assert!(xml.contains(r#"w:w="11906" w:h="16838""#), "A4");
    }
}

#[test]
fn docx_bytes_depend_only_on_the_document_and_its_day() {
    let doc = sample(true);
    let a = docx(&doc).unwrap();
    // Another document in between must not shift ids or counters.
    let _ = docx(&sample(false)).unwrap();
    assert_eq!(a, docx(&doc).unwrap());
    let day = jiff::civil::date(2026, 10, 31);
    let dated = docx_dated(&doc, day).unwrap();
    assert_eq!(dated, docx_dated(&doc, day).unwrap());
    let core = part(&dated, "docProps/core.xml");
    assert!(core.contains("2026-10-31T00:00:00Z"), "{core}");
    assert!(part(&a, "docProps/core.xml").contains("1970-01-01T00:00:00Z"));
}

#[test]
fn docx_record_text_cannot_break_the_xml() {
    let nasty = "a<b>&c\"d'e\u{0}f\u{1}g\u{b}h\u{c}i\u{1f}j\u{fffe}k\tl\r\nm</w:t></w:r>]]>";
    let doc = Doc {
        title: s(nasty),
        lang: "en",
        blocks: vec![
            Block::Heading(2, s(nasty)),
            Block::Facts(vec![(s(nasty), s(nasty))]),
            Block::Table(DocTable {
                header: vec![s(nasty)],
                rows: vec![vec![s(nasty)]],
                numeric: vec![0],
                max_width: None,
            }),
            Block::Note(s(nasty)),
        ],
    };
    let bytes = docx(&doc).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let paras = paragraphs(&xml);
    let shown = "a<b>&c\"d'e\u{fffd}f\u{fffd}g\u{fffd}h\u{fffd}i\u{fffd}j\u{fffd}k\tlm</w:t></w:r>]]>";
    assert!(paras.contains(&(s("Heading2"), s(shown))), "{paras:?}");
    assert!(xml.contains("<w:br w:type=\"textWrapping\" />"), "the line break is a Word line break");
}

// ---------------------------------------------------------------- printable HTML

#[test]
fn html_print_is_one_a4_document_with_contents() {
    let doc = sample(true);
    let h = doc::html_print(&doc);
    assert!(h.contains("@page{size:A4;margin:18mm 16mm}"));
    assert!(h.contains(r#""Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif"#));
    assert!(h.contains("table-layout:fixed;width:100%;word-break:break-word;overflow-wrap:anywhere"));
    assert!(h.contains("thead{display:table-header-group}"));
    assert!(h.contains("<nav class=\"toc\">\n<p>目录</p>"));
    for (i, name) in ["概述", "事件", "趋势"].iter().enumerate() {
        assert!(h.contains(&format!("<li><a href=\"#s{}\">{name}</a></li>", i + 1)));
        assert!(h.contains(&format!("<h2 id=\"s{}\">{name}</h2>", i + 1)));
    }
    assert!(h.contains("<h3>各服务可用性</h3>"));
    assert!(h.contains("<svg"));
    for banned in ["<script", "src=", "href=\"http", "@import", "url("] {
        assert!(!h.contains(banned), "{banned}");
    }
    // The screen page stays as it was: no contents, no section anchors.
    let screen = doc::html(&doc);
    assert!(!screen.contains("<nav") && !screen.contains("id=\"s1\""));
}

// ---------------------------------------------------------------- LibreOffice and Chromium

#[test]
fn docx_opens_in_libreoffice() {
    let (Some(soffice), Some(_)) = (tool(&["soffice", "libreoffice"]), tool(&["pdftotext"])) else {
        println!(
            "SKIPPED: soffice not found; install libreoffice-writer-nogui poppler-utils fonts-noto-cjk (.ci/run does)"
        );
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [false, true]
        .iter()
        .map(|&zh| {
            let file = dir.path().join(if zh { "monthly-zh.docx" } else { "monthly-en.docx" });
            std::fs::write(&file, docx(&sample(zh)).unwrap()).unwrap();
            file
        })
        .collect();
    docx_to_pdf(&soffice, &files, dir.path());
    for (zh, file) in [false, true].iter().zip(&files) {
        let pdf = file.with_extension("pdf");
        check_pdf(&sample(*zh), &pdf, true);
        screenshots(&pdf, if *zh { "monthly-docx-zh" } else { "monthly-docx-en" });
        if let Some(dir) = std::env::var_os("ITOS_SCREENSHOTS") {
            std::fs::copy(file, Path::new(&dir).join(file.file_name().unwrap())).unwrap();
        }
    }
    println!("LibreOffice conversion and checks: {:.1?}", started.elapsed());
}

#[test]
fn html_print_prints_to_a4_in_chromium_without_clipping() {
    let (Some(chromium), Some(_)) = (tool(&["chromium", "chromium-browser", "google-chrome"]), tool(&["pdftotext"]))
    else {
        println!("SKIPPED: chromium not found; install chromium poppler-utils fonts-noto-cjk (.ci/run does)");
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    for zh in [false, true] {
        let doc = sample(zh);
        let name = if zh { "monthly-zh" } else { "monthly-en" };
        let html = dir.path().join(format!("{name}.html"));
        std::fs::write(&html, doc::html_print(&doc)).unwrap();
        let pdf = dir.path().join(format!("{name}.pdf"));
        html_to_pdf(&chromium, &html, &pdf, dir.path());
        check_pdf(&doc, &pdf, true);
        // Every section starts a page of its own: the page (form feeds divide them) with
        // the section's heading as a line of its own, not as a contents entry.
        let layout = pdf_text(&pdf, "-layout");
        let pages: Vec<&str> = layout.split('\u{c}').collect();
        // The last page with the heading as a line: the contents list names it first.
        let page_of = |h: &str| pages.iter().rposition(|p| p.lines().any(|l| l.trim() == h));
        let sections: Vec<Option<usize>> = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Heading(2, h) = b { Some(page_of(h)) } else { None })
            .collect();
        assert!(sections.iter().all(Option::is_some), "{sections:?}");
        assert!(sections.windows(2).all(|w| w[0] < w[1]), "a section shares a page: {sections:?}\n{layout}");
        screenshots(&pdf, &format!("{name}-html"));
    }
    println!("Chromium printing and checks: {:.1?}", started.elapsed());
}
