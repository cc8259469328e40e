//! The exit of an engagement (manual §7.1–§7.5, §4.4) as one model: the checklist items in
//! the manual's order, each with its due date, evidence, status and what is missing, and the
//! findings of the HND rules on it. The rules (HND-001..HND-008) report exactly the
//! `problems` of these items and `itos handover checklist` shows the same items, so the two
//! can never disagree.
//!
//! Without a Handover record the exit is a plan: the effective date is the term's end and
//! every item is pending with its due date (missing once that date has passed).

mod data_access;
mod deliverables;
mod evaluation;
mod leftovers;
mod staff;
mod support;
mod termination;

use jiff::civil::Date;

use crate::calendar::dates::add_days;
use crate::context::Context;
use crate::load::evidence::{EvidenceState, inspect_in};
use crate::model::kinds::engagement::TerminationCondition;
use crate::model::kinds::handover::{Deliverable, DeliverableItem, LeftoverStatus};
use crate::model::kinds::{Engagement, Handover};
use crate::model::scalar::RelPath;
use crate::model::{Msg, RecordView, Sp, Span};
use crate::msg;

pub const HND_001: &str = "HND-001";
pub const HND_002: &str = "HND-002";
pub const HND_003: &str = "HND-003";
pub const HND_004: &str = "HND-004";
pub const HND_005: &str = "HND-005";
pub const HND_006: &str = "HND-006";
pub const HND_007: &str = "HND-007";
pub const HND_008: &str = "HND-008";

/// The rules that report this model's problems.
pub const RULES: [&str; 8] = [HND_001, HND_002, HND_003, HND_004, HND_005, HND_006, HND_007, HND_008];

/// The eight deliverables §7.2 requires, in the manual's order.
pub const REQUIRED: [DeliverableItem; 8] = [
    DeliverableItem::SystemConfig,
    DeliverableItem::TechnicalDocs,
    DeliverableItem::SystemLogs,
    DeliverableItem::UserManuals,
    DeliverableItem::TrainingMaterials,
    DeliverableItem::ServiceReports,
    DeliverableItem::ChangeRecords,
    DeliverableItem::BackupRecoveryPlan,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Done,
    /// Not done, not yet due.
    Pending,
    /// Overdue, or a rule finds it wrong now.
    Missing,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Done, Status::Pending, Status::Missing, Status::NotApplicable];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Pending => "pending",
            Status::Missing => "missing",
            Status::NotApplicable => "n/a",
        }
    }

    /// The status in `lang` (zh-CN from `model::labels`, glossary: 逾期未完成, 未到期).
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::model::labels::label(lang, "ChecklistStatus", self.as_str())
    }
}

/// A path an item names as evidence, and what is there.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub path: String,
    pub span: Span,
    pub state: EvidenceState,
}

/// A rule finding on an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub rule: &'static str,
    pub span: Span,
    pub message: Msg,
    pub help: Option<Msg>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable key, e.g. `termination.notice`, `deliverable.system-config`, `leftover.L-1`.
    pub key: String,
    pub section: &'static str,
    pub title: Msg,
    pub due: Option<Date>,
    /// The date the record gives for it being done, when it gives one.
    pub done_at: Option<Date>,
    pub evidence: Vec<Evidence>,
    /// What exactly is missing (empty when done or n/a).
    pub missing: Vec<Msg>,
    /// Information that does not change the status (e.g. people still on the engagement).
    pub notes: Vec<Msg>,
    /// The rules that check this item (empty: the checklist's own judgement only).
    pub rules: &'static [&'static str],
    pub problems: Vec<Problem>,
    pub status: Status,
}

/// The exit of one engagement as seen at the end of `as_of`.
#[derive(Debug)]
pub struct Exit<'a> {
    pub engagement: &'a Engagement,
    pub handover: Option<&'a Handover>,
    /// The effective date of termination (the term's end before a Handover exists).
    pub effective: Date,
    /// Effective date + `handover_grace_days`: "after exit" begins the day after.
    pub grace_end: Date,
    pub as_of: Date,
    pub items: Vec<Item>,
}

impl Exit<'_> {
    pub fn done(&self) -> usize {
        self.items.iter().filter(|i| matches!(i.status, Status::Done | Status::NotApplicable)).count()
    }

    /// Days from the as-of day to the effective date (negative once it has passed).
    pub fn days_left(&self) -> i64 {
        crate::calendar::dates::days_between(self.as_of, self.effective)
    }
}

/// What every part of the exit reads: the repository as of a day, the engagement, its
/// Handover (if any) and the dates derived from them.
#[derive(Clone, Copy)]
struct Scope<'c, 'a> {
    cx: &'c Context<'a>,
    engagement: &'a Engagement,
    h: Option<&'a Handover>,
    as_of: Date,
    term_end: Date,
    effective: Date,
    grace_end: Date,
    after_exit: bool,
    /// The notice period in days.
    n: u32,
    /// GEN-003 findings inside the Handover, by position: values left out of it, shown on the
    /// item they belong to.
    unreadable: &'c [&'a crate::model::Finding],
}

impl<'c, 'a> Scope<'c, 'a> {
    /// The GEN-003 findings inside `span` (a part of the Handover).
    fn unreadable_in(&self, span: Span) -> &'c [&'a crate::model::Finding] {
        let inside = |f: &&crate::model::Finding| f.span.file == span.file && f.span.start >= span.start;
        let from = self.unreadable.partition_point(|f| !inside(f));
        let to = from + self.unreadable[from..].partition_point(|f| f.span.end <= span.end);
        &self.unreadable[from..to]
    }
}

impl Draft {
    /// Show the values of this item left out for a GEN-003 error: the item cannot be judged
    /// done on a value nobody could read.
    fn unreadable(&mut self, findings: &[&crate::model::Finding]) {
        for f in findings {
            self.problem(crate::load::GEN_003, f.span, f.message.clone(), f.help.clone());
        }
    }
}

/// What an item's condition is, before the status is decided.
struct Draft {
    item: Item,
    satisfied: bool,
    not_applicable: bool,
}

impl Draft {
    fn new(key: impl Into<String>, section: &'static str, title: Msg, rules: &'static [&'static str]) -> Draft {
        Draft {
            item: Item {
                key: key.into(),
                section,
                title,
                due: None,
                done_at: None,
                evidence: Vec::new(),
                missing: Vec::new(),
                notes: Vec::new(),
                rules,
                problems: Vec::new(),
                status: Status::Pending,
            },
            satisfied: false,
            not_applicable: false,
        }
    }

    fn due(mut self, day: Date) -> Draft {
        self.item.due = Some(day);
        self
    }

    fn problem(&mut self, rule: &'static str, span: Span, message: Msg, help: Option<Msg>) {
        self.item.problems.push(Problem { rule, span, message, help });
    }

    fn finish(mut self, as_of: Date) -> Item {
        let overdue = self.item.due.is_some_and(|d| as_of > d);
        // A problem a rule reports makes the item missing even when it is marked not
        // applicable (its evidence must still exist), so validate and the checklist agree.
        self.item.status = if !self.item.problems.is_empty() {
            Status::Missing
        } else if self.not_applicable {
            Status::NotApplicable
        } else if self.satisfied {
            Status::Done
        } else if overdue {
            Status::Missing
        } else {
            Status::Pending
        };
        if matches!(self.item.status, Status::Done | Status::NotApplicable) {
            self.item.missing.clear();
        }
        self.item
    }
}

/// The required notice period: the contract's (§7.1 "根据合同约定"; revision 2, decision 10).
/// A contract below the policy's `termination_notice_days` is CON-005's warning, not a
/// reason to ask the exit for more than the contract does.
pub fn notice_days(engagement: &Engagement) -> u32 {
    engagement.termination.notice_days.value
}

fn needs_notice_period(reason: TerminationCondition) -> bool {
    matches!(
        reason,
        TerminationCondition::ContractExpiry
            | TerminationCondition::ProviderInitiated
            | TerminationCondition::CustomerChange
    )
}

fn needs_evidence(reason: TerminationCondition) -> bool {
    matches!(
        reason,
        TerminationCondition::ForceMajeure
            | TerminationCondition::ProviderBreach
            | TerminationCondition::CustomerBreach
    )
}

pub fn deliverable_title(item: DeliverableItem) -> Msg {
    let en = match item {
        DeliverableItem::SystemConfig => "system configuration",
        DeliverableItem::TechnicalDocs => "technical documents",
        DeliverableItem::SystemLogs => "system logs",
        DeliverableItem::UserManuals => "user manuals",
        DeliverableItem::TrainingMaterials => "training materials",
        DeliverableItem::ServiceReports => "service reports",
        DeliverableItem::ChangeRecords => "change records",
        DeliverableItem::BackupRecoveryPlan => "backup and recovery plan",
        DeliverableItem::Other => "other deliverable",
    };
    // The Chinese from the one table of labels, so the checklist and messages agree.
    Msg::new(en, item.zh())
}

/// Evidence of one path, with an HND-003 problem when it is missing or leaves the repository.
fn evidence(cx: &Context<'_>, draft: &mut Draft, path: &Sp<RelPath>, with_problems: bool) {
    let p = path.value.0.as_str();
    let state = inspect_in(cx.repo, p);
    if with_problems {
        match state {
            EvidenceState::Missing => draft.problem(
                HND_003,
                path.span,
                msg!("`{p}` does not exist in the repository", "仓库中不存在 `{p}`"),
                Some(msg!(
                    "commit the evidence file at this path, or correct the path (relative to the folder holding itos.toml)",
                    "请在此路径提交佐证材料文件，或更正路径（相对于 itos.toml 所在目录）"
                )),
            ),
            EvidenceState::Escapes => draft.problem(
                HND_003,
                path.span,
                msg!(
                    "`{p}` leads outside the repository (through a symbolic link); evidence must be kept in the repository",
                    "`{p}` 指向仓库之外（经由符号链接）；佐证材料必须保存在仓库内"
                ),
                Some(msg!("copy the evidence into the repository and name that copy", "请将佐证材料复制到仓库内并引用该副本")),
            ),
            EvidenceState::NotRegular => draft.problem(
                HND_003,
                path.span,
                msg!(
                    "`{p}` is not a regular file (a FIFO, device, socket or submodule); it is not read as evidence",
                    "`{p}` 不是普通文件（FIFO、设备、套接字或子模块）；不作为佐证材料读取"
                ),
                Some(msg!(
                    "commit the evidence as an ordinary file and name that file",
                    "请将佐证材料作为普通文件提交并引用该文件"
                )),
            ),
            _ => {}
        }
    }
    draft.item.evidence.push(Evidence { path: path.value.0.clone(), span: path.span, state });
}

/// The exit of `engagement` (with its Handover, if one exists).
/// Evidence dated after as-of is ignored (rules.md): the step had not been taken yet.
fn known<'x>(cx: &Context<'_>, date: Option<&'x Sp<Date>>) -> Option<&'x Sp<Date>> {
    date.filter(|d| cx.known_date(d.value))
}

pub fn exit<'a>(cx: &Context<'a>, engagement: &'a Engagement, handover: Option<&'a Handover>) -> Exit<'a> {
    let as_of = cx.as_of;
    let term_end = engagement.term.end.value;
    let effective = handover.map_or(term_end, |h| h.termination.effective_at.value);
    let grace_end = add_days(effective, i64::from(cx.policy.handover_grace_days));
    let after_exit = as_of > grace_end;
    let h = handover;
    let mut items = Vec::new();
    let n = notice_days(engagement);

    let mut unreadable: Vec<&crate::model::Finding> = match h {
        Some(h) => cx
            .repo
            .findings
            .iter()
            .filter(|f| {
                f.rule == crate::load::GEN_003
                    && f.span.file == h.span.file
                    && f.span.start >= h.span.start
                    && f.span.end <= h.span.end
            })
            .collect(),
        None => Vec::new(),
    };
    unreadable.sort_by_key(|f| (f.span.start, f.span.end));
    let s = Scope { cx, engagement, h, as_of, term_end, effective, grace_end, after_exit, n, unreadable: &unreadable };
    termination::items(&s, &mut items);
    deliverables::items(&s, &mut items);
    leftovers::items(&s, &mut items);
    support::items(&s, &mut items);
    data_access::items(&s, &mut items);
    staff::items(&s, &mut items);
    evaluation::items(&s, &mut items);

    Exit { engagement, handover, effective, grace_end, as_of, items }
}

/// The Handover of an engagement, if one exists (the first one in path order).
pub fn handover_of<'a>(cx: &Context<'a>, engagement: &Engagement) -> Option<&'a Handover> {
    cx.handover_of(&engagement.id.value)
}

/// The exits of every engagement that has a Handover (what the HND rules look at).
pub fn exits<'a>(cx: &Context<'a>) -> Vec<Exit<'a>> {
    cx.records.engagements.iter().filter_map(|e| handover_of(cx, e).map(|h| exit(cx, e, Some(h)))).collect()
}
