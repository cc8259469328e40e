//! `itos rules`, `itos explain ID` and `itos schema [KIND]`: the catalogue and the record
//! format, generated from the rule registry and the record declarations.

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::json;

use super::args::{ExplainArgs, ListFormat, RulesArgs, SchemaArgs};
use super::{ExitStatus, Fatal, Ui, emit};
use crate::model::{Kind, Lang};
use crate::output::{Summary, human};
use crate::rules::{self, Meta, all, examples, framework};

pub fn rules(ui: &Ui, args: &RulesArgs) -> Result<ExitStatus, Fatal> {
    let text = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = all().iter().map(|r| rule_json(r.meta())).collect();
            let mut text = serde_json::to_string_pretty(&json!({ "rules": list }))?;
            text.push('\n');
            text
        }
        ListFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
            let header = match ui.lang {
                Lang::En => ["ID", "Severity", "Section", "ISO 20000-1", "Title"],
                Lang::ZhCn => ["规则", "级别", "章节", "ISO 20000-1", "标题"],
            };
            table.set_header(header);
            for rule in all() {
                let m = rule.meta();
                let clauses = framework::clauses_of(m.id).join(" ");
                table.add_row([m.id, m.severity.label(ui.lang), m.section, &clauses, m.title(ui.lang)]);
            }
            format!("{table}\n")
        }
    };
    emit(&text, None)?;
    Ok(ExitStatus::Clean)
}

pub fn rule_json(m: &Meta) -> serde_json::Value {
    json!({
        "id": m.id,
        "severity": m.severity.as_str(),
        "section": m.section,
        "iso20000": framework::clauses_of(m.id),
        "title": { "en": m.title_en, "zh-CN": m.title_zh },
        "explanation": { "en": m.explanation_en, "zh-CN": m.explanation_zh },
        "params": m.params,
        "configurable": m.configurable,
        "waivable": m.waivable,
        "reads_history": m.reads_history(),
        "good_practice": rules::sections::practice_note(m.id).map(|n| json!({ "part": n.part, "en": n.en, "zh-CN": n.zh })),
        "examples": { "failing": m.failing, "passing": m.passing },
    })
}

fn indent(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("    {l}") }).collect::<Vec<_>>().join("\n")
}

/// The full explanation of one rule, with what its failing example actually reports.
pub fn explain_text(m: &Meta, lang: Lang) -> String {
    let (params_h, fail_h, reports_h, pass_h, none, base_note) = match lang {
        Lang::En => (
            "Policy parameters",
            "Failing example",
            "What itos reports",
            "Passing example",
            "none",
            "Examples without an Engagement of their own run against a minimal one (engagement.yaml, id `demo`, service `helpdesk`), as of 2026-10-31.",
        ),
        Lang::ZhCn => (
            "策略参数",
            "不合规示例",
            "itos 的报告",
            "合规示例",
            "无",
            "示例未自带服务项目（`Engagement`）时，基于一个最小服务项目运行（`engagement.yaml`，编号 `demo`，服务 `helpdesk`），评估日为 2026-10-31。",
        ),
    };
    let params = match lang {
        _ if m.params.is_empty() => none.to_owned(),
        Lang::En => m.params.join(", "),
        // Parameter names are itos.toml keys: code in a Chinese sentence.
        Lang::ZhCn => m.params.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join("、"),
    };
    let (colon, space) = match lang {
        Lang::En => (":", " "),
        Lang::ZhCn => ("：", ""),
    };
    let iso = format!("{}{colon}{space}{}", framework::STANDARD, framework::cited(m.id, lang));
    let (repo, shown) = examples::run_example(m, m.failing);
    let summary = Summary::of(&shown, 0, 0);
    let style = human::Style { color: false, unicode: true, width: 100 };
    let rendered = human::render(&shown, &repo.sources, &summary, lang, style);
    // The summary line counts the example's records, which means nothing here.
    let rendered = rendered.trim_end().rsplit_once('\n').map_or("", |(body, _)| body).trim_end();
    // Said apart from the explanation, so an auditor can tell the manual's duties from ours.
    let practice = rules::sections::practice_note(m.id).map_or(String::new(), |n| format!("\n\n{}", n.get(lang)));
    format!(
        "{id} · {sev} · {section}\n{title}\n{iso}\n\n{explanation}{practice}\n\n{params_h}{colon}{space}{params}\n\n{fail_h}{colon}\n{failing}\n\n{reports_h}{colon}\n{rendered}\n\n{pass_h}{colon}\n{passing}\n\n{base_note}\n",
        id = m.id,
        sev = m.severity.label(lang),
        section = m.section,
        title = m.title(lang),
        explanation = m.explanation(lang),
        failing = indent(m.failing),
        passing = indent(m.passing),
    )
}

pub fn explain(ui: &Ui, args: &ExplainArgs) -> Result<ExitStatus, Fatal> {
    let Some(rule) = rules::find(&args.id) else {
        let ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        let hint = crate::model::decode::closest(&args.id, ids.into_iter())
            .map_or(String::new(), |c| format!("; did you mean {c}?"));
        return Err(Fatal(format!("unknown rule `{}`{hint} (`itos rules` lists them)", args.id)));
    };
    emit(&explain_text(rule.meta(), ui.lang), None)?;
    Ok(ExitStatus::Clean)
}

/// The schema for `kind`, `findings`, or (no argument) any record file.
pub fn schema_text(kind: Option<&str>) -> Result<String, Fatal> {
    let value = match kind {
        None => crate::model::schema::any_record_schema(),
        Some("findings") => serde_json::from_str(crate::output::json::SCHEMA)?,
        Some(name) => {
            let kind = Kind::ALL.iter().copied().find(|k| k.name().eq_ignore_ascii_case(name)).ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                Fatal(format!("unknown kind `{name}`; kinds: {}, or `findings`", names.join(", ")))
            })?;
            crate::model::schema::kind_schema(kind)
        }
    };
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

pub fn schema(args: &SchemaArgs) -> Result<ExitStatus, Fatal> {
    emit(&schema_text(args.kind.as_deref())?, None)?;
    Ok(ExitStatus::Clean)
}
