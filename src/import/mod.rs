//! `itos import incidents` (import.md): an ITSM export (CSV or XLSX, rows or an event log)
//! read through a mapping into Incident records. This module decides everything and writes
//! nothing: [`run`] returns the files to write and remove (a [`Plan`]) and a [`Summary`];
//! the command line writes them.

pub mod events;
pub mod mapping;
pub mod presets;
pub mod read;
pub mod time;
pub mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::load::Repository;
use crate::model::Msg;
use crate::model::kinds::incident::{IncidentStatus, IncidentType, PauseReason};
use events::{Class, Update};
use mapping::{BOOL_FIELDS, Columns, Mapping, Mode, ServiceSource, Source, TIME_FIELDS, ValueMap};
use read::{Cell, ReadError, Row, Table};

/// A simple field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Time(Timestamp),
    Bool(bool),
}

/// The ITSM's own verdict (`x-itsm`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Itsm {
    pub made_sla: Option<bool>,
    pub response_remaining_minutes: Option<i64>,
    pub resolution_remaining_minutes: Option<i64>,
    pub paused_minutes: Option<i64>,
}

/// One incident to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    pub id: String,
    pub service: String,
    pub priority: String,
    pub opened_at: Timestamp,
    /// The other simple fields, by record field name.
    pub fields: BTreeMap<&'static str, Value>,
    pub paused: Vec<(Timestamp, Option<Timestamp>, PauseReason)>,
    pub priority_changes: Vec<(Timestamp, String)>,
    pub reopened: Vec<(Timestamp, Option<Timestamp>)>,
    pub itsm: Itsm,
    /// The row the ticket starts at (its first update in an event log).
    pub row: u64,
}

impl Ticket {
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.get(field)
    }
}

/// What the command was asked.
#[derive(Clone, Debug)]
pub struct Request {
    pub files: Vec<PathBuf>,
    pub mapping: Mapping,
    /// How the mapping is named in the header (a preset's name or the file's base name) and
    /// the SHA-256 of its text.
    pub mapping_label: String,
    pub mapping_sha256: String,
    pub engagement: Option<String>,
    pub service: Option<String>,
    /// The output folder, relative to the repository root.
    pub out: PathBuf,
    pub replace_all: bool,
}

/// The Sla facts import needs about a service.
#[derive(Clone, Debug)]
pub struct SlaFacts {
    pub zone: TimeZone,
    pub priorities: Vec<String>,
}

/// What the repository says about where tickets go.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    pub slas: HashMap<String, SlaFacts>,
}

impl Targets {
    pub fn of(repo: &Repository) -> Targets {
        let mut slas = HashMap::new();
        for sla in &repo.records.slas {
            slas.entry(sla.service.value.clone()).or_insert_with(|| SlaFacts {
                zone: sla.timezone.value.zone.clone(),
                priorities: sla.priorities.entries.iter().map(|(k, _)| k.value.clone()).collect(),
            });
        }
        Targets { slas }
    }
}

/// A value no mapping covers: the value, how many rows hold it, the first.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unmapped {
    pub field: String,
    pub value: String,
    pub rows: u64,
    pub first_row: u64,
    /// Where to add it (`[values.priority]`).
    pub add_under: String,
    /// Stops the import (a required enumeration); else the value is left out.
    pub fatal: bool,
}

/// Rows skipped for one reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub reason: String,
    /// The reason in Chinese (the JSON keeps the English one).
    #[serde(skip)]
    pub reason_zh: String,
    pub count: u64,
    /// The first ten.
    pub rows: Vec<u64>,
}

/// A file of the output folder and what happens to it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FileChange {
    pub name: String,
    /// `added`, `changed`, `unchanged` or `removed`.
    pub change: &'static str,
    pub tickets: u64,
}

/// What an import did (or would do).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub source: String,
    pub files_read: Vec<String>,
    pub out: String,
    pub rows_read: u64,
    pub tickets_written: u64,
    pub tickets_per_month: BTreeMap<String, u64>,
    pub skipped: Vec<Skipped>,
    pub unmapped: Vec<Unmapped>,
    /// Event states listed nowhere in the mapping: state → (updates, first row).
    pub unknown_states: Vec<(String, u64, u64)>,
    pub optional_columns_missing: Vec<String>,
    pub files: Vec<FileChange>,
    pub dry_run: bool,
    /// Per month imported: tickets whose ITSM verdict was compared, and those that disagree
    /// with itos's (filled by the command after writing, from `report sla --reconcile`).
    pub reconciliation: Vec<MonthReconciliation>,
}

/// The reconciliation of one month's tickets.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MonthReconciliation {
    pub month: String,
    pub compared: u64,
    pub mismatching: u64,
}

/// The files to write and remove, relative to the output folder.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub dir: PathBuf,
    pub write: Vec<(String, String)>,
    pub remove: Vec<String>,
}

/// Why an import cannot be done (exit 2; nothing is written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Read(ReadError),
    MissingColumns { file: String, missing: Vec<(String, Vec<String>)>, found: Vec<String> },
    Unmapped(Vec<Unmapped>),
    NoZone { file: String, row: u64, column: String, value: String },
    NoService,
    NoSla { services: Vec<String>, known: Vec<String> },
    NoTickets { rows: u64, skipped: Vec<Skipped> },
    Out(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Read(e) => e.fmt(f),
            Failure::MissingColumns { file, missing, found } => {
                for (field, candidates) in missing {
                    let names: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
                    writeln!(f, "{file}: no column for `{field}` (looked for {})", names.join(", "))?;
                }
                let found: Vec<String> = found.iter().map(|c| format!("`{c}`")).collect();
                write!(f, "columns found: {}", found.join(", "))
            }
            Failure::Unmapped(values) => {
                for (i, u) in values.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "{} \"{}\" ({}, first row {}): add it under {}",
                        u.field,
                        u.value,
                        count(u.rows, "row"),
                        thousands(u.first_row),
                        u.add_under
                    )?;
                }
                Ok(())
            }
            Failure::NoZone { file, row, column, value } => write!(
                f,
                "{file}: row {row}, column `{column}`: `{value}` has no UTC offset; set [source] timezone in the mapping (e.g. \"Asia/Shanghai\")"
            ),
            Failure::NoService => {
                write!(f, "no service for the tickets: give --service, or set [target] service in the mapping")
            }
            Failure::NoSla { services, known } => write!(
                f,
                "no Sla in the repository for service {}; Slas exist for: {}",
                services.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ),
            Failure::NoTickets { rows, skipped } => {
                write!(f, "{} read but no ticket could be written", count(*rows, "row"))?;
                for s in skipped {
                    write!(f, "\n  {} skipped: {}", count(s.count, "row"), s.reason)?;
                }
                Ok(())
            }
            Failure::Out(m) => f.write_str(m),
        }
    }
}

/// `1 row`, `3,211 rows`.
pub fn count(n: u64, what: &str) -> String {
    format!("{} {what}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// A count with thousands separators, as every figure is written (`figures::figure`).
pub fn thousands(n: u64) -> String {
    crate::figures::figure::grouped(&n.to_string())
}

/// A mapped column found in a file's header.
#[derive(Clone, Debug)]
struct Col {
    index: usize,
    name: String,
}

fn find(header: &[String], columns: &Columns) -> Option<Col> {
    for want in &columns.0 {
        if let Some(i) = header.iter().position(|h| h == want) {
            return Some(Col { index: i, name: header[i].clone() });
        }
    }
    // Exports differ in case and spacing (`Opened` / `opened`): a second, looser pass.
    let norm = |s: &str| s.trim().to_lowercase();
    for want in &columns.0 {
        if let Some(i) = header.iter().position(|h| norm(h) == norm(want)) {
            return Some(Col { index: i, name: header[i].clone() });
        }
    }
    None
}

/// The mapping resolved against one file's header.
struct Layout {
    fields: Vec<(&'static str, Option<Col>, Option<String>)>,
    service: Option<Col>,
    group_by: Option<Col>,
    at: Option<Col>,
    state: Option<Col>,
    order: Vec<Col>,
    event_priority: Option<Col>,
    made_sla: Option<Col>,
    response_remaining: Option<Col>,
    resolution_remaining: Option<Col>,
    paused_minutes: Option<Col>,
}

fn layout(m: &Mapping, file: &str, header: &[String], optional_missing: &mut Vec<String>) -> Result<Layout, Failure> {
    let mut missing = Vec::new();
    let events = m.events.as_ref();
    let required = |field: &str| match m.mode {
        Mode::Rows => matches!(field, "id" | "opened_at" | "priority"),
        Mode::Events => false,
    };
    let mut need = |field: &str, cols: &Columns, required: bool, missing: &mut Vec<(String, Vec<String>)>| {
        let found = find(header, cols);
        if found.is_none() {
            if required {
                missing.push((field.to_owned(), cols.0.clone()));
            } else {
                let note = format!("{field} ({})", cols.0.join(" / "));
                if !optional_missing.contains(&note) {
                    optional_missing.push(note);
                }
            }
        }
        found
    };
    let mut fields = Vec::new();
    for (name, source) in &m.fields {
        match source {
            Source::Column(cols) => {
                let col = need(name, cols, required(name), &mut missing);
                fields.push((*name, col, None));
            }
            Source::Constant(v) => fields.push((*name, None, Some(v.clone()))),
        }
    }
    let service = match &m.service {
        Some(ServiceSource::Column(cols, _)) => need("service", cols, true, &mut missing),
        _ => None,
    };
    let mut ev = |cols: Option<&Columns>, name: &str, required: bool, missing: &mut Vec<(String, Vec<String>)>| {
        cols.and_then(|c| need(name, c, required, missing))
    };
    let group_by = ev(events.map(|e| &e.group_by), "events.group_by", true, &mut missing);
    let at = ev(events.map(|e| &e.at), "events.at", true, &mut missing);
    let state = ev(events.map(|e| &e.state), "events.state", true, &mut missing);
    let event_priority = ev(events.and_then(|e| e.priority.as_ref()), "events.priority", false, &mut missing);
    let mut order = Vec::new();
    for cols in events.map(|e| e.order.as_slice()).unwrap_or(&[]) {
        if let Some(c) = need("events.order", cols, false, &mut missing) {
            order.push(c);
        }
    }
    let r = &m.reconcile;
    let made_sla = r.made_sla.as_ref().and_then(|c| need("reconcile.made_sla", c, false, &mut missing));
    let response_remaining =
        r.response_remaining.as_ref().and_then(|c| need("reconcile.response_remaining", c, false, &mut missing));
    let resolution_remaining =
        r.resolution_remaining.as_ref().and_then(|c| need("reconcile.resolution_remaining", c, false, &mut missing));
    let paused_minutes =
        r.paused_minutes.as_ref().and_then(|c| need("reconcile.paused_minutes", c, false, &mut missing));
    if m.mode == Mode::Events
        && event_priority.is_none()
        && !fields.iter().any(|(f, c, k)| *f == "priority" && (c.is_some() || k.is_some()))
    {
        let mut cols = Vec::new();
        if let Some(Source::Column(c)) = m.field("priority") {
            cols.extend(c.0.clone());
        }
        if let Some(c) = events.and_then(|e| e.priority.as_ref()) {
            cols.extend(c.0.clone());
        }
        missing.push(("priority".to_owned(), cols));
    }
    if !missing.is_empty() {
        return Err(Failure::MissingColumns { file: file.to_owned(), missing, found: header.to_vec() });
    }
    Ok(Layout {
        fields,
        service,
        group_by,
        at,
        state,
        order,
        event_priority,
        made_sla,
        response_remaining,
        resolution_remaining,
        paused_minutes,
    })
}

/// Counters shared by all rows.
#[derive(Default)]
struct Tally {
    rows: u64,
    skipped: BTreeMap<String, Skipped>,
    unmapped: BTreeMap<(String, String), Unmapped>,
    unknown_states: BTreeMap<String, (u64, u64)>,
}

impl Tally {
    fn skip(&mut self, row: u64, reason: Msg) {
        let s = self.skipped.entry(reason.en.clone()).or_insert_with(|| Skipped {
            reason: reason.en,
            reason_zh: reason.zh,
            ..Skipped::default()
        });
        s.count += 1;
        if s.rows.len() < 10 {
            s.rows.push(row);
        }
    }

    /// Whether ticket `id` (at `row`) is read for the first time; a repeat is skipped with
    /// the first row named (the first one is kept).
    fn first_time(&mut self, seen: &mut HashMap<String, u64>, id: &str, row: u64) -> bool {
        if let Some(first) = seen.get(id) {
            let first = *first;
            self.skip(
                row,
                Msg::new(
                    format!("a ticket id already read (first at row {first}): the first is kept"),
                    format!("工单编号重复（首次在第 {first} 行）：保留首次出现的工单"),
                ),
            );
            return false;
        }
        seen.insert(id.to_owned(), row);
        true
    }

    fn unmapped(&mut self, field: &str, value: &str, row: u64, add_under: &str, fatal: bool) {
        let u = self.unmapped.entry((field.to_owned(), value.to_owned())).or_insert_with(|| Unmapped {
            field: field.to_owned(),
            value: value.to_owned(),
            rows: 0,
            first_row: row,
            add_under: add_under.to_owned(),
            fatal,
        });
        u.rows += 1;
    }
}

/// One row's cells read through the mapping.
struct Reader<'a> {
    m: &'a Mapping,
    targets: &'a Targets,
    fixed_service: Option<String>,
    last_time: std::cell::RefCell<HashMap<usize, LastTime>>,
}

/// A column's last time text and what it read as.
type LastTime = (String, Result<Timestamp, time::TimeError>);

enum Cellv {
    Absent,
    Present(String),
}

impl Reader<'_> {
    fn text(&self, row: &Row, col: Option<&Col>) -> Cellv {
        match col.and_then(|col| self.cell(row, col)) {
            Some(Cell::Text(s)) => Cellv::Present(s.trim().to_owned()),
            Some(other) => Cellv::Present(other.text()),
            None => Cellv::Absent,
        }
    }

    /// The cell, unless it is empty or one of the mapping's empty tokens.
    fn cell<'r>(&self, row: &'r Row, col: &Col) -> Option<&'r Cell> {
        let cell = row.cells.get(col.index)?;
        let empty = match cell {
            Cell::Empty => true,
            Cell::Text(s) => {
                let t = s.trim();
                t.is_empty() || self.m.empty.iter().any(|e| e == t)
            }
            _ => false,
        };
        (!empty).then_some(cell)
    }

    fn time(&self, row: &Row, col: &Col, file: &str) -> Result<Option<Timestamp>, Result<Msg, Failure>> {
        let Some(cell) = self.cell(row, col) else { return Ok(None) };
        // Logs repeat a time on many rows (the opening on every update, the minute of
        // consecutive updates): the last value of each column is remembered.
        let parsed = {
            let mut cache = self.last_time.borrow_mut();
            match (cell, cache.get(&col.index)) {
                (Cell::Text(t), Some((last, result))) if last == t => result.clone(),
                _ => {
                    let result = time::parse(cell, &self.m.date_formats, self.m.timezone.as_ref());
                    if let Cell::Text(t) = cell {
                        cache.insert(col.index, (t.clone(), result.clone()));
                    }
                    result
                }
            }
        };
        match parsed {
            Ok(ts) => Ok(Some(ts)),
            Err(time::TimeError::NoZone) => Err(Err(Failure::NoZone {
                file: file.to_owned(),
                row: row.number,
                column: col.name.clone(),
                value: cell.text(),
            })),
            Err(e) => Err(Ok(Msg::new(
                format!("column `{}`: {}", col.name, e.reason()),
                format!("`{}` 列：{}", col.name, e.reason_zh()),
            ))),
        }
    }

    /// A value through its field's value map: the mapped value, or the value as written when
    /// `valid` accepts it, or `None` (unmapped).
    fn mapped(&self, field: &str, raw: &str, valid: &dyn Fn(&str) -> bool) -> Option<String> {
        match self.m.values.get(field) {
            Some(map) => lookup(map, raw, valid),
            None => valid(raw).then(|| raw.to_owned()),
        }
    }

    fn service(&self, row: &Row, layout: &Layout, tally: &mut Tally) -> Option<String> {
        if let Some(s) = &self.fixed_service {
            return Some(s.clone());
        }
        let Some(ServiceSource::Column(_, map)) = &self.m.service else { return None };
        let raw = match self.text(row, layout.service.as_ref()) {
            Cellv::Present(v) => v,
            Cellv::Absent => match &map.default {
                Some(d) => return Some(d.clone()),
                None => {
                    tally.unmapped("service", "", row.number, "[target] service.values (or a `_` default)", true);
                    return None;
                }
            },
        };
        match lookup(map, &raw, &|v| self.targets.slas.contains_key(v)) {
            Some(v) => Some(v),
            None => {
                tally.unmapped("service", &raw, row.number, "[target] service.values", true);
                None
            }
        }
    }
}

fn lookup(map: &ValueMap, raw: &str, valid: &dyn Fn(&str) -> bool) -> Option<String> {
    match map.get(raw) {
        Some(v) => Some(v.to_owned()),
        None if valid(raw) => Some(raw.to_owned()),
        None => None,
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "真" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "假" => Some(false),
        _ => None,
    }
}

/// Remaining time as exports write it: `-2:15`, `1:05:00`, `-135`, `-135.0`, `2h 15m`.
fn parse_minutes(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, s.strip_prefix('+').unwrap_or(s).trim()),
    };
    let minutes = if body.contains(':') {
        let parts: Vec<&str> = body.split(':').collect();
        let nums: Option<Vec<i64>> = parts.iter().map(|p| p.trim().parse::<i64>().ok()).collect();
        match nums?.as_slice() {
            [h, m] => h * 60 + m,
            [h, m, _s] => h * 60 + m,
            _ => return None,
        }
    } else if body.contains(['h', 'm', 'd']) {
        let mut total = 0i64;
        let mut number = String::new();
        for c in body.chars() {
            match c {
                '0'..='9' => number.push(c),
                'd' | 'h' | 'm' => {
                    let n: i64 = number.parse().ok()?;
                    number.clear();
                    total += n * match c {
                        'd' => 1440,
                        'h' => 60,
                        _ => 1,
                    };
                }
                ' ' => {}
                _ => return None,
            }
        }
        if !number.is_empty() {
            return None;
        }
        total
    } else {
        let v: f64 = body.parse().ok()?;
        if !v.is_finite() {
            return None;
        }
        v.round() as i64
    };
    Some(if negative { -minutes } else { minutes })
}

/// The ticket fields of a row that are not its timeline (rows mode: everything).
struct Fields {
    id: Option<String>,
    priority: Option<String>,
    opened_at: Option<Timestamp>,
    values: BTreeMap<&'static str, Value>,
    itsm: Itsm,
}

/// Read a row's mapped fields. `Err(Ok(reason))` skips the row, `Err(Err(f))` stops.
fn row_fields(
    r: &Reader<'_>,
    row: &Row,
    layout: &Layout,
    file: &str,
    service: Option<&str>,
    tally: &mut Tally,
) -> Result<Fields, Result<Msg, Failure>> {
    let mut f = Fields { id: None, priority: None, opened_at: None, values: BTreeMap::new(), itsm: Itsm::default() };
    for (name, col, constant) in &layout.fields {
        let raw = match (col, constant) {
            (_, Some(c)) => c.clone(),
            (Some(_), None) => match r.text(row, col.as_ref()) {
                Cellv::Present(v) => v,
                Cellv::Absent => continue,
            },
            (None, None) => continue,
        };
        let name: &'static str = name;
        if TIME_FIELDS.contains(&name) {
            let Some(col) = col else { continue };
            if let Some(ts) = r.time(row, col, file)? {
                if name == "opened_at" {
                    f.opened_at = Some(ts);
                } else {
                    f.values.insert(name, Value::Time(ts));
                }
            }
            continue;
        }
        if BOOL_FIELDS.contains(&name) {
            let raw = r.m.values.get(name).and_then(|m| m.get(&raw)).map_or(raw.clone(), str::to_owned);
            match parse_bool(&raw) {
                Some(b) => {
                    f.values.insert(name, Value::Bool(b));
                }
                None => tally.unmapped(name, &raw, row.number, &format!("[values.{name}] (true / false)"), false),
            }
            continue;
        }
        match name {
            "id" => f.id = Some(r.m.values.get("id").and_then(|m| m.get(&raw)).map_or(raw, str::to_owned)),
            "priority" => {
                let valid = |v: &str| {
                    service.and_then(|s| r.targets.slas.get(s)).is_some_and(|sla| sla.priorities.iter().any(|p| p == v))
                };
                match r.mapped("priority", &raw, &valid) {
                    Some(p) => f.priority = Some(p),
                    None => tally.unmapped("priority", &raw, row.number, "[values.priority]", true),
                }
            }
            "type" => match r.mapped("type", &raw, &|v| IncidentType::parse(v).is_some()) {
                Some(v) => {
                    f.values.insert("type", Value::Text(v));
                }
                None => tally.unmapped("type", &raw, row.number, "[values.type]", true),
            },
            // Decision 22: an unmapped status follows from the timestamps; the presets map
            // only the statuses the timestamps cannot tell (cancelled), so the others are
            // expected and not reported.
            "status" => {
                if let Some(v) = r.mapped("status", &raw, &|v| IncidentStatus::parse(v).is_some()) {
                    f.values.insert("status", Value::Text(v));
                }
            }
            other => {
                let v = r.m.values.get(other).and_then(|m| m.get(&raw)).map_or(raw, str::to_owned);
                f.values.insert(other, Value::Text(v));
            }
        }
    }
    if let Some(col) = &layout.made_sla
        && let Cellv::Present(v) = r.text(row, Some(col))
    {
        match parse_bool(&v) {
            Some(b) => f.itsm.made_sla = Some(b),
            None => tally.unmapped("reconcile.made_sla", &v, row.number, "(true / false)", false),
        }
    }
    for (col, slot, what) in [
        (&layout.response_remaining, &mut f.itsm.response_remaining_minutes, "reconcile.response_remaining"),
        (&layout.resolution_remaining, &mut f.itsm.resolution_remaining_minutes, "reconcile.resolution_remaining"),
        (&layout.paused_minutes, &mut f.itsm.paused_minutes, "reconcile.paused_minutes"),
    ] {
        if let Cellv::Present(v) = r.text(row, col.as_ref()) {
            match parse_minutes(&v) {
                Some(n) => *slot = Some(n),
                None => tally.unmapped(what, &v, row.number, "(minutes, `h:mm` or `-2:15`)", false),
            }
        }
    }
    Ok(f)
}

/// One update of an event log, as kept until its group is complete: small, its texts
/// interned (a million updates use a few dozen distinct states and priorities).
struct Event {
    at: Timestamp,
    order: Box<[u32]>,
    row: u64,
    state: Option<u32>,
    priority: Option<u32>,
}

/// Distinct texts by number.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    /// Each text read as an integer, for `order` columns compared as numbers.
    numbers: Vec<Option<i64>>,
}

impl Interner {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.to_owned(), id);
        self.names.push(text.to_owned());
        self.numbers.push(text.parse().ok());
        id
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    fn number(&self, id: u32) -> i64 {
        self.numbers.get(id as usize).copied().flatten().unwrap_or(0)
    }
}

/// An event-log ticket being gathered.
struct Group {
    updates: Vec<Event>,
    service: Option<String>,
    /// The latest non-empty value of each mapped field, by (at, row).
    fields: BTreeMap<&'static str, ((Timestamp, u64), Value)>,
    /// `opened_at` as the earliest update, by (at, row), gives it.
    opened_at: Option<((Timestamp, u64), Timestamp)>,
    id: Option<String>,
    /// The ITSM's verdict from the latest update that carries one, by (at, row).
    itsm: Itsm,
    itsm_at: Option<(Timestamp, u64)>,
    first_row: u64,
}

/// Run an import: read every file, build the tickets, and plan the output folder.
pub fn run(
    req: &Request,
    targets: &Targets,
    root: &Path,
    max_items: usize,
    max_bytes: usize,
) -> Result<(Summary, Plan), Failure> {
    let m = &req.mapping;
    let fixed_service = req.service.clone().or_else(|| match &m.service {
        Some(ServiceSource::Fixed(s)) => Some(s.clone()),
        _ => None,
    });
    if fixed_service.is_none() && !matches!(m.service, Some(ServiceSource::Column(..))) {
        return Err(Failure::NoService);
    }
    if let Some(s) = &fixed_service
        && !targets.slas.contains_key(s)
    {
        let mut known: Vec<String> = targets.slas.keys().cloned().collect();
        known.sort();
        return Err(Failure::NoSla { services: vec![s.clone()], known });
    }
    let reader = Reader { m, targets, fixed_service: fixed_service.clone(), last_time: Default::default() };
    let mut names = Interner::default();
    let mut tally = Tally::default();
    let mut tickets: Vec<Ticket> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut optional_missing = Vec::new();
    let mut sources = Vec::new();
    let mut order_all_int: Vec<bool> = Vec::new();
    let events = m.events.as_ref();

    for path in &req.files {
        let bytes_sha =
            std::fs::File::open(path).and_then(|mut f| crate::load::evidence::sha256_of(&mut f)).map_err(|e| {
                Failure::Read(ReadError {
                    file: path.display().to_string(),
                    row: None,
                    column: None,
                    message: format!("cannot read: {e}"),
                })
            })?;
        let mut table = Table::open(path, m).map_err(Failure::Read)?;
        sources.push((table.file.clone(), bytes_sha));
        let file = table.file.clone();
        let layout = layout(m, &file, &table.header, &mut optional_missing)?;
        order_all_int.resize(layout.order.len().max(order_all_int.len()), true);
        while let Some(row) = table.next_row() {
            let row = row.map_err(Failure::Read)?;
            tally.rows += 1;
            if row.is_blank() {
                tally.skip(row.number, Msg::new("empty row", "空行"));
                continue;
            }
            let service = match reader.service(row, &layout, &mut tally) {
                Some(s) => s,
                None => continue,
            };
            match m.mode {
                Mode::Rows => {
                    let f = match row_fields(&reader, row, &layout, &file, Some(&service), &mut tally) {
                        Ok(f) => f,
                        Err(Ok(reason)) => {
                            tally.skip(row.number, reason);
                            continue;
                        }
                        Err(Err(fail)) => return Err(fail),
                    };
                    let (Some(id), Some(opened_at), Some(priority)) = (f.id, f.opened_at, f.priority) else {
                        let missing: Vec<&str> = [("id", true), ("opened_at", true), ("priority", true)]
                            .iter()
                            .filter(|(name, _)| match *name {
                                "id" => {
                                    layout.fields.iter().all(|(n, _, _)| *n != "id")
                                        || f_missing(&reader, row, &layout, "id")
                                }
                                "opened_at" => f_missing(&reader, row, &layout, "opened_at"),
                                _ => f_missing(&reader, row, &layout, "priority"),
                            })
                            .map(|(n, _)| *n)
                            .collect();
                        if !missing.is_empty() {
                            tally.skip(
                                row.number,
                                Msg::new(
                                    format!("no {} (empty cell)", missing.join(", ")),
                                    format!("缺少 {}（单元格为空）", missing.join("、")),
                                ),
                            );
                        }
                        // Otherwise the priority was unmapped: counted there.
                        continue;
                    };
                    if !tally.first_time(&mut seen, &id, row.number) {
                        continue;
                    }
                    let values = f.values;
                    tickets.push(Ticket {
                        id,
                        service,
                        priority,
                        opened_at,
                        fields: values,
                        paused: Vec::new(),
                        priority_changes: Vec::new(),
                        reopened: Vec::new(),
                        itsm: f.itsm,
                        row: row.number,
                    });
                }
                Mode::Events => {
                    let (Some(group_col), Some(at_col)) = (&layout.group_by, &layout.at) else { continue };
                    let key = match reader.text(row, Some(group_col)) {
                        Cellv::Present(k) => k,
                        Cellv::Absent => {
                            tally.skip(
                                row.number,
                                Msg::new(
                                    format!("no ticket key (column `{}` is empty)", group_col.name),
                                    format!("没有工单编号（`{}` 列为空）", group_col.name),
                                ),
                            );
                            continue;
                        }
                    };
                    let at = match reader.time(row, at_col, &file) {
                        Ok(Some(at)) => at,
                        Ok(None) => {
                            tally.skip(
                                row.number,
                                Msg::new(
                                    format!("no update time (column `{}` is empty)", at_col.name),
                                    format!("没有更新时间（`{}` 列为空）", at_col.name),
                                ),
                            );
                            continue;
                        }
                        Err(Ok(reason)) => {
                            tally.skip(row.number, reason);
                            continue;
                        }
                        Err(Err(fail)) => return Err(fail),
                    };
                    let f = match row_fields(&reader, row, &layout, &file, Some(&service), &mut tally) {
                        Ok(f) => f,
                        Err(Ok(reason)) => {
                            tally.skip(row.number, reason);
                            continue;
                        }
                        Err(Err(fail)) => return Err(fail),
                    };
                    let state = match reader.text(row, layout.state.as_ref()) {
                        Cellv::Present(s) => Some(names.id(&s)),
                        Cellv::Absent => None,
                    };
                    let priority = match reader.text(row, layout.event_priority.as_ref()) {
                        Cellv::Present(raw) => {
                            let valid = |v: &str| {
                                targets.slas.get(&service).is_some_and(|s| s.priorities.iter().any(|p| p == v))
                            };
                            match reader.mapped("priority", &raw, &valid) {
                                Some(p) => Some(names.id(&p)),
                                None => {
                                    tally.unmapped("priority", &raw, row.number, "[values.priority]", true);
                                    None
                                }
                            }
                        }
                        Cellv::Absent => None,
                    };
                    let mut order = Vec::with_capacity(layout.order.len());
                    for (i, col) in layout.order.iter().enumerate() {
                        let id = match reader.cell(row, col) {
                            Some(Cell::Text(t)) => names.id(t.trim()),
                            Some(other) => names.id(&other.text()),
                            None => names.id(""),
                        };
                        if names.numbers.get(id as usize).is_none_or(Option::is_none) {
                            order_all_int[i] = false;
                        }
                        order.push(id);
                    }
                    let group = groups.entry(key).or_insert_with(|| Group {
                        updates: Vec::new(),
                        service: None,
                        fields: BTreeMap::new(),
                        opened_at: None,
                        id: None,
                        itsm: Itsm::default(),
                        itsm_at: None,
                        first_row: row.number,
                    });
                    if group.service.is_none() {
                        group.service = Some(service);
                    }
                    let stamp = (at, row.number);
                    if let Some(o) = f.opened_at
                        && group.opened_at.is_none_or(|(first, _)| stamp < first)
                    {
                        group.opened_at = Some((stamp, o));
                    }
                    for (name, value) in f.values {
                        match group.fields.get_mut(name) {
                            Some((when, _)) if *when > stamp => {}
                            // The same value again (an export repeats it on every row): only
                            // the time it was last seen moves.
                            Some((when, old)) if *old == value => *when = stamp,
                            _ => {
                                group.fields.insert(name, (stamp, value));
                            }
                        }
                    }
                    if let Some(id) = f.id {
                        group.id.get_or_insert(id);
                    }
                    if f.itsm != Itsm::default() && group.itsm_at.is_none_or(|when| when <= stamp) {
                        // Exports copy the tool's final verdict onto every row: the latest update wins.
                        merge_itsm(&mut group.itsm, f.itsm);
                        group.itsm_at = Some(stamp);
                    }
                    // A `[fields] priority` in event mode is the priority of every update
                    // that has no `[events] priority`.
                    let priority = priority.or_else(|| f.priority.map(|p| names.id(&p)));
                    group.updates.push(Event { at, order: order.into_boxed_slice(), row: row.number, state, priority });
                }
            }
        }
    }

    if m.mode == Mode::Events
        && let Some(ev) = events
    {
        let mut keys: Vec<String> = groups.keys().cloned().collect();
        keys.sort();
        for key in keys {
            let Some(mut g) = groups.remove(&key) else { continue };
            g.updates.sort_by(|a, b| {
                a.at.cmp(&b.at)
                    .then_with(|| {
                        for (i, (x, y)) in a.order.iter().zip(b.order.iter()).enumerate() {
                            let c = if order_all_int.get(i).copied().unwrap_or(false) {
                                names.number(*x).cmp(&names.number(*y))
                            } else {
                                names.name(*x).cmp(names.name(*y))
                            };
                            if c != std::cmp::Ordering::Equal {
                                return c;
                            }
                        }
                        std::cmp::Ordering::Equal
                    })
                    .then(a.row.cmp(&b.row))
            });
            let Some(first) = g.updates.first() else { continue };
            // opened_at from the mapped column of the first update, else its time.
            let opened_at = g.opened_at.map_or(first.at, |(_, o)| o);
            let updates: Vec<Update> = g
                .updates
                .iter()
                .map(|u| {
                    let class = u.state.and_then(|s| classify(ev, names.name(s)));
                    if class.is_none() {
                        let state = u.state.map(|s| names.name(s).to_owned()).unwrap_or_default();
                        let entry = tally.unknown_states.entry(state).or_insert((0, u.row));
                        entry.0 += 1;
                        entry.1 = entry.1.min(u.row);
                    }
                    Update { at: u.at, class, priority: u.priority.map(|p| names.name(p).to_owned()) }
                })
                .collect();
            let t = events::derive(&updates, opened_at);
            let Some(priority) = t.priority.clone() else {
                tally.skip(
                    g.first_row,
                    Msg::new("no priority on any update of the ticket", "该工单的所有更新均无优先级"),
                );
                continue;
            };
            let mut fields: BTreeMap<&'static str, Value> = g.fields.into_iter().map(|(k, (_, v))| (k, v)).collect();
            // The updates decide the timeline; mapped columns only fill what they never show.
            for (name, value) in
                [("responded_at", t.responded_at), ("resolved_at", t.resolved_at), ("closed_at", t.closed_at)]
            {
                if let Some(v) = value {
                    fields.insert(name, Value::Time(v));
                }
            }
            let mut paused = t.paused.clone();
            if let (Some((_, to @ None, _)), Some(Value::Time(resolved))) =
                (paused.last_mut(), fields.get("resolved_at"))
                && t.resolved_at.is_none()
            {
                *to = Some(*resolved);
            }
            if t.cancelled {
                fields.insert("status", Value::Text("cancelled".to_owned()));
            } else if matches!(fields.get("status"), Some(Value::Text(s)) if s == "cancelled") {
                // Decision 20: cancelled only when the last state is a cancelled state.
                fields.remove("status");
            }
            let id = g.id.unwrap_or(key);
            if !tally.first_time(&mut seen, &id, g.first_row) {
                continue;
            }
            tickets.push(Ticket {
                id,
                service: g.service.unwrap_or_default(),
                priority,
                opened_at,
                fields,
                paused,
                priority_changes: t.priority_changes,
                reopened: t.reopened,
                itsm: g.itsm,
                row: g.first_row,
            });
        }
    }

    let fatal: Vec<Unmapped> = tally.unmapped.values().filter(|u| u.fatal).cloned().collect();
    if !fatal.is_empty() {
        return Err(Failure::Unmapped(fatal));
    }
    // Every mapped priority must be a priority of its service's Sla (decision 22).
    let mut services: Vec<String> =
        tickets.iter().map(|t| t.service.clone()).filter(|s| !targets.slas.contains_key(s)).collect();
    services.sort();
    services.dedup();
    if !services.is_empty() {
        let mut known: Vec<String> = targets.slas.keys().cloned().collect();
        known.sort();
        return Err(Failure::NoSla { services, known });
    }
    let mut bad = BTreeMap::new();
    for t in &tickets {
        let Some(keys) = targets.slas.get(&t.service).map(|s| &s.priorities) else { continue };
        for p in std::iter::once(&t.priority).chain(t.priority_changes.iter().map(|(_, p)| p)) {
            if !keys.contains(p) {
                let u = bad.entry(p.clone()).or_insert_with(|| Unmapped {
                    field: "priority".to_owned(),
                    value: p.clone(),
                    rows: 0,
                    first_row: t.row,
                    add_under: format!("[values.priority] as one of the Sla's priorities ({})", keys.join(", ")),
                    fatal: true,
                });
                u.rows += 1;
                u.first_row = u.first_row.min(t.row);
            }
        }
    }
    if !bad.is_empty() {
        return Err(Failure::Unmapped(bad.into_values().collect()));
    }
    let skipped: Vec<Skipped> = tally.skipped.values().cloned().collect();
    if tickets.is_empty() {
        return Err(Failure::NoTickets { rows: tally.rows, skipped });
    }

    let header = write::header(&sources, &(req.mapping_label.clone(), req.mapping_sha256.clone()));
    let defaults =
        write::Defaults { engagement: req.engagement.clone().or_else(|| m.engagement.clone()), service: fixed_service };
    let zone_of = |t: &Ticket| targets.slas.get(&t.service).map_or(TimeZone::UTC, |s| s.zone.clone());
    let files = write::month_files(&tickets, &zone_of, &header, &defaults, max_items, max_bytes);
    let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
    for t in &tickets {
        *per_month.entry(write::month(t.opened_at, &zone_of(t))).or_default() += 1;
    }

    let plan_dir = root.join(&req.out);
    let (plan, changes) = plan(&plan_dir, files, req.replace_all)?;
    let summary = Summary {
        source: m.name.clone(),
        files_read: sources.iter().map(|(n, _)| n.clone()).collect(),
        out: req.out.display().to_string(),
        rows_read: tally.rows,
        tickets_written: tickets.len() as u64,
        tickets_per_month: per_month,
        skipped,
        unmapped: tally.unmapped.into_values().collect(),
        unknown_states: tally.unknown_states.into_iter().map(|(s, (n, first))| (s, n, first)).collect(),
        optional_columns_missing: optional_missing,
        files: changes,
        dry_run: false,
        reconciliation: Vec::new(),
    };
    Ok((summary, plan))
}

/// Whether a row's cell for `field` is empty (the reason a required field is missing).
fn f_missing(r: &Reader<'_>, row: &Row, layout: &Layout, field: &str) -> bool {
    layout
        .fields
        .iter()
        .find(|(n, _, _)| *n == field)
        .is_none_or(|(_, col, constant)| constant.is_none() && matches!(r.text(row, col.as_ref()), Cellv::Absent))
}

fn merge_itsm(into: &mut Itsm, from: Itsm) {
    into.made_sla = from.made_sla.or(into.made_sla);
    into.response_remaining_minutes = from.response_remaining_minutes.or(into.response_remaining_minutes);
    into.resolution_remaining_minutes = from.resolution_remaining_minutes.or(into.resolution_remaining_minutes);
    into.paused_minutes = from.paused_minutes.or(into.paused_minutes);
}

fn classify(ev: &mapping::Events, state: &str) -> Option<Class> {
    let is = |list: &[String]| list.iter().any(|s| s == state);
    if let Some(reason) = ev.pause_states.get(state) {
        Some(Class::Paused(*reason))
    } else if is(&ev.responded_when_leaving) {
        Some(Class::New)
    } else if is(&ev.resolved_states) {
        Some(Class::Resolved)
    } else if is(&ev.closed_states) {
        Some(Class::Closed)
    } else if is(&ev.cancelled_states) {
        Some(Class::Cancelled)
    } else if is(&ev.open_states) {
        Some(Class::Open)
    } else {
        None
    }
}

/// Compare the new month files with the folder: what is added, changed, unchanged, and which
/// earlier import files go (only files carrying import's header, within the months produced
/// unless `replace_all`).
fn plan(dir: &Path, files: BTreeMap<String, String>, replace_all: bool) -> Result<(Plan, Vec<FileChange>), Failure> {
    let months: Vec<&str> = files.keys().filter_map(|n| write::month_of_file(n)).collect();
    let (first, last) = (months.first().copied().unwrap_or(""), months.last().copied().unwrap_or(""));
    let mut changes = Vec::new();
    let mut out = Plan { dir: dir.to_path_buf(), ..Plan::default() };
    let mut existing: Vec<String> = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                existing.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Failure::Out(format!("{}: cannot read the folder: {e}", dir.display()))),
    }
    existing.sort();
    for name in &existing {
        if files.contains_key(name) {
            continue;
        }
        let Some(month) = write::month_of_file(name) else { continue };
        let path = dir.join(name);
        // Never follow a link, never touch a file import did not write.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if !meta.is_file() || !starts_with_header(&path) {
            continue;
        }
        if replace_all || (first <= month && month <= last) {
            let held =
                std::fs::read_to_string(&path).map_or(0, |t| t.lines().filter(|l| l.starts_with("  - id: ")).count());
            out.remove.push(name.clone());
            changes.push(FileChange { name: name.clone(), change: "removed", tickets: held as u64 });
        }
    }
    for (name, text) in files {
        let tickets = text.lines().filter(|l| l.starts_with("  - id: ")).count() as u64;
        let path = dir.join(&name);
        let change = match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => match std::fs::read(&path) {
                Ok(old) if old == text.as_bytes() => "unchanged",
                _ => "changed",
            },
            Ok(_) => {
                return Err(Failure::Out(format!(
                    "{}: is not a regular file (a link or a folder); import writes only regular files",
                    path.display()
                )));
            }
            Err(_) => "added",
        };
        changes.push(FileChange { name: name.clone(), change, tickets });
        if change != "unchanged" {
            out.write.push((name, text));
        }
    }
    changes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((out, changes))
}

fn starts_with_header(path: &Path) -> bool {
    use std::io::Read as _;
    let mut buf = vec![0u8; write::HEADER_PREFIX.len()];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut buf)).is_ok() && buf == write::HEADER_PREFIX.as_bytes()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn remaining_times_read_as_minutes() {
        assert_eq!(parse_minutes("-2:15"), Some(-135));
        assert_eq!(parse_minutes("1:05:00"), Some(65));
        assert_eq!(parse_minutes("-135"), Some(-135));
        assert_eq!(parse_minutes("40.0"), Some(40));
        assert_eq!(parse_minutes("2h 15m"), Some(135));
        assert_eq!(parse_minutes("soon"), None);
    }

    #[test]
    fn counts() {
        assert_eq!(count(3211, "row"), "3,211 rows");
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
