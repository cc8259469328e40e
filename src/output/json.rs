//! JSON output of `validate`: a stable, documented shape (`schemas/findings.schema.json`).

use serde::Serialize;

use crate::model::{SourceMap, Span};
use crate::rules;

use super::{FindingsFormat, RunView};

pub const FORMAT_VERSION: u32 = 1;

/// The JSON Schema of this output (`itos schema findings`).
pub const SCHEMA: &str = include_str!("../../schemas/findings.schema.json");

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    as_of: String,
    lang: &'static str,
    summary: SummaryOut,
    findings: Vec<FindingOut<'a>>,
    /// The configuration in use (assurance.md).
    configuration: serde_json::Value,
    /// What the reader must know besides the findings (absent when there is nothing).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<NoteOut>,
}

#[derive(Serialize)]
struct NoteOut {
    kind: &'static str,
    calendar: String,
    years: Vec<i16>,
    message: String,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SummaryOut {
    errors: usize,
    warnings: usize,
    waived: usize,
    records: usize,
    files: usize,
}

#[derive(Serialize)]
struct Position {
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct LabelOut {
    #[serde(flatten)]
    at: Position,
    message: String,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'static str,
    severity: &'static str,
    title: &'static str,
    section: &'static str,
    #[serde(flatten)]
    at: Position,
    message: &'a str,
    help: Option<&'a str>,
    labels: Vec<LabelOut>,
    record: Option<RecordOut<'a>>,
    waived_by: Option<&'a str>,
}

fn position(sources: &SourceMap, span: Span) -> Position {
    match sources.locate(span) {
        Some((file, start, end)) => Position {
            file: file.display.clone(),
            line: start.line,
            column: start.col,
            end_line: end.line,
            end_column: end.col,
        },
        None => Position { file: String::new(), line: 0, column: 0, end_line: 0, end_column: 0 },
    }
}

/// `--format json`.
pub struct Json;

impl FindingsFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let (findings, sources, summary, as_of, notes, lang) =
            (run.findings, run.sources, &run.summary, run.as_of, run.notes, run.lang);
        let doc = Document {
            version: FORMAT_VERSION,
            tool: Tool { name: "itos", version: env!("CARGO_PKG_VERSION") },
            as_of: as_of.to_owned(),
            lang: lang.code(),
            summary: SummaryOut {
                errors: summary.errors,
                warnings: summary.warnings,
                waived: summary.waived,
                records: summary.records,
                files: summary.files,
            },
            findings: findings
                .iter()
                .map(|f| {
                    let meta = rules::find(f.rule).map(|r| r.meta());
                    FindingOut {
                        rule: f.rule,
                        severity: f.severity.as_str(),
                        title: meta.map_or("", |m| m.title(lang)),
                        section: meta.map_or("", |m| m.section),
                        at: position(sources, f.span),
                        message: f.message.get(lang),
                        help: f.help.as_ref().map(|h| h.get(lang)),
                        labels: f
                            .labels
                            .iter()
                            .map(|l| LabelOut {
                                at: position(sources, l.span),
                                message: l.message.get(lang).to_owned(),
                            })
                            .collect(),
                        record: f.record.as_ref().map(|r| RecordOut { kind: r.kind.name(), id: &r.id }),
                        waived_by: f.waived_by.as_deref(),
                    }
                })
                .collect(),
            configuration: super::disclosure::json(run.configuration),
            notes: notes
                .iter()
                .map(|n| NoteOut {
                    kind: "calendar-data",
                    calendar: n.calendar.clone(),
                    years: n.years.iter().collect(),
                    message: n.message().get(lang).to_owned(),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        out.push_str(&text);
    }
}
