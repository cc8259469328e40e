//! The compliance scorecard (合规差距清单), by manual section (§1.1–§8.4) or by ISO/IEC
//! 20000-1:2018 clause (`--framework iso20000`): every group in order; for a group with
//! rules, the rule × subject evaluations passed / failed / waived and the open findings; for
//! a group no rule covers, "not checked automatically — keep evidence"; for a manual heading
//! without text (chapter 8), "no text in the manual — nothing to check". A group whose
//! checked rules all pass reads "all checked items pass", never "compliant": partial
//! coverage is not compliance. The general rules (GEN) are about the record files, not the
//! manual, and are kept apart (`record_format`) in the manual's view; in the ISO view they
//! are documented information and count under 7.5.

use std::collections::BTreeSet;

use crate::model::Lang;
use crate::model::{Finding, Severity};
use crate::rules::framework::{self, CLAUSES, Clause};
use crate::rules::sections::{self, SECTIONS, Section, cited, counts_for_manual};
use crate::rules::{Meta, Outcome, all};

/// What the scorecard is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    /// The outsourcing service manual's sections (the default).
    Manual,
    /// The clauses of ISO/IEC 20000-1:2018 (`rules::framework`).
    Iso20000,
}

impl Framework {
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Manual => "manual",
            Framework::Iso20000 => "iso20000",
        }
    }

    /// The chapters the groups fall under: number, English and Chinese title.
    pub fn chapters(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Framework::Manual => sections::CHAPTERS,
            Framework::Iso20000 => framework::CHAPTERS,
        }
    }

    /// Whether a rule's evaluations count toward the group numbered `number`.
    fn counts(self, m: &Meta, number: &str) -> bool {
        match self {
            Framework::Manual => counts_for_manual(m.id) && cited(m.section).any(|n| n == number),
            Framework::Iso20000 => framework::clauses_of(m.id).contains(&number),
        }
    }

    /// Rules shown apart, under no group: the general rules in the manual's view; none in
    /// the ISO view, where they are documented information (7.5).
    fn apart(self, m: &Meta) -> bool {
        self == Framework::Manual && !counts_for_manual(m.id)
    }
}

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

/// One line of the scorecard: a manual section or a clause of the standard.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    pub number: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
}

impl Group {
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.title_en,
            Lang::ZhCn => self.title_zh,
        }
    }

    /// The chapter it falls under, `8` for `8.6.1`.
    pub fn chapter(&self) -> &'static str {
        self.number.split('.').next().unwrap_or(self.number)
    }
}

impl From<&Section> for Group {
    fn from(s: &Section) -> Self {
        Group { number: s.number, title_en: s.title_en, title_zh: s.title_zh }
    }
}

impl From<&Clause> for Group {
    fn from(c: &Clause) -> Self {
        Group { number: c.number, title_en: c.title_en, title_zh: c.title_zh }
    }
}

#[derive(Clone, Debug)]
pub struct GroupLine {
    pub group: Group,
    pub status: Status,
    pub rules: Vec<RuleLine>,
}

#[derive(Clone, Debug)]
pub struct Scorecard {
    pub framework: Framework,
    pub groups: Vec<GroupLine>,
    /// Rules counted under no group: in the manual's view the general rules (GEN: files
    /// readable, records well-formed, references resolved); empty in the ISO view.
    pub record_format: Vec<RuleLine>,
    /// Every finding, as run (sorted).
    pub findings: Vec<Finding>,
    /// The configuration the rules ran with (assurance.md: disclosed in every report).
    pub configuration: crate::config::Disclosure,
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
fn rule_line(rule: &'static Meta, outcome: &Outcome, findings: &[Finding]) -> Option<RuleLine> {
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

pub fn build(outcome: Outcome, by: Framework) -> Scorecard {
    let findings = &outcome.findings;
    // Every group of the framework, and whether there is text a rule could check against.
    let listed: Vec<(Group, bool)> = match by {
        Framework::Manual => SECTIONS.iter().map(|s| (Group::from(s), s.has_text())).collect(),
        Framework::Iso20000 => CLAUSES.iter().map(|c| (Group::from(c), true)).collect(),
    };
    let mut groups = Vec::with_capacity(listed.len());
    for (group, has_text) in listed {
        // A heading without text has nothing a rule could check against; a rule citing it
        // is counted under the other sections it cites (a unit test keeps one).
        if !has_text {
            groups.push(GroupLine { group, status: Status::NoText, rules: Vec::new() });
            continue;
        }
        let rules: Vec<RuleLine> = all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| by.counts(m, group.number))
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
        groups.push(GroupLine { group, status, rules });
    }
    let record_format = all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| by.apart(m))
        .filter_map(|m| rule_line(m, &outcome, findings))
        .collect();
    Scorecard { framework: by, groups, record_format, findings: outcome.findings, configuration: Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No rule vanishes from a view: each counts under a group or is shown apart.
    #[test]
    fn every_rule_counts_somewhere_in_both_views() {
        for by in [Framework::Manual, Framework::Iso20000] {
            let numbers: Vec<&str> = match by {
                Framework::Manual => SECTIONS.iter().filter(|s| s.has_text()).map(|s| s.number).collect(),
                Framework::Iso20000 => CLAUSES.iter().map(|c| c.number).collect(),
            };
            for rule in all() {
                let m = rule.meta();
                assert!(by.apart(m) || numbers.iter().any(|n| by.counts(m, n)), "{} not counted in {by:?}", m.id);
            }
        }
    }
}
