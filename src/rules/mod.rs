//! The rule registry. Each rule is a unit struct in its own file (a folder per family) with
//! a [`Meta`] — id, severity, manual section, titles, explanation, examples, parameters —
//! and a `check`. `itos rules`, `itos explain`, docs/rules.md and the examples test are all
//! generated from [`all()`]. Adding a rule: one file in its family's folder and one line in
//! that family's `RULES` (`src/rules/<family>/mod.rs`).

pub mod acc;
pub mod aud;
pub mod bak;
pub mod chg;
pub mod con;
pub mod duty;
pub mod emr;
pub mod examples;
pub mod fbk;
pub mod general;
pub mod git;
pub mod hnd;
pub mod hr;
pub mod imp;
pub mod inc;
pub mod notes;
pub mod prb;
pub mod rpt;
mod run;
pub mod sat;
pub mod sec;
pub mod sections;
pub mod sla;
pub mod trn;

use jiff::civil::Date;

use std::collections::HashMap;

use crate::calendar::{Calendars, WorkCalendar};
use crate::config::Policy;
use crate::load::{Index, Repository};
use crate::model::kinds::{Engagement, Person, RecordView, Records, Sla};
use crate::model::{Finding, Kind, Msg, Severity, Sp, Span};
use crate::msg;

pub use run::{Outcome, Settings, SettingsError, run};

/// When a rule's findings are produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// By the loader while reading files (GEN-001/002/003/008): `check` has nothing to add.
    Load,
    /// By `check`, over the loaded records.
    Records,
    /// After all other rules: waivers (GEN-006) accept findings.
    Waivers,
    /// By `check`, over the git history read by `Repository::attach_history` (skipped
    /// without git); their examples are sequences of commits.
    History,
}

impl Stage {
    /// Rules whose `check` produces their findings.
    pub fn checks(self) -> bool {
        matches!(self, Stage::Records | Stage::History)
    }
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

/// The rule families; each lists its rules in its own `mod.rs` (`RULES`).
const FAMILIES: &[&[&dyn Rule]] = &[
    general::RULES,
    git::RULES,
    acc::RULES,
    aud::RULES,
    bak::RULES,
    chg::RULES,
    con::RULES,
    emr::RULES,
    fbk::RULES,
    hnd::RULES,
    hr::RULES,
    imp::RULES,
    inc::RULES,
    prb::RULES,
    rpt::RULES,
    sat::RULES,
    sec::RULES,
    sla::RULES,
    trn::RULES,
];

/// Every rule, ordered by id.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut rules: Vec<&'static dyn Rule> = FAMILIES.iter().flat_map(|f| f.iter().copied()).collect();
        rules.sort_by_key(|r| r.meta().id);
        rules
    });
    &ALL
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id.eq_ignore_ascii_case(id))
}

/// What a rule's check may look at.
pub struct Context<'a> {
    pub repo: &'a Repository,
    pub records: &'a Records,
    pub index: &'a Index,
    pub policy: &'a Policy,
    pub calendars: &'a Calendars,
    /// End of this day in the engagement's time zone is "now" for time-dependent duties.
    pub as_of: Date,
    /// The end of the as-of day in each engagement's zone, by engagement id, and in the
    /// default zone for records of no known engagement: evidence at or after it is ignored.
    known_before: HashMap<String, jiff::Timestamp>,
    known_before_default: jiff::Timestamp,
    /// (engagement id, service) → Sla, for the lookups of incident rules.
    slas: HashMap<(&'a str, &'a str), &'a Sla>,
}

impl<'a> Context<'a> {
    pub fn new(repo: &'a Repository, as_of: Date) -> Self {
        let mut cx = Context {
            repo,
            records: &repo.records,
            index: &repo.index,
            policy: &repo.config.policy,
            calendars: &repo.calendars,
            as_of,
            known_before: HashMap::new(),
            known_before_default: jiff::Timestamp::MAX,
            slas: HashMap::new(),
        };
        cx.known_before_default = cx.as_of_end(&crate::model::scalar::default_tz());
        cx.known_before =
            repo.records.engagements.iter().map(|e| (e.id.value.clone(), cx.as_of_end(&e.tz()))).collect();
        let mut slas = HashMap::new();
        for sla in &repo.records.slas {
            if let Some(e) = cx.engagement_of(RecordView::Sla(sla)) {
                slas.entry((e.value.as_str(), sla.service.value.as_str())).or_insert(sla);
            }
        }
        cx.slas = slas;
        cx
    }

    /// The source text a span covers (values quoted in messages exactly as written).
    pub fn text(&self, span: Span) -> &'a str {
        self.repo.sources.get(span.file).map_or("", |f| f.slice(span))
    }

    /// The engagement id a record belongs to (its own, its parent's, or the only one).
    pub fn engagement_of(&self, record: RecordView<'a>) -> Option<&'a Sp<String>> {
        crate::load::index::engagement_of(self.records, self.index, record)
    }

    pub fn engagement(&self, id: &str) -> Option<&'a Engagement> {
        let pos = self.index.position(Kind::Engagement, id)?;
        self.records.engagements.get(pos)
    }

    /// The Engagement record a record belongs to.
    pub fn engagement_for(&self, record: RecordView<'a>) -> Option<&'a Engagement> {
        self.engagement_of(record).and_then(|e| self.engagement(e))
    }

    /// The Sla of `service` in engagement `engagement`.
    pub fn sla(&self, engagement: &str, service: &str) -> Option<&'a Sla> {
        self.slas.get(&(engagement, service)).copied()
    }

    pub fn person(&self, id: &str) -> Option<&'a Person> {
        let pos = self.index.position(Kind::Person, id)?;
        self.records.people.get(pos)
    }

    /// A calendar by id (unknown ids fall back to `cn-workdays`; GEN-005 reports them).
    pub fn calendar(&self, id: &str) -> &'a WorkCalendar {
        self.calendars.get_or_default(id)
    }

    /// The calendar that counts an engagement's working days (`calendar`, default cn-workdays).
    pub fn working_days(&self, engagement: Option<&Engagement>) -> &'a WorkCalendar {
        let id =
            engagement.and_then(|e| e.calendar.as_ref()).map_or(crate::calendar::CN_WORKDAYS, |c| c.value.as_str());
        self.calendar(id)
    }

    /// Whether a person works on the engagement at the as-of date (joined, not yet left).
    pub fn is_active(&self, person: &Person) -> bool {
        person.joined.value <= self.as_of && person.left.as_ref().is_none_or(|l| l.value > self.as_of)
    }

    /// The end of the as-of day in the zone of `record`'s engagement.
    fn known_before(&self, record: RecordView<'_>) -> jiff::Timestamp {
        self.engagement_of(record)
            .and_then(|e| self.known_before.get(e.value.as_str()))
            .copied()
            .unwrap_or(self.known_before_default)
    }

    /// Whether a timestamp of `record` had happened by the end of the as-of day in its
    /// engagement's zone. Evidence dated after as-of is ignored (rules.md), so a re-run for a
    /// past day judges what was known then.
    pub fn known(&self, record: RecordView<'_>, ts: &crate::model::scalar::Ts) -> bool {
        ts.instant < self.known_before(record)
    }

    /// A ticket's final resolution as known at as-of.
    pub fn resolved<'x>(
        &self,
        incident: &'x crate::model::kinds::incident::Incident,
    ) -> Option<&'x crate::model::Sp<crate::model::scalar::Ts>> {
        incident.resolved_before(self.known_before(RecordView::Incident(incident)))
    }

    /// Whether a date had come by the as-of day.
    pub fn known_date(&self, date: Date) -> bool {
        date <= self.as_of
    }

    /// The end of the as-of day in `tz`: instants at or after it have not happened yet.
    pub fn as_of_end(&self, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        let next = crate::calendar::dates::add_days(self.as_of, 1);
        crate::model::scalar::civil_in(tz, next.to_datetime(jiff::civil::Time::midnight()))
            .unwrap_or(jiff::Timestamp::MAX)
    }
}

/// Whether a rule needs the git history read: the history rules only (no periodic duty
/// reads a commit date; decision 8).
pub fn reads_history(meta: &Meta) -> bool {
    meta.stage == Stage::History
}

/// Resolve a `Kind/id` reference, or a bare id that only one kind uses (records.md,
/// References: waiver targets and improvement sources). Says why when it cannot.
pub fn resolve_kind_id(cx: &Context<'_>, text: &str) -> Result<(Kind, String), Msg> {
    let text = text.trim();
    let (kind, id) = match text.split_once('/') {
        Some((kind_name, id)) => {
            let Some(kind) = Kind::parse(kind_name) else {
                let hint = crate::model::decode::closest(kind_name, Kind::ALL.iter().map(|k| k.name()))
                    .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                return Err(msg!("`{kind_name}` is not a record kind{hint}", "`{kind_name}` 不是记录类型{hint}"));
            };
            (kind, id.trim().to_owned())
        }
        None => match cx.index.kinds_with(text).as_slice() {
            [kind] => (*kind, text.to_owned()),
            [] => return Err(msg!("no record has the id `{text}`", "没有 id 为 `{text}` 的记录")),
            several => {
                let kinds: Vec<&str> = several.iter().map(|k| k.name()).collect();
                let list = kinds.join(", ");
                return Err(msg!(
                    "`{text}` is an id of several kinds ({list}); write `Kind/{text}`",
                    "`{text}` 同时是多种记录的 id({list});请写作 `类型/{text}`"
                ));
            }
        },
    };
    if cx.index.contains(kind, &id) {
        Ok((kind, id))
    } else {
        Err(msg!("{kind} `{id}` does not exist", "{kind} `{id}` 不存在"))
    }
}

/// The names of the fields that are not `present`, joined for a message (`None`: all present).
pub fn missing(fields: &[(&str, bool)]) -> Option<String> {
    let names: Vec<&str> = fields.iter().filter(|(_, present)| !present).map(|(n, _)| *n).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// A text field that says something.
pub fn has_text(field: &Option<Sp<String>>) -> bool {
    field.as_ref().is_some_and(|t| !t.value.trim().is_empty())
}

/// Collects one rule's findings with the rule's effective severity, and how many subjects
/// (records, or engagements for engagement-wide duties) it evaluated, for `report gaps`.
pub struct Sink {
    rule: &'static str,
    severity: Severity,
    pub findings: Vec<Finding>,
    pub evaluated: usize,
}

impl Sink {
    pub fn new(rule: &'static str, severity: Severity) -> Self {
        Sink { rule, severity, findings: Vec::new(), evaluated: 0 }
    }

    /// Count one evaluated subject (call once per record or engagement the rule judged).
    pub fn checked(&mut self) {
        self.evaluated += 1;
    }

    /// Report a finding at `span`; the returned reference adds help, labels and the record.
    pub fn report(&mut self, span: Span, message: Msg) -> &mut Finding {
        self.findings.push(Finding::new(self.rule, self.severity, span, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}
