//! SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF consumers: one run,
//! the rule catalogue in `tool.driver.rules`, results with regions, stable partial
//! fingerprints, and waived findings as suppressed results carrying the waiver's reason.

use serde_json::{Value, json};

use crate::model::{Lang, Severity};
use crate::rules;

use crate::baseline::fingerprint;

use super::{FindingsFormat, RunView};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A PascalCase friendly name from the English title ("Changes are approved …" →
/// `ChangesAreApprovedByTheRequiredRoles…`), as SARIF recommends for `rule.name`.
pub fn friendly_name(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// `GEN-003` → `gen-003`, the anchor of the rule's heading in docs/rules.md.
fn anchor(id: &str) -> String {
    id.to_ascii_lowercase()
}

fn driver(lang: Lang) -> Value {
    let help_uri = super::home::doc_url("docs/rules.md");
    let rules: Vec<Value> = rules::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": friendly_name(m.title_en),
                "shortDescription": {"text": m.title(lang)},
                "fullDescription": {"text": m.explanation(lang)},
                "help": {
                    "text": format!("{} ({})\n\n{}", m.title(lang), m.section, m.explanation(lang)),
                    "markdown": format!("**{}** ({})\n\n{}", m.title(lang), m.section, m.explanation(lang)),
                },
                "helpUri": format!("{help_uri}#{}", anchor(m.id)),
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "tags": ["compliance", m.family()],
                    "manualSection": m.section,
                    "iso20000-1:2018": rules::framework::clauses_of(m.id),
                },
            })
        })
        .collect();
    json!({
        "name": "itos",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": super::home::url(),
        "rules": rules,
    })
}

/// `--format sarif`: waived findings are suppressed results justified by their waiver's reason.
pub struct Sarif;

impl FindingsFormat for Sarif {
    fn name(&self) -> &'static str {
        "sarif"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let (findings, sources, notes, lang) = (run.findings, run.sources, run.notes, run.lang);
        let index_of = |id: &str| rules::all().iter().position(|r| r.meta().id == id);
        let prints = fingerprint::of(findings, sources);
        let results: Vec<Value> = findings
            .iter()
            .zip(&prints)
            .map(|(f, print)| {
                let mut region = json!({});
                let mut uri = String::new();
                if let Some((file, start, end)) = sources.locate(f.span) {
                    uri = super::escape::uri_path(&file.display);
                    region = json!({
                        "startLine": start.line.max(1),
                        "startColumn": start.col.max(1),
                        "endLine": end.line.max(start.line.max(1)),
                        "endColumn": if end.line > start.line { end.col.max(1) } else { end.col.max(start.col.max(1) + 1) },
                    });
                }
                let mut message = f.message.get(lang).to_owned();
                if let Some(help) = &f.help {
                    message.push_str("\n\n");
                    message.push_str(help.get(lang));
                }
                let mut result = json!({
                    "ruleId": f.rule,
                    "level": level(f.severity),
                    "message": {"text": message},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                            "region": region,
                        }
                    }],
                    "partialFingerprints": {"itos/v1": print},
                });
                if let Some(i) = index_of(f.rule) {
                    result["ruleIndex"] = json!(i);
                }
                if let Some(r) = &f.record {
                    result["properties"] = json!({"recordKind": r.kind.name(), "recordId": r.id});
                }
                if let Some(w) = &f.waived_by {
                    let justification = run.waiver_reason(w).unwrap_or_default();
                    result["suppressions"] = json!([{
                        "kind": "external",
                        "status": "accepted",
                        "justification": justification,
                        "properties": {"waiver": w},
                    }]);
                }
                result
            })
            .collect();
        let mut doc = json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver(lang)},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the git work tree (or the records folder outside git)"}}},
                "results": results,
                "columnKind": "unicodeCodePoints",
                // The configuration in use (assurance.md): a property bag of the run.
                "properties": {"configuration": super::disclosure::json(run.configuration)},
            }],
        });
        // Notes are tool execution notifications of the run's invocation (SARIF 2.1.0 §3.20.21).
        if !notes.is_empty() {
            let notifications: Vec<Value> = notes
                .iter()
                .map(|n| {
                    json!({
                        "level": "note",
                        "message": {"text": n.message().get(lang)},
                        "descriptor": {"id": "calendar-data"},
                        "properties": {"calendar": n.calendar, "years": n.years.iter().collect::<Vec<i16>>()},
                    })
                })
                .collect();
            doc["runs"][0]["invocations"] =
                json!([{"executionSuccessful": true, "toolExecutionNotifications": notifications}]);
        }
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        out.push_str(&text);
    }
}
