//! The exit checklist (`itos handover checklist`): the exit model of the HND rules for one
//! engagement, with what the customer needs to verify each evidence file — the commit that
//! last changed it and its SHA-256.

use std::collections::HashMap;

use crate::context::Context;
use crate::exit::{Exit, Status, exit, handover_of};
use crate::load::Repository;
use crate::load::evidence::{EvidenceState, sha256_in};
use crate::load::git::{LastChange, last_changes};
use crate::model::kinds::Engagement;
use crate::model::{Kind, Msg};
use crate::msg;

/// What is known about one evidence file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileFacts {
    pub sha256: Option<String>,
    pub last_change: Option<LastChange>,
}

#[derive(Debug)]
pub struct Checklist<'a> {
    pub exit: Exit<'a>,
    /// Evidence path → facts (files only; folders and missing paths have none).
    pub files: HashMap<String, FileFacts>,
    /// Notes for the reader (a Handover that could not be loaded, git not used …).
    pub warnings: Vec<Msg>,
    /// The configuration the exit was judged with (assurance.md: disclosed in every report).
    pub configuration: crate::config::Disclosure,
}

impl Checklist<'_> {
    pub fn total(&self) -> usize {
        self.exit.items.len()
    }

    /// Items done (not-applicable ones are counted apart: "done" never includes them).
    pub fn done(&self) -> usize {
        self.exit.items.iter().filter(|i| i.status == Status::Done).count()
    }

    /// Items that do not apply (e.g. a deliverable waived with the customer's acceptance).
    pub fn not_applicable(&self) -> usize {
        self.exit.items.iter().filter(|i| i.status == Status::NotApplicable).count()
    }

    /// Items that apply: what "N of M done" counts against.
    pub fn applicable(&self) -> usize {
        self.total() - self.not_applicable()
    }

    /// Nothing pending or missing (what `--strict` asks).
    pub fn complete(&self) -> bool {
        self.exit.items.iter().all(|i| matches!(i.status, Status::Done | Status::NotApplicable))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChecklistError {
    NoEngagement,
    Unknown(String, Vec<String>),
    Several(Vec<String>),
}

impl std::fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChecklistError::NoEngagement => write!(f, "the repository holds no Engagement record"),
            ChecklistError::Unknown(id, all) => {
                write!(f, "no engagement `{id}`; the repository has: {}", all.join(", "))
            }
            ChecklistError::Several(all) => write!(
                f,
                "the repository holds several engagements ({}); choose one with --engagement ID (or set default_engagement in itos.toml)",
                all.join(", ")
            ),
        }
    }
}

/// The engagement asked for: `--engagement`, else `default_engagement`, else the only one.
pub fn choose<'a>(repo: &'a Repository, asked: Option<&str>) -> Result<&'a Engagement, ChecklistError> {
    let all = &repo.records.engagements;
    let ids = || all.iter().map(|e| e.id.value.clone()).collect::<Vec<_>>();
    let wanted = asked.or(repo.config.default_engagement.as_deref());
    match (wanted, all.len()) {
        (_, 0) => Err(ChecklistError::NoEngagement),
        (Some(id), _) => {
            all.iter().find(|e| e.id.value == id).ok_or_else(|| ChecklistError::Unknown(id.to_owned(), ids()))
        }
        (None, 1) => all.first().ok_or(ChecklistError::NoEngagement),
        (None, _) => Err(ChecklistError::Several(ids())),
    }
}

/// Build the checklist; `use_git` adds the last commit of each evidence file.
pub fn build<'a>(cx: &Context<'a>, engagement: &'a Engagement, use_git: bool) -> Checklist<'a> {
    let repo = cx.repo;
    let handover = handover_of(cx, engagement);
    let exit = exit(cx, engagement, handover);
    let mut warnings = Vec::new();
    if handover.is_none() {
        let end = engagement.term.end.value;
        warnings.push(msg!(
            "no Handover record yet: this is the exit plan, with the term's end ({end}) as the effective date",
            "尚无交接记录（`Handover`）：以下为退出计划，以服务期结束日（{end}）为终止生效日"
        ));
    }
    let broken = repo.index.broken_ids(Kind::Handover);
    if !broken.is_empty() {
        let list = broken.join(", ");
        warnings.push(msg!(
            "Handover {list} could not be loaded; run `itos validate` and fix it — the checklist ignores it",
            "交接记录（`Handover`）{list} 无法加载；请运行 `itos validate` 并修正，本清单未计入该记录"
        ));
    }
    let paths: Vec<&str> = exit
        .items
        .iter()
        .flat_map(|i| i.evidence.iter())
        .filter(|e| e.state == EvidenceState::File)
        .map(|e| e.path.as_str())
        .collect();
    let from = repo.snapshot.as_ref().map(|s| s.commit.as_str());
    let changes = if use_git { last_changes(&repo.root, &paths, from) } else { HashMap::new() };
    let files = paths
        .iter()
        .map(|p| {
            let facts = FileFacts { sha256: sha256_in(repo, p), last_change: changes.get(*p).cloned() };
            ((*p).to_owned(), facts)
        })
        .collect();
    Checklist { exit, files, warnings, configuration: repo.config.disclosure() }
}
