//! The rule registry. Each rule is a unit struct in its own file (a folder per family) with
//! a [`Meta`] — id, severity, manual section, titles, explanation, examples, parameters —
//! and a `check`. `itos rules`, `itos explain`, docs/rules.md and the examples test are all
//! generated from [`ALL`]. Adding a rule: one file, one line in `ALL`.

pub mod examples;
pub mod general;
mod run;

use jiff::civil::Date;

use crate::config::Policy;
use crate::load::{Index, Repository};
use crate::model::kinds::{RecordView, Records};
use crate::model::{Finding, Msg, Severity, Sp, Span};

pub use run::{Settings, SettingsError, run};

/// When a rule's findings are produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// By the loader while reading files (GEN-001/002/003/008): `check` has nothing to add.
    Load,
    /// By `check`, over the loaded records.
    Records,
    /// After all other rules: waivers (GEN-006) accept findings.
    Waivers,
}

/// Everything known about a rule besides its check.
#[derive(Debug)]
pub struct Meta {
    pub id: &'static str,
    pub severity: Severity,
    /// Manual section(s) cited, e.g. "§6.1".
    pub section: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
    pub explanation_en: &'static str,
    pub explanation_zh: &'static str,
    /// Records on which the rule fires (YAML, `---`-separated documents).
    pub failing: &'static str,
    /// The same situation, compliant.
    pub passing: &'static str,
    /// Policy parameters read (`[policy]` in itos.toml).
    pub params: &'static [&'static str],
    /// Whether `[rules]` may switch it off or change its severity.
    pub configurable: bool,
    pub stage: Stage,
}

impl Meta {
    pub fn title(&self, lang: crate::model::Lang) -> &'static str {
        match lang {
            crate::model::Lang::En => self.title_en,
            crate::model::Lang::ZhCn => self.title_zh,
        }
    }

    pub fn explanation(&self, lang: crate::model::Lang) -> &'static str {
        match lang {
            crate::model::Lang::En => self.explanation_en,
            crate::model::Lang::ZhCn => self.explanation_zh,
        }
    }

    /// The family prefix, `CHG` for `CHG-002`.
    pub fn family(&self) -> &'static str {
        self.id.split('-').next().unwrap_or(self.id)
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, cx: &Context<'_>, out: &mut Sink);
}

/// Every rule, ordered by id.
pub const ALL: &[&dyn Rule] = &[
    &general::gen001::Gen001,
    &general::gen002::Gen002,
    &general::gen003::Gen003,
    &general::gen004::Gen004,
    &general::gen005::Gen005,
    &general::gen006::Gen006,
    &general::gen007::Gen007,
    &general::gen008::Gen008,
];

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id.eq_ignore_ascii_case(id))
}

/// What a rule's check may look at.
pub struct Context<'a> {
    pub repo: &'a Repository,
    pub records: &'a Records,
    pub index: &'a Index,
    pub policy: &'a Policy,
    /// End of this day in the engagement's time zone is "now" for time-dependent duties.
    pub as_of: Date,
}

impl<'a> Context<'a> {
    pub fn new(repo: &'a Repository, as_of: Date) -> Self {
        Context { repo, records: &repo.records, index: &repo.index, policy: &repo.config.policy, as_of }
    }

    /// The source text a span covers (values quoted in messages exactly as written).
    pub fn text(&self, span: Span) -> &'a str {
        self.repo.sources.get(span.file).map_or("", |f| f.slice(span))
    }

    pub fn engagement_of(&self, record: RecordView<'a>) -> Option<&'a Sp<String>> {
        crate::load::index::engagement_of(self.records, self.index, record)
    }

    pub fn engagement(&self, id: &str) -> Option<&'a crate::model::kinds::Engagement> {
        let pos = self.index.position(crate::model::Kind::Engagement, id)?;
        self.records.engagements.get(pos)
    }
}

/// Collects one rule's findings with the rule's effective severity.
pub struct Sink {
    rule: &'static str,
    severity: Severity,
    pub findings: Vec<Finding>,
}

impl Sink {
    pub fn new(rule: &'static str, severity: Severity) -> Self {
        Sink { rule, severity, findings: Vec::new() }
    }

    /// Report a finding at `span`; the returned reference adds help, labels and the record.
    pub fn report(&mut self, span: Span, message: Msg) -> &mut Finding {
        self.findings.push(Finding::new(self.rule, self.severity, span, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}
