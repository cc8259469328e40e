//! Rendering what falls due (`itos report due`, 待办与到期提醒): a terminal table and Markdown
//! (one [`Doc`]), JSON, CSV and an RFC 5545 calendar (ICS) to import or subscribe to.

use std::fmt::Write as _;

use icalendar::{Calendar, Component, Event, Property};
use jiff::civil::Date;
use serde_json::json;

use crate::calendar::dates::add_days;
use crate::model::Lang;
use crate::report::due::{DueLine, DueReport};

use super::csv;
use super::doc::{self, Block, Doc, DocTable};
use super::escape::{csv_cell, terminal_safe};

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

/// "Due and overdue duties — acme-core-ops".
fn title(scope: &str, lang: Lang) -> String {
    t(lang, &format!("Due and overdue duties — {scope}"), &format!("待办与到期提醒 — {scope}"))
}

/// "30 days" / "30 天" (a year is written in months, as `Within` keeps it).
fn window(r: &DueReport, lang: Lang) -> String {
    r.within.0.phrase().get(lang).to_owned()
}

/// The days-left cell: "12 days overdue", "today", "in 3 days" (逾期 12 天, 今日到期, 还有 3 天).
pub fn days_left(days: i64, lang: Lang) -> String {
    let n = days.unsigned_abs();
    match (lang, days.signum()) {
        (Lang::En, 0) => "today".to_owned(),
        (Lang::En, -1) if n == 1 => "1 day overdue".to_owned(),
        (Lang::En, -1) => format!("{n} days overdue"),
        (Lang::En, _) if n == 1 => "in 1 day".to_owned(),
        (Lang::En, _) => format!("in {n} days"),
        (Lang::ZhCn, 0) => "今日到期".to_owned(),
        (Lang::ZhCn, -1) => format!("逾期 {n} 天"),
        (Lang::ZhCn, _) => format!("还有 {n} 天"),
    }
}

/// `file:line` of a duty (empty when the file is unknown).
fn place(l: &DueLine) -> String {
    if l.file.is_empty() { String::new() } else { format!("{}:{}", l.file, l.line) }
}

fn rule_title(rule: &str, lang: Lang) -> &'static str {
    crate::rules::find(rule).map_or("", |r| r.meta().title(lang))
}

fn family(rule: &str) -> &str {
    rule.split('-').next().unwrap_or(rule)
}

/// One section's table: due, days left, what, record, rule (and owner when any line names one).
fn lines_table(lines: &[&DueLine], lang: Lang) -> DocTable {
    let owners = lines.iter().any(|l| l.duty.owner.is_some());
    let mut header = vec![
        t(lang, "Due", "到期日"),
        t(lang, "Days left", "剩余天数"),
        t(lang, "What", "事项"),
        t(lang, "Record", "记录"),
        t(lang, "Rule", "规则"),
    ];
    if owners {
        header.push(t(lang, "Owner", "负责人"));
    }
    let rows = lines
        .iter()
        .map(|l| {
            let mut row = vec![
                l.duty.due.to_string(),
                days_left(l.days_left, lang),
                l.duty.what.get(lang).to_owned(),
                place(l),
                l.duty.rule.to_owned(),
            ];
            if owners {
                row.push(l.duty.owner.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    DocTable { header, rows, numeric: vec![1], max_width: None }
}

/// The report as a document: facts, the overdue duties, those due within the window, and
/// how many lie beyond it. `scope` names the engagements covered.
pub fn document(r: &DueReport, scope: &str, lang: Lang) -> Doc {
    let mut d = Doc { title: title(scope, lang), lang: lang.code(), blocks: Vec::new() };
    let within = window(r, lang);
    let mut facts = vec![
        (t(lang, "As of", "评估日"), r.as_of.to_string()),
        (
            t(lang, "Window", "提醒范围"),
            t(lang, &format!("{within}, until {}", r.until), &format!("{within}内，至 {}", r.until)),
        ),
    ];
    if let Some(e) = &r.engagement {
        facts.push((t(lang, "Engagement", "服务项目"), e.clone()));
    }
    if let Some(o) = &r.owner {
        facts.push((t(lang, "Owner", "负责人"), o.clone()));
    }
    facts.extend(super::disclosure::facts(&r.configuration, lang, true));
    d.push(Block::Facts(facts));
    let (overdue, coming): (Vec<&DueLine>, Vec<&DueLine>) = r.lines.iter().partition(|l| l.overdue());
    d.push(Block::Heading(
        2,
        t(lang, &format!("Overdue ({})", overdue.len()), &format!("已逾期（{} 项）", overdue.len())),
    ));
    if overdue.is_empty() {
        d.push(Block::Note(t(lang, "Nothing is overdue.", "无逾期事项。")));
    } else {
        d.push(Block::Table(lines_table(&overdue, lang)));
    }
    d.push(Block::Heading(
        2,
        t(lang, &format!("Due within {within} ({})", coming.len()), &format!("{within}内到期（{} 项）", coming.len())),
    ));
    if coming.is_empty() {
        d.push(Block::Note(t(lang, &format!("Nothing due within {within}."), &format!("{within}内无到期事项。"))));
    } else {
        d.push(Block::Table(lines_table(&coming, lang)));
    }
    d.push(Block::Note(later_note(r, lang)));
    d
}

/// "3 more duties fall due after 2026-11-30 (beyond the window)."
fn later_note(r: &DueReport, lang: Lang) -> String {
    let (n, until) = (r.later, r.until);
    match (lang, n) {
        (Lang::En, 0) => format!("No other duty falls due after {until}."),
        (Lang::En, 1) => format!("1 more duty falls due after {until} (beyond the window)."),
        (Lang::En, _) => format!("{n} more duties fall due after {until} (beyond the window)."),
        (Lang::ZhCn, 0) => format!("{until} 之后无其他到期事项。"),
        (Lang::ZhCn, _) => format!("另有 {n} 项在 {until} 之后到期（超出提醒范围）。"),
    }
}

pub fn table(r: &DueReport, scope: &str, lang: Lang) -> String {
    doc::text(&document(r, scope, lang))
}

/// Markdown through the document model: every cell is escaped by `doc::markdown`.
pub fn markdown(r: &DueReport, scope: &str, lang: Lang) -> String {
    doc::markdown(&document(r, scope, lang))
}

/// JSON with stable keys (docs/due.md lists them).
pub fn json(r: &DueReport, scope: &str, lang: Lang) -> String {
    let duties: Vec<_> = r
        .lines
        .iter()
        .map(|l| {
            json!({
                "due": l.duty.due.to_string(),
                "days_left": l.days_left,
                "overdue": l.overdue(),
                "rule": l.duty.rule,
                "rule_title": rule_title(l.duty.rule, lang),
                "what": l.duty.what.get(lang),
                "help": l.duty.help.as_ref().map(|h| h.get(lang)),
                "owner": l.duty.owner,
                "engagement": l.engagement,
                "record": {"kind": l.record().kind.name(), "id": l.record().id},
                "file": l.file,
                "line": l.line,
                "column": l.column,
                "uid": l.uid,
                "key": l.duty.key,
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "report": "due",
        "lang": lang.code(),
        "scope": scope,
        "as_of": r.as_of.to_string(),
        "within": r.within.text(),
        "until": r.until.to_string(),
        "owner": r.owner,
        "engagement": r.engagement,
        "listed": r.lines.len(),
        "overdue": r.overdue(),
        "later": r.later,
        "configuration": super::disclosure::json(&r.configuration),
        "duties": duties,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// One row per listed duty, with a header row. Text cells go through `csv_cell` (quoting and
/// formula neutralisation) like every CSV itos writes; numbers are written plainly.
pub fn csv(r: &DueReport, lang: Lang) -> String {
    let mut out = String::new();
    let header = [
        "due",
        "days_left",
        "overdue",
        "rule",
        "rule_title",
        "what",
        "help",
        "owner",
        "engagement",
        "record_kind",
        "record_id",
        "file",
        "line",
        "column",
        "uid",
        "key",
    ];
    csv::row(&mut out, &header.map(str::to_owned));
    for l in &r.lines {
        let cells = vec![
            l.duty.due.to_string(),
            csv::number(l.days_left),
            l.overdue().to_string(),
            csv_cell(l.duty.rule),
            csv_cell(rule_title(l.duty.rule, lang)),
            csv_cell(l.duty.what.get(lang)),
            csv_cell(l.duty.help.as_ref().map_or("", |h| h.get(lang))),
            csv_cell(l.duty.owner.as_deref().unwrap_or("")),
            csv_cell(l.engagement.as_deref().unwrap_or("")),
            csv_cell(l.record().kind.name()),
            csv_cell(&l.record().id),
            csv_cell(&l.file),
            csv::number(l.line),
            csv::number(l.column),
            csv_cell(&l.uid),
            csv_cell(&l.duty.key),
        ];
        csv::row(&mut out, &cells);
    }
    out
}

/// `YYYYMMDD`, an iCalendar DATE.
fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Record text for an iCalendar TEXT value: control characters made harmless and line breaks
/// normalised to `\n`, which the crate escapes (it escapes `\`, `,`, `;` and `\n`, not `\r`,
/// and a bare CR would end the content line).
fn ics_text(text: &str) -> String {
    terminal_safe(text).replace("\r\n", "\n").replace('\r', "\n")
}

/// Escaping for the one TEXT property the crate does not know to escape (`X-WR-CALNAME`).
fn ics_escape(text: &str) -> String {
    ics_text(text).replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

fn date_property(key: &str, d: Date) -> Property {
    let mut p = Property::new(key, ics_date(d));
    p.add_parameter("VALUE", "DATE");
    p
}

/// The calendar: one all-day VEVENT per listed duty, UID stable across runs and date moves,
/// DTSTAMP the as-of day (never the clock, so the same records give the same bytes).
pub fn ics(r: &DueReport, scope: &str, lang: Lang) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//itos//report due//EN"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    let name = t(lang, &format!("itos — {scope} duties"), &format!("itos — {scope} 待办与到期提醒"));
    cal.append_property(Property::new("X-WR-CALNAME", ics_escape(&name)));
    let stamp = format!("{}T000000Z", ics_date(r.as_of));
    for l in &r.lines {
        let mut event = Event::new();
        event.uid(&l.uid);
        event.add_property("DTSTAMP", stamp.as_str());
        event.append_property(date_property("DTSTART", l.duty.due));
        event.append_property(date_property("DTEND", add_days(l.duty.due, 1)));
        let what = l.duty.what.get(lang);
        event.summary(&ics_text(&format!("[{}] {what}", l.duty.rule)));
        event.description(&ics_text(&description(l, r.as_of, lang)));
        event.add_property("CATEGORIES", family(l.duty.rule));
        cal.push(event.done());
    }
    let mut out = String::new();
    let _ = write!(out, "{cal}");
    out
}

/// What to do, where, who, and since when it is overdue, one per line.
fn description(l: &DueLine, as_of: Date, lang: Lang) -> String {
    let colon = t(lang, ": ", "：");
    let mut parts = Vec::new();
    if l.overdue() {
        let n = -l.days_left;
        parts.push(t(
            lang,
            &format!("{} as of {as_of} (due {}).", days_left(l.days_left, lang), l.duty.due),
            &format!("截至 {as_of} 已逾期 {n} 天（应于 {} 前完成）。", l.duty.due),
        ));
    }
    if let Some(h) = &l.duty.help {
        parts.push(h.get(lang).to_owned());
    }
    let record = format!("{}/{}", l.record().kind.name(), l.record().id);
    let place = place(l);
    let at = if place.is_empty() { record } else { format!("{record} — {place}") };
    parts.push(format!("{}{colon}{at}", t(lang, "Record", "记录")));
    parts.push(format!("{}{colon}{} {}", t(lang, "Rule", "规则"), l.duty.rule, rule_title(l.duty.rule, lang)));
    if let Some(o) = &l.duty.owner {
        parts.push(format!("{}{colon}{o}", t(lang, "Owner", "负责人")));
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_reads_as_a_person_says_it() {
        assert_eq!(days_left(-12, Lang::En), "12 days overdue");
        assert_eq!(days_left(-1, Lang::En), "1 day overdue");
        assert_eq!(days_left(0, Lang::En), "today");
        assert_eq!(days_left(3, Lang::En), "in 3 days");
        assert_eq!(days_left(-12, Lang::ZhCn), "逾期 12 天");
        assert_eq!(days_left(0, Lang::ZhCn), "今日到期");
        assert_eq!(days_left(3, Lang::ZhCn), "还有 3 天");
    }

    #[test]
    fn calendar_names_are_escaped_and_text_keeps_no_bare_cr() {
        assert_eq!(ics_escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(ics_text("a\rb\u{1b}"), "a\nb?");
    }
}
