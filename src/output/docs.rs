//! Documentation generated from the registry and the record declarations
//! (docs/rules.md); a test keeps the committed copy in sync.

use std::fmt::Write as _;

use crate::rules::all;

/// docs/rules.md: the catalogue, then every rule in full.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "# Rule catalogue / 规则目录\n\n\
Generated from the rule registry (`src/rules/`); `cargo test` fails when this file is out of date \
(refresh it with `ITOS_BLESS=1 cargo test --test it generated`). The same text is shown by \
`itos explain ID`, whose output also includes what the failing example reports.\n\n\
Severities: `error` fails `itos validate` (exit 1); `warning` does not, unless `--deny warnings`. \
Rules marked *always on* cannot be switched off or changed in `[rules]` of itos.toml. Rules \
marked *good practice* enforce something the manual does not state (良好实践；手册未作规定); \
their entry says what goes beyond the manual. Each rule also names the clause(s) of \
ISO/IEC 20000-1:2018 it supports (`itos report gaps --framework iso20000` groups by them); the \
general rules (GEN), about the record files themselves, count under 7.5 documented information.\n\n\
## How rules read time\n\n\
- `--as-of DATE` (default: today in the engagement's time zone) is the end of that day; evidence \
dated after it is ignored, status fields are taken as written.\n\
- \"Within N days/months\" is inclusive. Month arithmetic clamps to the month's end \
(Jan 31 + 1 month = Feb 28/29). Parameters ending in `_workdays` count working days on the \
engagement's `calendar` (default `cn-workdays`: mainland-China public holidays and make-up \
workdays included).\n\
- A periodic duty (\"an audit every 12 months\") is due one interval after the later of the last \
qualifying event and the subject's start (the term's start, a person's `joined`, …) and fires \
when as-of is past that date. An engagement whose term has ended is judged as it stood on its \
last day; one whose term has not started yet is not judged.\n\
- A finding points at the node that is wrong; for something missing, at the record's `id` (for \
a nested omission, at the parent key); an engagement-wide duty points at the Engagement's `id`.\n\
- A Waiver turns matching findings into *waived*: shown and counted, not failing (GEN-006).\n\n\
| ID | Severity | Section | ISO/IEC 20000-1 | Title | 标题 |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for rule in all() {
        let m = rule.meta();
        let _ = writeln!(
            out,
            "| [{id}](#{anchor}) | {sev} | {sec}{practice} | {iso} | {en} | {zh} |",
            id = m.id,
            anchor = m.id.to_lowercase(),
            sev = m.severity.as_str(),
            sec = m.section,
            iso = crate::rules::framework::clauses_of(m.id).join(", "),
            practice = match crate::rules::sections::practice_note(m.id) {
                Some(n) => n.part.map_or(" · *good practice*".to_owned(), |p| format!(" · *good practice: {p}*")),
                None => String::new(),
            },
            en = m.title_en.replace('|', "\\|"),
            zh = m.title_zh.replace('|', "\\|"),
        );
    }
    out.push_str("\n## Policy parameters\n\nSet in `[policy]` of itos.toml; the defaults are shown.\n\n| parameter | default | read by |\n| --- | --- | --- |\n");
    let defaults = serde_json::to_value(crate::config::Policy::default()).unwrap_or_default();
    if let Some(map) = defaults.as_object() {
        for (name, value) in map {
            let users: Vec<String> = all()
                .iter()
                .filter(|r| r.meta().params.contains(&name.as_str()))
                .map(|r| format!("[{}](#{})", r.meta().id, r.meta().id.to_lowercase()))
                .collect();
            let shown = format!("`{value}`");
            let _ = writeln!(out, "| `{name}` | {shown} | {} |", users.join(", "));
        }
    }
    for rule in all() {
        let m = rule.meta();
        let params = if m.params.is_empty() {
            "none".to_owned()
        } else {
            m.params.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(
            out,
            "\n## {id}\n\n**{en}**  \n**{zh}**\n\n\
- Severity: `{sev}`{always}\n- Manual: {sec}\n- {standard}: {iso_en}  \n  {iso_zh}\n- Policy parameters: {params}\n\n\
{exp_en}\n\n{exp_zh}\n\n{practice}\
Failing example:\n\n```yaml\n{failing}```\n\nPassing example:\n\n```yaml\n{passing}```\n",
            id = m.id,
            en = m.title_en,
            zh = m.title_zh,
            sev = m.severity.as_str(),
            always = if m.configurable { "" } else { " (always on)" },
            sec = m.section,
            standard = crate::rules::framework::STANDARD,
            iso_en = crate::rules::framework::cited(m.id, crate::model::Lang::En),
            iso_zh = crate::rules::framework::cited(m.id, crate::model::Lang::ZhCn),
            exp_en = m.explanation_en,
            exp_zh = m.explanation_zh,
            practice = crate::rules::sections::practice_note(m.id)
                .map_or(String::new(), |n| format!("> **{}**  \n> **{}**\n\n", n.en, n.zh)),
            failing = m.failing,
            passing = m.passing,
        );
    }
    out
}

/// docs/kinds.md: every record kind with its fields, generated from the declarations.
pub fn kinds_markdown() -> String {
    use crate::model::Kind;
    use crate::model::schema::file_stem;

    let mut out = String::from(
        "# Record kinds: field reference / 记录类型字段参考\n\n\
Generated from the record declarations in `src/model/kinds/` (the same ones the loader decodes \
with); `cargo test` fails when this file is out of date. The format itself — batches, scalars, \
references — is described in [record-format.md](record-format.md). JSON Schemas for editors are \
in [`schemas/`](../schemas/) and printed by `itos schema KIND`.\n\n\
Fields marked **\\*** are required. Any key starting with `x-` is free for your own use.\n",
    );
    for &kind in Kind::ALL {
        let schema = kind.schema();
        let _ = write!(out, "\n## {}\n\n", kind.name());
        if let Some(d) = schema.get("description").and_then(|d| d.as_str()) {
            let _ = write!(out, "{d}\n\n");
        }
        let _ = write!(
            out,
            "Conventional folder: `{}/` · schema: [`schemas/{}.schema.json`](../schemas/{}.schema.json)\n\n",
            kind.folder(),
            file_stem(kind),
            file_stem(kind)
        );
        out.push_str("| field | type | description |\n| --- | --- | --- |\n");
        fields_table(&schema, "", &mut out);
    }
    out
}

fn type_of(schema: &serde_json::Value) -> String {
    if let Some(values) = schema.get("enum").and_then(|v| v.as_array()) {
        let names: Vec<String> = values.iter().filter_map(|v| v.as_str()).map(|s| format!("`{s}`")).collect();
        return names.join(" \\| ");
    }
    if let Some(title) = schema.get("title").and_then(|t| t.as_str()) {
        return title.to_owned();
    }
    let ty = schema.get("type").and_then(|t| t.as_str()).unwrap_or("any");
    match (ty, schema.get("format").and_then(|f| f.as_str())) {
        ("array", _) => match schema.get("items") {
            Some(items) if items.get("properties").is_some() => "list of mappings".into(),
            Some(items) => format!("list of {}", type_of(items)),
            None => "list".into(),
        },
        ("object", _) if schema.get("properties").is_some() => "mapping".into(),
        ("object", _) => match schema.get("additionalProperties") {
            Some(v) if v.is_object() => format!("mapping of name → {}", type_of(v)),
            _ => "mapping".into(),
        },
        ("string", _) => "text".into(),
        (other, _) => other.into(),
    }
}

fn fields_table(schema: &serde_json::Value, prefix: &str, out: &mut String) {
    let Some(props) = schema.get("properties").and_then(|p| p.as_object()) else { return };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for (name, field) in props {
        let star = if required.contains(&name.as_str()) { " **\\***" } else { "" };
        let desc = one_line(field.get("description").and_then(|d| d.as_str()).unwrap_or(""));
        let _ = writeln!(out, "| `{prefix}{name}`{star} | {} | {} |", type_of(field), desc.replace('|', "\\|"));
        let nested = if field.get("properties").is_some() {
            Some(field)
        } else {
            field.get("items").filter(|i| i.get("properties").is_some())
        };
        if let Some(nested) = nested {
            let sep = if field.get("items").is_some() { "[]." } else { "." };
            fields_table(nested, &format!("{prefix}{name}{sep}"), out);
        } else if let Some(values) = field.get("additionalProperties").filter(|v| v.get("properties").is_some()) {
            fields_table(values, &format!("{prefix}{name}.<name>."), out);
        }
    }
}

/// A doc comment of several lines as one line (each line keeps its leading space from `///`).
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}
