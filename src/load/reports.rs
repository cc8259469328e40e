//! What GIT-004 judges of each ServiceReport's `commit` (assurance.md): the commit a report
//! was produced from must still be in the history of HEAD, and the records at it must still
//! hash to the report's `inputs_sha256`. Read once per distinct commit.

use std::collections::HashMap;

use super::Repository;
use crate::config::Config;
use crate::model::Span;

/// One ServiceReport whose `commit` does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportCommit {
    /// The report's id.
    pub report: String,
    /// The `commit` value as written, and where.
    pub commit: String,
    pub span: Span,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not a commit id (7 to 40 hexadecimal digits): a branch or `HEAD~1` moves.
    NotAnId,
    /// No such commit in this repository (rewritten and collected, or from another clone).
    Unknown,
    /// The commit exists but is not an ancestor of HEAD: the history was rewritten after the
    /// report was delivered (`git commit --amend`, a rebase, a force-push).
    NotAncestor,
    /// The records at the commit hash to another digest than the report recorded; the span is
    /// `inputs_sha256`'s.
    Differs { recorded: String, actual: String, at: Span },
}

/// Judge every ServiceReport with a `commit` against the history of `head` (HEAD when
/// `None`). Nothing is judged outside git.
pub fn check(repo: &Repository, head: Option<&str>) -> Vec<ReportCommit> {
    let reports: Vec<_> = repo.records.service_reports.iter().filter(|r| r.commit.is_some()).collect();
    if reports.is_empty() {
        return Vec::new();
    }
    let Some((git, _)) = super::git::open(&repo.root) else { return Vec::new() };
    let head = match head {
        Some(id) => git2::Oid::from_str(id).ok(),
        None => git.head().ok().and_then(|h| h.peel_to_commit().ok()).map(|c| c.id()),
    };
    let Some(head) = head else { return Vec::new() };
    // A shallow clone lacks older commits: one it does not have is not judged there.
    let shallow = git.is_shallow();
    // commit id → the digest of the records at it (computed once each).
    let mut digests: HashMap<git2::Oid, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for report in reports {
        let Some(commit) = &report.commit else { continue };
        let written = commit.value.trim();
        let is_id = (7..=40).contains(&written.len()) && written.bytes().all(|b| b.is_ascii_hexdigit());
        let found = git.revparse_single(written).ok().and_then(|o| o.peel_to_commit().ok()).map(|c| c.id());
        let problem = match found {
            _ if !is_id => Some(Problem::NotAnId),
            None if shallow => None,
            None => Some(Problem::Unknown),
            Some(id) if id != head && !git.graph_descendant_of(head, id).unwrap_or(false) => Some(Problem::NotAncestor),
            Some(id) => report.inputs_sha256.as_ref().and_then(|recorded| {
                let actual = digests.entry(id).or_insert_with(|| digest_at(repo, id)).clone();
                let actual = actual.unwrap_or_else(|| "(unreadable)".to_owned());
                (!recorded.value.trim().eq_ignore_ascii_case(&actual)).then(|| Problem::Differs {
                    recorded: recorded.value.trim().to_owned(),
                    actual,
                    at: recorded.span,
                })
            }),
        };
        if let Some(problem) = problem {
            out.push(ReportCommit {
                report: report.id.value.clone(),
                commit: written.to_owned(),
                span: commit.span,
                problem,
            });
        }
    }
    out
}

/// The inputs digest of the records at `commit`, with the configuration of that commit, as
/// `report monthly` computed it when run there.
fn digest_at(repo: &Repository, commit: git2::Oid) -> Option<String> {
    let snapshot = super::git::Snapshot::open(&repo.root, &commit.to_string()).ok()?;
    let config = Config::parse(&snapshot.config_text, &repo.root.join(crate::config::CONFIG_FILE)).ok()?;
    Some(Repository::load_snapshot(&repo.root, config, "", snapshot).inputs_sha256())
}
