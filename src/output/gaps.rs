//! Rendering the compliance scorecard (`itos report gaps`) as a terminal table, Markdown,
//! JSON or long-form CSV. One code path for both views (manual sections, ISO/IEC 20000-1
//! clauses): only the words differ.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::json;

use crate::figures::figure;
use crate::model::{Lang, SourceMap};
use crate::report::gaps::{Framework, GroupLine, RuleLine, Scorecard, Status};
use crate::rules::framework::STANDARD;

use super::csv;
use super::doc::{Block, Doc, DocTable};
use super::escape::{csv_cell, md, md_code, one_line};

struct Words {
    title: &'static str,
    /// Before a group's number: `§` for a manual section, nothing for a clause.
    mark: &'static str,
    /// The header of the number column.
    number: &'static str,
    /// The header of the title column.
    section: &'static str,
    /// JSON keys and the CSV header: the list of groups and one group's number.
    key_list: &'static str,
    key_one: &'static str,
    status: &'static str,
    passed: &'static str,
    failed: &'static str,
    waived: &'static str,
    rules: &'static str,
    open: &'static str,
    none_open: &'static str,
    as_of: &'static str,
    /// The heading of the general rules' open findings, which count under no section.
    record_format: &'static str,
    /// Columns of an open-findings table (HTML).
    finding: [&'static str; 4],
    /// Before a list: `:` in English, full-width `:` in Chinese.
    colon: &'static str,
    /// Between a finding's location and its message.
    colon_after_location: &'static str,
}

fn words(by: Framework, lang: Lang) -> Words {
    let mut w = manual_words(lang);
    if by == Framework::Iso20000 {
        (w.mark, w.key_list, w.key_one) = ("", "clauses", "clause");
        (w.title, w.number, w.section) = match lang {
            Lang::En => ("Compliance scorecard by ISO/IEC 20000-1:2018 clause", "Clause", "Title"),
            Lang::ZhCn => ("合规差距清单（按 ISO/IEC 20000-1:2018 条款）", "条款", "名称"),
        };
    }
    w
}

fn manual_words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Compliance scorecard",
            mark: "§",
            number: "§",
            section: "Section",
            key_list: "sections",
            key_one: "section",
            status: "Status",
            passed: "Passed",
            failed: "Failed",
            waived: "Waived",
            rules: "Rules",
            open: "Open findings",
            none_open: "No open findings.",
            as_of: "as of",
            record_format: "Record format (GEN rules, not a manual section)",
            finding: ["Rule", "Severity", "Location", "Message"],
            colon: ":",
            colon_after_location: ": ",
        },
        Lang::ZhCn => Words {
            title: "合规差距清单",
            mark: "§",
            number: "§",
            section: "章节",
            key_list: "sections",
            key_one: "section",
            status: "状态",
            passed: "通过",
            failed: "未通过",
            waived: "已豁免",
            rules: "规则",
            open: "未关闭的发现项",
            none_open: "没有未关闭的发现项。",
            as_of: "评估日",
            record_format: "记录格式（GEN 规则，不属于手册章节）",
            finding: ["规则", "级别", "位置", "说明"],
            colon: "：",
            colon_after_location: "：",
        },
    }
}

fn title(line: &GroupLine, lang: Lang) -> &'static str {
    line.group.title(lang)
}

fn totals(line: &GroupLine) -> (usize, usize, usize) {
    line.rules.iter().fold((0, 0, 0), |(p, f, w), r| (p + r.passed, f + r.failed, w + r.waived))
}

/// Whether the section's figures mean anything (a rule checks it).
fn has_figures(line: &GroupLine) -> bool {
    !matches!(line.status, Status::NotChecked | Status::NoText)
}

/// "31 of 39 manual sections are checked automatically: 27 where all checked items pass, …".
pub fn summary(card: &Scorecard, lang: Lang) -> String {
    let count = |s: Status| card.groups.iter().filter(|l| l.status == s).count();
    let total = card.groups.len();
    let (ok, gaps, warn, nothing, manual, no_text) = (
        count(Status::AllCheckedPass),
        count(Status::Failing),
        count(Status::Warnings),
        count(Status::NothingToCheck),
        count(Status::NotChecked),
        count(Status::NoText),
    );
    let checked = total - manual - no_text;
    let format_open: usize = card.record_format.iter().map(|r| r.open.len()).sum();
    match (card.framework, lang) {
        // No clause lacks text, and the general rules count under 7.5.
        (Framework::Iso20000, Lang::En) => format!(
            "{checked} of {total} {STANDARD} clauses are checked automatically: {ok} where all checked items pass, {gaps} with gaps, {warn} with warnings, {nothing} with nothing to check yet; {manual} need evidence kept by hand. Record-format rules (GEN) count under 7.5 Documented information."
        ),
        (Framework::Iso20000, Lang::ZhCn) => format!(
            "{STANDARD} 的 {total} 个条款中 {checked} 个可自动检查：{ok} 个已检查项全部通过，{gaps} 个存在差距，{warn} 个有警告，{nothing} 个暂无可检查对象；{manual} 个需人工保存佐证材料。记录格式规则（GEN）计入 7.5 成文信息。"
        ),
        (Framework::Manual, Lang::En) => format!(
            "{checked} of {total} manual sections are checked automatically: {ok} where all checked items pass, {gaps} with gaps, {warn} with warnings, {nothing} with nothing to check yet; {manual} need evidence kept by hand; {no_text} have no text in the manual. Record-format rules (GEN) count under no section: {format_open} open findings."
        ),
        (Framework::Manual, Lang::ZhCn) => format!(
            "手册 {total} 个章节中 {checked} 个可自动检查：{ok} 个已检查项全部通过，{gaps} 个存在差距，{warn} 个有警告，{nothing} 个暂无可检查对象；{manual} 个需人工保存佐证材料；{no_text} 个手册无正文。记录格式规则（GEN）不计入任何章节：未关闭的发现项 {format_open} 个。"
        ),
    }
}

/// The open findings of the general rules, in rule order.
fn format_open(card: &Scorecard) -> Vec<usize> {
    card.record_format.iter().flat_map(|r| r.open.iter().copied()).collect()
}

fn location(sources: &SourceMap, f: &crate::model::Finding) -> String {
    sources.locate(f.span).map_or(String::new(), |(file, lc, _)| format!("{}:{}:{}", file.display, lc.line, lc.col))
}

/// One group's row of the terminal and HTML tables: number, title, status, counts, rules
/// (the counts are blank for a group no rule checks).
fn row(line: &GroupLine, w: &Words, lang: Lang) -> Vec<String> {
    let (p, f, wv) = totals(line);
    let checked = has_figures(line);
    let n = |v: usize| if checked { figure::count(v) } else { String::new() };
    let rules: Vec<&str> = line.rules.iter().map(|r| r.rule).collect();
    vec![
        format!("{}{}", w.mark, line.group.number),
        title(line, lang).to_owned(),
        line.status.label(lang).to_owned(),
        n(p),
        n(f),
        n(wv),
        rules.join(" "),
    ]
}

fn heading(scope: &str, as_of: &str, w: &Words) -> String {
    format!("{scope} · {} {as_of}", w.as_of)
}

pub fn table(card: &Scorecard, sources: &SourceMap, scope: &str, as_of: &str, lang: Lang) -> String {
    let w = words(card.framework, lang);
    let heading = heading(scope, as_of, &w);
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    t.set_header([w.number, w.section, w.status, w.passed, w.failed, w.waived, w.rules]);
    for line in &card.groups {
        t.add_row(row(line, &w, lang));
    }
    let mut out = format!("{} — {}\n{t}\n{}\n", w.title, one_line(&heading), summary(card, lang));
    out.push_str(&super::disclosure::block(&card.configuration, lang));
    let open: Vec<_> = card
        .groups
        .iter()
        .flat_map(|l| l.rules.iter().flat_map(move |r| r.open.iter().map(move |&i| (l, i))))
        .collect();
    let _ = write!(out, "\n{}{}\n", w.open, w.colon);
    if open.is_empty() {
        let _ = writeln!(out, "  {}", w.none_open);
    }
    for (line, i) in open {
        let f = &card.findings[i];
        let _ = writeln!(
            out,
            "  {}{} {} {} {}{}{}",
            w.mark,
            line.group.number,
            f.rule,
            f.severity.label(lang),
            one_line(&location(sources, f)),
            w.colon_after_location,
            one_line(f.message.get(lang))
        );
    }
    let format = format_open(card);
    if !format.is_empty() {
        let _ = write!(out, "\n{}{}\n", w.record_format, w.colon);
    }
    for i in format {
        let f = &card.findings[i];
        let _ = writeln!(
            out,
            "  {} {} {}{}{}",
            f.rule,
            f.severity.label(lang),
            one_line(&location(sources, f)),
            w.colon_after_location,
            one_line(f.message.get(lang))
        );
    }
    out
}

pub fn markdown(card: &Scorecard, sources: &SourceMap, scope: &str, as_of: &str, lang: Lang) -> String {
    let w = words(card.framework, lang);
    let heading = heading(scope, as_of, &w);
    let mut out = format!("# {} — {}\n\n{}\n", w.title, md(&heading), summary(card, lang));
    let configuration = super::disclosure::facts(&card.configuration, lang, true);
    if !configuration.is_empty() {
        out.push('\n');
        for (label, value) in configuration {
            out.push_str(&format!("- **{}**: {}\n", md(&label), md(&value)));
        }
    }
    for (number, en, zh) in card.framework.chapters() {
        let chapter = match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        };
        let _ = write!(
            out,
            "\n## {number}. {chapter}\n\n| {} | {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | ---: | ---: | --- |\n",
            w.number, w.section, w.status, w.passed, w.failed, w.waived, w.rules
        );
        let lines = card.groups.iter().filter(|l| l.group.chapter() == *number);
        for line in lines.clone() {
            let (p, f, wv) = totals(line);
            let checked = has_figures(line);
            let n = |v: usize| if checked { figure::count(v) } else { String::new() };
            let rules: Vec<String> = line.rules.iter().map(|r| format!("`{}`", r.rule)).collect();
            let status = match line.status {
                Status::Failing => format!("**{}**", line.status.label(lang)),
                _ => line.status.label(lang).to_owned(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {status} | {} | {} | {} | {} |",
                line.group.number,
                title(line, lang),
                n(p),
                n(f),
                n(wv),
                rules.join(" ")
            );
        }
        for line in lines {
            let open: Vec<usize> = line.rules.iter().flat_map(|r| r.open.iter().copied()).collect();
            if open.is_empty() {
                continue;
            }
            let _ =
                write!(out, "\n**{}{} {}** — {}{}\n\n", w.mark, line.group.number, title(line, lang), w.open, w.colon);
            for i in open {
                markdown_finding(&mut out, card, sources, i, &w, lang);
            }
        }
    }
    let format = format_open(card);
    if !format.is_empty() {
        let _ = write!(out, "\n## {}\n\n", w.record_format);
    }
    for i in format {
        markdown_finding(&mut out, card, sources, i, &w, lang);
    }
    out
}

/// One open finding as a Markdown list item: rule, severity, place, message.
fn markdown_finding(out: &mut String, card: &Scorecard, sources: &SourceMap, i: usize, w: &Words, lang: Lang) {
    let f = &card.findings[i];
    let _ = writeln!(
        out,
        "- `{}` {} `{}`{}{}",
        f.rule,
        f.severity.label(lang),
        md_code(&location(sources, f)),
        w.colon_after_location,
        md(f.message.get(lang))
    );
}

/// The scorecard as a document, for the HTML page: the same content as the Markdown.
pub fn document(card: &Scorecard, sources: &SourceMap, scope: &str, as_of: &str, lang: Lang) -> Doc {
    let w = words(card.framework, lang);
    let mut doc =
        Doc { title: format!("{} — {}", w.title, heading(scope, as_of, &w)), lang: lang.code(), blocks: Vec::new() };
    doc.push(Block::Heading(1, doc.title.clone()));
    doc.push(Block::Note(summary(card, lang)));
    let configuration = super::disclosure::facts(&card.configuration, lang, true);
    if !configuration.is_empty() {
        doc.push(Block::Facts(configuration));
    }
    for (number, en, zh) in card.framework.chapters() {
        let chapter = match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        };
        doc.push(Block::Heading(2, format!("{number}. {chapter}")));
        let lines: Vec<&GroupLine> = card.groups.iter().filter(|l| l.group.chapter() == *number).collect();
        let rows = lines.iter().map(|line| row(line, &w, lang)).collect();
        doc.push(Block::Table(DocTable {
            header: [w.number, w.section, w.status, w.passed, w.failed, w.waived, w.rules].map(str::to_owned).to_vec(),
            rows,
            numeric: vec![3, 4, 5],
            max_width: None,
        }));
        for line in lines {
            let open: Vec<usize> = line.rules.iter().flat_map(|r| r.open.iter().copied()).collect();
            if open.is_empty() {
                continue;
            }
            doc.push(Block::Heading(3, format!("{}{} {} — {}", w.mark, line.group.number, title(line, lang), w.open)));
            let rows = open.iter().map(|&i| finding_row(card, sources, i, lang)).collect();
            doc.push(Block::Table(DocTable {
                header: w.finding.map(str::to_owned).to_vec(),
                rows,
                numeric: Vec::new(),
                max_width: None,
            }));
        }
    }
    let format = format_open(card);
    if !format.is_empty() {
        doc.push(Block::Heading(2, w.record_format.to_owned()));
        doc.push(Block::Table(DocTable {
            header: w.finding.map(str::to_owned).to_vec(),
            rows: format.iter().map(|&i| finding_row(card, sources, i, lang)).collect(),
            numeric: Vec::new(),
            max_width: None,
        }));
    }
    doc
}

fn finding_row(card: &Scorecard, sources: &SourceMap, i: usize, lang: Lang) -> Vec<String> {
    let f = &card.findings[i];
    vec![f.rule.to_owned(), f.severity.label(lang).to_owned(), location(sources, f), f.message.get(lang).to_owned()]
}

/// One rule's figures and open findings, as JSON.
fn rule_json(card: &Scorecard, sources: &SourceMap, r: &RuleLine, lang: Lang) -> serde_json::Value {
    let open: Vec<_> = r
        .open
        .iter()
        .map(|&i| {
            let f = &card.findings[i];
            let (file, lc) =
                sources.locate(f.span).map_or((String::new(), None), |(file, lc, _)| (file.display.clone(), Some(lc)));
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "file": file,
                "line": lc.map(|l| l.line),
                "column": lc.map(|l| l.col),
                "message": f.message.get(lang),
                "record": f.record.as_ref().map(|r| json!({"kind": r.kind.name(), "id": r.id})),
            })
        })
        .collect();
    json!({
        "rule": r.rule,
        "severity": r.severity.as_str(),
        "evaluated": r.evaluated,
        "passed": r.passed,
        "failed": r.failed,
        "waived": r.waived,
        "open_findings": open,
    })
}

pub fn json(card: &Scorecard, sources: &SourceMap, scope: &str, as_of: &str, lang: Lang) -> String {
    let w = words(card.framework, lang);
    let groups: Vec<_> = card
        .groups
        .iter()
        .map(|line| {
            let rules: Vec<_> = line.rules.iter().map(|r| rule_json(card, sources, r, lang)).collect();
            let mut group = serde_json::Map::new();
            group.insert(w.key_one.to_owned(), json!(line.group.number));
            group.insert("title".to_owned(), json!(title(line, lang)));
            group.insert("status".to_owned(), json!(line.status.as_str()));
            group.insert("rules".to_owned(), json!(rules));
            serde_json::Value::Object(group)
        })
        .collect();
    let record_format: Vec<_> = card.record_format.iter().map(|r| rule_json(card, sources, r, lang)).collect();
    let mut doc = serde_json::Map::new();
    doc.insert("version".to_owned(), json!(1));
    doc.insert("report".to_owned(), json!("gaps"));
    doc.insert("framework".to_owned(), json!(card.framework.as_str()));
    doc.insert("scope".to_owned(), json!(scope));
    doc.insert("as_of".to_owned(), json!(as_of));
    doc.insert("lang".to_owned(), json!(lang.code()));
    doc.insert("summary".to_owned(), json!(summary(card, lang)));
    // `sections` in the manual's view (as before), `clauses` in the ISO view.
    doc.insert(w.key_list.to_owned(), serde_json::Value::Array(groups));
    doc.insert("record_format".to_owned(), serde_json::Value::Array(record_format));
    doc.insert("configuration".to_owned(), super::disclosure::json(&card.configuration));
    let doc = serde_json::Value::Object(doc);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Long form: one row per figure (section or clause, title, status, rule, figure, value).
pub fn csv(card: &Scorecard, lang: Lang) -> String {
    let w = words(card.framework, lang);
    let mut out = String::new();
    let header: Vec<String> =
        [w.key_one, "title", "status", "rule", "figure", "value"].iter().map(|s| (*s).to_owned()).collect();
    csv::row(&mut out, &header);
    for line in &card.groups {
        let base = |rule: &str, figure: &str, value: String| {
            vec![
                csv_cell(line.group.number),
                csv_cell(title(line, lang)),
                csv_cell(line.status.as_str()),
                csv_cell(rule),
                csv_cell(figure),
                value,
            ]
        };
        if line.rules.is_empty() {
            csv::row(&mut out, &base("", "status", csv_cell(line.status.label(lang))));
        }
        for r in &line.rules {
            for (figure, value) in
                [("evaluated", r.evaluated), ("passed", r.passed), ("failed", r.failed), ("waived", r.waived)]
            {
                csv::row(&mut out, &base(r.rule, figure, csv::number(value)));
            }
        }
    }
    // The general rules last, under no section and with no section status.
    for r in &card.record_format {
        for (figure, value) in
            [("evaluated", r.evaluated), ("passed", r.passed), ("failed", r.failed), ("waived", r.waived)]
        {
            let cells = vec![
                String::new(),
                csv_cell(w.record_format),
                String::new(),
                csv_cell(r.rule),
                csv_cell(figure),
                csv::number(value),
            ];
            csv::row(&mut out, &cells);
        }
    }
    out
}
