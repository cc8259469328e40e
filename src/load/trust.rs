//! GIT-005's facts (assurance.md): with `[trust] customer_signers`, each customer decision in
//! the records must have entered the history in a commit signed (git's SSH signing) by one of
//! those keys. The history walk remembers which commit first held each decision; here each
//! current decision is looked up and that commit's signature verified (once per commit).

use std::collections::{HashMap, HashSet};

use super::Repository;
use super::history::{CommitInfo, History, customer_decisions, locate, versions};
use crate::config::Signer;
use crate::model::node::{Node, Value};
use crate::model::{Kind, Span};

/// A customer decision whose commit does not carry a trusted signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unauthenticated {
    pub kind: Kind,
    pub id: String,
    /// The decision's node (an approval, `customer_approval`, or the record's id).
    pub span: Span,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not in any commit yet (a change of the work tree).
    Uncommitted,
    /// Introduced by a commit without a signature.
    Unsigned(CommitInfo),
    /// Introduced by a commit signed by another key (its SHA-256 fingerprint, or what the
    /// signature is when it is not an SSH one).
    Untrusted(CommitInfo, String),
}

/// The kinds that hold customer decisions.
const KINDS: [Kind; 5] = [Kind::Change, Kind::RiskAssessment, Kind::Waiver, Kind::Subcontractor, Kind::Amendment];

/// Judge every customer decision of the records read against the history walked. Nothing
/// without `[trust]`.
pub fn check(repo: &Repository, history: &History) -> Vec<Unauthenticated> {
    let Some(trust) = &repo.config.trust else { return Vec::new() };
    let Some((git, _)) = super::git::open(&repo.root) else { return Vec::new() };
    // Only the files holding records of those kinds are read again.
    let files: HashSet<crate::model::FileId> =
        repo.records.ids().into_iter().filter(|(k, _)| KINDS.contains(k)).map(|(_, sp)| sp.span.file).collect();
    let mut files: Vec<_> = files.into_iter().collect();
    files.sort_unstable();
    let mut verdicts: HashMap<String, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for file in files {
        let Some(source) = repo.sources.get(file) else { continue };
        let parsed = super::yaml::parse(&source.text, file, &repo.config.limits);
        let nodes = record_nodes(&parsed.documents);
        for v in versions(&source.text, &source.path, &repo.config.limits) {
            for d in customer_decisions(&v) {
                let Some((node, defaults)) = nodes.get(&(v.kind, v.id.as_str())) else { continue };
                let path = if d.path.is_empty() { "id" } else { d.path.as_str() };
                let span =
                    locate(node, path).or_else(|| defaults.and_then(|n| locate(n, path))).map_or(node.span, |n| n.span);
                let problem = match history.introduced.get(&(v.kind, v.id.clone(), d.content)) {
                    None => Some(Problem::Uncommitted),
                    Some((commit, info)) => {
                        let verdict = verdicts
                            .entry(commit.clone())
                            .or_insert_with(|| verdict(&git, commit, &trust.customer_signers));
                        verdict.as_ref().map(|why| match why.as_str() {
                            UNSIGNED => Problem::Unsigned(info.clone()),
                            _ => Problem::Untrusted(info.clone(), why.clone()),
                        })
                    }
                };
                if let Some(problem) = problem {
                    out.push(Unauthenticated { kind: v.kind, id: v.id.clone(), span, problem });
                }
            }
        }
    }
    out
}

const UNSIGNED: &str = "unsigned";

/// `None` when `commit` is signed by a trusted key; else why not ([`UNSIGNED`], or the
/// signer's fingerprint).
fn verdict(git: &git2::Repository, commit: &str, signers: &[Signer]) -> Option<String> {
    let oid = git2::Oid::from_str(commit).ok()?;
    let Ok((signature, signed)) = git.extract_signature(&oid, None) else { return Some(UNSIGNED.to_owned()) };
    let Ok(text) = signature.as_str() else { return Some("an unreadable signature".to_owned()) };
    let Ok(sshsig) = ssh_key::SshSig::from_pem(text) else {
        return Some("a signature that is not an SSH one (OpenPGP or X.509)".to_owned());
    };
    if signers.iter().any(|s| s.key.verify("git", &signed, &sshsig).is_ok()) {
        return None;
    }
    let key = ssh_key::PublicKey::from(sshsig.public_key().clone());
    Some(key.fingerprint(ssh_key::HashAlg::Sha256).to_string())
}

/// Each record's node (and its batch's `defaults`) by (kind, id).
fn record_nodes<'n>(documents: &'n [Node<'n>]) -> HashMap<(Kind, &'n str), (&'n Node<'n>, Option<&'n Node<'n>>)> {
    let mut out = HashMap::new();
    for doc in documents {
        let Some(kind) = doc.get("kind").and_then(|e| e.value.as_scalar()).and_then(Kind::parse) else { continue };
        let defaults = doc.get("defaults").map(|d| &d.value);
        let candidates: Vec<&Node<'_>> = match doc.get("items").map(|i| &i.value.value) {
            Some(Value::Seq(items)) => items.iter().collect(),
            _ => vec![doc],
        };
        for node in candidates {
            if let Some(id) = node.get("id").and_then(|e| e.value.as_scalar()) {
                out.insert((kind, id), (node, defaults));
            }
        }
    }
    out
}
