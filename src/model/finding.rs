//! Findings: what a rule (or the loader) says about the records, with the position of the
//! node it concerns and its text in every supported language.

use std::fmt;

use super::kinds::Kind;
use super::span::Span;

pub use super::message::{Lang, Msg};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::ZhCn) => "错误",
            (Severity::Warning, Lang::ZhCn) => "警告",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary position that explains a finding (the first definition of a duplicate id,
/// the approval that came too late).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Msg,
}

/// The record a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordRef {
    pub kind: Kind,
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: Msg,
    pub help: Option<Msg>,
    pub labels: Vec<Label>,
    pub record: Option<RecordRef>,
    /// Id of the waiver that accepted this finding.
    pub waived_by: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, span: Span, message: Msg) -> Self {
        Finding { rule, severity, span, message, help: None, labels: Vec::new(), record: None, waived_by: None }
    }

    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_label(mut self, span: Span, message: Msg) -> Self {
        self.labels.push(Label { span, message });
        self
    }

    pub fn help(&mut self, help: Msg) -> &mut Self {
        self.help = Some(help);
        self
    }

    pub fn label(&mut self, span: Span, message: Msg) -> &mut Self {
        self.labels.push(Label { span, message });
        self
    }

    pub fn record(&mut self, kind: Kind, id: &str) -> &mut Self {
        self.record = Some(RecordRef { kind, id: id.to_owned() });
        self
    }

    /// Deterministic output order: file, position, rule, then message.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        (self.span.file.0, self.span.start, self.span.end, self.rule, &self.message.en)
    }
}
