//! The mapping file (import.md): strict TOML, every problem at its line and column, all at
//! once (like `itos.toml`). Read into a checked [`Mapping`] that knows nothing of any export:
//! columns are names to look for, resolved against a header by [`super::columns`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::config::{ConfigError, ConfigProblem, line_col};
use crate::model::kinds::incident::{IncidentStatus, IncidentType, PauseReason};

/// Record fields a `[fields]` entry may fill (Incident, records.md), in records.md order.
/// `engagement` and `service` come from `[target]` or the flags.
pub const FIELDS: &[&str] = &[
    "id",
    "priority",
    "type",
    "opened_at",
    "detected_at",
    "responded_at",
    "arrived_at",
    "on_site_required",
    "restored_at",
    "resolved_at",
    "closed_at",
    "major",
    "reported_at",
    "problem",
    "caused_by_change",
    "category",
    "cause",
    "resolution",
    "status",
];

/// Fields holding a timestamp.
pub const TIME_FIELDS: &[&str] = &[
    "opened_at",
    "detected_at",
    "responded_at",
    "arrived_at",
    "restored_at",
    "resolved_at",
    "closed_at",
    "reported_at",
];

/// Fields holding yes/no.
pub const BOOL_FIELDS: &[&str] = &["on_site_required", "major"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gb18030,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One row per ticket.
    Rows,
    /// One row per update of a ticket.
    Events,
}

/// Column names to look for, the first present in the header wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns(pub Vec<String>);

/// Where a record field's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Column(Columns),
    Constant(String),
}

/// A value map: source value → record value, `_` the default for any other value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueMap {
    pub values: BTreeMap<String, String>,
    pub default: Option<String>,
}

impl ValueMap {
    pub fn get(&self, raw: &str) -> Option<&str> {
        self.values.get(raw).or(self.default.as_ref()).map(String::as_str)
    }
}

/// `[target] service`: one service, or a column whose values map to services.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceSource {
    Fixed(String),
    Column(Columns, ValueMap),
}

/// `[events]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Events {
    pub group_by: Columns,
    pub at: Columns,
    pub order: Vec<Columns>,
    pub state: Columns,
    pub pause_states: BTreeMap<String, PauseReason>,
    pub open_states: Vec<String>,
    pub resolved_states: Vec<String>,
    pub closed_states: Vec<String>,
    pub cancelled_states: Vec<String>,
    pub responded_when_leaving: Vec<String>,
    pub priority: Option<Columns>,
}

/// `[reconcile]`: the columns holding the ITSM's own verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reconcile {
    pub made_sla: Option<Columns>,
    pub response_remaining: Option<Columns>,
    pub resolution_remaining: Option<Columns>,
    pub paused_minutes: Option<Columns>,
}

/// A checked mapping file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub name: String,
    pub format: Option<Format>,
    pub encoding: Option<Encoding>,
    pub delimiter: u8,
    pub sheet: Option<String>,
    pub timezone: Option<jiff::tz::TimeZone>,
    pub timezone_name: Option<String>,
    pub date_formats: Vec<String>,
    pub empty: Vec<String>,
    pub mode: Mode,
    pub engagement: Option<String>,
    pub service: Option<ServiceSource>,
    /// Record field → where it comes from, in [`FIELDS`] order.
    pub fields: Vec<(&'static str, Source)>,
    /// Record field → its value map.
    pub values: BTreeMap<String, ValueMap>,
    pub events: Option<Events>,
    pub reconcile: Reconcile,
}

impl Mapping {
    pub fn field(&self, name: &str) -> Option<&Source> {
        self.fields.iter().find(|(f, _)| *f == name).map(|(_, s)| s)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    source: RawSource,
    target: Option<RawTarget>,
    #[serde(default)]
    fields: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    values: BTreeMap<Spanned<String>, BTreeMap<String, Spanned<String>>>,
    events: Option<RawEvents>,
    reconcile: Option<RawReconcile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Spanned<String>,
    format: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    sheet: Option<String>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    date_formats: Vec<Spanned<String>>,
    empty: Option<Vec<String>>,
    mode: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    engagement: Option<String>,
    service: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvents {
    group_by: Spanned<toml::Value>,
    at: Spanned<toml::Value>,
    #[serde(default)]
    order: Vec<Spanned<toml::Value>>,
    state: Spanned<toml::Value>,
    #[serde(default)]
    pause_states: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    open_states: Vec<String>,
    #[serde(default)]
    resolved_states: Vec<String>,
    #[serde(default)]
    closed_states: Vec<String>,
    #[serde(default)]
    cancelled_states: Vec<String>,
    #[serde(default)]
    responded_when_leaving: Vec<String>,
    priority: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReconcile {
    made_sla: Option<Spanned<toml::Value>>,
    response_remaining: Option<Spanned<toml::Value>>,
    resolution_remaining: Option<Spanned<toml::Value>>,
    paused_minutes: Option<Spanned<toml::Value>>,
}

/// Problems found so far, by byte offset.
#[derive(Default)]
struct Problems(Vec<(usize, String)>);

impl Problems {
    fn at<T>(&mut self, value: &Spanned<T>, message: String) {
        self.0.push((value.span().start, message));
    }
}

/// A column name or a list of candidates.
fn columns(value: &Spanned<toml::Value>, p: &mut Problems) -> Option<Columns> {
    match value.get_ref() {
        toml::Value::String(s) if !s.is_empty() => Some(Columns(vec![s.clone()])),
        toml::Value::Array(items) if !items.is_empty() => {
            let names: Vec<String> = items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
            if names.len() == items.len() && names.iter().all(|n| !n.is_empty()) {
                Some(Columns(names))
            } else {
                p.at(value, "a column list holds column names (non-empty strings)".to_owned());
                None
            }
        }
        _ => {
            p.at(value, "expected a column name or a list of candidate column names".to_owned());
            None
        }
    }
}

fn value_map(raw: &BTreeMap<String, Spanned<String>>) -> ValueMap {
    let mut map = ValueMap::default();
    for (from, to) in raw {
        if from == "_" {
            map.default = Some(to.get_ref().clone());
        } else {
            map.values.insert(from.clone(), to.get_ref().clone());
        }
    }
    map
}

impl Mapping {
    /// Read a mapping file's text. `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Mapping, ConfigError> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            ConfigError::one(path.to_owned(), line, col, e.message().trim().to_owned())
        })?;
        let mut p = Problems::default();
        let s = &raw.source;

        let name = s.name.get_ref().clone();
        let safe_name = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !name.starts_with('-');
        if !safe_name {
            p.at(&s.name, format!("`{name}` cannot name a folder; use letters, digits, `-` and `_`"));
        }
        let format = s.format.as_ref().and_then(|f| match f.get_ref().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            other => {
                p.at(f, format!("`{other}` is not a format; use \"csv\" or \"xlsx\""));
                None
            }
        });
        // No `encoding`: a byte-order mark, else UTF-8 when the bytes are, else GB18030.
        let encoding = s.encoding.as_ref().and_then(|e| match e.get_ref().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16" | "utf16" => Some(Encoding::Utf16),
            "gb18030" | "gbk" | "gb2312" => Some(Encoding::Gb18030),
            other => {
                p.at(e, format!("`{other}` is not an encoding; use \"utf-8\", \"utf-16\" or \"gb18030\""));
                None
            }
        });
        let delimiter = match &s.delimiter {
            None => b',',
            Some(d) => match d.get_ref().as_str() {
                "," => b',',
                ";" => b';',
                "\t" | "tab" => b'\t',
                "|" => b'|',
                other => {
                    p.at(d, format!("`{other}` is not a delimiter; use \",\", \";\", \"\\t\" or \"|\""));
                    b','
                }
            },
        };
        let timezone = s.timezone.as_ref().and_then(|tz| match jiff::tz::TimeZone::get(tz.get_ref()) {
            Ok(zone) => Some(zone),
            Err(_) => {
                p.at(tz, format!("`{}` is not an IANA time zone (e.g. \"Asia/Shanghai\", \"UTC\")", tz.get_ref()));
                None
            }
        });
        for f in &s.date_formats {
            // A format is checked by writing a time with it: an unknown directive is an error.
            let sample = jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(jiff::tz::TimeZone::UTC);
            if let Err(e) = jiff::fmt::strtime::format(f.get_ref().as_str(), &sample) {
                p.at(f, format!("`{}` is not a date format: {e}", f.get_ref()));
            } else if !f.get_ref().contains('%') {
                p.at(f, format!("`{}` has no `%` directive; write e.g. \"%d/%m/%Y %H:%M\"", f.get_ref()));
            }
        }
        let mode = match &s.mode {
            None => Mode::Rows,
            Some(m) => match m.get_ref().as_str() {
                "rows" => Mode::Rows,
                "events" => Mode::Events,
                other => {
                    p.at(m, format!("`{other}` is not a mode; use \"rows\" or \"events\""));
                    Mode::Rows
                }
            },
        };

        let mut values: BTreeMap<String, ValueMap> = BTreeMap::new();
        for (field, map) in &raw.values {
            if !FIELDS.contains(&field.get_ref().as_str()) {
                p.at(
                    field,
                    format!(
                        "`{}` is not a record field a value map can apply to ({})",
                        field.get_ref(),
                        FIELDS.join(", ")
                    ),
                );
                continue;
            }
            match field.get_ref().as_str() {
                "status" => check_targets(map, IncidentStatus::NAMES, "an incident status", &mut p),
                "type" => check_targets(map, IncidentType::NAMES, "an incident type", &mut p),
                _ => {}
            }
            values.insert(field.get_ref().clone(), value_map(map));
        }

        let mut fields = Vec::new();
        for (field, value) in &raw.fields {
            let Some(&name) = FIELDS.iter().find(|f| **f == field.get_ref().as_str()) else {
                let hint = match field.get_ref().as_str() {
                    "engagement" | "service" => " (set it under [target] or with --engagement / --service)".to_owned(),
                    _ => String::new(),
                };
                p.at(field, format!("`{}` is not a field import fills ({}){hint}", field.get_ref(), FIELDS.join(", ")));
                continue;
            };
            let source = match value.get_ref() {
                toml::Value::Table(t) => match (t.get("value"), t.len()) {
                    (Some(toml::Value::String(v)), 1) => Some(Source::Constant(v.clone())),
                    (Some(toml::Value::Boolean(v)), 1) => Some(Source::Constant(v.to_string())),
                    _ => {
                        p.at(value, "a constant is written `{ value = \"…\" }`".to_owned());
                        None
                    }
                },
                _ => columns(value, &mut p).map(Source::Column),
            };
            if let Some(source) = source {
                fields.push((name, source));
            }
        }
        fields.sort_by_key(|(f, _)| FIELDS.iter().position(|x| x == f));

        let (engagement, service) = match &raw.target {
            None => (None, None),
            Some(t) => {
                let service = t.service.as_ref().and_then(|sv| match sv.get_ref() {
                    toml::Value::String(s) => Some(ServiceSource::Fixed(s.clone())),
                    toml::Value::Table(table) => {
                        let column = table.get("column").cloned();
                        let map = table.get("values").and_then(|v| v.as_table());
                        let unknown: Vec<&String> = table.keys().filter(|k| *k != "column" && *k != "values").collect();
                        match (column, unknown.is_empty()) {
                            (Some(column), true) => {
                                let cols = columns(&Spanned::new(sv.span(), column), &mut p)?;
                                let mut vm = ValueMap::default();
                                for (k, v) in map.into_iter().flatten() {
                                    let Some(v) = v.as_str() else {
                                        p.at(sv, format!("service value `{k}` must map to a service id (a string)"));
                                        continue;
                                    };
                                    if k == "_" {
                                        vm.default = Some(v.to_owned());
                                    } else {
                                        vm.values.insert(k.clone(), v.to_owned());
                                    }
                                }
                                Some(ServiceSource::Column(cols, vm))
                            }
                            _ => {
                                p.at(
                                    sv,
                                    "write service = \"id\" or service = { column = \"…\", values = { … } }".to_owned(),
                                );
                                None
                            }
                        }
                    }
                    _ => {
                        p.at(sv, "write service = \"id\" or service = { column = \"…\", values = { … } }".to_owned());
                        None
                    }
                });
                (t.engagement.clone(), service)
            }
        };

        let events = match (&raw.events, mode) {
            (Some(e), Mode::Events) => {
                let mut pause_states = BTreeMap::new();
                for (state, reason) in &e.pause_states {
                    match PauseReason::parse(reason.get_ref()) {
                        Some(r) => {
                            pause_states.insert(state.clone(), r);
                        }
                        None => p.at(
                            reason,
                            format!("`{}` is not a pause reason ({})", reason.get_ref(), PauseReason::NAMES.join(", ")),
                        ),
                    }
                }
                let group_by = columns(&e.group_by, &mut p);
                let at = columns(&e.at, &mut p);
                let state = columns(&e.state, &mut p);
                let order = e.order.iter().filter_map(|o| columns(o, &mut p)).collect();
                let priority = e.priority.as_ref().and_then(|v| columns(v, &mut p));
                match (group_by, at, state) {
                    (Some(group_by), Some(at), Some(state)) => Some(Events {
                        group_by,
                        at,
                        order,
                        state,
                        pause_states,
                        open_states: e.open_states.clone(),
                        resolved_states: e.resolved_states.clone(),
                        closed_states: e.closed_states.clone(),
                        cancelled_states: e.cancelled_states.clone(),
                        responded_when_leaving: e.responded_when_leaving.clone(),
                        priority,
                    }),
                    _ => None,
                }
            }
            (Some(_), Mode::Rows) => {
                if let Some(m) = &s.mode {
                    p.at(m, "[events] is read only with mode = \"events\"".to_owned());
                } else {
                    p.at(&s.name, "[events] is given: set mode = \"events\" in [source]".to_owned());
                }
                None
            }
            (None, Mode::Events) => {
                if let Some(m) = &s.mode {
                    p.at(m, "mode = \"events\" needs an [events] table (group_by, at, state …)".to_owned());
                }
                None
            }
            (None, Mode::Rows) => None,
        };

        let reconcile = match &raw.reconcile {
            None => Reconcile::default(),
            Some(r) => Reconcile {
                made_sla: r.made_sla.as_ref().and_then(|v| columns(v, &mut p)),
                response_remaining: r.response_remaining.as_ref().and_then(|v| columns(v, &mut p)),
                resolution_remaining: r.resolution_remaining.as_ref().and_then(|v| columns(v, &mut p)),
                paused_minutes: r.paused_minutes.as_ref().and_then(|v| columns(v, &mut p)),
            },
        };

        // What every ticket needs.
        // A field written but wrong is already reported at its place.
        let has = |f: &str| raw.fields.keys().any(|k| k.get_ref() == f);
        if mode == Mode::Rows {
            for required in ["id", "opened_at", "priority"] {
                if !has(required) {
                    p.0.push((0, format!("[fields] must map `{required}` (every incident has one)")));
                }
            }
        } else if !has("priority") && events.as_ref().is_some_and(|e| e.priority.is_none()) {
            p.0.push((0, "map `priority` under [fields] or [events] (every incident has one)".to_owned()));
        }

        if !p.0.is_empty() {
            p.0.sort_by_key(|(offset, _)| *offset);
            let problems =
                p.0.into_iter()
                    .map(|(offset, message)| {
                        let (line, col) = line_col(text, offset);
                        ConfigProblem { line, col, message }
                    })
                    .collect();
            return Err(ConfigError { path: path.to_owned(), problems });
        }
        Ok(Mapping {
            name,
            format,
            encoding,
            delimiter,
            sheet: s.sheet.clone(),
            timezone,
            timezone_name: s.timezone.as_ref().map(|t| t.get_ref().clone()),
            date_formats: s.date_formats.iter().map(|f| f.get_ref().clone()).collect(),
            empty: s.empty.clone().unwrap_or_else(|| vec![String::new()]),
            mode,
            engagement,
            service,
            fields,
            values,
            events,
            reconcile,
        })
    }
}

/// Every value a status or type map writes must be one the record accepts.
fn check_targets(map: &BTreeMap<String, Spanned<String>>, names: &[&str], what: &str, p: &mut Problems) {
    for to in map.values() {
        if !names.contains(&to.get_ref().as_str()) {
            p.at(to, format!("`{}` is not {what} ({})", to.get_ref(), names.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Mapping::parse(text, Path::new("m.toml")) {
            Ok(_) => Vec::new(),
            Err(e) => e.lines().collect(),
        }
    }

    const OK: &str =
        "[source]\nname = \"x\"\n[fields]\nid = \"n\"\nopened_at = [\"o\", \"Opened\"]\npriority = \"p\"\n";

    #[test]
    fn a_minimal_mapping_reads() {
        let m = Mapping::parse(OK, Path::new("m.toml")).unwrap();
        assert_eq!(m.name, "x");
        assert_eq!(m.field("opened_at"), Some(&Source::Column(Columns(vec!["o".into(), "Opened".into()]))));
        assert_eq!(m.delimiter, b',');
        assert_eq!(m.empty, vec![String::new()]);
    }

    #[test]
    fn every_problem_is_located_at_once() {
        let text = "[source]\nname = \"x\"\ntimezone = \"Mars/Base\"\nencoding = \"latin1\"\n[fields]\nid = \"n\"\nopened_at = 3\npriority = \"p\"\ntitle = \"t\"\n[values.status]\nDone = \"finished\"\n";
        assert_eq!(
            problems(text),
            vec![
                "m.toml:3:12: `Mars/Base` is not an IANA time zone (e.g. \"Asia/Shanghai\", \"UTC\")",
                "m.toml:4:12: `latin1` is not an encoding; use \"utf-8\", \"utf-16\" or \"gb18030\"",
                "m.toml:7:13: expected a column name or a list of candidate column names",
                "m.toml:9:1: `title` is not a field import fills (id, priority, type, opened_at, detected_at, responded_at, arrived_at, on_site_required, restored_at, resolved_at, closed_at, major, reported_at, problem, caused_by_change, category, cause, resolution, status)",
                "m.toml:11:8: `finished` is not an incident status (open, in-progress, resolved, closed, cancelled)",
            ]
        );
    }

    #[test]
    fn unknown_keys_stop_at_their_place() {
        let text = "[source]\nname = \"x\"\nencodng = \"utf-8\"\n";
        let p = problems(text);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("m.toml:3:1: unknown field `encodng`"), "{p:?}");
    }

    #[test]
    fn required_fields_are_named() {
        let p = problems("[source]\nname = \"x\"\n[fields]\nid = \"n\"\n");
        assert_eq!(
            p,
            vec![
                "m.toml:1:1: [fields] must map `opened_at` (every incident has one)",
                "m.toml:1:1: [fields] must map `priority` (every incident has one)",
            ]
        );
    }
}
