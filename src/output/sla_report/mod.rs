//! Rendering the SLA report (`itos report sla`), one file per format: `document.rs` builds one
//! [`Doc`] for table, Markdown and HTML; `json.rs` carries each figure's inputs (seconds and
//! tickets counted) so it can be checked by hand; `csv.rs` is long form; `ledger.rs` shows one
//! ticket (`--ticket`). This file holds the helpers they share.

mod csv;
mod document;
mod json;
mod ledger;

pub use csv::csv;
pub use document::document;
pub use json::json;
pub use ledger::{ledger_document, ledger_json};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;

use crate::figures::figure;
use crate::model::kinds::{Engagement, Sla};
use crate::model::{Exact, Lang};

use super::doc::{Block, Doc, DocTable};

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

fn when(ts: Option<Timestamp>, tz: &TimeZone) -> String {
    ts.map_or_else(|| "—".to_owned(), |ts| ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %:z").to_string())
}

fn met(v: Option<bool>, lang: Lang) -> String {
    match v {
        Some(true) => t(lang, "met", "达标"),
        Some(false) => t(lang, "NOT MET", "未达标"),
        None => "n/a".to_owned(),
    }
}

/// A status in a month nobody recorded: never "met" (sla.md, "Months without records").
fn no_data(lang: Lang) -> String {
    t(lang, "no data — no tickets recorded", "无数据——无事件记录")
}

/// A figure's status, or "no data" when the month has no records.
fn status(v: Option<bool>, recorded: bool, lang: Lang) -> String {
    if recorded { met(v, lang) } else { no_data(lang) }
}

/// How a service is named for the customer: its scope description, with its id (in
/// full-width parentheses in Chinese).
fn service_name(e: &Engagement, sla: &Sla, lang: Lang) -> String {
    let id = sla.service.value.as_str();
    match e.scope.iter().find(|s| s.service.value == id) {
        Some(s) if !s.description.value.trim().is_empty() => match lang {
            Lang::En => format!("{} ({id})", s.description.value.trim()),
            Lang::ZhCn => format!("{}({id})", s.description.value.trim()),
        },
        _ => id.to_owned(),
    }
}

fn month_label(d: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// A heading and its table, left out when there are no rows.
fn section(doc: &mut Doc, title: String, header: Vec<String>, rows: Vec<Vec<String>>, numeric: &[usize]) {
    if rows.is_empty() {
        return;
    }
    doc.push(Block::Heading(3, title));
    doc.push(table(header, rows, numeric));
}

/// Column headings in the report's language.
fn headers(lang: Lang, words: &[(&str, &str)]) -> Vec<String> {
    words.iter().map(|(en, zh)| t(lang, en, zh)).collect()
}

fn table(header: Vec<String>, rows: Vec<Vec<String>>, numeric: &[usize]) -> Block {
    Block::Table(DocTable { header, rows, numeric: numeric.to_vec(), max_width: None })
}

/// Whole seconds as minutes for people (thousands separated; CSV and JSON stay plain).
fn mins(secs: i64) -> String {
    figure::minutes_grouped(Exact::int(secs))
}

/// An instant in JSON: RFC 3339, or null.
fn ts_json(ts: Option<Timestamp>) -> Value {
    ts.map_or(Value::Null, |t| Value::String(t.to_string()))
}
