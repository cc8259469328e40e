//! Stable fingerprints of findings, for SARIF `partialFingerprints` and the baseline: the rule,
//! the record's kind and id (the file for findings about a file), and an ordinal among the
//! findings sharing those — never line numbers, so editing elsewhere in a file keeps them.

use sha2::{Digest, Sha256};

use crate::model::{Finding, SourceMap};

/// What a finding is about: `RULE|Kind|id`, or `RULE|file:path` without a record.
pub fn key(f: &Finding, sources: &SourceMap) -> String {
    match &f.record {
        Some(r) => format!("{}|{}|{}", f.rule, r.kind.name(), r.id),
        None => {
            let file = sources.get(f.span.file).map_or("", |s| s.path.as_str());
            format!("{}|file:{file}", f.rule)
        }
    }
}

/// One fingerprint per finding (in the findings' order): SHA-256 of `key#ordinal`, 32 hex digits.
pub fn of(findings: &[Finding], sources: &SourceMap) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let k = key(f, sources);
            let n = seen.entry(k.clone()).or_insert(0);
            *n += 1;
            let digest = Sha256::digest(format!("{k}#{n}").as_bytes());
            digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}
