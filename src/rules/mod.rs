//! The rule registry. Each rule is a unit struct in its own file (a folder per family) with
//! a [`Meta`] — id, severity, manual section, titles, explanation, examples, parameters —
//! and a `check`. `itos rules`, `itos explain`, docs/rules.md and the examples test are all
//! generated from [`all()`]. Adding a rule: one file in its family's folder and one line in
//! that family's `RULES` (`src/rules/<family>/mod.rs`).

pub mod acc;
pub mod apr;
pub mod aud;
pub mod bak;
pub mod chg;
pub mod con;
pub mod duty;
pub mod emr;
pub mod examples;
pub mod fbk;
pub mod framework;
pub mod general;
pub mod git;
pub mod hnd;
pub mod hr;
pub mod imp;
pub mod inc;
pub mod mtg;
pub mod notes;
pub mod pln;
pub mod prb;
pub mod rpt;
pub mod rsk;
mod run;
pub mod sat;
pub mod sec;
pub mod sections;
pub mod sla;
pub mod sub;
pub mod trn;

use crate::model::{Finding, Kind, Msg, Severity, Sp, Span};
use crate::msg;

/// What a rule's check may look at: the repository as of a day (its own module, below the
/// rules and the reports that share it).
pub use crate::context::Context;

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
    /// Whether `[rules]` may switch it off or change its severity (false: always on).
    pub configurable: bool,
    /// Whether a Waiver may accept its findings (the general rules about reading files and
    /// records may not: a file that cannot be read cannot be waived into compliance).
    pub waivable: bool,
    pub stage: Stage,
}

impl Meta {
    /// Always on: `[rules]` cannot switch it off, `--skip` refuses it.
    pub fn always_on(&self) -> bool {
        !self.configurable
    }

    /// Reads the git history (skipped without git).
    pub fn reads_history(&self) -> bool {
        self.stage == Stage::History
    }

    /// Shown under `--rule ID` whatever is selected: the loader's own always-on rules (a
    /// record that could not be read cannot be checked by the selected rule).
    pub fn shown_with_any_selection(&self) -> bool {
        self.stage == Stage::Load && self.always_on()
    }

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

    /// The dated duties this rule will report once their day has passed (and those it
    /// reports now), computed as `check` computes them; `report due` lists them. Rules
    /// without due dates list none.
    fn duties(&self, _cx: &Context<'_>, _out: &mut Vec<duty::Duty>) {}
}

/// The rule families; each lists its rules in its own `mod.rs` (`RULES`).
const FAMILIES: &[&[&dyn Rule]] = &[
    general::RULES,
    git::RULES,
    acc::RULES,
    apr::RULES,
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
    mtg::RULES,
    pln::RULES,
    prb::RULES,
    rpt::RULES,
    rsk::RULES,
    sat::RULES,
    sec::RULES,
    sla::RULES,
    sub::RULES,
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
            [] => return Err(msg!("no record has the id `{text}`", "没有编号为 `{text}` 的记录")),
            several => {
                let kinds: Vec<&str> = several.iter().map(|k| k.name()).collect();
                let list = kinds.join(", ");
                let list_zh = kinds.join("、");
                return Err(msg!(
                    "`{text}` is an id of several kinds ({list}); write `Kind/{text}`",
                    "`{text}` 同时是多种记录的编号（{list_zh}）；请改为 `类型/{text}`"
                ));
            }
        },
    };
    if cx.index.contains(kind, &id) {
        Ok((kind, id))
    } else {
        let kind_zh = kind.zh();
        Err(msg!("{kind} `{id}` does not exist", "{kind_zh} `{id}` 不存在"))
    }
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

    /// Report `duty` overdue: at its span, about its record, carrying its key and help.
    pub fn overdue(&mut self, duty: &duty::Duty, message: Msg) -> &mut Finding {
        let f = self.report(duty.span, message);
        f.record = Some(duty.record.clone());
        f.duty = Some(duty.key.clone());
        f.help = duty.help.clone();
        f
    }
}

/// Records grouped by their engagement's id (one pass: the rules that judge an engagement's
/// records never scan every record once per engagement). Records of no known engagement are
/// left out.
pub fn by_engagement<'a, T>(
    cx: &Context<'a>,
    records: &'a [T],
    view: impl Fn(&'a T) -> crate::model::RecordView<'a>,
) -> std::collections::HashMap<&'a str, Vec<&'a T>> {
    let mut groups: std::collections::HashMap<&'a str, Vec<&'a T>> = std::collections::HashMap::new();
    for r in records {
        if let Some(e) = cx.engagement_of(view(r)) {
            groups.entry(e.value.as_str()).or_default().push(r);
        }
    }
    groups
}
