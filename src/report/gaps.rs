//! The compliance scorecard (合规差距清单): every manual section §1.1–§8.4 in order; for a
//! section with rules, the rule × subject evaluations passed / failed / waived and the open
//! findings; for a section no rule covers, "not checked automatically — keep evidence"; for
//! a heading the manual gives no text (chapter 8), "no text in the manual — nothing to
//! check". A section whose checked rules all pass reads "all checked items pass", never
//! "compliant": partial coverage is not compliance. The general rules (GEN) are about the
//! record files, not the manual, and are kept apart (`record_format`).

use std::collections::BTreeSet;

use crate::model::{Finding, Severity};
use crate::rules::sections::{SECTIONS, Section, cited, counts_for_manual};
use crate::rules::{Outcome, all};

/// How a section stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every evaluation of the rules that check it passed (or was waived): what is checked
    /// passes, which says nothing of what is not.
    AllCheckedPass,
    /// At least one evaluation failed with an error.
    Failing,
    /// Only warnings.
    Warnings,
    /// Rules exist but found nothing to evaluate (e.g. exit rules before a Handover exists).
    NothingToCheck,
    /// No rule covers the section.
    NotChecked,
    /// The manual has the heading but no text under it: there is nothing to check.
    NoText,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::AllCheckedPass => "all-checked-pass",
            Status::Failing => "failing",
            Status::Warnings => "warnings",
            Status::NothingToCheck => "nothing-to-check",
            Status::NotChecked => "not-checked",
            Status::NoText => "no-text",
        }
    }

    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        use crate::model::Lang::{En, ZhCn};
        match (self, lang) {
            (Status::AllCheckedPass, En) => "all checked items pass",
            (Status::Failing, En) => "gaps",
            (Status::Warnings, En) => "warnings",
            (Status::NothingToCheck, En) => "nothing to check yet",
            (Status::NotChecked, En) => "not checked automatically — keep evidence",
            (Status::NoText, En) => "no text in the manual — nothing to check",
            (Status::AllCheckedPass, ZhCn) => "已检查项全部通过",
            (Status::Failing, ZhCn) => "存在差距",
            (Status::Warnings, ZhCn) => "有警告",
            (Status::NothingToCheck, ZhCn) => "暂无可检查对象",
            (Status::NotChecked, ZhCn) => "未自动检查，需人工佐证",
            (Status::NoText, ZhCn) => "手册无正文，无需检查",
        }
    }
}

/// One rule's figures within a section.
#[derive(Clone, Debug)]
pub struct RuleLine {
    pub rule: &'static str,
    pub severity: Severity,
    pub evaluated: usize,
    pub passed: usize,
    pub failed: usize,
    pub waived: usize,
    /// Indexes into [`Scorecard::findings`] of this rule's unwaived findings.
    pub open: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct SectionLine {
    pub section: &'static Section,
    pub status: Status,
    pub rules: Vec<RuleLine>,
}

#[derive(Clone, Debug)]
pub struct Scorecard {
    pub sections: Vec<SectionLine>,
    /// The general rules (GEN: files readable, records well-formed, references resolved),
    /// counted under no section.
    pub record_format: Vec<RuleLine>,
    /// Every finding, as run (sorted).
    pub findings: Vec<Finding>,
}

/// A finding's subject: the record it is about, else its position.
fn subject(f: &Finding) -> String {
    match &f.record {
        Some(r) => format!("{}/{}", r.kind.name(), r.id),
        None => format!("{}:{}", f.span.file.0, f.span.start),
    }
}

/// One rule's figures: its evaluations (subjects) and its findings, failed or waived. `None`
/// when the rule did not run (switched off), so it is not shown as evaluated.
fn rule_line(rule: &'static crate::rules::Meta, outcome: &Outcome, findings: &[Finding]) -> Option<RuleLine> {
    let &(_, counted) = outcome.evaluated.iter().find(|(id, _)| *id == rule.id)?;
    let mine: Vec<(usize, &Finding)> = findings.iter().enumerate().filter(|(_, f)| f.rule == rule.id).collect();
    let failed: BTreeSet<String> =
        mine.iter().filter(|(_, f)| f.waived_by.is_none()).map(|(_, f)| subject(f)).collect();
    let waived: BTreeSet<String> = mine
        .iter()
        .filter(|(_, f)| f.waived_by.is_some())
        .map(|(_, f)| subject(f))
        .filter(|s| !failed.contains(s))
        .collect();
    let evaluated = counted.max(failed.len() + waived.len());
    Some(RuleLine {
        rule: rule.id,
        severity: rule.severity,
        evaluated,
        passed: evaluated - failed.len() - waived.len(),
        failed: failed.len(),
        waived: waived.len(),
        open: mine.iter().filter(|(_, f)| f.waived_by.is_none()).map(|(i, _)| *i).collect(),
    })
}

pub fn build(outcome: Outcome) -> Scorecard {
    let findings = &outcome.findings;
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for section in SECTIONS {
        // A heading without text has nothing a rule could check against; a rule citing it
        // is counted under the other sections it cites (a unit test keeps one).
        if !section.has_text() {
            sections.push(SectionLine { section, status: Status::NoText, rules: Vec::new() });
            continue;
        }
        let rules: Vec<RuleLine> = all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| counts_for_manual(m.id) && cited(m.section).any(|n| n == section.number))
            .filter_map(|m| rule_line(m, &outcome, findings))
            .collect();
        let status = if rules.is_empty() {
            Status::NotChecked
        } else if rules.iter().any(|r| r.open.iter().any(|&i| findings[i].severity == Severity::Error)) {
            Status::Failing
        } else if rules.iter().any(|r| !r.open.is_empty()) {
            Status::Warnings
        } else if rules.iter().all(|r| r.evaluated == 0) {
            Status::NothingToCheck
        } else {
            Status::AllCheckedPass
        };
        sections.push(SectionLine { section, status, rules });
    }
    let record_format = all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| !counts_for_manual(m.id))
        .filter_map(|m| rule_line(m, &outcome, findings))
        .collect();
    Scorecard { sections, record_format, findings: outcome.findings }
}
