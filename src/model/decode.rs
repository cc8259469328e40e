//! Typed decoding of YAML node trees into records. Unlike serde, decoding goes on after a
//! mistake so that one pass reports every unknown field, missing field and wrong value of a
//! record (GEN-003), each at its own node. A bad optional value is left out (the field reads
//! as absent, a bad list item is dropped) and the record stays; only an object whose
//! required field is unusable is dropped (see `docs/record-format.md`). Unknown `x-` keys are
//! always allowed.

use crate::msg;
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::finding::MAX_FINDINGS_PER_RULE_IN_FILE;
use super::message::Msg;
use super::node::{Entry, Node, Style, Value};
use super::span::{FileId, Sp, Span};

/// One step of the path from a record to a node, for messages (`approvals[1].at`).
#[derive(Clone, Debug)]
pub(crate) enum Seg {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// A field that could not be decoded: missing, of the wrong type or value, or unknown. The
/// decoder knows no rules; the loader reports each as a GEN-003 finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Span,
    pub message: Msg,
    pub help: Option<Msg>,
}

/// Decoding state for one file: where problems are collected.
#[derive(Debug)]
pub struct Decoder {
    pub file: FileId,
    /// Field problems found so far, each once; the loader reports them (as GEN-003). At most
    /// [`MAX_FINDINGS_PER_RULE_IN_FILE`]: a hostile file cannot fill the memory.
    pub problems: Vec<Problem>,
    /// Problems beyond that: how many, and the first one's place.
    pub omitted: Option<(usize, Span)>,
    /// (place, hash of the English message) of every problem met, to report each once.
    seen: std::collections::HashSet<(Span, u64)>,
    errors: usize,
    path: Vec<Seg>,
    /// Set by a timestamp without an offset, so the loader can read it in the right zone.
    pub floating_time: Option<Span>,
    /// Paths (`evidence[0]`, `fees`) of the values reported so far in the current record, so
    /// the rules reading a field left out do not also report it missing.
    pub bad_paths: Vec<String>,
    /// While set, errors are counted but not reported: a cross-field check on an object that
    /// already has reported errors only decides whether it can be kept.
    muted: bool,
}

impl Decoder {
    pub fn new(file: FileId) -> Self {
        Decoder {
            file,
            problems: Vec::new(),
            omitted: None,
            seen: std::collections::HashSet::new(),
            errors: 0,
            path: Vec::new(),
            floating_time: None,
            bad_paths: Vec::new(),
            muted: false,
        }
    }

    /// Number of errors reported so far; a record whose decoding raised it is dropped.
    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn path_string(&self) -> String {
        let mut s = String::new();
        for seg in &self.path {
            match seg {
                Seg::Field(f) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(f);
                }
                Seg::Key(k) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Seg::Index(i) => {
                    let _ = write!(s, "[{i}]");
                }
            }
        }
        s
    }

    pub fn error(&mut self, span: Span, message: Msg, help: Option<Msg>) {
        self.errors += 1;
        if !self.muted {
            self.report(Problem { span, message, help });
        }
    }

    /// Keep a problem and remember the path of the value it is about.
    fn report(&mut self, p: Problem) {
        if self.bad_paths.len() < MAX_FINDINGS_PER_RULE_IN_FILE {
            let path = self.path_string();
            self.bad_paths.push(path);
        }
        self.problem(p);
    }

    /// Run `f` with error reports suppressed (errors are still counted).
    pub fn muted<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let was = std::mem::replace(&mut self.muted, true);
        let out = f(self);
        self.muted = was;
        out
    }

    /// Keep a problem, unless the same one was met at the same place (a value taken from a
    /// batch's `defaults` repeats for every item) or too many were kept already.
    fn problem(&mut self, p: Problem) {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hash = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(&p.message.en);
        if !self.seen.insert((p.span, hash)) {
            return;
        }
        if self.problems.len() < MAX_FINDINGS_PER_RULE_IN_FILE {
            self.problems.push(p);
        } else {
            let (n, _) = self.omitted.get_or_insert((0, p.span));
            *n += 1;
        }
    }

    /// `path: expected X, found Y` at the offending value.
    pub fn type_error(&mut self, node: &Node<'_>, expected_en: &str, expected_zh: &str) {
        let (found_en, found_zh) = node.describe();
        let path = self.path_string();
        self.error(
            node.span,
            msg!("`{path}`: expected {expected_en}, found {found_en}", "`{path}`：应为{expected_zh}，实际为{found_zh}"),
            None,
        );
    }

    /// `type_error` with a help line saying what to write instead.
    pub fn type_error_with_help(&mut self, node: &Node<'_>, expected: (&str, &str), help: Msg) {
        let (found_en, found_zh) = node.describe();
        let path = self.path_string();
        let (expected_en, expected_zh) = expected;
        self.error(
            node.span,
            msg!("`{path}`: expected {expected_en}, found {found_en}", "`{path}`：应为{expected_zh}，实际为{found_zh}"),
            Some(help),
        );
    }

    /// `path: <reason>` at the offending value of an optional target, which is then ignored
    /// while the record stays: a reported GEN-003 that does not take the whole record (an
    /// Sla with it) out of every rule and report.
    pub fn ignored_value(&mut self, node: &Node<'_>, reason: Msg) {
        let path = self.path_string();
        let message =
            Msg::new(format!("`{path}`: {} (ignored)", reason.en), format!("`{path}`：{}（已忽略）", reason.zh));
        self.report(Problem { span: node.span, message, help: None });
    }

    /// `path: <reason>` at the offending value.
    pub fn value_error(&mut self, node: &Node<'_>, reason: Msg, help: Option<Msg>) {
        let path = self.path_string();
        let message = Msg::new(format!("`{path}`: {}", reason.en), format!("`{path}`：{}", reason.zh));
        self.error(node.span, message, help);
    }

    pub(crate) fn with<T>(&mut self, seg: Seg, f: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(seg);
        let out = f(self);
        self.path.pop();
        out
    }

    pub fn unknown_field(&mut self, entry: &Entry<'_>, known: &[&str]) {
        let key = entry.key.as_ref();
        let place = self.path_string();
        let (where_en, where_zh) = if place.is_empty() {
            (String::new(), String::new())
        } else {
            (format!(" in `{place}`"), format!("（位于 `{place}`）"))
        };
        // Past the cap only the message is needed (to count the problem once): no help text.
        let capped = self.problems.len() >= MAX_FINDINGS_PER_RULE_IN_FILE;
        // A key without a value that reads as text (spaces, Chinese) rather than a field name
        // is a piece of the value before it, split off by a comma inside `{…}`. The tree keeps
        // no flow/block style for mappings, and `key:` in a block also has an empty value at
        // the key's end: the text test tells the two apart.
        let split_value = entry.value.is_null()
            && entry.value.span.start == entry.value.span.end
            && entry.value.span.start == entry.key_span.end
            && key.chars().any(|c| c.is_whitespace() || !c.is_ascii());
        // What a kind records in another shape than a likely name suggests (a closer name by
        // edit distance would mislead: `reopened_at` is not `opened_at`).
        const DOMAIN_HINTS: &[(&str, &str, &str)] = &[
            ("reopened_at", "reopened", "reopened: [{at, resolved_at}]"),
            ("reopen_at", "reopened", "reopened: [{at, resolved_at}]"),
            ("paused_at", "paused", "paused: [{from, to, reason}]"),
            ("outage_start", "outage", "outage: {start, end}"),
            ("outage_end", "outage", "outage: {start, end}"),
        ];
        let lower = key.to_lowercase();
        let hint = DOMAIN_HINTS.iter().find(|(w, field, _)| *w == lower && known.contains(field)).map(|h| h.2);
        let help = match hint.or_else(|| closest(key, known.iter().copied().filter(|_| !capped))) {
            _ if capped => Msg::new(String::new(), String::new()),
            _ if split_value => msg!(
                "a comma inside `{{…}}` separates entries: quote the value",
                "`{{…}}` 中的半角逗号用于分隔条目：请给该值加引号"
            ),
            Some(s) => msg!("did you mean `{s}`?", "是否应为 `{s}`？"),
            None => {
                let (list, list_zh) = (known.join(", "), known.join("、"));
                msg!(
                    "known fields here: {list}; keys starting with `x-` are free for your own use",
                    "此处可用字段：{list_zh}；以 `x-` 开头的键可自由用于自定义扩展"
                )
            }
        };
        self.error(entry.key_span, msg!("unknown field `{key}`{where_en}", "未知字段 `{key}`{where_zh}"), Some(help));
    }

    pub fn missing_field(&mut self, anchor: Span, name: &str) {
        let place = self.path_string();
        let full = if place.is_empty() { name.to_owned() } else { format!("{place}.{name}") };
        self.error(anchor, msg!("missing required field `{full}`", "缺少必填字段 `{full}`"), None);
    }

    /// Decode a field value (the field name is added to the message path).
    pub fn field<T: Decode>(&mut self, name: &'static str, node: &Node<'_>, anchor: Span) -> Option<Sp<T>> {
        self.with(Seg::Field(name), |d| T::decode(node, anchor, d).map(|v| Sp::new(node.span, v)))
    }

    /// Decode a required field, reporting it missing at `anchor` when absent or null.
    pub fn required<T: Decode>(
        &mut self,
        name: &'static str,
        entry: Option<&Entry<'_>>,
        anchor: Span,
    ) -> Option<Sp<T>> {
        match entry {
            Some(e) if !e.value.is_null() => self.field(name, &e.value, e.key_span),
            _ => {
                self.missing_field(anchor, name);
                None
            }
        }
    }

    pub fn optional<T: Decode>(&mut self, name: &'static str, entry: Option<&Entry<'_>>) -> Option<Sp<T>> {
        match entry {
            Some(e) if !e.value.is_null() => self.field(name, &e.value, e.key_span),
            _ => None,
        }
    }

    pub fn list<T: Decode>(
        &mut self,
        name: &'static str,
        entry: Option<&Entry<'_>>,
        anchor: Span,
        required: bool,
    ) -> List<T> {
        let node = match entry {
            Some(e) if !e.value.is_null() => &e.value,
            _ => {
                if required {
                    self.missing_field(anchor, name);
                }
                return List::default();
            }
        };
        self.with(Seg::Field(name), |d| {
            let Value::Seq(items) = &node.value else {
                d.type_error(node, &format!("a list of {}", T::EXPECTED.0), &format!("{}的列表", T::EXPECTED.1));
                return List::default();
            };
            let items = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    d.with(Seg::Index(i), |d| {
                        if item.is_null() {
                            d.type_error(item, T::EXPECTED.0, T::EXPECTED.1);
                            return None;
                        }
                        T::decode(item, item.span, d).map(|v| Sp::new(item.span, v))
                    })
                })
                .collect();
            List { span: Some(node.span), items }
        })
    }

    pub fn map<T: Decode>(
        &mut self,
        name: &'static str,
        entry: Option<&Entry<'_>>,
        anchor: Span,
        required: bool,
    ) -> Map<T> {
        let node = match entry {
            Some(e) if !e.value.is_null() => &e.value,
            _ => {
                if required {
                    self.missing_field(anchor, name);
                }
                return Map::default();
            }
        };
        self.with(Seg::Field(name), |d| {
            let Value::Map(entries) = &node.value else {
                d.type_error(node, "a mapping", "映射（键值对）");
                return Map::default();
            };
            let entries = entries
                .iter()
                .filter(|e| !e.key.starts_with("x-"))
                .filter_map(|e| {
                    d.with(Seg::Key(e.key.to_string()), |d| {
                        if e.value.is_null() {
                            d.type_error(&e.value, T::EXPECTED.0, T::EXPECTED.1);
                            return None;
                        }
                        let v = T::decode(&e.value, e.key_span, d)?;
                        Some((Sp::new(e.key_span, e.key.to_string()), Sp::new(e.value.span, v)))
                    })
                })
                .collect();
            Map { span: Some(node.span), entries }
        })
    }
}

/// Words longer than this get no suggestion: edit distance is quadratic in the length, and
/// no known name is anywhere near this long.
pub const SUGGEST_MAX_CHARS: usize = 64;

/// The closest known name to a misspelt one, if any is close enough to be a likely typo.
/// A word over [`SUGGEST_MAX_CHARS`] characters gets none, and no candidate that long is
/// offered (the cost per comparison stays bounded).
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let too_long = |s: &str| s.chars().nth(SUGGEST_MAX_CHARS).is_some();
    if too_long(word) {
        return None;
    }
    // Case, spaces, `_` and `-` are spelling, not typos: `waiting for customer` is compared
    // as `waiting-for-customer`, `Requested By` as `requested-by`.
    let norm = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        for w in s.split(|c: char| c.is_whitespace() || c == '_' || c == '-').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&w.to_lowercase());
        }
        out
    };
    let lower = norm(word);
    candidates
        .filter(|c| !too_long(c))
        .map(|c| (norm(c), c))
        .map(|(n, c)| (strsim::damerau_levenshtein(&lower, &n), n, c))
        .filter(|(d, n, c)| *d <= (c.chars().count().max(3) / 3).max(1) || *n == lower)
        .map(|(d, _, c)| (d, c))
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// A type that can be decoded from a node. `anchor` is where to point when something inside
/// the node is missing (the key that holds it, or the record's `id`).
pub trait Decode: Sized {
    /// The expected form, for messages: (English, Chinese).
    const EXPECTED: (&'static str, &'static str);
    fn decode(node: &Node<'_>, anchor: Span, d: &mut Decoder) -> Option<Self>;
    fn schema() -> Json;
    /// Re-read timestamps written without an offset in the zone that applies to the record.
    fn fix_times(&mut self, _tz: &jiff::tz::TimeZone) {}
}

impl<T: Decode> Decode for Sp<T> {
    const EXPECTED: (&'static str, &'static str) = T::EXPECTED;
    fn decode(node: &Node<'_>, anchor: Span, d: &mut Decoder) -> Option<Self> {
        T::decode(node, anchor, d).map(|v| Sp::new(node.span, v))
    }
    fn schema() -> Json {
        T::schema()
    }
    fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
        self.value.fix_times(tz);
    }
}

impl<T: Decode> Decode for Option<T> {
    const EXPECTED: (&'static str, &'static str) = T::EXPECTED;
    fn decode(node: &Node<'_>, anchor: Span, d: &mut Decoder) -> Option<Self> {
        if node.is_null() { Some(None) } else { T::decode(node, anchor, d).map(Some) }
    }
    fn schema() -> Json {
        T::schema()
    }
    fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
        if let Some(v) = self {
            v.fix_times(tz);
        }
    }
}

/// A list field: absent and empty are both an empty list; `span` tells them apart.
#[derive(Clone, Debug)]
pub struct List<T> {
    pub span: Option<Span>,
    pub items: Vec<Sp<T>>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { span: None, items: Vec::new() }
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [Sp<T>];
    fn deref(&self) -> &[Sp<T>] {
        &self.items
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a Sp<T>;
    type IntoIter = std::slice::Iter<'a, Sp<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: Decode> List<T> {
    pub fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
        for item in &mut self.items {
            item.value.fix_times(tz);
        }
    }
    pub fn schema() -> Json {
        json!({ "type": "array", "items": T::schema() })
    }
}

/// A mapping with user-chosen keys (priorities `P1`…, weekdays), in source order.
#[derive(Clone, Debug)]
pub struct Map<T> {
    pub span: Option<Span>,
    pub entries: Vec<(Sp<String>, Sp<T>)>,
}

impl<T> Default for Map<T> {
    fn default() -> Self {
        Map { span: None, entries: Vec::new() }
    }
}

impl<T> Map<T> {
    pub fn get(&self, key: &str) -> Option<&Sp<T>> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Sp<String>, &Sp<T>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

impl<T: Decode> Map<T> {
    pub fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
        for (_, v) in &mut self.entries {
            v.value.fix_times(tz);
        }
    }
    pub fn schema() -> Json {
        json!({ "type": "object", "additionalProperties": T::schema() })
    }
}

/// The scalar text of a node, or a type error.
pub fn scalar<'n>(node: &'n Node<'_>, d: &mut Decoder, expected: (&str, &str)) -> Option<(&'n str, Style)> {
    match &node.value {
        Value::Scalar(s, style) => Some((s.as_ref(), *style)),
        _ => {
            d.type_error(node, expected.0, expected.1);
            None
        }
    }
}

impl Decode for String {
    const EXPECTED: (&'static str, &'static str) = ("a text", "文本");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, _) = scalar(node, d, Self::EXPECTED)?;
        Some(s.to_owned())
    }
    fn schema() -> Json {
        json!({ "type": "string" })
    }
}

impl Decode for bool {
    const EXPECTED: (&'static str, &'static str) = ("`true` or `false`", "`true` 或 `false`");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        let (s, style) = scalar(node, d, Self::EXPECTED)?;
        match (s, style) {
            ("true" | "True" | "TRUE", Style::Plain) => Some(true),
            ("false" | "False" | "FALSE", Style::Plain) => Some(false),
            (other, Style::Plain)
                if matches!(other.to_ascii_lowercase().as_str(), "yes" | "no" | "on" | "off" | "y" | "n") =>
            {
                let want = matches!(other.to_ascii_lowercase().as_str(), "yes" | "on" | "y");
                d.value_error(
                    node,
                    msg!(
                        "`{other}` is a YAML 1.1 boolean, which itos does not guess at",
                        "`{other}` 是 YAML 1.1 的布尔写法，itos 不做推测"
                    ),
                    Some(msg!("write `{want}`", "请改为 `{want}`")),
                );
                None
            }
            _ => {
                d.type_error(node, Self::EXPECTED.0, Self::EXPECTED.1);
                None
            }
        }
    }
    fn schema() -> Json {
        json!({ "type": "boolean" })
    }
}

/// Integers are plain decimal scalars; huge values are reported, never wrapped.
fn decode_int(node: &Node<'_>, d: &mut Decoder, min: i64, max: i64, expected: (&str, &str)) -> Option<i64> {
    let (s, style) = scalar(node, d, expected)?;
    let digits = s.strip_prefix('+').unwrap_or(s).replace('_', "");
    let numeric = !digits.is_empty() && digits.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit());
    if style != Style::Plain || !numeric {
        d.type_error(node, expected.0, expected.1);
        return None;
    }
    match digits.parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Some(v),
        _ => {
            d.value_error(node, msg!("{s} is out of range ({min} to {max})", "{s} 超出范围（{min} 至 {max}）"), None);
            None
        }
    }
}

impl Decode for u32 {
    const EXPECTED: (&'static str, &'static str) = ("a whole number ≥ 0", "非负整数");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        decode_int(node, d, 0, i64::from(u32::MAX), Self::EXPECTED).and_then(|v| u32::try_from(v).ok())
    }
    fn schema() -> Json {
        json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX })
    }
}

impl Decode for i64 {
    const EXPECTED: (&'static str, &'static str) = ("a whole number", "整数");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        decode_int(node, d, i64::MIN, i64::MAX, Self::EXPECTED)
    }
    fn schema() -> Json {
        json!({ "type": "integer" })
    }
}

impl Decode for u8 {
    const EXPECTED: (&'static str, &'static str) = ("a whole number", "整数");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        decode_int(node, d, 0, 255, Self::EXPECTED).and_then(|v| u8::try_from(v).ok())
    }
    fn schema() -> Json {
        json!({ "type": "integer", "minimum": 0, "maximum": 255 })
    }
}

/// A finite decimal number (`99.9`, `1e3`); YAML's `.inf` and `.nan` are refused.
pub fn decode_number(node: &Node<'_>, d: &mut Decoder, expected: (&str, &str)) -> Option<f64> {
    let (s, style) = scalar(node, d, expected)?;
    let ok = style == Style::Plain
        && !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E' | b'_'));
    match s.replace('_', "").parse::<f64>() {
        Ok(v) if ok && v.is_finite() => Some(v),
        _ => {
            d.type_error(node, expected.0, expected.1);
            None
        }
    }
}

impl Decode for f64 {
    const EXPECTED: (&'static str, &'static str) = ("a number", "数字");
    fn decode(node: &Node<'_>, _anchor: Span, d: &mut Decoder) -> Option<Self> {
        decode_number(node, d, Self::EXPECTED)
    }
    fn schema() -> Json {
        json!({ "type": "number" })
    }
}

/// Decode the fields of a mapping into slots, reporting unknown keys. Keys in `defaults`
/// (a batch's shared values) fill slots the item left empty; their unknown keys are
/// reported once by the batch loader, not here.
pub fn collect_fields<'n, 'a, const N: usize>(
    node: &'n Node<'a>,
    fields: &[&'static str; N],
    defaults: Option<&'n [Entry<'a>]>,
    expected: (&str, &str),
    d: &mut Decoder,
) -> Option<[Option<&'n Entry<'a>>; N]> {
    let Value::Map(entries) = &node.value else {
        d.type_error(node, expected.0, expected.1);
        return None;
    };
    let mut slots: [Option<&'n Entry<'a>>; N] = [None; N];
    for entry in entries {
        match fields.iter().position(|f| *f == entry.key) {
            Some(i) => slots[i] = Some(entry),
            None if entry.key.starts_with("x-") => {}
            None => d.unknown_field(entry, fields),
        }
    }
    // `id` cannot be a default (GEN-003 at the default): each item without one is missing it.
    for entry in defaults.unwrap_or(&[]).iter().filter(|e| e.key != "id") {
        if let Some(i) = fields.iter().position(|f| *f == entry.key)
            && slots[i].is_none()
        {
            slots[i] = Some(entry);
        }
    }
    Some(slots)
}

/// JSON Schema of an object from its properties and required names; `x-` keys are allowed.
pub fn object_schema(description: &str, props: Vec<(&str, Json, String)>, required: &[&str]) -> Json {
    let mut properties = serde_json::Map::new();
    for (name, mut schema, doc) in props {
        if !doc.is_empty()
            && let Some(obj) = schema.as_object_mut()
        {
            obj.insert("description".into(), Json::String(doc.to_owned()));
        }
        properties.insert(name.to_owned(), schema);
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
    });
    if !description.is_empty()
        && let Some(obj) = schema.as_object_mut()
    {
        obj.insert("description".into(), Json::String(description.to_owned()));
    }
    schema
}

/// The Rust type of a field for each decoding mode.
macro_rules! field_type {
    (req $t:ty) => { $crate::model::Sp<$t> };
    (opt $t:ty) => { Option<$crate::model::Sp<$t>> };
    (boxed $t:ty) => { Option<Box<$crate::model::Sp<$t>>> };
    (list $t:ty) => { $crate::model::decode::List<$t> };
    (req_list $t:ty) => { $crate::model::decode::List<$t> };
    (map $t:ty) => { $crate::model::decode::Map<$t> };
    (req_map $t:ty) => { $crate::model::decode::Map<$t> };
}

#[doc(hidden)]
macro_rules! field_decode {
    (req $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        $d.required::<$t>($name, $node, $anchor)
    };
    (opt $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.optional::<$t>($name, $node))
    };
    (boxed $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.optional::<$t>($name, $node).map(Box::new))
    };
    (list $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.list::<$t>($name, $node, $anchor, false))
    };
    (req_list $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.list::<$t>($name, $node, $anchor, true))
    };
    (map $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.map::<$t>($name, $node, $anchor, false))
    };
    (req_map $t:ty, $d:ident, $name:expr, $node:expr, $anchor:expr) => {
        Some($d.map::<$t>($name, $node, $anchor, true))
    };
}

#[doc(hidden)]
macro_rules! field_schema {
    (req $t:ty) => {
        <$t as $crate::model::decode::Decode>::schema()
    };
    (opt $t:ty) => {
        <$t as $crate::model::decode::Decode>::schema()
    };
    (boxed $t:ty) => {
        <$t as $crate::model::decode::Decode>::schema()
    };
    (list $t:ty) => {
        $crate::model::decode::List::<$t>::schema()
    };
    (req_list $t:ty) => {
        $crate::model::decode::List::<$t>::schema()
    };
    (map $t:ty) => {
        $crate::model::decode::Map::<$t>::schema()
    };
    (req_map $t:ty) => {
        $crate::model::decode::Map::<$t>::schema()
    };
}

#[doc(hidden)]
macro_rules! field_required {
    (req) => {
        true
    };
    (req_list) => {
        true
    };
    (req_map) => {
        true
    };
    ($other:ident) => {
        false
    };
}

#[doc(hidden)]
macro_rules! field_fix_times {
    (req, $f:expr, $tz:expr) => {
        $crate::model::decode::Decode::fix_times(&mut $f.value, $tz)
    };
    (opt, $f:expr, $tz:expr) => {
        if let Some(v) = &mut $f {
            $crate::model::decode::Decode::fix_times(&mut v.value, $tz)
        }
    };
    (boxed, $f:expr, $tz:expr) => {
        if let Some(v) = &mut $f {
            $crate::model::decode::Decode::fix_times(&mut v.value, $tz)
        }
    };
    ($other:ident, $f:expr, $tz:expr) => {
        $f.fix_times($tz)
    };
}

/// Declare a record or nested object: the struct, its decoder and its JSON Schema, from one
/// list of fields. Each field is `name: mode Type`, with mode `req` (`Sp<T>`), `opt`
/// (`Option<Sp<T>>`), `list` / `req_list` (`List<T>`) or `map` / `req_map` (`Map<T>`), and an
/// optional YAML name when it differs from the Rust one (`kind_ "type": opt IncidentType`).
/// `#[check(path)]` names a `fn(&Self, &mut Decoder) -> bool` for constraints across fields.
/// Every object also gets `anchor` (where to point when something inside it is missing) and
/// `span` (the mapping itself).
macro_rules! object {
    (
        $(#[doc = $doc:literal])*
        $(#[check($check:path)])?
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident $($yaml:literal)? : $mode:ident $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            /// Where to point for something missing inside this object.
            pub anchor: $crate::model::Span,
            /// The mapping node itself.
            pub span: $crate::model::Span,
            $( $(#[doc = $fdoc])* pub $field: $crate::field_type!($mode $ty), )*
        }

        impl $name {
            /// YAML field names, in declaration order.
            pub const FIELDS: &'static [&'static str] = &[$( $crate::object!(@name $field $($yaml)?) ),*];

            pub fn decode_with_defaults(
                node: &$crate::model::node::Node<'_>,
                anchor: $crate::model::Span,
                defaults: Option<&[$crate::model::node::Entry<'_>]>,
                d: &mut $crate::model::decode::Decoder,
            ) -> Option<Self> {
                const NAMES: [&str; [$( $crate::object!(@name $field $($yaml)?) ),*].len()] =
                    [$( $crate::object!(@name $field $($yaml)?) ),*];
                #[allow(unused_variables)]
                let before = d.errors();
                let slots = $crate::model::decode::collect_fields(
                    node, &NAMES, defaults, <Self as $crate::model::decode::Decode>::EXPECTED, d,
                )?;
                let mut slot = slots.into_iter();
                $(
                    let $field = $crate::field_decode!(
                        $mode $ty, d, $crate::object!(@name $field $($yaml)?), slot.next().flatten(), anchor
                    );
                )*
                // A required field that could not be read drops the object; a bad optional
                // value or list item was left out above and the object stays.
                let value = $name {
                    anchor,
                    span: node.span,
                    $( $field: $field?, )*
                };
                // A constraint across fields (`#[check(f)]`) reports through `d` and fails. After
                // an error inside the object it only decides whether the rest can be kept: the
                // mistake is reported once, at its value.
                $(
                    let holds = if d.errors() > before { d.muted(|d| $check(&value, d)) } else { $check(&value, d) };
                    if !holds { return None; }
                )?
                Some(value)
            }
        }

        impl $crate::model::decode::Decode for $name {
            const EXPECTED: (&'static str, &'static str) =
                (concat!("a mapping (", stringify!($name), ")"), concat!("映射（", stringify!($name), "）"));
            fn decode(
                node: &$crate::model::node::Node<'_>,
                anchor: $crate::model::Span,
                d: &mut $crate::model::decode::Decoder,
            ) -> Option<Self> {
                Self::decode_with_defaults(node, anchor, None, d)
            }
            fn schema() -> serde_json::Value {
                let doc: &[&str] = &[$($doc),*];
                let required: Vec<&str> = [$( ($crate::object!(@name $field $($yaml)?), $crate::field_required!($mode)) ),*]
                    .into_iter().filter(|(_, r)| *r).map(|(n, _)| n).collect();
                $crate::model::decode::object_schema(
                    doc.join("\n").trim(),
                    vec![$( (
                        $crate::object!(@name $field $($yaml)?),
                        $crate::field_schema!($mode $ty),
                        { let d: &[&str] = &[$($fdoc),*]; d.join("\n").trim().to_owned() },
                    ) ),*],
                    &required,
                )
            }
            #[allow(unused_variables)]
            fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
                $( $crate::field_fix_times!($mode, self.$field, tz); )*
            }
        }
    };
    (@name $field:ident $yaml:literal) => { $yaml };
    (@name $field:ident) => { stringify!($field) };
}

/// Declare an enumeration of kebab-case YAML values with its decoder and schema.
/// The accepted values inside a Chinese sentence: `a`、`b`、`c` (input syntax, in backticks).
macro_rules! zh_names {
    ($first:literal $(, $rest:literal)*) => { concat!("`", $first, "`" $(, "、`", $rest, "`")*) };
}

macro_rules! enumeration {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident { $( $variant:ident = $text:literal ),* $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $variant ),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$( $name::$variant ),*];
            pub const NAMES: &'static [&'static str] = &[$( $text ),*];

            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),* }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $text => Some($name::$variant), )* _ => None }
            }

            /// The value inside Chinese sentences, from the one table (`model::labels`).
            pub fn zh(self) -> &'static str {
                $crate::model::labels::label($crate::model::Lang::ZhCn, stringify!($name), self.as_str())
            }

            /// The value in `lang`: as written in records in English, its label in Chinese.
            pub fn label(self, lang: $crate::model::Lang) -> &'static str {
                $crate::model::labels::label(lang, stringify!($name), self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::model::decode::Decode for $name {
            const EXPECTED: (&'static str, &'static str) =
                (concat!("one of: ", $( $text, " " ),*), concat!("以下取值之一：", $crate::model::decode::zh_names!($( $text ),*)));
            fn decode(
                node: &$crate::model::node::Node<'_>,
                _anchor: $crate::model::Span,
                d: &mut $crate::model::decode::Decoder,
            ) -> Option<Self> {
                $crate::model::decode::decode_enum(node, d, Self::NAMES, Self::parse)
            }
            fn schema() -> serde_json::Value {
                serde_json::json!({ "type": "string", "enum": Self::NAMES })
            }
        }
    };
}

/// Decode one of a fixed set of names, suggesting the closest on a typo.
pub fn decode_enum<T>(node: &Node<'_>, d: &mut Decoder, names: &[&str], parse: fn(&str) -> Option<T>) -> Option<T> {
    let list = names.join(", ");
    let list_zh = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join("、");
    let (s, _) = scalar(node, d, ("a name", "名称"))?;
    if let Some(v) = parse(s) {
        return Some(v);
    }
    let help = closest(s, names.iter().copied()).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
    d.value_error(node, msg!("`{s}` is not one of: {list}", "`{s}` 不是以下取值之一：{list_zh}"), help);
    None
}

// The record macros are the crate's own: not part of its public API.
pub(crate) use {
    enumeration, field_decode, field_fix_times, field_required, field_schema, field_type, object, zh_names,
};
