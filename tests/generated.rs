#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Generated files are committed so that users can read them without building itos; these
//! tests fail when they are out of date. Refresh with `ITOS_BLESS=1 cargo test --test it generated`.

use std::path::Path;

use itos::model::Kind;
use itos::model::schema::{any_record_schema, file_stem, kind_schema};

fn check(path: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("ITOS_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date; run `ITOS_BLESS=1 cargo test --test it generated` and commit it",
        path.display()
    );
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s
}

#[test]
fn rules_doc_is_current() {
    check("docs/rules.md", &itos::output::docs::rules_markdown());
}

#[test]
fn kinds_doc_is_current() {
    check("docs/kinds.md", &itos::output::docs::kinds_markdown());
}

#[test]
fn schemas_are_current() {
    for &kind in Kind::ALL {
        check(&format!("schemas/{}.schema.json", file_stem(kind)), &pretty(&kind_schema(kind)));
    }
    check("schemas/record.schema.json", &pretty(&any_record_schema()));
}

#[test]
fn findings_schema_is_valid_json() {
    let v: serde_json::Value = serde_json::from_str(itos::output::json::SCHEMA).unwrap();
    assert_eq!(v["properties"]["version"]["const"], 1);
}
