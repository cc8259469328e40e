//! `itos.toml`: read strictly (unknown keys are errors with line and column), every policy
//! parameter of rules.md with its default, the loader's limits, and rule severity overrides.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::kinds::change::{ApprovalRole, ChangeClass, RiskLevel};

pub const CONFIG_FILE: &str = "itos.toml";

/// A problem with `itos.toml` (exit code 2), located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.col, self.message)
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
    pub policy: Policy,
    pub limits: Limits,
    pub rules: Vec<RuleOverride>,
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
            policy: Policy::default(),
            limits: Limits::default(),
            rules: Vec::new(),
        }
    }
}

/// The policy parameters of rules.md, with their defaults.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
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
    pub stale_ticket_factor: f64,
    pub access_revocation_days: u32,
    pub urgent_feedback_days: u32,
    pub contract_expiry_warning_days: u32,
    pub service_report_workdays: u32,
    pub emergency_approval_workdays: u32,
    pub handover_grace_days: u32,
    pub classification_levels: Vec<String>,
    pub encryption_required_from: String,
    pub customer_approval_classes: Vec<String>,
    pub approval_matrix: BTreeMap<String, Vec<String>>,
    pub risk_matrix: Vec<Vec<String>>,
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
            classification_levels: strings(&["public", "internal", "sensitive", "core"]),
            encryption_required_from: "sensitive".into(),
            customer_approval_classes: strings(&["major", "critical"]),
            approval_matrix: [
                ("standard", &[][..]),
                ("normal", &["department-head"][..]),
                ("major", &["itsm-committee"][..]),
                ("critical", &["senior-management"][..]),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), strings(v)))
            .collect(),
            risk_matrix: [
                ["low", "low", "low", "medium", "medium"],
                ["low", "low", "medium", "medium", "high"],
                ["low", "medium", "medium", "high", "high"],
                ["medium", "medium", "high", "high", "critical"],
                ["medium", "high", "high", "critical", "critical"],
            ]
            .iter()
            .map(|row| strings(row))
            .collect(),
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

    pub fn risk_level(&self, likelihood: u8, impact: u8) -> Option<RiskLevel> {
        let row = self.risk_matrix.get(usize::from(likelihood).checked_sub(1)?)?;
        RiskLevel::parse(row.get(usize::from(impact).checked_sub(1)?)?)
    }

    pub fn required_roles(&self, class: ChangeClass) -> Vec<ApprovalRole> {
        self.approval_matrix
            .get(class.as_str())
            .map(|roles| roles.iter().filter_map(|r| ApprovalRole::parse(r)).collect())
            .unwrap_or_default()
    }

    pub fn needs_customer_approval(&self, class: ChangeClass) -> bool {
        self.customer_approval_classes.iter().any(|c| c == class.as_str())
    }
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
    policy: Option<Spanned<Policy>>,
    #[serde(default)]
    limits: Limits,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
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
    /// Read `itos.toml` text. `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let err_at = |offset: usize, message: String| {
            let (line, col) = line_col(text, offset);
            ConfigError { path: path.to_owned(), line, col, message }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err_at(offset, e.message().trim().to_owned())
        })?;

        let format = match raw.format {
            Some(f) if *f.get_ref() != 1 => {
                return Err(err_at(
                    f.span().start,
                    format!("record format {} is not supported; this itos reads format 1", f.get_ref()),
                ));
            }
            _ => 1,
        };
        if let Some(lang) = &raw.lang
            && crate::model::Lang::parse(lang.get_ref()).is_none()
        {
            return Err(err_at(
                lang.span().start,
                format!("unknown language `{}`; use `en` or `zh-CN`", lang.get_ref()),
            ));
        }
        let as_of = match &raw.as_of {
            Some(text) => Some(
                crate::model::scalar::parse_date(text.get_ref())
                    .map_err(|(en, _)| err_at(text.span().start, format!("as_of: {en}")))?,
            ),
            None => None,
        };
        for glob in &raw.exclude {
            if let Err(e) = globset::Glob::new(glob.get_ref()) {
                return Err(err_at(glob.span().start, format!("invalid glob `{}`: {}", glob.get_ref(), e.kind())));
            }
        }
        let policy = match raw.policy {
            Some(p) => {
                let offset = p.span().start;
                let policy = p.into_inner();
                if let Some(message) = policy_problem(&policy) {
                    return Err(err_at(offset, message));
                }
                policy
            }
            None => Policy::default(),
        };
        let mut rules = Vec::new();
        for (rule, level) in raw.rules {
            let level_value = match level.get_ref().as_str() {
                "off" => RuleLevel::Off,
                "warning" | "warn" => RuleLevel::Warning,
                "error" => RuleLevel::Error,
                other => {
                    return Err(err_at(
                        level.span().start,
                        format!("`{other}` is not a rule level; use \"off\", \"warning\" or \"error\""),
                    ));
                }
            };
            let (line, col) = line_col(text, rule.span().start);
            rules.push(RuleOverride { rule: rule.into_inner(), level: level_value, line, col });
        }
        Ok(Config {
            path: Some(path.to_owned()),
            format,
            default_engagement: raw.default_engagement,
            lang: raw.lang.map(Spanned::into_inner),
            as_of,
            exclude: raw.exclude.into_iter().map(Spanned::into_inner).collect(),
            policy,
            limits: raw.limits,
            rules,
        })
    }
}

/// What is inconsistent in a policy, if anything.
fn policy_problem(p: &Policy) -> Option<String> {
    if p.classification_levels.is_empty() {
        return Some("policy.classification_levels must name at least one level".into());
    }
    if p.classification_rank(&p.encryption_required_from).is_none() {
        return Some(format!(
            "policy.encryption_required_from = \"{}\" is not one of classification_levels ({})",
            p.encryption_required_from,
            p.classification_levels.join(", ")
        ));
    }
    for class in &p.customer_approval_classes {
        if ChangeClass::parse(class).is_none() {
            return Some(format!(
                "policy.customer_approval_classes: `{class}` is not a change class ({})",
                ChangeClass::NAMES.join(", ")
            ));
        }
    }
    for (class, roles) in &p.approval_matrix {
        if ChangeClass::parse(class).is_none() {
            return Some(format!(
                "policy.approval_matrix: `{class}` is not a change class ({})",
                ChangeClass::NAMES.join(", ")
            ));
        }
        if let Some(role) = roles.iter().find(|r| ApprovalRole::parse(r).is_none()) {
            return Some(format!(
                "policy.approval_matrix.{class}: `{role}` is not an approval role ({})",
                ApprovalRole::NAMES.join(", ")
            ));
        }
    }
    if p.risk_matrix.len() != 5 || p.risk_matrix.iter().any(|row| row.len() != 5) {
        return Some("policy.risk_matrix must have 5 rows (likelihood 1–5) of 5 levels (impact 1–5)".into());
    }
    if let Some(bad) = p.risk_matrix.iter().flatten().find(|l| RiskLevel::parse(l).is_none()) {
        return Some(format!("policy.risk_matrix: `{bad}` is not a risk level ({})", RiskLevel::NAMES.join(", ")));
    }
    if !(p.stale_ticket_factor.is_finite() && p.stale_ticket_factor > 0.0) {
        return Some("policy.stale_ticket_factor must be a positive number".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_empty() {
        let c = Config::parse("", Path::new("itos.toml")).unwrap();
        assert_eq!(c.policy.audit_interval_months, 12);
        assert_eq!(c.policy.risk_level(5, 5), Some(RiskLevel::Critical));
        assert_eq!(c.policy.risk_level(1, 4), Some(RiskLevel::Medium));
        assert!(c.policy.requires_encryption("core"));
        assert!(!c.policy.requires_encryption("internal"));
    }

    #[test]
    fn unknown_key_is_located() {
        let text = "format = 1\n\n[policy]\naudit_intervall_months = 6\n";
        let e = Config::parse(text, Path::new("itos.toml")).unwrap_err();
        assert_eq!((e.line, e.col), (4, 1), "{e}");
        assert!(e.message.contains("audit_intervall_months"), "{e}");
    }

    #[test]
    fn bad_rule_level_is_located() {
        let e = Config::parse("[rules]\n\"SLA-003\" = \"silent\"\n", Path::new("itos.toml")).unwrap_err();
        assert_eq!((e.line, e.col), (2, 13), "{e}");
    }

    #[test]
    fn as_of_is_a_date() {
        let c = Config::parse("as_of = \"2026-10-31\"\n", Path::new("itos.toml")).unwrap();
        assert_eq!(c.as_of, Some(jiff::civil::date(2026, 10, 31)));
        let e = Config::parse("format = 1\nas_of = \"2026-02-30\"\n", Path::new("itos.toml")).unwrap_err();
        assert_eq!((e.line, e.col), (2, 9), "{e}");
    }

    #[test]
    fn priority_change_is_one_of_three_policies() {
        let c = Config::parse("[policy]\npriority_change = \"restart\"\n", Path::new("itos.toml")).unwrap();
        assert_eq!(c.policy.priority_change, PriorityChange::Restart);
        assert_eq!(Config::default().policy.priority_change, PriorityChange::Final);
        let e = Config::parse("[policy]\npriority_change = \"latest\"\n", Path::new("itos.toml")).unwrap_err();
        assert_eq!((e.line, e.col), (2, 19), "{e}");
        assert!(e.message.contains("final"), "{e}");
    }

    #[test]
    fn inconsistent_policy_is_refused() {
        let e = Config::parse("[policy]\nencryption_required_from = \"secret\"\n", Path::new("itos.toml")).unwrap_err();
        assert!(e.message.contains("secret"), "{e}");
    }
}
