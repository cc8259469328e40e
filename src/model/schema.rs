//! JSON Schemas of the record kinds, generated from the same declarations the decoder uses,
//! for editors (yaml-language-server) and `itos schema`.

use serde_json::{Value as Json, json};

use super::kinds::Kind;

const BASE_URI: &str = "https://itos.invalid/schemas";

/// The schema of one kind's file: a single record, or a batch of records of that kind.
pub fn kind_schema(kind: Kind) -> Json {
    let name = kind.name();
    let mut record = kind.schema();
    if let Some(obj) = record.as_object_mut() {
        if let Some(props) = obj.get_mut("properties").and_then(Json::as_object_mut) {
            props.insert("kind".into(), json!({ "const": name }));
        }
        if let Some(req) = obj.get_mut("required").and_then(Json::as_array_mut) {
            req.insert(0, json!("kind"));
        }
    }
    let mut item = kind.schema();
    if let Some(req) = item.get_mut("required").and_then(Json::as_array_mut) {
        // A batch item may take any field (even `id`-less defaults are checked by itos) from
        // `defaults`, so the schema cannot insist on required fields per item.
        req.clear();
    }
    let mut defaults = kind.schema();
    if let Some(obj) = defaults.as_object_mut() {
        obj.remove("required");
        if let Some(props) = obj.get_mut("properties").and_then(Json::as_object_mut) {
            props.remove("id");
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{BASE_URI}/{}.schema.json", file_stem(kind)),
        "title": format!("itos {name} record"),
        "oneOf": [
            record,
            {
                "type": "object",
                "description": format!("A batch of {name} records sharing `defaults`."),
                "properties": {
                    "kind": { "const": name },
                    "defaults": defaults,
                    "items": { "type": "array", "items": item },
                },
                "required": ["kind", "items"],
                "patternProperties": { "^x-": {} },
                "additionalProperties": false,
            }
        ]
    })
}

/// `BackupPolicy` → `backup-policy`.
pub fn file_stem(kind: Kind) -> String {
    let mut out = String::new();
    for (i, c) in kind.name().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A schema that accepts a file of any kind (dispatching on `kind`).
pub fn any_record_schema() -> Json {
    let all: Vec<Json> = Kind::ALL
        .iter()
        .map(|k| {
            json!({
                "if": { "properties": { "kind": { "const": k.name() } }, "required": ["kind"] },
                "then": { "$ref": format!("{BASE_URI}/{}.schema.json", file_stem(*k)) }
            })
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{BASE_URI}/record.schema.json"),
        "title": "itos record file",
        "type": "object",
        "required": ["kind"],
        "properties": { "kind": { "enum": Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>() } },
        "allOf": all,
    })
}
