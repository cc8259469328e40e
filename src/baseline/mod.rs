//! The baseline (`itos baseline`, `validate --baseline FILE`): the fingerprints of the
//! findings a team accepts for now, so that adopting itos on an existing repository fails only
//! on new findings while the known ones are burnt down.

pub mod fingerprint;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Finding, SourceMap};

pub const FILE_NAME: &str = "itos-baseline.json";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Fingerprint → what it stood for when written (rule, record or file), for readers.
    pub findings: BTreeMap<String, String>,
}

pub fn write(findings: &[Finding], sources: &SourceMap) -> String {
    let prints = fingerprint::of(findings, sources);
    let baseline = Baseline {
        version: 1,
        findings: prints.into_iter().zip(findings).map(|(p, f)| (p, fingerprint::key(f, sources))).collect(),
    };
    let mut text = serde_json::to_string_pretty(&baseline).unwrap_or_default();
    text.push('\n');
    text
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("not an itos baseline (line {}, column {}): {e}", e.line(), e.column()))?;
    if baseline.version != 1 {
        return Err(format!("baseline version {} is not supported (expected 1)", baseline.version));
    }
    Ok(baseline)
}

/// The findings whose fingerprint the baseline does not hold.
pub fn new_only(findings: Vec<Finding>, sources: &SourceMap, baseline: &Baseline) -> Vec<Finding> {
    let prints = fingerprint::of(&findings, sources);
    findings.into_iter().zip(prints).filter(|(_, p)| !baseline.findings.contains_key(p)).map(|(f, _)| f).collect()
}
