//! A small report document (headings, facts, tables, notes, charts) and its renderings: a
//! terminal text with comfy-table tables, GitHub Markdown, one self-contained HTML page with
//! inline SVG charts, and the same page as a printable A4 document ([`html_print`]); the
//! Word rendering is [`super::docx`]. Reports build a [`Doc`] once; every format shows the same
//! content. Record text is escaped for each target with [`super::escape`].

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::escape::{self, md, one_line};

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading of level 1 (title), 2 or 3.
    Heading(u8, String),
    /// Label–value pairs.
    Facts(Vec<(String, String)>),
    Table(DocTable),
    /// A paragraph.
    Note(String),
    /// Shown in HTML only (terminal and Markdown carry the same figures as tables).
    Chart(Chart),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers).
    pub numeric: Vec<usize>,
    /// Wrap cells so that the terminal table fits this many columns (`None`: never wrap).
    pub max_width: Option<u16>,
}

/// A bar chart: one bar per label, an optional target line; `None` values are gaps ("n/a").
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub labels: Vec<String>,
    /// Bar heights (drawing only; `None`: n/a).
    pub values: Vec<Option<f64>>,
    /// Each bar's figure as the report shows it everywhere else (its tooltip).
    pub shown: Vec<String>,
    /// Bars that missed the target (decided exactly by the report, drawn in the warning colour).
    pub low: Vec<bool>,
    pub target: Option<f64>,
    /// The target as written.
    pub target_shown: Option<String>,
    /// Lower end of the value axis (upper end is 100: charts show percentages).
    pub floor: f64,
    /// Bars below the target are drawn in the warning colour.
    pub unit: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    pub lang: &'static str,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

// ---------------------------------------------------------------- terminal

pub fn text(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", one_line(&doc.title));
    let _ = writeln!(out, "{}", "=".repeat(display_width(&doc.title)));
    for block in &doc.blocks {
        match block {
            Block::Heading(level, h) => {
                let h = one_line(h);
                let rule = if *level <= 2 { '=' } else { '-' };
                let _ = write!(out, "\n{h}\n{}\n", rule.to_string().repeat(display_width(&h)));
            }
            Block::Facts(facts) => {
                let width = facts.iter().map(|(l, _)| display_width(l)).max().unwrap_or(0);
                for (label, value) in facts {
                    let pad = " ".repeat(width - display_width(label));
                    let _ = writeln!(out, "  {}{pad}  {}", one_line(label), one_line(value));
                }
            }
            Block::Table(t) => {
                let mut table = Table::new();
                table.load_style(presets::UTF8_FULL_CONDENSED);
                match t.max_width {
                    Some(w) => {
                        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(w);
                    }
                    None => {
                        table.set_content_arrangement(ContentArrangement::Disabled);
                    }
                }
                table.set_header(t.header.iter().map(|h| one_line(h)));
                for row in &t.rows {
                    table.add_row(row.iter().map(|c| one_line(c)));
                }
                for &i in &t.numeric {
                    if let Some(col) = table.column_mut(i) {
                        col.set_cell_alignment(CellAlignment::Right);
                    }
                }
                let _ = writeln!(out, "{table}");
            }
            Block::Note(n) => {
                let _ = writeln!(out, "{}", one_line(n));
            }
            Block::Chart(_) => {}
        }
    }
    out
}

/// Columns a string takes in a terminal (CJK characters take two).
pub(crate) fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// How the page width is shared among a table's columns (fractions summing to 1), for the
/// printable HTML and Word, where a table must fit the page. Widths are counted in terminal
/// columns (about half an em) over a page of about [`PAGE_COLUMNS`]: if every column fits
/// on one line each gets what it needs; otherwise every column first gets what it needs up
/// to a short line (so ids and dates stay whole where possible) and the long ones share the
/// rest by length.
pub(crate) fn column_shares(header: &[String], rows: &[Vec<String>]) -> Vec<f64> {
    const SHORT: usize = 16;
    let n = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
    let need: Vec<usize> = (0..n)
        .map(|i| {
            let longest = std::iter::once(header.get(i))
                .chain(rows.iter().map(|r| r.get(i)))
                .flatten()
                .flat_map(|c| c.lines().map(display_width))
                .max()
                .unwrap_or(0);
            longest.max(2) + 2
        })
        .collect();
    let total: usize = need.iter().sum();
    let widths: Vec<f64> = if total <= PAGE_COLUMNS {
        need.iter().map(|&w| w as f64).collect()
    } else {
        let min: Vec<usize> = need.iter().map(|&w| w.min(SHORT)).collect();
        let base: usize = min.iter().sum();
        let excess: usize = need.iter().zip(&min).map(|(w, m)| w - m).sum();
        let extra = PAGE_COLUMNS.saturating_sub(base) as f64;
        need.iter()
            .zip(&min)
            .map(|(&w, &m)| m as f64 + if excess == 0 { 0.0 } else { extra * (w - m) as f64 / excess as f64 })
            .collect()
    };
    let sum: f64 = widths.iter().sum();
    widths.iter().map(|w| w / sum).collect()
}

/// Terminal columns across a printed A4 page at 9 pt (about 180 mm).
const PAGE_COLUMNS: usize = 110;

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

// ---------------------------------------------------------------- Markdown

pub fn markdown(doc: &Doc) -> String {
    let mut out = format!("# {}\n", md(&doc.title));
    for block in &doc.blocks {
        match block {
            Block::Heading(level, h) => {
                let _ = write!(out, "\n{} {}\n", "#".repeat(usize::from((*level).clamp(2, 4))), md(h));
            }
            Block::Facts(facts) => {
                out.push('\n');
                let colon = if doc.lang == "zh-CN" { "\u{ff1a}" } else { ": " };
                for (label, value) in facts {
                    let _ = writeln!(out, "- **{}**{colon}{}", md(label), md(value));
                }
            }
            Block::Table(t) => {
                let cells = |row: &[String]| row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ");
                let _ = write!(out, "\n| {} |\n|", cells(&t.header));
                for i in 0..t.header.len() {
                    out.push_str(if t.numeric.contains(&i) { " ---: |" } else { " --- |" });
                }
                out.push('\n');
                for row in &t.rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
            }
            Block::Note(n) => {
                let _ = write!(out, "\n{}\n", md(n));
            }
            Block::Chart(_) => {}
        }
    }
    out
}

// ---------------------------------------------------------------- HTML

const STYLE: &str = "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;color:#1b1f24;max-width:1100px;margin:2em auto;padding:0 1em}\
h1{font-size:1.6em;border-bottom:2px solid #1b1f24;padding-bottom:.2em}h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ccc}h3{font-size:1.05em;margin-top:1.4em}\
table{border-collapse:collapse;margin:.5em 0 1em;font-variant-numeric:tabular-nums}th,td{border:1px solid #c8ccd0;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f1f3f5}td.n{text-align:right}\
dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1.2em;margin:.5em 0 1em}dt{font-weight:600}dd{margin:0}\
figure{margin:.5em 0 1.2em}figcaption{font-weight:600;margin-bottom:.2em}svg{max-width:100%;height:auto}.bar{fill:#3a78c2}.low{fill:#c8553d}.na{fill:#d0d4d8}.target{stroke:#1b1f24;stroke-dasharray:4 3}\
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-before:auto}table,figure{break-inside:avoid}}";

pub fn html(doc: &Doc) -> String {
    page(doc, STYLE, false)
}

/// What the printable page adds to [`STYLE`]: A4 pages, the CJK font stack, tables held to
/// the page width with their header rows repeated and rows kept whole, a page break before
/// every section but the first. Later rules of equal weight win over `STYLE`'s print rules.
const PRINT_STYLE: &str = "@page{size:A4;margin:18mm 16mm}\
body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;max-width:none;margin:0;padding:0;font-size:10.5pt}\
table{table-layout:fixed;width:100%;word-break:break-word;overflow-wrap:anywhere;font-size:9pt}thead{display:table-header-group}tr{break-inside:avoid}\
nav.toc{margin:1em 0 2em}nav.toc p{font-weight:600;margin:0 0 .3em}nav.toc ul{margin:0;padding-left:0;list-style:none}nav.toc a{color:inherit;text-decoration:none}\
h2[id]{break-before:page}h2#s1{break-before:auto}h2,h3{break-after:avoid}\
@media print{body{margin:0;font-size:10.5pt}table{break-inside:auto}h2[id]{break-before:page}h2#s1{break-before:auto}}";

/// One self-contained A4 document to print or save as PDF: [`html`]'s content with a table
/// of contents of the sections (level 1 and 2 headings, anchors `#s1`, `#s2` …) after the
/// title and a page break before every section but the first. No script, nothing fetched.
pub fn html_print(doc: &Doc) -> String {
    page(doc, &format!("{STYLE}{PRINT_STYLE}"), true)
}

/// The HTML page of both variants; `print` numbers the sections and lists them first.
fn page(doc: &Doc, style: &str, print: bool) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{style}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape::html(doc.lang),
        escape::html(&doc.title),
        escape::html(&doc.title)
    );
    // Levels 1 and 2 are both shown as `h2` (the title is the page's `h1`): the sections.
    let is_section = |level: u8| level.clamp(2, 4) == 2;
    if print {
        let sections: Vec<&String> = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Heading(l, h) = b { is_section(*l).then_some(h) } else { None })
            .collect();
        if !sections.is_empty() {
            let contents = if doc.lang == "zh-CN" { "目录" } else { "Contents" };
            let _ = write!(out, "<nav class=\"toc\">\n<p>{contents}</p>\n<ul>\n");
            for (i, h) in sections.iter().enumerate() {
                let _ = writeln!(out, "<li><a href=\"#s{}\">{}</a></li>", i + 1, escape::html(h));
            }
            out.push_str("</ul>\n</nav>\n");
        }
    }
    let mut section = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading(level, h) => {
                let l = (*level).clamp(2, 4);
                if print && is_section(*level) {
                    section += 1;
                    let _ = writeln!(out, "<h{l} id=\"s{section}\">{}</h{l}>", escape::html(h));
                } else {
                    let _ = writeln!(out, "<h{l}>{}</h{l}>", escape::html(h));
                }
            }
            Block::Facts(facts) => {
                out.push_str("<dl>\n");
                for (label, value) in facts {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape::html(label), escape::html(value));
                }
                out.push_str("</dl>\n");
            }
            Block::Table(t) => {
                out.push_str("<table>\n");
                // The printed page fixes the column widths (a fixed layout would otherwise
                // share the width equally).
                if print {
                    out.push_str("<colgroup>");
                    for share in column_shares(&t.header, &t.rows) {
                        let _ = write!(out, "<col style=\"width:{:.1}%\">", share * 100.0);
                    }
                    out.push_str("</colgroup>\n");
                }
                out.push_str("<thead><tr>");
                for h in &t.header {
                    let _ = write!(out, "<th>{}</th>", escape::html(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for (i, c) in row.iter().enumerate() {
                        let class = if t.numeric.contains(&i) { " class=\"n\"" } else { "" };
                        let _ = write!(out, "<td{class}>{}</td>", escape::html(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Note(n) => {
                let _ = writeln!(out, "<p>{}</p>", escape::html(n));
            }
            Block::Chart(c) => out.push_str(&svg(c, doc.lang == "zh-CN")),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// An inline SVG bar chart with a value axis from `floor` to 100 and a dashed target line.
/// A chart as inline SVG; `zh` gives its tooltips Chinese words and punctuation.
fn svg(c: &Chart, zh: bool) -> String {
    let (colon, target_word) = if zh { ("\u{ff1a}", "目标 ") } else { (": ", "target ") };
    const W: f64 = 720.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 12.0;
    // Long labels under many bars are slanted, with room made below the plot.
    let slant = c.labels.len() > 8 && c.labels.iter().any(|l| l.chars().count() > 4);
    let (h, bottom): (f64, f64) = if slant { (250.0, 86.0) } else { (200.0, 36.0) };
    let n = c.values.len().max(1) as f64;
    let plot_w = W - LEFT - 8.0;
    let plot_h = h - TOP - bottom;
    let floor = c.floor.min(100.0);
    let span = (100.0 - floor).max(f64::EPSILON);
    let y = |v: f64| TOP + plot_h * (1.0 - ((v.clamp(floor, 100.0) - floor) / span));
    let slot = plot_w / n;
    let bar = (slot * 0.7).max(1.0);
    let mut out = format!(
        "<figure>\n<figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"{}\">\n",
        escape::html(&c.title),
        escape::html(&c.title)
    );
    // Axis with three ticks.
    for v in [floor, floor + span / 2.0, 100.0] {
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e5e8\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}{}</text>",
            W - 8.0,
            LEFT - 4.0,
            y(v) + 3.0,
            trim(v),
            escape::html(c.unit),
            y = y(v)
        );
    }
    let every = (c.labels.len() / 16).max(1);
    for (i, (label, value)) in c.labels.iter().zip(&c.values).enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let shown = c.shown.get(i).map_or("n/a", String::as_str);
        let tip = match value {
            Some(_) => format!("{label}{colon}{shown}{}", c.unit),
            None => format!("{label}{colon}{shown}"),
        };
        match value {
            Some(v) => {
                let class = if c.low.get(i).copied().unwrap_or(false) { "low" } else { "bar" };
                let top = y(*v);
                let _ = writeln!(
                    out,
                    "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{bar:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
                    (TOP + plot_h - top).max(0.5),
                    escape::html(&tip)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<rect class=\"na\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"2\"><title>{}</title></rect>",
                    TOP + plot_h - 2.0,
                    escape::html(&tip)
                );
            }
        }
        if slant {
            let (lx, ly) = (x + bar / 2.0, h - bottom + 12.0);
            let _ = writeln!(
                out,
                "<text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 {lx:.1} {ly:.1})\">{}</text>",
                escape::html(label)
            );
        } else if i % every == 0 {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                h - bottom + 14.0,
                escape::html(label)
            );
        }
    }
    if let Some(t) = c.target {
        let _ = writeln!(
            out,
            "<line class=\"target\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"><title>{target_word}{}{}</title></line>",
            W - 8.0,
            escape::html(&c.target_shown.clone().unwrap_or_else(|| trim(t))),
            escape::html(c.unit),
            y = y(t)
        );
    }
    out.push_str("</svg>\n</figure>\n");
    out
}

fn trim(v: f64) -> String {
    let s = format!("{:.3}", v + 0.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Doc {
        Doc {
            title: "R <1>".to_owned(),
            lang: "en",
            blocks: vec![
                Block::Heading(2, "S|<b>".to_owned()),
                Block::Facts(vec![("a".to_owned(), "<script>alert(1)</script>".to_owned())]),
                Block::Table(DocTable {
                    header: vec!["x".to_owned(), "n".to_owned()],
                    rows: vec![vec!["a|b\nc".to_owned(), "1".to_owned()]],
                    numeric: vec![1],
                    max_width: None,
                }),
                Block::Chart(Chart {
                    title: "c".to_owned(),
                    labels: vec!["1".to_owned(), "2".to_owned()],
                    values: vec![Some(99.5), None],
                    shown: vec!["99.50".to_owned(), "n/a".to_owned()],
                    low: vec![true, false],
                    target: Some(99.9),
                    target_shown: Some("99.9".to_owned()),
                    floor: 99.0,
                    unit: "%",
                }),
            ],
        }
    }

    #[test]
    fn html_escapes_all_text_and_draws_charts() {
        let h = html(&sample());
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.contains("<svg"));
        assert!(h.contains("class=\"low\""), "a bar under target is marked");
        assert!(h.contains("class=\"na\""));
    }

    #[test]
    fn markdown_cells_cannot_break_the_table_or_inject_html() {
        let m = markdown(&sample());
        assert!(m.contains("| a\\|b c | 1 |"));
        assert!(!m.contains("<script>"));
        assert!(m.contains("| ---: |"));
    }

    #[test]
    fn terminal_text_pads_cjk_labels() {
        let doc = Doc {
            title: "报告".to_owned(),
            lang: "zh-CN",
            blocks: vec![Block::Facts(vec![("可用性".to_owned(), "1".to_owned()), ("ab".to_owned(), "2".to_owned())])],
        };
        let t = text(&doc);
        assert!(t.contains("====\n"));
        assert!(t.contains("  可用性  1\n  ab      2\n"));
    }
}
