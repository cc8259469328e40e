//! The compliance scorecard (合规差距清单): every manual section §1.1–§8.4 in order; for a
//! section with rules, the rule × subject evaluations passed / failed / waived and the open
//! findings; for a section no rule covers, "not checked automatically — keep evidence", so
//! the scorecard never overstates compliance.

use std::collections::BTreeSet;

use crate::model::{Finding, Severity};
use crate::rules::sections::{SECTIONS, Section, cited};
use crate::rules::{Outcome, all};

/// How a section stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every evaluation passed (or was waived).
    Compliant,
    /// At least one evaluation failed with an error.
    Failing,
    /// Only warnings.
    Warnings,
    /// Rules exist but found nothing to evaluate (e.g. exit rules before a Handover exists).
    NothingToCheck,
    /// No rule covers the section.
    NotChecked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Compliant => "compliant",
            Status::Failing => "failing",
            Status::Warnings => "warnings",
            Status::NothingToCheck => "nothing-to-check",
            Status::NotChecked => "not-checked",
        }
    }

    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        use crate::model::Lang::{En, ZhCn};
        match (self, lang) {
            (Status::Compliant, En) => "compliant",
            (Status::Failing, En) => "gaps",
            (Status::Warnings, En) => "warnings",
            (Status::NothingToCheck, En) => "nothing to check yet",
            (Status::NotChecked, En) => "not checked automatically — keep evidence",
            (Status::Compliant, ZhCn) => "符合",
            (Status::Failing, ZhCn) => "存在差距",
            (Status::Warnings, ZhCn) => "有警告",
            (Status::NothingToCheck, ZhCn) => "暂无可检查对象",
            (Status::NotChecked, ZhCn) => "未自动检查,需人工佐证",
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

pub fn build(outcome: Outcome) -> Scorecard {
    let findings = outcome.findings;
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for section in SECTIONS {
        let mut rules = Vec::new();
        for rule in all() {
            let m = rule.meta();
            if !cited(m.section).any(|n| n == section.number) {
                continue;
            }
            // Rules that did not run (switched off) are not shown as evaluated.
            let Some(&(_, counted)) = outcome.evaluated.iter().find(|(id, _)| *id == m.id) else {
                continue;
            };
            let mine: Vec<(usize, &Finding)> = findings.iter().enumerate().filter(|(_, f)| f.rule == m.id).collect();
            let failed: BTreeSet<String> =
                mine.iter().filter(|(_, f)| f.waived_by.is_none()).map(|(_, f)| subject(f)).collect();
            let waived: BTreeSet<String> = mine
                .iter()
                .filter(|(_, f)| f.waived_by.is_some())
                .map(|(_, f)| subject(f))
                .filter(|s| !failed.contains(s))
                .collect();
            let evaluated = counted.max(failed.len() + waived.len());
            rules.push(RuleLine {
                rule: m.id,
                severity: m.severity,
                evaluated,
                passed: evaluated - failed.len() - waived.len(),
                failed: failed.len(),
                waived: waived.len(),
                open: mine.iter().filter(|(_, f)| f.waived_by.is_none()).map(|(i, _)| *i).collect(),
            });
        }
        let status = if rules.is_empty() {
            Status::NotChecked
        } else if rules.iter().any(|r| r.open.iter().any(|&i| findings[i].severity == Severity::Error)) {
            Status::Failing
        } else if rules.iter().any(|r| !r.open.is_empty()) {
            Status::Warnings
        } else if rules.iter().all(|r| r.evaluated == 0) {
            Status::NothingToCheck
        } else {
            Status::Compliant
        };
        sections.push(SectionLine { section, status, rules });
    }
    Scorecard { sections, findings }
}
