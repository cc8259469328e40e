//! YAML documents → records: find each document's `kind` (GEN-002), expand batches
//! (`kind` + `items` + `defaults`, merged shallowly as records.md says) and decode every
//! record with its spans (GEN-003). A bad optional value is left out of its record; a record
//! whose kind, id or another required field cannot be read is dropped alone.

use crate::config::Limits;
use crate::model::decode::{Decoder, closest};
use crate::model::finding::Omitted;
use crate::model::kinds::{Kind, Record, decode_record};
use crate::model::node::{Entry, Node, Value};
use crate::model::{FileId, Finding, Severity, Span};
use crate::msg;

use super::yaml::gen001;

pub const GEN_002: &str = "GEN-002";

/// A decoded record, whether it holds timestamps written without an offset, and the paths of
/// its values left out for a GEN-003 error.
#[derive(Debug)]
pub struct Loaded {
    pub record: Record,
    pub floating_times: bool,
    pub bad_paths: Vec<String>,
}

/// The records of one file.
#[derive(Debug, Default)]
pub struct Decoded {
    pub records: Vec<Loaded>,
    /// Kind and id of records dropped for a GEN-003 error: references to them still resolve,
    /// so one mistake does not cascade into "not defined" findings elsewhere.
    pub broken: Vec<(Kind, String)>,
    /// The first timestamp without an offset (GEN-008).
    pub floating: Option<Span>,
    /// The `defaults` mappings of batches: a rule's finding there is reported once.
    pub defaults: Vec<Span>,
    /// GEN-003 findings left out beyond the cap per file.
    pub omitted: Option<Omitted>,
}

/// Decode the records of one file's documents.
pub fn records_of(docs: Vec<Node<'_>>, file: FileId, limits: &Limits, findings: &mut Vec<Finding>) -> Decoded {
    let mut d = Decoder::new(file);
    let mut out = Decoded::default();
    for doc in docs {
        if doc.is_null() {
            continue; // an empty document (`---` alone, or only comments)
        }
        document(doc, limits, &mut d, &mut out, findings);
    }
    // A value taken from `defaults` reports the same problem for every item: keep one.
    let mut seen = std::collections::HashSet::new();
    d.problems.retain(|p| seen.insert((p.span, p.message.en.clone())));
    findings.extend(d.problems.drain(..).map(|p| {
        let mut f = Finding::new(super::GEN_003, Severity::Error, p.span, p.message);
        f.help = p.help;
        f
    }));
    out.floating = d.floating_time;
    out.omitted =
        d.omitted.map(|(count, first)| Omitted { rule: super::GEN_003, severity: Severity::Error, count, first });
    out
}

fn kind_of(doc: &Node<'_>, findings: &mut Vec<Finding>) -> Option<Kind> {
    let file = doc.span.file;
    let Some(entries) = doc.as_map() else {
        let (found, found_zh) = doc.describe();
        findings.push(Finding::new(
            GEN_002,
            Severity::Error,
            doc.span,
            msg!(
                "a record document must be a mapping with `kind:`, found {found}",
                "记录文档必须是含 `kind:` 的映射，实际为{found_zh}"
            ),
        ));
        return None;
    };
    let Some(kind_entry) = entries.iter().find(|e| e.key == "kind") else {
        let at = entries.first().map_or(doc.span, |e| e.key_span);
        findings.push(
            Finding::new(GEN_002, Severity::Error, at, msg!("document has no `kind`", "文档缺少 `kind`")).with_help(
                msg!(
                    "start each record with its kind, e.g. `kind: Change`",
                    "每条记录请以类型开头，例如 `kind: Change`"
                ),
            ),
        );
        return None;
    };
    let name = kind_entry.value.as_scalar().unwrap_or("");
    if let Some(kind) = Kind::parse(name) {
        return Some(kind);
    }
    let names = Kind::ALL.iter().map(|k| k.name());
    let help = match closest(name, names) {
        Some(c) => msg!("did you mean `{c}`?", "是否应为 `{c}`？"),
        None => {
            let all = Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
            msg!("known kinds: {all}", "可用类型：{all}")
        }
    };
    let span = if kind_entry.value.is_null() { kind_entry.key_span } else { kind_entry.value.span };
    let _ = file;
    findings.push(
        Finding::new(GEN_002, Severity::Error, span, msg!("unknown kind `{name}`", "未知的记录类型 `{name}`"))
            .with_help(help),
    );
    None
}

/// Where to point for a record: its `id` value, else its first key.
fn anchor_of(node: &Node<'_>) -> Span {
    match node.as_map() {
        Some(entries) => entries
            .iter()
            .find(|e| e.key == "id" && !e.value.is_null())
            .or_else(|| entries.first())
            .map_or(node.span, |e| if e.key == "id" { e.value.span } else { e.key_span }),
        None => node.span,
    }
}

fn decode_one(kind: Kind, node: &Node<'_>, defaults: Option<&[Entry<'_>]>, d: &mut Decoder, out: &mut Decoded) {
    let floating_before = d.floating_time;
    d.floating_time = None;
    d.bad_paths.clear();
    let record = decode_record(kind, node, anchor_of(node), defaults, d);
    let floating = d.floating_time.is_some();
    d.floating_time = floating_before.or(d.floating_time);
    match record {
        Some(record) => {
            let bad_paths = std::mem::take(&mut d.bad_paths);
            out.records.push(Loaded { record, floating_times: floating, bad_paths })
        }
        None => {
            if let Some(id) = node.get("id").and_then(|e| e.value.as_scalar()).filter(|s| !s.is_empty()) {
                out.broken.push((kind, id.to_owned()));
            }
        }
    }
}

fn document(mut doc: Node<'_>, limits: &Limits, d: &mut Decoder, out: &mut Decoded, findings: &mut Vec<Finding>) {
    let Some(kind) = kind_of(&doc, findings) else { return };
    let Value::Map(entries) = &mut doc.value else { return };
    entries.retain(|e| e.key != "kind");
    if !entries.iter().any(|e| e.key == "items") {
        decode_one(kind, &doc, None, d, out);
        return;
    }

    // A batch: `items`, optional `defaults`, `x-` keys; nothing else.
    let mut items = None;
    let mut defaults: Option<Node<'_>> = None;
    for entry in std::mem::take(entries) {
        match entry.key.as_ref() {
            "items" => items = Some(entry.value),
            "defaults" => defaults = Some(entry.value),
            k if k.starts_with("x-") => {}
            k => {
                let k = k.to_owned();
                d.error(
                    entry.key_span,
                    msg!("unknown field `{k}` in a batch", "批量文档中有未知字段 `{k}`"),
                    Some(msg!(
                        "a batch holds `kind`, `items` and `defaults`; put values shared by every item under `defaults`",
                        "批量文档只包含 `kind`、`items` 和 `defaults`；各条共用的值请放在 `defaults` 下"
                    )),
                );
            }
        }
    }
    let fields = kind.fields();
    let defaults_entries: Option<&[Entry<'_>]> = match &defaults {
        None => None,
        Some(n) if n.is_null() => None,
        Some(n) => match n.as_map() {
            Some(entries) => {
                out.defaults.push(n.span);
                for e in entries {
                    let key = e.key.as_ref();
                    if key == "id" || key == "kind" {
                        d.error(
                            e.key_span,
                            msg!("`{key}` cannot be a default", "`{key}` 不能作为默认值"),
                            Some(msg!("give each item its own `{key}`", "请为每一项单独填写 `{key}`")),
                        );
                    } else if !fields.contains(&key) && !key.starts_with("x-") {
                        d.unknown_field(e, fields);
                    }
                }
                Some(entries)
            }
            None => {
                d.type_error(n, "a mapping of shared field values", "共用字段值的映射");
                None
            }
        },
    };
    let Some(items) = items else { return };
    let Value::Seq(items) = &items.value else {
        d.type_error(&items, "a list of records", "记录列表");
        return;
    };
    if items.len() as u64 > limits.max_items_per_batch {
        let (max, n) = (limits.max_items_per_batch, items.len());
        findings.push(gen001(
            d.file,
            doc.span.start as usize,
            doc.span.start as usize,
            msg!(
                "batch has {n} items, over the limit of {max} (limits.max_items_per_batch)",
                "批量文档有 {n} 项，超过上限 {max}（`limits.max_items_per_batch`）"
            ),
        ));
        return;
    }
    for item in items {
        if let Some(kind_entry) = item.get("kind") {
            d.error(
                kind_entry.key_span,
                msg!("an item of a batch has no `kind` of its own", "批量文档中的条目不能有自己的 `kind`"),
                Some(msg!(
                    "remove it: the batch's `kind` applies to every item",
                    "请删除：批量文档的 `kind` 适用于每一项"
                )),
            );
            continue;
        }
        decode_one(kind, item, defaults_entries, d, out);
    }
}
