//! The configuration a run used, as every output states it (assurance.md, "Configuration is
//! disclosed"): one block for people, one `configuration` object for machines.

use serde_json::{Value, json};

use crate::config::Disclosure;
use crate::model::Lang;

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

/// (label, value) of every setting that departs from the defaults, and the file in use when
/// anything does (or `always_file`). Reports add whether customer approvals are authenticated.
pub fn facts(d: &Disclosure, lang: Lang, report: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some((path, sha)) = &d.file
        && (d.deviates() || report)
    {
        out.push((t(lang, "Configuration", "配置文件"), format!("{path} (SHA-256 {sha})")));
    }
    if !d.rules.is_empty() {
        let list: Vec<String> = d.rules.iter().map(|(r, l)| format!("{r} = {l}")).collect();
        out.push((t(lang, "Rules set in `[rules]`", "`[rules]` 中调整的规则"), list.join(", ")));
    }
    if !d.exclude.is_empty() {
        out.push((t(lang, "Files left out (`exclude`)", "排除的文件（`exclude`）"), d.exclude.join(", ")));
    }
    if let Some(day) = &d.as_of {
        out.push((t(lang, "As-of day pinned in the file", "配置文件固定的评估日"), day.clone()));
    }
    if !d.policy.is_empty() {
        let list: Vec<String> = d
            .policy
            .iter()
            .map(|(k, v, default)| match lang {
                Lang::En => format!("`{k}` = {v} (default {default})"),
                Lang::ZhCn => format!("`{k}` = {v}（默认 {default}）"),
            })
            .collect();
        out.push((t(lang, "Policy differing from rules.md", "与 rules.md 默认值不同的策略参数"), list.join("; ")));
    }
    if report && !d.trust {
        out.push((
            t(lang, "Customer approvals", "客户审批"),
            t(lang, "not authenticated (no `[trust]` configured)", "未经认证（未配置 `[trust]`）"),
        ));
    }
    out
}

/// The `configuration` object of the machine formats.
pub fn json(d: &Disclosure) -> Value {
    json!({
        "file": d.file.as_ref().map(|(p, _)| p),
        "sha256": d.file.as_ref().map(|(_, s)| s),
        "rules": d.rules.iter().map(|(r, l)| json!({"rule": r, "level": l})).collect::<Vec<_>>(),
        "exclude": d.exclude,
        "as_of": d.as_of,
        "policy": d.policy.iter().map(|(k, v, def)| json!({
            "name": k,
            "value": serde_json::from_str::<Value>(v).unwrap_or(Value::Null),
            "default": serde_json::from_str::<Value>(def).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "customer_approvals_authenticated": d.trust,
    })
}

/// The human block of `validate`: a heading and one line per fact; empty when nothing departs
/// from the defaults.
pub fn block(d: &Disclosure, lang: Lang) -> String {
    let facts = facts(d, lang, false);
    if facts.is_empty() {
        return String::new();
    }
    let mut out = t(lang, "configuration:\n", "配置：\n");
    for (label, value) in facts {
        out.push_str(&format!("  {label}: {value}\n"));
    }
    out
}

/// The integrity banner of a report (assurance.md): the records of `period` were altered after
/// closure, or their history does not hold — shown before any figure.
pub fn integrity(
    doc: &mut crate::output::doc::Doc,
    notes: &[crate::report::provenance::IntegrityNote],
    period: &str,
    lang: Lang,
) {
    use crate::output::doc::Block;
    if notes.is_empty() {
        return;
    }
    doc.push(Block::Heading(2, t(lang, "Integrity of the records", "记录完整性")));
    doc.push(Block::Note(t(
        lang,
        &format!("Records of {period} were altered after closure, or their history does not hold; the figures below are computed from the records as they now stand:"),
        &format!("{period} 的记录在关闭后被修改，或其历史不成立；以下指标按记录的现状计算："),
    )));
    for n in notes {
        doc.push(Block::Note(format!("{} {} — {}", n.rule, n.location, n.message.get(lang))));
    }
}

/// The `integrity` array of the JSON reports.
pub fn integrity_json(notes: &[crate::report::provenance::IntegrityNote], lang: Lang) -> Value {
    Value::Array(
        notes.iter().map(|n| json!({"rule": n.rule, "location": n.location, "message": n.message.get(lang)})).collect(),
    )
}
