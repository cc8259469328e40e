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
    /// The fields of `record` this finding says are missing or wrong: when one of their
    /// values was already reported as unreadable (GEN-003), this finding is the same mistake
    /// again and is left out.
    pub about: &'static [&'static str],
    /// The dated duty this finding reports overdue (`rules::duty::Duty::key`): what
    /// `report due` listed before the day passed.
    pub duty: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, span: Span, message: Msg) -> Self {
        Finding {
            rule,
            severity,
            span,
            message,
            help: None,
            labels: Vec::new(),
            record: None,
            waived_by: None,
            about: &[],
            duty: None,
        }
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

    /// Name the fields of the record (set with [`Finding::record`]) this finding is about, as
    /// paths from the record (`rollback_plan`, `deliverables[0].evidence`).
    pub fn about(&mut self, fields: &'static [&'static str]) -> &mut Self {
        self.about = fields;
        self
    }

    /// Deterministic output order: file, position, rule, then message.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        (self.span.file.0, self.span.start, self.span.end, self.rule, &self.message.en)
    }
}

/// At most this many findings of one rule are shown for one file (docs/decisions.md).
pub const MAX_FINDINGS_PER_RULE_IN_FILE: usize = 500;
/// At most this many findings are shown for one file, all rules together.
pub const MAX_FINDINGS_PER_FILE: usize = 1_000;

/// Findings of one rule in one file that were left out: how many, and the first one's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Omitted {
    pub rule: &'static str,
    pub severity: Severity,
    pub count: usize,
    pub first: Span,
}

impl Omitted {
    /// Count one more left-out finding.
    pub fn add(slot: &mut Option<Omitted>, rule: &'static str, severity: Severity, span: Span) {
        match slot {
            Some(o) => o.count += 1,
            None => *slot = Some(Omitted { rule, severity, count: 1, first: span }),
        }
    }

    /// The "and N more" finding that stands for the left-out ones, at the first of them.
    pub fn finding(&self) -> Finding {
        let (n, rule) = (self.count, self.rule);
        let (per_rule, per_file) = (MAX_FINDINGS_PER_RULE_IN_FILE, MAX_FINDINGS_PER_FILE);
        Finding::new(
            rule,
            self.severity,
            self.first,
            crate::msg!(
                "and {n} more {rule} findings in this file, not shown (at most {per_rule} per rule and {per_file} per file are shown)",
                "本文件另有 {n} 条 {rule} 发现未显示（每个文件每条规则最多显示 {per_rule} 条，共最多 {per_file} 条）"
            ),
        )
    }
}

/// Cap the findings of each file: at most [`MAX_FINDINGS_PER_RULE_IN_FILE`] per rule and
/// [`MAX_FINDINGS_PER_FILE`] in all, kept in the order given; the rest are replaced by one
/// "and N more" finding per file and rule, added at the end. `omitted` are findings their
/// producer already left out. Findings `counted` rejects pass untouched and uncounted.
/// Returns whether anything was left out (the findings are then no longer sorted).
pub fn cap_per_file(findings: &mut Vec<Finding>, omitted: Vec<Omitted>, counted: impl Fn(&Finding) -> bool) -> bool {
    use std::collections::{BTreeMap, HashMap};
    let mut left_out: BTreeMap<(u32, &'static str), Option<Omitted>> = BTreeMap::new();
    for o in omitted {
        let slot = left_out.entry((o.first.file.0, o.rule)).or_default();
        match slot {
            Some(s) => s.count += o.count,
            None => *slot = Some(o),
        }
    }
    if left_out.is_empty() && findings.len() <= MAX_FINDINGS_PER_FILE.min(MAX_FINDINGS_PER_RULE_IN_FILE) {
        return false;
    }
    let mut per_file: HashMap<u32, usize> = HashMap::new();
    let mut per_rule: HashMap<(u32, &'static str), usize> = HashMap::new();
    findings.retain(|f| {
        if !counted(f) {
            return true;
        }
        let file = f.span.file.0;
        let in_file = per_file.entry(file).or_default();
        let of_rule = per_rule.entry((file, f.rule)).or_default();
        if *in_file < MAX_FINDINGS_PER_FILE && *of_rule < MAX_FINDINGS_PER_RULE_IN_FILE {
            *in_file += 1;
            *of_rule += 1;
            return true;
        }
        Omitted::add(left_out.entry((file, f.rule)).or_default(), f.rule, f.severity, f.span);
        false
    });
    let before = findings.len();
    findings.extend(left_out.into_values().flatten().map(|o| o.finding()));
    findings.len() > before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileId;

    fn at(file: u32, rule: &'static str, i: usize) -> Finding {
        Finding::new(rule, Severity::Error, Span::new(FileId(file), i, i), Msg::new(format!("{i}"), format!("{i}")))
    }

    #[test]
    fn capped_per_rule_and_per_file_with_one_summary_each() {
        let mut findings: Vec<Finding> = (0..600).map(|i| at(0, "A-001", i)).collect();
        findings.extend((0..700).map(|i| at(0, "B-001", 1000 + i)));
        findings.extend((0..10).map(|i| at(1, "A-001", i)));
        let mut waived = at(0, "C-001", 5000);
        waived.waived_by = Some("w".into());
        findings.push(waived);
        let omitted =
            vec![Omitted { rule: "A-001", severity: Severity::Warning, count: 7, first: Span::new(FileId(0), 9, 9) }];
        assert!(cap_per_file(&mut findings, omitted, |f| f.waived_by.is_none()));
        let count = |file: u32, rule: &str| findings.iter().filter(|f| f.span.file.0 == file && f.rule == rule).count();
        // File 0: 500 of A, then B fills the file's 1,000; one summary per rule.
        assert_eq!(count(0, "A-001"), MAX_FINDINGS_PER_RULE_IN_FILE + 1);
        assert_eq!(count(0, "B-001"), MAX_FINDINGS_PER_FILE - MAX_FINDINGS_PER_RULE_IN_FILE + 1);
        assert_eq!(count(1, "A-001"), 10);
        assert_eq!(count(0, "C-001"), 1, "waived findings pass");
        let more: Vec<_> = findings.iter().filter(|f| f.message.en.starts_with("and ")).collect();
        assert_eq!(more.len(), 2);
        assert!(more[0].message.en.starts_with("and 107 more A-001 findings"), "{}", more[0].message.en);
        assert_eq!(more[0].span.start, 9, "at the first left out");
        assert!(more[1].message.en.starts_with("and 200 more B-001 findings"), "{}", more[1].message.en);
        assert_eq!(more[1].span.start, 1500);
        assert!(more[1].message.zh.contains("另有 200 条"));
        // Under the caps nothing changes.
        let mut few: Vec<Finding> = (0..5).map(|i| at(0, "A-001", i)).collect();
        assert!(!cap_per_file(&mut few, Vec::new(), |_| true));
        assert_eq!(few.len(), 5);
    }
}
