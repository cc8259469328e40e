//! Running the registry: effective severities from `[rules]` and the command line, every
//! enabled rule over the loaded records (in parallel; rules are independent), and the
//! findings in a deterministic order.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{Config, ConfigError, RuleLevel};
use crate::load::Repository;
use crate::model::{Finding, Severity};

use super::{Context, Sink, Stage, all, find};

/// The rules to run and the severity each reports with (`None` = off), parallel to `all()`.
#[derive(Clone, Debug)]
pub struct Settings {
    levels: Vec<Option<Severity>>,
}

#[derive(Debug)]
pub enum SettingsError {
    /// A bad `[rules]` entry in itos.toml.
    Config(ConfigError),
    /// A bad `--rule` / `--skip` value.
    Flag(String),
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingsError::Config(e) => e.fmt(f),
            SettingsError::Flag(m) => f.write_str(m),
        }
    }
}

fn unknown_rule(id: &str) -> String {
    let ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
    match crate::model::decode::closest(id, ids.iter().copied()) {
        Some(c) => format!("unknown rule `{id}`; did you mean `{c}`? (`itos rules` lists them)"),
        None => format!("unknown rule `{id}` (`itos rules` lists them)"),
    }
}

/// Why `[rules]` or `--skip` may not switch `id` off or change it (assurance.md).
fn always_on(id: &str) -> String {
    format!(
        "{id} cannot be switched off or changed: it guards the records' integrity (the general rules, \
         GIT-*, CHG-009 and CHG-010 are always on); a finding can only be waived, with the customer's \
         approval for an error"
    )
}

impl Settings {
    /// Defaults, then `[rules]` overrides, then `--rule` (only these, plus the loading rules
    /// GEN-001..003 whose findings mean a record could not be checked at all) and `--skip`.
    pub fn new(config: &Config, only: &[String], skip: &[String]) -> Result<Settings, SettingsError> {
        let mut levels: Vec<Option<Severity>> = all().iter().map(|r| Some(r.meta().severity)).collect();
        for o in &config.rules {
            let Some(pos) = all().iter().position(|r| r.meta().id.eq_ignore_ascii_case(&o.rule)) else {
                return Err(SettingsError::Config(ConfigError::one(
                    config.path.clone().unwrap_or_default(),
                    o.line,
                    o.col,
                    unknown_rule(&o.rule),
                )));
            };
            let meta = all()[pos].meta();
            if !meta.configurable {
                return Err(SettingsError::Config(ConfigError::one(
                    config.path.clone().unwrap_or_default(),
                    o.line,
                    o.col,
                    always_on(meta.id),
                )));
            }
            levels[pos] = match o.level {
                RuleLevel::Off => None,
                RuleLevel::Warning => Some(Severity::Warning),
                RuleLevel::Error => Some(Severity::Error),
            };
        }
        for id in only.iter().chain(skip) {
            if find(id).is_none() {
                return Err(SettingsError::Flag(unknown_rule(id)));
            }
        }
        if !only.is_empty() {
            for (pos, rule) in all().iter().enumerate() {
                let id = rule.meta().id;
                if !rule.meta().shown_with_any_selection() && !only.iter().any(|o| o.eq_ignore_ascii_case(id)) {
                    levels[pos] = None;
                }
            }
        }
        for id in skip {
            if let Some(pos) = all().iter().position(|r| r.meta().id.eq_ignore_ascii_case(id)) {
                if !all()[pos].meta().configurable {
                    return Err(SettingsError::Flag(always_on(all()[pos].meta().id)));
                }
                levels[pos] = None;
            }
        }
        Ok(Settings { levels })
    }

    /// The severity `rule` reports with, or `None` when it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        let pos = all().iter().position(|r| r.meta().id == rule)?;
        self.levels[pos]
    }

    pub fn enabled(&self) -> impl Iterator<Item = (&'static dyn super::Rule, Severity)> + '_ {
        all().iter().zip(&self.levels).filter_map(|(r, l)| l.map(|s| (*r, s)))
    }
}

/// The result of running the rules.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by file, position, rule.
    pub findings: Vec<Finding>,
    /// Subjects each rule evaluated (rules that ran only).
    pub evaluated: Vec<(&'static str, usize)>,
}

/// Every finding for the repository: the loader's, then each enabled rule's, waivers applied,
/// sorted by file, position and rule.
pub fn run(repo: &Repository, settings: &Settings, as_of: Date) -> Outcome {
    let mut findings: Vec<Finding> = repo
        .findings
        .iter()
        .filter_map(|f| {
            let severity = settings.severity(f.rule)?;
            let mut f = f.clone();
            f.severity = severity;
            Some(f)
        })
        .collect();
    let mut cx = Context::new(repo, as_of);
    // The HND rules all report the problems of one exit model: build it once.
    if settings.enabled().any(|(r, _)| crate::exit::RULES.contains(&r.meta().id)) {
        cx.prepare_exits();
    }
    let sinks: Vec<Sink> = settings
        .enabled()
        .filter(|(r, _)| r.meta().stage.checks())
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(rule, severity)| {
            let mut sink = Sink::new(rule.meta().id, severity);
            rule.check(&cx, &mut sink);
            // A field reported unreadable (GEN-003) reads as absent: a rule finding it missing
            // would report the same mistake twice.
            sink.findings.retain(|f| match &f.record {
                Some(r) => !f.about.iter().any(|field| repo.index.value_left_out(r.kind, &r.id, field)),
                None => true,
            });
            sink
        })
        .collect();
    let mut evaluated = Vec::with_capacity(sinks.len() + 5);
    // The loader's rules judge files and records as they are read.
    for (rule, _) in settings.enabled().filter(|(r, _)| r.meta().stage == Stage::Load) {
        let id = rule.meta().id;
        // GEN-003 judges records; the other loader rules judge files.
        let n = if id == crate::load::GEN_003 { repo.records.len() } else { repo.file_count() };
        evaluated.push((id, n));
    }
    for (sink, (rule, _)) in sinks.into_iter().zip(settings.enabled().filter(|(r, _)| r.meta().stage.checks())) {
        evaluated.push((rule.meta().id, sink.evaluated));
        findings.extend(sink.findings);
    }
    // Waivers always apply (a waived finding must never fail a focused `--rule` run); the
    // problems with waivers themselves are reported while GEN-006 is on.
    let mut sink = Sink::new(
        super::general::gen006::GEN_006,
        settings.severity(super::general::gen006::GEN_006).unwrap_or(Severity::Error),
    );
    super::general::gen006::apply(&cx, settings, &mut findings, &mut sink);
    if settings.severity(super::general::gen006::GEN_006).is_some() {
        findings.extend(sink.findings);
        evaluated.push((super::general::gen006::GEN_006, repo.records.waivers.len()));
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    once_per_default(&mut findings, &repo.defaults);
    // The loader capped its own findings per file; the rules' are capped here. Waived
    // findings are neither counted nor left out.
    let loader: Vec<&str> = all().iter().map(|r| r.meta()).filter(|m| m.stage == Stage::Load).map(|m| m.id).collect();
    let counted = |f: &Finding| f.waived_by.is_none() && !loader.contains(&f.rule);
    if crate::model::finding::cap_per_file(&mut findings, Vec::new(), counted) {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    Outcome { findings, evaluated }
}

/// A finding caused by a value a batch item took from `defaults` is reported once, at the
/// `defaults` node, not once per item (records.md, Batches): the first item's finding is
/// kept and says how many items share the value. `findings` are sorted by position, and
/// waivers are already applied.
fn once_per_default(findings: &mut Vec<Finding>, defaults: &[crate::model::Span]) {
    if defaults.is_empty() {
        return;
    }
    let inside =
        |s: crate::model::Span| defaults.iter().any(|d| d.file == s.file && d.start <= s.start && s.end <= d.end);
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut shared: Vec<usize> = Vec::new(); // per kept finding: how many it stands for
    for f in findings.drain(..) {
        if inside(f.span) {
            let same = kept.iter().rposition(|k| k.span != f.span).map_or(0, |p| p + 1);
            // Waived and unwaived findings are merged apart: one item's waiver must not hide
            // the others.
            let waived = f.waived_by.is_some();
            if let Some(pos) =
                (same..kept.len()).find(|&i| kept[i].rule == f.rule && kept[i].waived_by.is_some() == waived)
            {
                shared[pos] += 1;
                continue;
            }
        }
        kept.push(f);
        shared.push(1);
    }
    for (f, n) in kept.iter_mut().zip(shared) {
        if n > 1 {
            f.message.en.push_str(&format!(" (the value comes from `defaults` and applies to {n} items)"));
            f.message.zh.push_str(&format!("（该值取自 `defaults`，适用于 {n} 条记录）"));
        }
    }
    *findings = kept;
}
