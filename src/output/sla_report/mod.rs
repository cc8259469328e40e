//! Rendering the SLA report (`itos report sla`), one file per format: `document.rs` builds one
//! [`Doc`] for table, Markdown and HTML; `json.rs` carries each figure's inputs (seconds and
//! tickets counted) so it can be checked by hand; `csv.rs` is long form; `ledger.rs` shows one
//! ticket (`--ticket`). This file holds the helpers they share.

mod csv;
mod document;
pub(crate) mod json;
mod ledger;
mod reconcile;

pub use csv::csv;
pub use document::document;
pub use json::json;
pub use ledger::{ledger_document, ledger_json};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;

use crate::figures::figure;
use crate::model::kinds::engagement::CreditMetric;
use crate::model::kinds::incident::{ExclusionReason, PauseReason};
use crate::model::kinds::{Engagement, Sla};
use crate::model::{Exact, Lang};

use super::doc::{Block, Doc, DocTable};

pub(crate) fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

pub(crate) fn when(ts: Option<Timestamp>, tz: &TimeZone) -> String {
    ts.map_or_else(|| "—".to_owned(), |ts| ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %:z").to_string())
}

pub(crate) fn met(v: Option<bool>, lang: Lang) -> String {
    match v {
        Some(true) => t(lang, "met", "达标"),
        Some(false) => t(lang, "NOT MET", "未达标"),
        None => figure::none(lang).to_owned(),
    }
}

/// A credit metric as a person reads it (glossary: 解决及时率, 可用率).
// TODO(labels): move to model::labels
pub(crate) fn metric_label(m: CreditMetric, lang: Lang) -> String {
    match lang {
        Lang::En => m.as_str().to_owned(),
        Lang::ZhCn => match m {
            CreditMetric::Availability => "可用率",
            CreditMetric::ResponseAttainment => "响应及时率",
            CreditMetric::ResolutionAttainment => "解决及时率",
            CreditMetric::Satisfaction => "满意度",
        }
        .to_owned(),
    }
}

/// A survey dimension as a person reads it; a dimension the glossary does not name stays as
/// written.
// TODO(labels): move to model::labels
pub(crate) fn dimension_label(d: &str, lang: Lang) -> String {
    match (lang, d) {
        (Lang::ZhCn, "response_speed") => "响应速度".to_owned(),
        (Lang::ZhCn, "quality") => "服务质量".to_owned(),
        (Lang::ZhCn, "reliability") => "可靠性".to_owned(),
        _ => d.to_owned(),
    }
}

/// Why a clock was paused.
// TODO(labels): move to model::labels
fn pause_label(r: PauseReason, lang: Lang) -> String {
    match lang {
        Lang::En => r.as_str().to_owned(),
        Lang::ZhCn => match r {
            PauseReason::AwaitingCustomer => "等待客户",
            PauseReason::AwaitingThirdParty => "等待第三方",
            PauseReason::Scheduled => "计划暂停",
            PauseReason::Other => "其他",
        }
        .to_owned(),
    }
}

/// Why an outage does not count against availability.
// TODO(labels): move to model::labels
fn exclusion_label(r: ExclusionReason, lang: Lang) -> String {
    match lang {
        Lang::En => r.as_str().to_owned(),
        Lang::ZhCn => match r {
            ExclusionReason::CustomerCaused => "客户原因",
            ExclusionReason::ForceMajeure => "不可抗力",
            ExclusionReason::ThirdParty => "第三方原因",
        }
        .to_owned(),
    }
}

/// A status in a month nobody recorded: never "met" (sla.md, "Months without records").
fn no_data(lang: Lang) -> String {
    t(lang, "no data — no tickets recorded", "无数据（无事件记录）")
}

/// A figure's status, or "no data" when the month has no records.
fn status(v: Option<bool>, recorded: bool, lang: Lang) -> String {
    if recorded { met(v, lang) } else { no_data(lang) }
}

/// How a service is named for the customer: its scope description, with its id (in
/// Chinese quoted, with the id in full-width parentheses: 服务“桌面运维支持”(desktop-support)).
pub(crate) fn service_name(e: &Engagement, sla: &Sla, lang: Lang) -> String {
    service_name_of(e, sla.service.value.as_str(), lang)
}

/// [`service_name`] for a service id.
fn service_name_of(e: &Engagement, id: &str, lang: Lang) -> String {
    match e.scope.iter().find(|s| s.service.value == id) {
        Some(s) if !s.description.value.trim().is_empty() => match lang {
            Lang::En => format!("{} ({id})", s.description.value.trim()),
            Lang::ZhCn => format!("“{}”（{id}）", s.description.value.trim()),
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
pub(crate) fn headers(lang: Lang, words: &[(&str, &str)]) -> Vec<String> {
    words.iter().map(|(en, zh)| t(lang, en, zh)).collect()
}

pub(crate) fn table(header: Vec<String>, rows: Vec<Vec<String>>, numeric: &[usize]) -> Block {
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
