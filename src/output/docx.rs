//! A [`Doc`] as a Word document (`.docx`, built with docx-rs): the format customers annotate
//! and stamp. Headings use Word's heading styles (so the navigation pane lists the sections),
//! tables are real Word tables whose header row repeats on every page, and East Asian text
//! has its own fonts (宋体 for the body, 黑体 for headings). Charts are not drawn: their
//! figures are written as a small table with a note pointing to the HTML report.
//!
//! The same `Doc` always gives the same bytes: docx-rs writes fixed package dates unless
//! given one, and [`docx_dated`] writes the report's own day instead.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading, Style, StyleType,
    Table, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};
use jiff::civil::Date;

use super::doc::{Block, Chart, Doc, DocTable};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// 18 mm top and bottom, 16 mm left and right, as the printable HTML.
const MARGIN_TB: i32 = 1020;
const MARGIN_LR: i32 = 907;
/// The width tables may take.
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN_LR as usize);

/// Font sizes in half points: 五号 (10.5 pt) body, 9 pt tables.
const BODY_SIZE: usize = 21;
const TABLE_SIZE: usize = 18;

/// The document with the fixed package date docx-rs writes (1970-01-01).
pub fn docx(doc: &Doc) -> Result<Vec<u8>, String> {
    render(doc, None)
}

/// The document with `day` (the report's as-of day) as its created and modified date.
pub fn docx_dated(doc: &Doc, day: Date) -> Result<Vec<u8>, String> {
    render(doc, Some(day))
}

struct Fonts {
    zh: bool,
}

impl Fonts {
    fn body(&self) -> RunFonts {
        let latin = if self.zh { "Times New Roman" } else { "Calibri" };
        RunFonts::new().ascii(latin).hi_ansi(latin).cs(latin).east_asia("宋体")
    }

    fn heading(&self) -> RunFonts {
        RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial").east_asia("黑体")
    }
}

fn render(doc: &Doc, day: Option<Date>) -> Result<Vec<u8>, String> {
    let zh = doc.lang == "zh-CN";
    let fonts = Fonts { zh };
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new().top(MARGIN_TB).bottom(MARGIN_TB).left(MARGIN_LR).right(MARGIN_LR).header(567).footer(567),
        )
        .default_fonts(fonts.body())
        .default_size(BODY_SIZE)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .fonts(fonts.heading())
                .size(40)
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(240)),
        );
    // Word's built-in names ("heading 1") make Word and LibreOffice treat these as their own
    // heading styles; the outline level puts them in the navigation pane.
    for (level, size) in [(1usize, 32usize), (2, 28), (3, 24)] {
        d = d.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .fonts(fonts.heading())
                .size(size)
                .bold()
                .outline_lvl(level - 1)
                .line_spacing(LineSpacing::new().before(if level == 3 { 180 } else { 300 }).after(120)),
        );
    }
    if let Some(day) = day {
        let stamp = format!("{day}T00:00:00Z");
        d = d.created_at(&stamp).updated_at(&stamp);
    }

    d = d.add_paragraph(Paragraph::new().style("Title").add_run(text_run(&doc.title, fonts.heading())));
    for block in &doc.blocks {
        match block {
            Block::Heading(level, h) => {
                let level = (*level).clamp(1, 3);
                d = d.add_paragraph(
                    Paragraph::new()
                        .style(&format!("Heading{level}"))
                        .keep_next(true)
                        .add_run(text_run(h, fonts.heading())),
                );
            }
            Block::Facts(facts) => d = d.add_table(facts_table(facts, &fonts, zh)),
            Block::Table(t) => d = d.add_table(table(t, &fonts)),
            Block::Note(n) => d = d.add_paragraph(paragraph().add_run(text_run(n, fonts.body()))),
            Block::Chart(c) => {
                let (caption, table, note) = chart(c, &fonts, zh);
                d = d.add_paragraph(caption).add_table(table).add_paragraph(note);
            }
        }
    }

    let mut xml = d.build();
    xml.styles = set_language(&xml.styles, zh)?;
    xml.document = repeat_header_rows(&xml.document)?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| format!("cannot write the Word document: {e}"))?;
    Ok(out.into_inner())
}

/// A body paragraph, with a little space after it.
fn paragraph() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(60).after(120))
}

/// A run of record text: characters XML cannot hold are replaced, line breaks become Word
/// line breaks.
fn text_run(text: &str, fonts: RunFonts) -> Run {
    let mut run = Run::new().fonts(fonts);
    let clean = xml_safe(text);
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
    }
    run
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab and newline,
/// U+FFFE, U+FFFF), each shown as U+FFFD so the reader sees something was there; carriage
/// returns become newlines.
pub fn xml_safe(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

fn cell(text: &str, fonts: RunFonts, right: bool, bold: bool, width: usize) -> TableCell {
    let mut run = text_run(text, fonts).size(TABLE_SIZE);
    if bold {
        run = run.bold();
    }
    let mut p = Paragraph::new().add_run(run);
    if right {
        p = p.align(AlignmentType::Right);
    }
    TableCell::new().add_paragraph(p).width(width, WidthType::Dxa)
}

/// Column widths over the text width, shared as in the printable HTML.
fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    super::doc::column_shares(header, rows).iter().map(|s| (TEXT_W as f64 * s) as usize).collect()
}

fn table(t: &DocTable, fonts: &Fonts) -> Table {
    let widths = widths(&t.header, &t.rows);
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    let header = TableRow::new(
        t.header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                cell(h, fonts.body(), t.numeric.contains(&i), true, width(i)).shading(Shading::new().fill("F1F3F5"))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for row in &t.rows {
        rows.push(
            TableRow::new(
                row.iter()
                    .enumerate()
                    .map(|(i, c)| cell(c, fonts.body(), t.numeric.contains(&i), false, width(i)))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_W, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(30, 80, 30, 80))
}

/// Label–value pairs as a two-column table without borders (labels bold).
fn facts_table(facts: &[(String, String)], fonts: &Fonts, zh: bool) -> Table {
    let colon = if zh { "\u{ff1a}" } else { ":" };
    // The label column takes what its longest label needs (about 120 twips a column in bold 9 pt,
    // plus the cell padding), at most a third of the page.
    let longest = facts.iter().map(|(l, _)| super::doc::display_width(l) + 1).max().unwrap_or(0);
    let label_w = (longest * 120 + 300).clamp(1200, TEXT_W / 3);
    let value_w = TEXT_W - label_w;
    let rows = facts
        .iter()
        .map(|(label, value)| {
            TableRow::new(vec![
                cell(&format!("{label}{colon}"), fonts.body(), false, true, label_w),
                cell(value, fonts.body(), false, false, value_w),
            ])
        })
        .collect();
    Table::without_borders(rows).set_grid(vec![label_w, value_w]).layout(TableLayoutType::Fixed)
}

/// A chart as its caption, a table of its figures and a note that the drawing is in HTML.
fn chart(c: &Chart, fonts: &Fonts, zh: bool) -> (Paragraph, Table, Paragraph) {
    let caption = Paragraph::new().keep_next(true).add_run(text_run(&c.title, fonts.body()).bold());
    let (label_head, value_head, target_word, omitted) = if zh {
        ("项目", "数值", "目标", "图表见 HTML 版报告。")
    } else {
        ("Label", "Value", "Target", "Chart omitted in Word; see the HTML report.")
    };
    let header = vec![label_head.to_owned(), value_head.to_owned()];
    let mut rows: Vec<Vec<String>> = c
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let shown = c.shown.get(i).map_or("n/a", String::as_str);
            let unit = if c.values.get(i).is_some_and(Option::is_some) { c.unit } else { "" };
            vec![label.clone(), format!("{shown}{unit}")]
        })
        .collect();
    if let Some(t) = &c.target_shown {
        rows.push(vec![target_word.to_owned(), format!("{t}{}", c.unit)]);
    }
    let t = DocTable { header, rows, numeric: vec![1], max_width: None };
    let note = paragraph().add_run(text_run(omitted, fonts.body()).italic());
    (caption, table(&t, fonts), note)
}

/// The documents' language for spelling and East Asian line breaking, which docx-rs cannot
/// write: added to the default run properties in styles.xml.
fn set_language(styles: &[u8], zh: bool) -> Result<Vec<u8>, String> {
    let xml = std::str::from_utf8(styles).map_err(|e| format!("styles.xml is not UTF-8: {e}"))?;
    let lang = if zh {
        r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#
    } else {
        r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#
    };
    let Some(start) = xml.find("<w:rPrDefault>") else {
        return Err("styles.xml has no default run properties".to_owned());
    };
    let rest = &xml[start..];
    let Some(end) = rest.find("</w:rPr>").map(|e| start + e) else {
        return Err("styles.xml has no default run properties".to_owned());
    };
    // `w:lang` comes last among the run properties docx-rs writes here, so it goes just
    // before the closing tag (an empty `<w:rPr />` is opened first).
    let mut out = String::with_capacity(xml.len() + lang.len());
    if let Some(empty) = rest.find("<w:rPr />").filter(|&e| start + e < end) {
        out.push_str(&xml[..start + empty]);
        out.push_str("<w:rPr>");
        out.push_str(lang);
        out.push_str("</w:rPr>");
        out.push_str(&xml[start + empty + "<w:rPr />".len()..]);
    } else {
        out.push_str(&xml[..end]);
        out.push_str(lang);
        out.push_str(&xml[end..]);
    }
    Ok(out.into_bytes())
}

/// Marks the first row of every bordered table as a header row that repeats on each page
/// (`w:tblHeader`, which docx-rs cannot write). Rows of bordered tables may not split
/// (`w:cantSplit`); facts tables, which have no header row, leave their rows unmarked.
fn repeat_header_rows(document: &[u8]) -> Result<Vec<u8>, String> {
    const ROW: &str = "<w:tr><w:trPr><w:cantSplit /></w:trPr>";
    const FIRST: &str = "<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";
    let xml = std::str::from_utf8(document).map_err(|e| format!("document.xml is not UTF-8: {e}"))?;
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(t) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(t);
        out.push_str(before);
        // The first row of this table, if it carries the header marker.
        match table.find("<w:tr>") {
            Some(r) if table[r..].starts_with(ROW) => {
                out.push_str(&table[..r]);
                out.push_str(FIRST);
                rest = &table[r + ROW.len()..];
            }
            _ => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}
