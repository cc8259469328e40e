//! `itos.toml`: read strictly (unknown keys are errors with line and column), every policy
//! parameter of rules.md with its default, the loader's limits, and rule severity overrides.
//!
//! Two layers, as cargo-deny does: the file as written (`RawConfig`, `RawPolicy`: every value
//! that can be wrong is a `toml::Spanned`), then the checked, typed [`Config`] and [`Policy`]
//! the rest of itos reads. Checking collects every problem at its own line and column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::kinds::change::{ApprovalRole, ChangeClass, RiskLevel};

pub const CONFIG_FILE: &str = "itos.toml";

/// The problems with `itos.toml` (exit code 2), each located in the file: a syntax error or
/// an unknown key stops reading at once; problems with values are all collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// In file order; never empty.
    pub problems: Vec<ConfigProblem>,
}

/// One problem at its own line and column (1-based, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl ConfigError {
    /// A single problem.
    pub fn one(path: PathBuf, line: usize, col: usize, message: String) -> ConfigError {
        ConfigError { path, problems: vec![ConfigProblem { line, col, message }] }
    }

    /// Each problem as `path:line:col: message`, in file order.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().map(|p| format!("{}:{}:{}: {}", self.path.display(), p.line, p.col, p.message))
    }
}

/// One problem a line.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Severity override for one rule in `[rules]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Warning,
    Error,
}

/// An override as written, with its position for error messages.
#[derive(Clone, Debug)]
pub struct RuleOverride {
    pub rule: String,
    pub level: RuleLevel,
    pub line: usize,
    pub col: usize,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from (for messages); `None` when defaults are used.
    pub path: Option<PathBuf>,
    pub format: u32,
    pub default_engagement: Option<String>,
    pub lang: Option<String>,
    /// The day duties are judged at when `--as-of` is not given (a repository kept as a
    /// snapshot, such as an example or an archived engagement); otherwise today.
    pub as_of: Option<jiff::civil::Date>,
    pub exclude: Vec<String>,
    /// Where each `exclude` glob is written in [`Config::text`] (byte range), for GEN-009.
    pub exclude_spans: Vec<std::ops::Range<usize>>,
    /// The file's text as read (empty for the defaults): located findings about the
    /// configuration point into it, and reports disclose its SHA-256.
    pub text: std::sync::Arc<str>,
    pub policy: Policy,
    pub limits: Limits,
    pub rules: Vec<RuleOverride>,
    pub report: ReportSettings,
    /// `[trust]`; `None` when the file has none (customer approvals are then not authenticated).
    pub trust: Option<Trust>,
}

/// `[report]`: what the service report (`report monthly`) prints on its cover.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSettings {
    /// Who prepares the report (编制人); a blank line to fill in when absent.
    pub prepared_by: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            format: 1,
            default_engagement: None,
            lang: None,
            as_of: None,
            exclude: Vec::new(),
            exclude_spans: Vec::new(),
            text: std::sync::Arc::from(""),
            policy: Policy::default(),
            limits: Limits::default(),
            rules: Vec::new(),
            report: ReportSettings::default(),
            trust: None,
        }
    }
}

/// The policy parameters of rules.md, checked and typed, with their defaults. Read from
/// `RawPolicy` by [`Config::parse`]; serialized with the names and values as written in
/// itos.toml (the docs and `itos init` print the defaults from it).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Policy {
    pub retention_years: u32,
    pub termination_notice_days: u32,
    pub audit_interval_months: u32,
    pub restore_test_interval_days: u32,
    pub full_restore_interval_months: u32,
    pub access_review_interval_months: u32,
    pub privileged_review_interval_months: u32,
    pub exception_action_days: u32,
    pub security_training_interval_months: u32,
    pub onboarding_training_grace_days: u32,
    pub drill_interval_months: u32,
    pub plan_review_interval_months: u32,
    pub survey_interval_months: u32,
    pub major_review_workdays: u32,
    pub major_report_minutes: u32,
    /// Positive and finite.
    pub stale_ticket_factor: f64,
    pub access_revocation_days: u32,
    pub urgent_feedback_days: u32,
    pub contract_expiry_warning_days: u32,
    pub service_report_workdays: u32,
    pub emergency_approval_workdays: u32,
    pub handover_grace_days: u32,
    pub plan_grace_days: u32,
    pub risk_assessment_interval_months: u32,
    pub service_review_interval_months: u32,
    pub appraisal_interval_months: u32,
    pub report_confirmation_days: u32,
    // HR-001 (revision 2): roles whose holders need a valid qualification, and whether a
    // background check is required by joining (banks and insurers set it).
    /// Person roles (as written in `role`) that require a valid qualification.
    pub certified_roles: Vec<String>,
    pub background_check_required: bool,
    /// Data classification levels, lowest first: names of the organisation's own choosing
    /// (so kept as text), at least one, none twice.
    pub classification_levels: Vec<String>,
    /// One of `classification_levels`.
    pub encryption_required_from: String,
    #[serde(serialize_with = "names")]
    pub customer_approval_classes: Vec<ChangeClass>,
    /// The roles each change class needs; a class not listed needs none.
    #[serde(serialize_with = "approval_matrix_by_name")]
    pub approval_matrix: BTreeMap<ChangeClass, Vec<ApprovalRole>>,
    /// The roles each risk level needs, on top of the class's (CHG-002); a level not listed
    /// needs none.
    #[serde(serialize_with = "risk_approval_matrix_by_name")]
    pub risk_approval_matrix: BTreeMap<RiskLevel, Vec<ApprovalRole>>,
    /// The highest risk level a `standard` change may have (CHG-013).
    #[serde(serialize_with = "level_name")]
    pub standard_change_max_risk: RiskLevel,
    /// The engagement's standard-change catalogue; empty: no catalogue (CHG-013).
    pub standard_change_catalogue: Vec<String>,
    /// Change classes whose implemented changes need a post-implementation review (CHG-012).
    #[serde(serialize_with = "names")]
    pub review_required_classes: Vec<ChangeClass>,
    /// Risk level by likelihood (rows, 1–5) and impact (columns, 1–5).
    #[serde(serialize_with = "risk_matrix_names")]
    pub risk_matrix: [[RiskLevel; 5]; 5],
    /// How SLA clocks follow a ticket's re-prioritisation (sla.md, "Priority changes").
    pub priority_change: PriorityChange,
}

/// How a running SLA clock follows a priority change (sla.md, "Priority changes").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PriorityChange {
    /// Judged from its start against the new priority, as if the ticket always had it.
    #[default]
    Final,
    /// As `final`, against the strictest priority held while the clock ran.
    Highest,
    /// Starts again at the change with the new priority's target.
    Restart,
}

impl PriorityChange {
    pub const NAMES: &'static [&'static str] = &["final", "highest", "restart"];

    pub fn parse(name: &str) -> Option<PriorityChange> {
        match name {
            "final" => Some(PriorityChange::Final),
            "highest" => Some(PriorityChange::Highest),
            "restart" => Some(PriorityChange::Restart),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PriorityChange::Final => "final",
            PriorityChange::Highest => "highest",
            PriorityChange::Restart => "restart",
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        use ApprovalRole::{DepartmentHead, ItsmCommittee, SeniorManagement};
        use RiskLevel::{Critical as C, High as H, Low as L, Medium as M};
        let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Policy {
            retention_years: 5,
            termination_notice_days: 30,
            audit_interval_months: 12,
            restore_test_interval_days: 90,
            full_restore_interval_months: 12,
            access_review_interval_months: 6,
            privileged_review_interval_months: 3,
            exception_action_days: 30,
            security_training_interval_months: 12,
            onboarding_training_grace_days: 0,
            drill_interval_months: 12,
            plan_review_interval_months: 12,
            survey_interval_months: 6,
            major_review_workdays: 5,
            major_report_minutes: 30,
            stale_ticket_factor: 3.0,
            access_revocation_days: 1,
            urgent_feedback_days: 3,
            contract_expiry_warning_days: 90,
            service_report_workdays: 5,
            emergency_approval_workdays: 2,
            handover_grace_days: 30,
            plan_grace_days: 30,
            risk_assessment_interval_months: 12,
            service_review_interval_months: 1,
            appraisal_interval_months: 12,
            report_confirmation_days: 10,
            certified_roles: Vec::new(),
            background_check_required: false,
            classification_levels: strings(&["public", "internal", "sensitive", "core"]),
            encryption_required_from: "sensitive".into(),
            customer_approval_classes: vec![ChangeClass::Major, ChangeClass::Critical],
            approval_matrix: BTreeMap::from([
                (ChangeClass::Standard, vec![]),
                (ChangeClass::Normal, vec![DepartmentHead]),
                (ChangeClass::Major, vec![ItsmCommittee]),
                (ChangeClass::Critical, vec![SeniorManagement]),
            ]),
            risk_approval_matrix: BTreeMap::from([
                (L, vec![]),
                (M, vec![DepartmentHead]),
                (H, vec![ItsmCommittee]),
                (C, vec![SeniorManagement]),
            ]),
            standard_change_max_risk: L,
            standard_change_catalogue: Vec::new(),
            review_required_classes: vec![ChangeClass::Normal, ChangeClass::Major, ChangeClass::Critical],
            risk_matrix: [[L, L, L, M, M], [L, L, M, M, H], [L, M, M, H, H], [M, M, H, H, C], [M, H, H, C, C]],
            priority_change: PriorityChange::Final,
        }
    }
}

impl Policy {
    /// Rank of a classification level (0 = lowest), if it is one of the policy's levels.
    pub fn classification_rank(&self, level: &str) -> Option<usize> {
        self.classification_levels.iter().position(|l| l == level)
    }

    /// Whether data at `level` must be encrypted (`encryption_required_from` or higher).
    pub fn requires_encryption(&self, level: &str) -> bool {
        match (self.classification_rank(level), self.classification_rank(&self.encryption_required_from)) {
            (Some(l), Some(min)) => l >= min,
            _ => false,
        }
    }

    /// The risk level at `likelihood` and `impact` (each 1–5), `None` outside the matrix.
    pub fn risk_level(&self, likelihood: u8, impact: u8) -> Option<RiskLevel> {
        let row = self.risk_matrix.get(usize::from(likelihood).checked_sub(1)?)?;
        row.get(usize::from(impact).checked_sub(1)?).copied()
    }

    pub fn required_roles(&self, class: ChangeClass) -> Vec<ApprovalRole> {
        self.approval_matrix.get(&class).cloned().unwrap_or_default()
    }

    pub fn needs_customer_approval(&self, class: ChangeClass) -> bool {
        self.customer_approval_classes.contains(&class)
    }

    /// The roles a risk level needs on top of the class's (CHG-002).
    pub fn risk_roles(&self, level: RiskLevel) -> Vec<ApprovalRole> {
        self.risk_approval_matrix.get(&level).cloned().unwrap_or_default()
    }
}

/// Serialize enumeration values by name.
fn names<S: serde::Serializer>(values: &[ChangeClass], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(|v| v.as_str()))
}

/// The approval matrix as written in itos.toml: classes by name, in the order of their names.
fn approval_matrix_by_name<S: serde::Serializer>(
    matrix: &BTreeMap<ChangeClass, Vec<ApprovalRole>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let by_name: BTreeMap<&str, Vec<&str>> =
        matrix.iter().map(|(class, roles)| (class.as_str(), roles.iter().map(|r| r.as_str()).collect())).collect();
    serde::Serialize::serialize(&by_name, s)
}

/// The risk approval matrix as written in itos.toml: levels by name.
fn risk_approval_matrix_by_name<S: serde::Serializer>(
    matrix: &BTreeMap<RiskLevel, Vec<ApprovalRole>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let by_name: BTreeMap<&str, Vec<&str>> =
        matrix.iter().map(|(level, roles)| (level.as_str(), roles.iter().map(|r| r.as_str()).collect())).collect();
    serde::Serialize::serialize(&by_name, s)
}

fn level_name<S: serde::Serializer>(level: &RiskLevel, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level.as_str())
}

fn risk_matrix_names<S: serde::Serializer>(matrix: &[[RiskLevel; 5]; 5], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(matrix.iter().map(|row| row.iter().map(|l| l.as_str()).collect::<Vec<_>>()))
}

/// Loader limits (`[limits]`): exceeding one is a GEN-001 finding for that file.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    pub max_file_bytes: u64,
    /// Nesting depth of mappings and lists.
    pub max_depth: u32,
    /// Nodes that aliases (`*name`) may copy in one file (stops "billion laughs").
    pub max_alias_expansions: u64,
    pub max_documents_per_file: u64,
    pub max_items_per_batch: u64,
    /// YAML nodes in one file (the parser's node budget).
    pub max_nodes_per_file: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_depth: 64,
            max_alias_expansions: 100_000,
            max_documents_per_file: 10_000,
            max_items_per_batch: 100_000,
            max_nodes_per_file: 10_000_000,
        }
    }
}

/// `itos.toml` as written: every value that can be wrong keeps its position.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    format: Option<Spanned<u32>>,
    default_engagement: Option<String>,
    lang: Option<Spanned<String>>,
    as_of: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    policy: RawPolicy,
    #[serde(default)]
    limits: Limits,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    report: ReportSettings,
    trust: Option<RawTrust>,
}

/// `[trust]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrust {
    #[serde(default)]
    customer_signers: Vec<Spanned<String>>,
}

/// `[trust]` (assurance.md): the SSH keys whose signed commits alone may introduce the
/// customer's decisions (GIT-005).
#[derive(Clone, Debug, Default)]
pub struct Trust {
    pub customer_signers: Vec<Signer>,
}

/// A trusted key as written (`ssh-ed25519 AAAA… name`) and parsed.
#[derive(Clone, Debug)]
pub struct Signer {
    pub text: String,
    pub key: ssh_key::PublicKey,
}

/// `[policy]` as written: a parameter left out takes its default (a table such as
/// `[policy.approval_matrix]` given replaces the default whole). Checked into a [`Policy`]
/// by [`RawPolicy::check`].
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    retention_years: Option<u32>,
    termination_notice_days: Option<u32>,
    audit_interval_months: Option<u32>,
    restore_test_interval_days: Option<u32>,
    full_restore_interval_months: Option<u32>,
    access_review_interval_months: Option<u32>,
    privileged_review_interval_months: Option<u32>,
    exception_action_days: Option<u32>,
    security_training_interval_months: Option<u32>,
    onboarding_training_grace_days: Option<u32>,
    drill_interval_months: Option<u32>,
    plan_review_interval_months: Option<u32>,
    survey_interval_months: Option<u32>,
    major_review_workdays: Option<u32>,
    major_report_minutes: Option<u32>,
    stale_ticket_factor: Option<Spanned<f64>>,
    access_revocation_days: Option<u32>,
    urgent_feedback_days: Option<u32>,
    contract_expiry_warning_days: Option<u32>,
    service_report_workdays: Option<u32>,
    emergency_approval_workdays: Option<u32>,
    handover_grace_days: Option<u32>,
    plan_grace_days: Option<u32>,
    risk_assessment_interval_months: Option<u32>,
    service_review_interval_months: Option<u32>,
    appraisal_interval_months: Option<u32>,
    report_confirmation_days: Option<u32>,
    certified_roles: Option<Vec<String>>,
    background_check_required: Option<bool>,
    classification_levels: Option<Spanned<Vec<Spanned<String>>>>,
    encryption_required_from: Option<Spanned<String>>,
    customer_approval_classes: Option<Vec<Spanned<String>>>,
    approval_matrix: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    risk_approval_matrix: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    standard_change_max_risk: Option<Spanned<String>>,
    standard_change_catalogue: Option<Vec<Spanned<String>>>,
    review_required_classes: Option<Vec<Spanned<String>>>,
    risk_matrix: Option<RawRiskMatrix>,
    priority_change: Option<Spanned<String>>,
}

/// `risk_matrix` as written: rows of names, each with its position.
type RawRiskMatrix = Spanned<Vec<Spanned<Vec<Spanned<String>>>>>;

/// Problems found so far, by byte offset.
#[derive(Default)]
struct Problems(Vec<(usize, String)>);

impl Problems {
    fn at<T>(&mut self, value: &Spanned<T>, message: String) {
        self.0.push((value.span().start, message));
    }
}

/// `` `value` is not WHAT (names…)``, with the closest name when there is one.
fn not_one_of(value: &str, what: &str, names: &[&str]) -> String {
    let hint = match crate::model::decode::closest(value, names.iter().copied()) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    };
    format!("`{value}` is not {what} ({}){hint}", names.join(", "))
}

/// One name of an enumeration, or a problem at it.
fn parse_name<T>(
    value: &Spanned<String>,
    param: &str,
    what: &str,
    names: &[&str],
    parse: fn(&str) -> Option<T>,
    problems: &mut Problems,
) -> Option<T> {
    let parsed = parse(value.get_ref());
    if parsed.is_none() {
        problems.at(value, format!("policy.{param}: {}", not_one_of(value.get_ref(), what, names)));
    }
    parsed
}

impl RawPolicy {
    /// The typed policy, every problem recorded with its own position.
    fn check(self, problems: &mut Problems) -> Policy {
        let d = Policy::default();

        let stale_ticket_factor = match self.stale_ticket_factor {
            Some(f) => {
                let v = *f.get_ref();
                if !(v.is_finite() && v > 0.0) {
                    problems.at(&f, format!("policy.stale_ticket_factor must be a positive number, not {v}"));
                }
                v
            }
            None => d.stale_ticket_factor,
        };

        let levels_span = self.classification_levels.as_ref().map(|l| l.span().start);
        let classification_levels: Vec<String> = match self.classification_levels {
            Some(levels) => {
                if levels.get_ref().is_empty() {
                    problems.at(&levels, "policy.classification_levels must name at least one level".into());
                }
                let mut seen: Vec<String> = Vec::new();
                for level in levels.into_inner() {
                    if seen.contains(level.get_ref()) {
                        problems
                            .at(&level, format!("policy.classification_levels: `{}` is listed twice", level.get_ref()));
                    } else {
                        seen.push(level.into_inner());
                    }
                }
                seen
            }
            None => d.classification_levels,
        };
        let encryption_required_from = match self.encryption_required_from {
            Some(from) => {
                if !classification_levels.is_empty() && !classification_levels.contains(from.get_ref()) {
                    problems.at(&from, encryption_problem(from.get_ref(), &classification_levels));
                }
                from.into_inner()
            }
            None => {
                if !classification_levels.is_empty() && !classification_levels.contains(&d.encryption_required_from) {
                    // The default level is not on the scale written: point at the scale.
                    let message = encryption_problem(&d.encryption_required_from, &classification_levels);
                    problems.0.push((levels_span.unwrap_or(0), message));
                }
                d.encryption_required_from
            }
        };

        let customer_approval_classes = match self.customer_approval_classes {
            Some(classes) => classes
                .iter()
                .filter_map(|c| {
                    let names = ChangeClass::NAMES;
                    parse_name(c, "customer_approval_classes", "a change class", names, ChangeClass::parse, problems)
                })
                .collect(),
            None => d.customer_approval_classes,
        };

        let approval_matrix = match self.approval_matrix {
            Some(matrix) => {
                let mut typed = BTreeMap::new();
                for (class_name, roles) in &matrix {
                    let class = parse_name(
                        class_name,
                        "approval_matrix",
                        "a change class",
                        ChangeClass::NAMES,
                        ChangeClass::parse,
                        problems,
                    );
                    let param = format!("approval_matrix.{}", class_name.get_ref());
                    let roles: Vec<ApprovalRole> = roles
                        .iter()
                        .filter_map(|r| {
                            parse_name(
                                r,
                                &param,
                                "an approval role",
                                ApprovalRole::NAMES,
                                ApprovalRole::parse,
                                problems,
                            )
                        })
                        .collect();
                    if let Some(class) = class {
                        typed.insert(class, roles);
                    }
                }
                typed
            }
            None => d.approval_matrix,
        };

        let risk_approval_matrix = match self.risk_approval_matrix {
            Some(matrix) => {
                let mut typed = BTreeMap::new();
                for (level_name, roles) in &matrix {
                    let names = RiskLevel::NAMES;
                    let level = parse_name(
                        level_name,
                        "risk_approval_matrix",
                        "a risk level",
                        names,
                        RiskLevel::parse,
                        problems,
                    );
                    let param = format!("risk_approval_matrix.{}", level_name.get_ref());
                    let roles: Vec<ApprovalRole> = roles
                        .iter()
                        .filter_map(|r| {
                            let names = ApprovalRole::NAMES;
                            parse_name(r, &param, "an approval role", names, ApprovalRole::parse, problems)
                        })
                        .collect();
                    if let Some(level) = level {
                        typed.insert(level, roles);
                    }
                }
                typed
            }
            None => d.risk_approval_matrix,
        };
        let standard_change_max_risk = match &self.standard_change_max_risk {
            Some(l) => {
                let names = RiskLevel::NAMES;
                parse_name(l, "standard_change_max_risk", "a risk level", names, RiskLevel::parse, problems)
                    .unwrap_or(d.standard_change_max_risk)
            }
            None => d.standard_change_max_risk,
        };
        let standard_change_catalogue = match self.standard_change_catalogue {
            Some(entries) => {
                let mut seen: Vec<String> = Vec::new();
                for entry in entries {
                    if seen.contains(entry.get_ref()) {
                        let message =
                            format!("policy.standard_change_catalogue: `{}` is listed twice", entry.get_ref());
                        problems.at(&entry, message);
                    } else {
                        seen.push(entry.into_inner());
                    }
                }
                seen
            }
            None => d.standard_change_catalogue,
        };
        let review_required_classes = match self.review_required_classes {
            Some(classes) => classes
                .iter()
                .filter_map(|c| {
                    let names = ChangeClass::NAMES;
                    parse_name(c, "review_required_classes", "a change class", names, ChangeClass::parse, problems)
                })
                .collect(),
            None => d.review_required_classes,
        };

        let risk_matrix = match self.risk_matrix {
            Some(rows) => check_risk_matrix(&rows, problems).unwrap_or(d.risk_matrix),
            None => d.risk_matrix,
        };

        let priority_change = match &self.priority_change {
            Some(p) => {
                let names = PriorityChange::NAMES;
                parse_name(p, "priority_change", "a priority-change policy", names, PriorityChange::parse, problems)
                    .unwrap_or_default()
            }
            None => d.priority_change,
        };

        Policy {
            retention_years: self.retention_years.unwrap_or(d.retention_years),
            termination_notice_days: self.termination_notice_days.unwrap_or(d.termination_notice_days),
            audit_interval_months: self.audit_interval_months.unwrap_or(d.audit_interval_months),
            restore_test_interval_days: self.restore_test_interval_days.unwrap_or(d.restore_test_interval_days),
            full_restore_interval_months: self.full_restore_interval_months.unwrap_or(d.full_restore_interval_months),
            access_review_interval_months: self
                .access_review_interval_months
                .unwrap_or(d.access_review_interval_months),
            privileged_review_interval_months: self
                .privileged_review_interval_months
                .unwrap_or(d.privileged_review_interval_months),
            exception_action_days: self.exception_action_days.unwrap_or(d.exception_action_days),
            security_training_interval_months: self
                .security_training_interval_months
                .unwrap_or(d.security_training_interval_months),
            onboarding_training_grace_days: self
                .onboarding_training_grace_days
                .unwrap_or(d.onboarding_training_grace_days),
            drill_interval_months: self.drill_interval_months.unwrap_or(d.drill_interval_months),
            plan_review_interval_months: self.plan_review_interval_months.unwrap_or(d.plan_review_interval_months),
            survey_interval_months: self.survey_interval_months.unwrap_or(d.survey_interval_months),
            major_review_workdays: self.major_review_workdays.unwrap_or(d.major_review_workdays),
            major_report_minutes: self.major_report_minutes.unwrap_or(d.major_report_minutes),
            stale_ticket_factor,
            access_revocation_days: self.access_revocation_days.unwrap_or(d.access_revocation_days),
            urgent_feedback_days: self.urgent_feedback_days.unwrap_or(d.urgent_feedback_days),
            contract_expiry_warning_days: self.contract_expiry_warning_days.unwrap_or(d.contract_expiry_warning_days),
            service_report_workdays: self.service_report_workdays.unwrap_or(d.service_report_workdays),
            emergency_approval_workdays: self.emergency_approval_workdays.unwrap_or(d.emergency_approval_workdays),
            handover_grace_days: self.handover_grace_days.unwrap_or(d.handover_grace_days),
            plan_grace_days: self.plan_grace_days.unwrap_or(d.plan_grace_days),
            risk_assessment_interval_months: self
                .risk_assessment_interval_months
                .unwrap_or(d.risk_assessment_interval_months),
            service_review_interval_months: self
                .service_review_interval_months
                .unwrap_or(d.service_review_interval_months),
            appraisal_interval_months: self.appraisal_interval_months.unwrap_or(d.appraisal_interval_months),
            report_confirmation_days: self.report_confirmation_days.unwrap_or(d.report_confirmation_days),
            certified_roles: self.certified_roles.unwrap_or(d.certified_roles),
            background_check_required: self.background_check_required.unwrap_or(d.background_check_required),
            classification_levels,
            encryption_required_from,
            customer_approval_classes,
            approval_matrix,
            risk_approval_matrix,
            standard_change_max_risk,
            standard_change_catalogue,
            review_required_classes,
            risk_matrix,
            priority_change,
        }
    }
}

fn encryption_problem(from: &str, levels: &[String]) -> String {
    format!("policy.encryption_required_from = \"{from}\" is not one of classification_levels ({})", levels.join(", "))
}

/// A 5×5 matrix of risk levels; every wrong row and cell is a problem at its own position.
fn check_risk_matrix(rows: &RawRiskMatrix, problems: &mut Problems) -> Option<[[RiskLevel; 5]; 5]> {
    let mut ok = true;
    if rows.get_ref().len() != 5 {
        ok = false;
        problems.at(
            rows,
            format!(
                "policy.risk_matrix must have 5 rows (likelihood 1–5) of 5 levels (impact 1–5), not {} rows",
                rows.get_ref().len()
            ),
        );
    }
    let mut matrix = [[RiskLevel::Low; 5]; 5];
    for (l, row) in rows.get_ref().iter().enumerate() {
        if row.get_ref().len() != 5 {
            ok = false;
            problems.at(
                row,
                format!(
                    "policy.risk_matrix: the row of likelihood {} has {} levels; it must have 5 (impact 1–5)",
                    l + 1,
                    row.get_ref().len()
                ),
            );
        }
        for (i, cell) in row.get_ref().iter().enumerate() {
            let param = format!("risk_matrix (likelihood {}, impact {})", l + 1, i + 1);
            match parse_name(cell, &param, "a risk level", RiskLevel::NAMES, RiskLevel::parse, problems) {
                Some(level) => {
                    if let Some(slot) = matrix.get_mut(l).and_then(|r| r.get_mut(i)) {
                        *slot = level;
                    }
                }
                None => ok = false,
            }
        }
    }
    ok.then_some(matrix)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Read `itos.toml` text. `path` is only used in messages. A syntax error, a value of
    /// the wrong type or an unknown key stops at once; otherwise every problem is reported.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            ConfigError::one(path.to_owned(), line, col, e.message().trim().to_owned())
        })?;
        let mut problems = Problems::default();

        let format = match &raw.format {
            Some(f) if *f.get_ref() != 1 => {
                problems.at(f, format!("record format {} is not supported; this itos reads format 1", f.get_ref()));
                1
            }
            _ => 1,
        };
        if let Some(lang) = &raw.lang
            && crate::model::Lang::parse(lang.get_ref()).is_none()
        {
            problems.at(lang, format!("unknown language `{}`; use `en` or `zh-CN`", lang.get_ref()));
        }
        let as_of = match &raw.as_of {
            Some(day) => match crate::model::scalar::parse_date(day.get_ref()) {
                Ok(date) => Some(date),
                Err((en, _)) => {
                    problems.at(day, format!("as_of: {en}"));
                    None
                }
            },
            None => None,
        };
        for glob in &raw.exclude {
            if let Err(e) = globset::Glob::new(glob.get_ref()) {
                problems.at(glob, format!("invalid glob `{}`: {}", glob.get_ref(), e.kind()));
            }
        }
        let policy = raw.policy.check(&mut problems);
        let trust = raw.trust.map(|t| Trust {
            customer_signers: t
                .customer_signers
                .iter()
                .filter_map(|s| match ssh_key::PublicKey::from_openssh(s.get_ref().trim()) {
                    Ok(key) => Some(Signer { text: s.get_ref().trim().to_owned(), key }),
                    Err(e) => {
                        problems.at(
                            s,
                            format!("trust.customer_signers: not an SSH public key (`ssh-ed25519 AAAA… name`): {e}"),
                        );
                        None
                    }
                })
                .collect(),
        });
        let mut rules = Vec::new();
        for (rule, level) in raw.rules {
            let level_value = match level.get_ref().as_str() {
                "off" => RuleLevel::Off,
                "warning" | "warn" => RuleLevel::Warning,
                "error" => RuleLevel::Error,
                other => {
                    problems
                        .at(&level, format!("`{other}` is not a rule level; use \"off\", \"warning\" or \"error\""));
                    continue;
                }
            };
            let (line, col) = line_col(text, rule.span().start);
            rules.push(RuleOverride { rule: rule.into_inner(), level: level_value, line, col });
        }

        if !problems.0.is_empty() {
            problems.0.sort_by_key(|(offset, _)| *offset);
            let problems = problems
                .0
                .into_iter()
                .map(|(offset, message)| {
                    let (line, col) = line_col(text, offset);
                    ConfigProblem { line, col, message }
                })
                .collect();
            return Err(ConfigError { path: path.to_owned(), problems });
        }
        Ok(Config {
            path: Some(path.to_owned()),
            format,
            default_engagement: raw.default_engagement,
            lang: raw.lang.map(Spanned::into_inner),
            as_of,
            exclude_spans: raw.exclude.iter().map(Spanned::span).collect(),
            exclude: raw.exclude.into_iter().map(Spanned::into_inner).collect(),
            text: std::sync::Arc::from(text),
            policy,
            limits: raw.limits,
            rules,
            report: raw.report,
            trust,
        })
    }
}

/// What a run's configuration changes from the defaults (assurance.md): every output states
/// it, so that a reader sees which rules were lowered, which files left out, which day pinned
/// and which policy values differ from rules.md.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disclosure {
    /// The file in use (its name) and the SHA-256 of its text; `None` with the defaults.
    pub file: Option<(String, String)>,
    /// `[rules]` as set: (rule, level).
    pub rules: Vec<(String, String)>,
    /// `exclude` globs.
    pub exclude: Vec<String>,
    /// `as_of` pinned in the file.
    pub as_of: Option<String>,
    /// Policy parameters that differ from rules.md: (name, value, default), as JSON text.
    pub policy: Vec<(String, String, String)>,
    /// Whether `[trust]` names the customer's keys (customer approvals are authenticated).
    pub trust: bool,
}

impl Disclosure {
    /// Anything set apart from the defaults (the file itself aside).
    pub fn deviates(&self) -> bool {
        !self.rules.is_empty() || !self.exclude.is_empty() || self.as_of.is_some() || !self.policy.is_empty()
    }
}

impl Config {
    /// The configuration as disclosed in outputs.
    pub fn disclosure(&self) -> Disclosure {
        use sha2::Digest as _;
        let file = self.path.as_ref().map(|p| {
            let digest = sha2::Sha256::digest(self.text.as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            // The name alone: where the file lies differs between machines, its digest does not.
            (p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()), hex)
        });
        let level = |l: RuleLevel| match l {
            RuleLevel::Off => "off",
            RuleLevel::Warning => "warning",
            RuleLevel::Error => "error",
        };
        let ours = serde_json::to_value(&self.policy).unwrap_or_default();
        let defaults = serde_json::to_value(Policy::default()).unwrap_or_default();
        let policy = match (ours.as_object(), defaults.as_object()) {
            (Some(o), Some(d)) => o
                .iter()
                .filter(|(k, v)| d.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), v.to_string(), d.get(k).map_or_else(String::new, ToString::to_string)))
                .collect(),
            _ => Vec::new(),
        };
        Disclosure {
            file,
            rules: self.rules.iter().map(|r| (r.rule.clone(), level(r.level).to_owned())).collect(),
            exclude: self.exclude.clone(),
            as_of: self.as_of.map(|d| d.to_string()),
            policy,
            trust: self.trust.as_ref().is_some_and(|t| !t.customer_signers.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of `text` as (line, col, message).
    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let e = Config::parse(text, Path::new("itos.toml")).unwrap_err();
        assert!(!e.problems.is_empty());
        e.problems.into_iter().map(|p| (p.line, p.col, p.message)).collect()
    }

    /// The only problem of `text`.
    fn problem(text: &str) -> (usize, usize, String) {
        let all = problems(text);
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn defaults_when_empty() {
        let c = Config::parse("", Path::new("itos.toml")).unwrap();
        assert_eq!(c.policy.audit_interval_months, 12);
        assert_eq!(c.policy.risk_level(5, 5), Some(RiskLevel::Critical));
        assert_eq!(c.policy.risk_level(1, 4), Some(RiskLevel::Medium));
        assert_eq!(c.policy.risk_level(0, 4), None);
        assert_eq!(c.policy.risk_level(6, 1), None);
        assert!(c.policy.requires_encryption("core"));
        assert!(!c.policy.requires_encryption("internal"));
        assert_eq!(c.policy.required_roles(ChangeClass::Normal), vec![ApprovalRole::DepartmentHead]);
        assert!(c.policy.required_roles(ChangeClass::Standard).is_empty());
        assert!(c.policy.needs_customer_approval(ChangeClass::Major));
        assert!(!c.policy.needs_customer_approval(ChangeClass::Normal));
    }

    #[test]
    fn the_defaults_serialize_as_written_in_itos_toml() {
        // docs/rules.md and `itos init` show the defaults from this serialization.
        let json = serde_json::to_string(&Policy::default()).unwrap();
        assert!(json.contains(r#""stale_ticket_factor":3.0,"access_revocation_days":1,"#), "{json}");
        assert!(json.contains(r#""customer_approval_classes":["major","critical"],"#), "{json}");
        assert!(
            json.contains(
                r#""approval_matrix":{"critical":["senior-management"],"major":["itsm-committee"],"normal":["department-head"],"standard":[]},"#
            ),
            "{json}"
        );
        assert!(json.contains(r#""risk_matrix":[["low","low","low","medium","medium"],"#), "{json}");
        assert!(
            json.ends_with(r#"["medium","high","high","critical","critical"]],"priority_change":"final"}"#),
            "{json}"
        );
    }

    #[test]
    fn a_valid_policy_is_read_typed() {
        let text = "[policy]\n\
            retention_years = 7\n\
            stale_ticket_factor = 2\n\
            classification_levels = [\"open\", \"restricted\", \"secret\"]\n\
            encryption_required_from = \"restricted\"\n\
            customer_approval_classes = [\"critical\"]\n\
            priority_change = \"highest\"\n\
            risk_matrix = [\n\
              [\"low\",\"low\",\"low\",\"low\",\"low\"],\n\
              [\"low\",\"low\",\"low\",\"low\",\"low\"],\n\
              [\"low\",\"low\",\"low\",\"low\",\"low\"],\n\
              [\"low\",\"low\",\"low\",\"low\",\"high\"],\n\
              [\"low\",\"low\",\"low\",\"low\",\"critical\"],\n\
            ]\n\
            [policy.approval_matrix]\n\
            normal = [\"cab\", \"change-manager\"]\n\
            major = []\n";
        let p = Config::parse(text, Path::new("itos.toml")).unwrap().policy;
        assert_eq!(p.retention_years, 7);
        assert_eq!(p.audit_interval_months, 12, "left out: the default");
        assert_eq!(p.stale_ticket_factor, 2.0);
        assert!(p.requires_encryption("secret") && p.requires_encryption("restricted"));
        assert!(!p.requires_encryption("open") && !p.requires_encryption("sensitive"));
        assert_eq!(p.classification_rank("secret"), Some(2));
        assert!(p.needs_customer_approval(ChangeClass::Critical));
        assert!(!p.needs_customer_approval(ChangeClass::Major));
        assert_eq!(p.priority_change, PriorityChange::Highest);
        assert_eq!(p.risk_level(4, 5), Some(RiskLevel::High));
        assert_eq!(p.risk_level(5, 5), Some(RiskLevel::Critical));
        assert_eq!(p.risk_level(1, 1), Some(RiskLevel::Low));
        // A matrix written replaces the default whole: classes not listed need no role.
        assert_eq!(p.required_roles(ChangeClass::Normal), vec![ApprovalRole::Cab, ApprovalRole::ChangeManager]);
        assert!(p.required_roles(ChangeClass::Major).is_empty());
        assert!(p.required_roles(ChangeClass::Critical).is_empty());
    }

    #[test]
    fn unknown_key_is_located() {
        let text = "format = 1\n\n[policy]\naudit_intervall_months = 6\n";
        let (line, col, message) = problem(text);
        assert_eq!((line, col), (4, 1), "{message}");
        assert!(message.contains("audit_intervall_months"), "{message}");
    }

    #[test]
    fn bad_rule_level_is_located() {
        let (line, col, message) = problem("[rules]\n\"SLA-003\" = \"silent\"\n");
        assert_eq!((line, col), (2, 13), "{message}");
    }

    #[test]
    fn as_of_is_a_date() {
        let c = Config::parse("as_of = \"2026-10-31\"\n", Path::new("itos.toml")).unwrap();
        assert_eq!(c.as_of, Some(jiff::civil::date(2026, 10, 31)));
        let (line, col, message) = problem("format = 1\nas_of = \"2026-02-30\"\n");
        assert_eq!((line, col), (2, 9), "{message}");
    }

    #[test]
    fn priority_change_is_one_of_three_policies() {
        let c = Config::parse("[policy]\npriority_change = \"restart\"\n", Path::new("itos.toml")).unwrap();
        assert_eq!(c.policy.priority_change, PriorityChange::Restart);
        assert_eq!(Config::default().policy.priority_change, PriorityChange::Final);
        let (line, col, message) = problem("[policy]\npriority_change = \"latest\"\n");
        assert_eq!((line, col), (2, 19), "{message}");
        assert!(message.contains("final"), "{message}");
    }

    #[test]
    fn inconsistent_policy_is_refused() {
        let (line, col, message) = problem("[policy]\nencryption_required_from = \"secret\"\n");
        assert_eq!((line, col), (2, 28), "{message}");
        assert!(message.contains("secret") && message.contains("public, internal, sensitive, core"), "{message}");
        // The default `sensitive` is not on a scale written without it: located at the scale.
        let (line, col, message) = problem("[policy]\nclassification_levels = [\"open\", \"secret\"]\n");
        assert_eq!((line, col), (2, 25), "{message}");
        assert!(message.contains("sensitive") && message.contains("open, secret"), "{message}");
        let (line, col, message) = problem("[policy]\nclassification_levels = []\n");
        assert_eq!((line, col), (2, 25), "{message}");
        assert!(message.contains("at least one level"), "{message}");
        let (line, col, message) = problem("[policy]\nclassification_levels = [\"a\", \"sensitive\", \"a\"]\n");
        assert_eq!((line, col), (2, 44), "{message}");
        assert!(message.contains("`a` is listed twice"), "{message}");
    }

    #[test]
    fn a_wrong_role_in_approval_matrix_is_located_at_the_role() {
        let text = "format = 1\n\n[policy.approval_matrix]\nnormal = [\"department-head\"]\nmajor = [\"itsm-committee\", \"cab-board\"]\n";
        let (line, col, message) = problem(text);
        assert_eq!((line, col), (5, 28), "{message}");
        assert!(
            message.starts_with("policy.approval_matrix.major: `cab-board` is not an approval role ("),
            "{message}"
        );
        assert!(
            message.contains("change-manager, department-head, cab, itsm-committee, senior-management"),
            "{message}"
        );
        // A wrong class is located at its key.
        let (line, col, message) = problem("[policy.approval_matrix]\nmajr = [\"cab\"]\n");
        assert_eq!((line, col), (2, 1), "{message}");
        assert!(
            message.contains("`majr` is not a change class") && message.contains("did you mean `major`?"),
            "{message}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_in_file_order() {
        let text = "format = 1\n\
            [policy]\n\
            stale_ticket_factor = 0\n\
            customer_approval_classes = [\"major\", \"huge\"]\n\
            [policy.approval_matrix]\n\
            normal = [\"boss\"]\n\
            [rules]\n\
            \"SLA-003\" = \"loud\"\n";
        let all = problems(text);
        let at: Vec<(usize, usize)> = all.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, vec![(3, 23), (4, 39), (6, 11), (8, 13)], "{all:?}");
        assert!(all[0].2.contains("stale_ticket_factor must be a positive number"), "{all:?}");
        assert!(all[1].2.contains("customer_approval_classes: `huge` is not a change class"), "{all:?}");
        assert!(all[2].2.contains("approval_matrix.normal: `boss`"), "{all:?}");
        assert!(all[3].2.contains("`loud` is not a rule level"), "{all:?}");
        // Shown one a line.
        let e = Config::parse(text, Path::new("itos.toml")).unwrap_err();
        let shown = e.to_string();
        assert_eq!(shown.lines().count(), 4, "{shown}");
        assert!(shown.lines().all(|l| l.starts_with("itos.toml:")), "{shown}");
    }

    #[test]
    fn an_unknown_risk_level_is_located_at_its_cell() {
        let text = "[policy]\nrisk_matrix = [\n\
            [\"low\",\"low\",\"low\",\"medium\",\"medium\"],\n\
            [\"low\",\"low\",\"medium\",\"medium\",\"high\"],\n\
            [\"low\",\"medium\",\"severe\",\"high\",\"high\"],\n\
            [\"medium\",\"medium\",\"high\",\"high\",\"critical\"],\n\
            [\"medium\",\"high\",\"high\",\"critical\",\"critical\"],\n]\n";
        let (line, col, message) = problem(text);
        assert_eq!((line, col), (5, 17), "{message}");
        assert!(message.contains("likelihood 3, impact 3"), "{message}");
        assert!(message.contains("`severe` is not a risk level (low, medium, high, critical)"), "{message}");
    }

    #[test]
    fn a_short_risk_matrix_row_is_located_at_the_row() {
        let text = "[policy]\nrisk_matrix = [\n\
            [\"low\",\"low\",\"low\",\"medium\",\"medium\"],\n\
            [\"low\",\"low\",\"medium\",\"medium\",\"high\"],\n\
            [\"low\",\"medium\",\"medium\",\"high\",\"high\"],\n\
            [\"medium\",\"medium\",\"high\",\"high\"],\n\
            [\"medium\",\"high\",\"high\",\"critical\",\"critical\"],\n]\n";
        let (line, col, message) = problem(text);
        assert_eq!((line, col), (6, 1), "{message}");
        assert!(message.contains("likelihood 4 has 4 levels; it must have 5"), "{message}");
        // Too few rows: at the matrix.
        let (line, col, message) = problem("[policy]\nrisk_matrix = [[\"low\",\"low\",\"low\",\"low\",\"low\"]]\n");
        assert_eq!((line, col), (2, 15), "{message}");
        assert!(message.contains("must have 5 rows") && message.contains("not 1 rows"), "{message}");
    }

    #[test]
    fn stale_ticket_factor_is_positive_and_finite() {
        for bad in ["0", "-1.5", "nan", "inf"] {
            let (line, col, message) = problem(&format!("[policy]\nstale_ticket_factor = {bad}\n"));
            assert_eq!((line, col), (2, 23), "{message}");
            assert!(message.contains("stale_ticket_factor must be a positive number"), "{message}");
        }
        let p = Config::parse("[policy]\nstale_ticket_factor = 1.5\n", Path::new("itos.toml")).unwrap().policy;
        assert_eq!(p.stale_ticket_factor, 1.5);
    }
}
