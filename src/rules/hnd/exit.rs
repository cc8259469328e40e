//! The exit of an engagement (manual §7.1–§7.5, §4.4) as one model: the checklist items in
//! the manual's order, each with its due date, evidence, status and what is missing, and the
//! findings of the HND rules on it. The rules (HND-001..HND-008) report exactly the
//! `problems` of these items and `itos handover checklist` shows the same items, so the two
//! can never disagree.
//!
//! Without a Handover record the exit is a plan: the effective date is the term's end and
//! every item is pending with its due date (missing once that date has passed).

use jiff::civil::Date;

use crate::calendar::dates::add_days;
use crate::load::evidence::{EvidenceState, inspect_in};
use crate::model::kinds::engagement::TerminationCondition;
use crate::model::kinds::handover::{Deliverable, DeliverableItem, LeftoverStatus};
use crate::model::kinds::{Engagement, Handover};
use crate::model::scalar::RelPath;
use crate::model::{Msg, RecordView, Sp, Span};
use crate::msg;
use crate::rules::Context;

pub const HND_001: &str = "HND-001";
pub const HND_002: &str = "HND-002";
pub const HND_003: &str = "HND-003";
pub const HND_004: &str = "HND-004";
pub const HND_005: &str = "HND-005";
pub const HND_006: &str = "HND-006";
pub const HND_007: &str = "HND-007";
pub const HND_008: &str = "HND-008";

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
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Pending => "pending",
            Status::Missing => "missing",
            Status::NotApplicable => "n/a",
        }
    }

    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        match lang {
            crate::model::Lang::En => self.as_str(),
            crate::model::Lang::ZhCn => match self {
                Status::Done => "已完成",
                Status::Pending => "待办",
                Status::Missing => "缺失",
                Status::NotApplicable => "不适用",
            },
        }
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

/// The required notice period: the contract's or the policy's, whichever is longer.
pub fn notice_days(cx: &Context<'_>, engagement: &Engagement) -> u32 {
    engagement.termination.notice_days.value.max(cx.policy.termination_notice_days)
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
    let (en, zh) = match item {
        DeliverableItem::SystemConfig => ("system configuration", "系统配置"),
        DeliverableItem::TechnicalDocs => ("technical documents", "技术文档"),
        DeliverableItem::SystemLogs => ("system logs", "系统日志"),
        DeliverableItem::UserManuals => ("user manuals", "用户操作手册"),
        DeliverableItem::TrainingMaterials => ("training materials", "培训资料"),
        DeliverableItem::ServiceReports => ("service reports", "服务报告"),
        DeliverableItem::ChangeRecords => ("change records", "变更记录"),
        DeliverableItem::BackupRecoveryPlan => ("backup and recovery plan", "备份与恢复方案"),
        DeliverableItem::Other => ("other deliverable", "其他交付物"),
    };
    Msg::new(en, zh)
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
                    "请在此路径提交证据文件,或更正路径(相对于 itos.toml 所在目录)"
                )),
            ),
            EvidenceState::Escapes => draft.problem(
                HND_003,
                path.span,
                msg!(
                    "`{p}` leads outside the repository (through a symbolic link); evidence must be kept in the repository",
                    "`{p}` 指向仓库之外(经由符号链接);证据必须保存在仓库内"
                ),
                Some(msg!("copy the evidence into the repository and name that copy", "请将证据复制到仓库内并引用该副本")),
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
    let n = notice_days(cx, engagement);

    // §7.1 Termination: reason, notice, agreement.
    let mut reason = Draft::new(
        "termination.reason",
        "§7.1",
        msg!("termination reason is one of the contract's conditions", "终止原因属于合同约定的终止条件"),
        &[HND_001],
    )
    .due(effective);
    let mut notice = Draft::new(
        "termination.notice",
        "§7.1",
        msg!("termination notice given in time", "按期发出终止通知"),
        &[HND_001],
    )
    .due(add_days(effective, -i64::from(n)));
    let mut agreement = Draft::new(
        "termination.agreement",
        "§7.1",
        msg!("termination agreement signed (mutual agreement)", "签署终止协议(双方协商一致)"),
        &[HND_001],
    )
    .due(effective);
    match h {
        None => {
            reason.item.missing.push(msg!("no Handover record yet", "尚无 Handover 记录"));
            notice.item.missing.push(msg!(
                "notice at least {n} days before the term ends ({term_end})",
                "至少在服务期结束({term_end})前 {n} 天发出通知"
            ));
            agreement.item.notes.push(msg!("needed only when ending by mutual agreement", "仅在双方协商终止时需要"));
            agreement.item.missing.push(msg!("no Handover record yet", "尚无 Handover 记录"));
        }
        Some(h) => {
            let t = &h.termination.value;
            let why = t.reason.value;
            let why_text = why.as_str();
            reason.item.done_at = Some(t.notice_given_at.value).filter(|d| cx.known_date(*d));
            if engagement.termination.conditions.iter().any(|c| c.value == why) {
                reason.satisfied = true;
            } else {
                let allowed: Vec<&str> = engagement.termination.conditions.iter().map(|c| c.value.as_str()).collect();
                let allowed = allowed.join(", ");
                reason.problem(
                    HND_001,
                    t.reason.span,
                    msg!(
                        "`{why_text}` is not among the contract's termination conditions ({allowed})",
                        "`{why_text}` 不属于合同约定的终止条件({allowed})"
                    ),
                    Some(msg!(
                        "end the engagement on one of the contract's conditions, or amend the contract first",
                        "请依合同约定的终止条件终止,或先变更合同"
                    )),
                );
                reason.item.missing.push(msg!("a reason the contract allows", "合同允许的终止原因"));
            }
            let given = t.notice_given_at.value;
            // A notice dated after as-of has not been given yet (evidence after as-of is ignored).
            let given_yet = cx.known_date(given);
            notice.item.done_at = given_yet.then_some(given);
            if needs_notice_period(why) {
                let latest = add_days(t.effective_at.value, -i64::from(n));
                if given <= latest {
                    notice.satisfied = given_yet;
                } else {
                    let days = crate::calendar::dates::days_between(given, t.effective_at.value);
                    let contract = engagement.termination.notice_days.value;
                    let policy = cx.policy.termination_notice_days;
                    notice.problem(
                        HND_001,
                        t.notice_given_at.span,
                        msg!(
                            "notice given {given}, {days} days before the effective date {effective}; at least {n} days are required (contract {contract}, policy {policy}), i.e. by {latest}",
                            "终止通知于 {given} 发出,距生效日 {effective} 仅 {days} 天;至少须提前 {n} 天(合同 {contract} 天,策略 {policy} 天),即不晚于 {latest}"
                        ),
                        Some(msg!(
                            "move the effective date to {n} days after the notice, or record the customer's agreement (reason mutual-agreement)",
                            "请将生效日顺延至通知后 {n} 天,或记录客户同意(原因改为 mutual-agreement)"
                        )),
                    );
                    notice.item.missing.push(msg!("notice by {latest}", "不晚于 {latest} 的通知"));
                }
            } else if needs_evidence(why) {
                notice.item.due = Some(t.effective_at.value);
                if t.notice_evidence.is_some() {
                    notice.satisfied = true;
                } else {
                    notice.problem(
                        HND_001,
                        t.reason.span,
                        msg!(
                            "termination for `{why_text}` needs `notice_evidence`: the document that establishes it",
                            "因 `{why_text}` 终止须提供 `notice_evidence`(证明该情形的文件)"
                        ),
                        Some(msg!(
                            "commit the notice or evidence document and name it in `termination.notice_evidence`",
                            "请提交通知或证明文件,并在 `termination.notice_evidence` 中引用"
                        )),
                    );
                    notice.item.missing.push(msg!("notice evidence", "通知证明文件"));
                }
            } else {
                notice.not_applicable = true;
                notice
                    .item
                    .notes
                    .push(msg!("ended by mutual agreement: no notice period", "双方协商终止:无通知期要求"));
            }
            if let Some(path) = &t.notice_evidence {
                evidence(cx, &mut notice, path, true);
            }
            if why == TerminationCondition::MutualAgreement {
                match known(cx, t.agreement_signed_at.as_ref()) {
                    Some(d) => {
                        agreement.satisfied = true;
                        agreement.item.done_at = Some(d.value);
                    }
                    None => {
                        agreement.problem(
                            HND_001,
                            t.reason.span,
                            msg!(
                                "termination by mutual agreement without `agreement_signed_at`",
                                "双方协商终止但缺少 `agreement_signed_at`(协议签署日期)"
                            ),
                            Some(msg!(
                                "record the date both parties signed the termination agreement",
                                "请记录双方签署终止协议的日期"
                            )),
                        );
                        agreement.item.missing.push(msg!("signed termination agreement", "已签署的终止协议"));
                    }
                }
            } else {
                agreement.not_applicable = true;
            }
        }
    }
    items.push(reason.finish(as_of));
    items.push(notice.finish(as_of));
    items.push(agreement.finish(as_of));

    // §7.3 Full system check before exit (the checklist's own item; no rule).
    let mut check =
        Draft::new("pre-exit-check", "§7.3", msg!("full system check before exit", "退出前全面系统检查"), &[])
            .due(add_days(effective, -30));
    match known(cx, h.and_then(|h| h.pre_exit_check_at.as_ref())) {
        Some(d) => {
            check.satisfied = true;
            check.item.done_at = Some(d.value);
        }
        None => check.item.missing.push(msg!("`pre_exit_check_at`", "`pre_exit_check_at`(检查日期)")),
    }
    items.push(check.finish(as_of));

    // §7.2 The eight deliverables, then any others.
    for item in REQUIRED {
        let name = item.as_str();
        let mut d = Draft::new(
            format!("deliverable.{name}"),
            "§7.2",
            {
                let t = deliverable_title(item);
                Msg::new(format!("{}: delivered and accepted", t.en), format!("{}:已交付并经验收", t.zh))
            },
            &[HND_002, HND_003],
        )
        .due(effective);
        match h {
            None => d.item.missing.push(msg!("no Handover record yet", "尚无 Handover 记录")),
            Some(h) => match h.deliverable(item) {
                None => {
                    let span = h.deliverables.span.unwrap_or(h.id.span);
                    d.problem(
                        HND_002,
                        span,
                        msg!(
                            "required deliverable `{name}` is not listed",
                            "缺少必需的交付物 `{name}`"
                        ),
                        Some(msg!(
                            "add `- item: {name}` with its evidence, or mark it `not_applicable` with the customer's acceptance",
                            "请添加 `- item: {name}` 及其证据,或标记 `not_applicable` 并注明客户认可"
                        )),
                    );
                    d.item.missing.push(msg!("`{name}` entry", "`{name}` 条目"));
                }
                Some(entry) => deliverable(cx, &mut d, entry, name, effective),
            },
        }
        items.push(d.finish(as_of));
    }
    for (i, entry) in h
        .iter()
        .flat_map(|h| h.deliverables.iter())
        .filter(|d| d.value.item.value == DeliverableItem::Other)
        .enumerate()
    {
        let mut d = Draft::new(
            format!("deliverable.other.{}", i + 1),
            "§7.2",
            msg!("other deliverable: delivered and accepted", "其他交付物:已交付并经验收"),
            &[HND_003],
        )
        .due(effective);
        deliverable(cx, &mut d, entry, "other", effective);
        // Beyond the eight, a late one is the checklist's judgement, not HND-002's.
        d.item.problems.retain(|p| p.rule != HND_002);
        items.push(d.finish(as_of));
    }

    // §7.3 Leftover issues: owner and plan by the effective date, closed by their due date.
    match h {
        Some(h) if !h.leftover_issues.is_empty() => {
            for issue in &h.leftover_issues {
                let v = &issue.value;
                let id = v.id.value.as_str();
                let title = v.title.value.as_str();
                // cli.md: owner and plan are due at E; closing is due at the issue's own `due`,
                // when it has one (rules.md: "open past its `due`").
                let own_due = v.due.as_ref().map(|d| d.value);
                let due = own_due.unwrap_or(effective);
                let mut d = Draft::new(
                    format!("leftover.{id}"),
                    "§7.3",
                    msg!("leftover issue {id}: {title}", "遗留问题 {id}:{title}"),
                    &[HND_004],
                )
                .due(due);
                d.satisfied = v.status.value != LeftoverStatus::Open;
                // Closed when verified (or confirmed by the customer); an open issue has no such date.
                d.item.done_at = Some(v)
                    .filter(|v| v.status.value != LeftoverStatus::Open)
                    .and_then(|v| known(cx, v.verified_at.as_ref()).or(known(cx, v.customer_confirmed_at.as_ref())))
                    .map(|x| x.value);
                let owner = v.owner.value.as_str();
                d.item.notes.push(msg!("owner {owner}", "负责人 {owner}"));
                if v.status.value == LeftoverStatus::Resolved && v.verified_at.is_none() {
                    d.item.notes.push(msg!("resolved, verification not recorded", "已解决,未记录验证"));
                }
                let has_plan = v.plan.as_ref().is_some_and(|p| !p.value.trim().is_empty());
                if v.status.value == LeftoverStatus::Open && own_due.is_none() && has_plan {
                    // Planned, with no date to be past: open, not overdue.
                    d.item.due = None;
                    d.item.notes.push(msg!("open; planned, no due date", "未关闭;已有处理计划,未设期限"));
                }
                if v.status.value == LeftoverStatus::Open {
                    if own_due.is_some_and(|_| as_of > due) {
                        d.problem(
                            HND_004,
                            v.status.span,
                            msg!(
                                "leftover issue {id} is still open after its due date {due}",
                                "遗留问题 {id} 已过期限 {due} 仍未关闭"
                            ),
                            Some(msg!(
                                "resolve and verify it, or record the customer's acceptance (status accepted)",
                                "请解决并验证,或记录客户接受(status 设为 accepted)"
                            )),
                        );
                    }
                    if own_due.is_some() {
                        d.item.missing.push(msg!("resolution by {due}", "于 {due} 前解决"));
                    } else {
                        d.item.missing.push(msg!("resolution", "解决"));
                    }
                }
                if v.plan.as_ref().is_none_or(|p| p.value.trim().is_empty()) && v.status.value == LeftoverStatus::Open {
                    if as_of >= effective {
                        d.problem(
                            HND_004,
                            issue.span,
                            msg!(
                                "leftover issue {id} has no `plan` at the effective date {effective}",
                                "遗留问题 {id} 在终止生效日 {effective} 仍无处理计划 `plan`"
                            ),
                            Some(msg!("write how and by when it will be resolved", "请写明处理方式和完成时间")),
                        );
                    }
                    d.item.missing.push(msg!("a `plan`", "处理计划 `plan`"));
                }
                items.push(d.finish(as_of));
            }
        }
        _ => {
            let mut d = Draft::new(
                "leftover.identified",
                "§7.3",
                msg!("leftover issues identified, each with owner and plan", "识别遗留问题并明确负责人和处理计划"),
                &[HND_004],
            )
            .due(effective);
            if h.is_some() {
                d.satisfied = true;
                d.item.notes.push(msg!("none recorded", "未记录遗留问题"));
            } else {
                d.item.missing.push(msg!("no Handover record yet", "尚无 Handover 记录"));
            }
            items.push(d.finish(as_of));
        }
    }
    let mut report = Draft::new(
        "leftover.report",
        "§7.3",
        msg!("leftover-issue report submitted to the customer", "向客户提交遗留问题处理报告"),
        &[HND_004],
    )
    .due(grace_end);
    match known(cx, h.and_then(|h| h.leftover_report_submitted_at.as_ref())) {
        Some(d) => {
            report.satisfied = true;
            report.item.done_at = Some(d.value);
        }
        None => {
            report
                .item
                .missing
                .push(msg!("`leftover_report_submitted_at`", "`leftover_report_submitted_at`(报告提交日期)"));
            if let Some(h) = h.filter(|_| after_exit) {
                report.problem(
                    HND_004,
                    h.id.span,
                    msg!(
                        "no leftover-issue report submitted after exit (grace period ended {grace_end})",
                        "退出后未提交遗留问题处理报告(宽限期已于 {grace_end} 结束)"
                    ),
                    Some(msg!("record `leftover_report_submitted_at`", "请记录 `leftover_report_submitted_at`")),
                );
            }
        }
    }
    items.push(report.finish(as_of));

    // §7.4 Support after termination.
    let required = engagement.post_termination_support_days.as_ref().map(|d| d.value);
    let mut support =
        Draft::new("support", "§7.4", msg!("post-termination support period defined", "明确终止后支持期"), &[HND_005])
            .due(effective);
    if let Some(days) = required {
        let until = add_days(effective, i64::from(days));
        support
            .item
            .notes
            .push(msg!("the contract asks for {days} days, until {until}", "合同要求 {days} 天,至 {until}"));
    }
    match h {
        None => support.item.missing.push(msg!("no Handover record yet", "尚无 Handover 记录")),
        Some(h) => match &h.support {
            None => {
                support.problem(
                    HND_005,
                    h.id.span,
                    msg!("no post-termination support period (`support`)", "未约定终止后支持期(`support`)"),
                    Some(msg!(
                        "record `support` with `until`, `channels` and `contact`",
                        "请记录 `support` 的 `until`、`channels` 和 `contact`"
                    )),
                );
                support.item.missing.push(msg!("`support`", "`support`(支持安排)"));
            }
            Some(s) => {
                let until = s.value.until.value;
                let channels = s.value.channels.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", ");
                support.item.notes.push(msg!("support until {until} by {channels}", "支持至 {until},方式:{channels}"));
                match required.map(|days| (days, add_days(effective, i64::from(days)))) {
                    // With no contract minimum, support must still run past the effective date:
                    // a period that ends before it is no post-termination support at all.
                    None if until <= effective => {
                        support.problem(
                            HND_005,
                            s.value.until.span,
                            msg!(
                                "support until {until} ends on or before the effective date {effective}: there is no post-termination support",
                                "支持期至 {until},不晚于终止生效日 {effective}:没有终止后的支持期"
                            ),
                            Some(msg!("set `support.until` after {effective}", "请将 `support.until` 设在 {effective} 之后")),
                        );
                        support.item.missing.push(msg!("support after {effective}", "{effective} 之后的支持期"));
                    }
                    Some((days, needed)) if until < needed => {
                        support.problem(
                            HND_005,
                            s.value.until.span,
                            msg!(
                                "support until {until} is shorter than the contract's {days} days after {effective} (until {needed})",
                                "支持期至 {until},短于合同约定的终止后 {days} 天(应至 {needed})"
                            ),
                            Some(msg!("extend `support.until` to {needed}", "请将 `support.until` 延至 {needed}")),
                        );
                        support.item.missing.push(msg!("support until {needed}", "支持期至 {needed}"));
                    }
                    _ => support.satisfied = true,
                }
            }
        },
    }
    items.push(support.finish(as_of));

    // §7.2 / §3.1 data, credentials and access; §4.4 staff.
    let classified: Vec<&str> = cx
        .records
        .data_assets
        .iter()
        .filter(|d| cx.engagement_of(RecordView::DataAsset(d)).is_some_and(|e| e.value == engagement.id.value))
        .filter(|d| cx.policy.requires_encryption(&d.classification.value))
        .map(|d| d.id.value.as_str())
        .collect();
    let mut data = Draft::new(
        "data",
        "§7.2",
        msg!("customer data returned or destroyed", "客户数据已返还或销毁"),
        &[HND_006, HND_003],
    )
    .due(grace_end);
    let disposal = h.and_then(|h| h.data.as_ref());
    let disposed =
        disposal.and_then(|d| known(cx, d.value.returned_at.as_ref()).or(known(cx, d.value.destroyed_at.as_ref())));
    let certificate = disposal.and_then(|d| d.value.certificate.as_ref());
    if let Some(c) = certificate {
        evidence(cx, &mut data, c, h.is_some());
    }
    let needs_certificate = !classified.is_empty();
    if needs_certificate {
        let list = classified.join(", ");
        let min = cx.policy.encryption_required_from.as_str();
        data.item.notes.push(msg!("at or above `{min}`: {list}", "`{min}` 及以上级别的数据:{list}"));
    }
    data.satisfied = disposed.is_some() && (!needs_certificate || certificate.is_some());
    data.item.done_at = disposed.map(|d| d.value);
    if disposed.is_none() {
        data.item
            .missing
            .push(msg!("`data.returned_at` or `data.destroyed_at`", "`data.returned_at` 或 `data.destroyed_at`"));
    }
    if needs_certificate && certificate.is_none() {
        data.item
            .missing
            .push(msg!("`data.certificate` for classified data", "分级数据的 `data.certificate`(返还/销毁证明)"));
    }
    if let Some(h) = h.filter(|_| after_exit && !data.satisfied) {
        let span = disposal.map_or(h.id.span, |d| d.span);
        let what = data.item.missing.iter().map(|m| m.en.clone()).collect::<Vec<_>>().join(", ");
        let what_zh = data.item.missing.iter().map(|m| m.zh.clone()).collect::<Vec<_>>().join("、");
        data.problem(
            HND_006,
            span,
            msg!(
                "after exit, the customer's data is not accounted for: missing {what}",
                "退出后客户数据处置不完整:缺少 {what_zh}"
            ),
            Some(msg!(
                "record when the data was returned or destroyed, and the certificate for classified data",
                "请记录数据返还或销毁日期,以及分级数据的证明文件"
            )),
        );
    }
    items.push(data.finish(as_of));

    for (key, section, title, field, value) in [
        (
            "credentials",
            "§7.2",
            msg!("accounts, keys and assets returned", "账号、密钥和资产已归还"),
            "credentials_returned_at",
            known(cx, h.and_then(|h| h.credentials_returned_at.as_ref())),
        ),
        (
            "access",
            "§4.4",
            msg!("staff access to the customer's systems revoked", "服务人员对客户系统的访问权限已撤销"),
            "access_revoked_at",
            known(cx, h.and_then(|h| h.access_revoked_at.as_ref())),
        ),
    ] {
        let mut d = Draft::new(key, section, title, &[HND_006]).due(grace_end);
        match value {
            Some(v) => {
                d.satisfied = true;
                d.item.done_at = Some(v.value);
            }
            None => {
                d.item.missing.push(msg!("`{field}`", "`{field}`"));
                if let Some(h) = h.filter(|_| after_exit) {
                    d.problem(
                        HND_006,
                        h.id.span,
                        msg!("after exit, `{field}` is not recorded", "退出后仍未记录 `{field}`"),
                        Some(msg!("record the date it was done", "请记录完成日期")),
                    );
                }
            }
        }
        items.push(d.finish(as_of));
    }

    // §4.4 Staff offboarded: everyone on the engagement has left it, with an offboarding
    // record (handover of work, access revoked, records archived). The checklist's own item;
    // HR-002 judges each offboarding record.
    let mut staff =
        Draft::new("offboarding", "§4.4", msg!("staff offboarded", "服务人员已办理离场交接"), &[]).due(grace_end);
    let mut pending: Vec<&str> = Vec::new();
    let mut last_left: Option<Date> = None;
    for p in cx
        .records
        .people
        .iter()
        .filter(|p| cx.engagement_of(RecordView::Person(p)).is_some_and(|e| e.value == engagement.id.value))
    {
        let left = known(cx, p.left.as_ref());
        if left.is_none() || p.offboarding.is_none() {
            pending.push(p.id.value.as_str());
        }
        last_left = last_left.max(left.map(|l| l.value));
    }
    staff.satisfied = pending.is_empty();
    if pending.is_empty() {
        staff.item.done_at = last_left;
    } else {
        let list = pending.join(", ");
        staff
            .item
            .missing
            .push(msg!("`left` and `offboarding` of {list}", "{list} 的 `left`(离开日期)和 `offboarding`(离场交接)"));
    }
    items.push(staff.finish(as_of));

    // Settlement and audit.
    let mut settle =
        Draft::new("settlement", "§7.5", msg!("settlement and audit complete", "结算与审计完成"), &[HND_006])
            .due(grace_end);
    let settlement = h.and_then(|h| h.settlement.as_ref());
    let completed = known(cx, settlement.and_then(|s| s.value.completed_at.as_ref()));
    let audited = settlement.and_then(|s| s.value.audit_done.as_ref()).is_some_and(|a| a.value);
    settle.satisfied = completed.is_some() && audited;
    settle.item.done_at = completed.map(|c| c.value);
    if completed.is_none() {
        settle.item.missing.push(msg!("`settlement.completed_at`", "`settlement.completed_at`"));
    }
    if !audited {
        settle.item.missing.push(msg!("`settlement.audit_done: true`", "`settlement.audit_done: true`"));
    }
    if let Some(h) = h.filter(|_| after_exit && !settle.satisfied) {
        let span = settlement.map_or(h.id.span, |s| s.span);
        settle.problem(
            HND_006,
            span,
            msg!("after exit, settlement and audit are not complete", "退出后结算与审计仍未完成"),
            Some(msg!(
                "record `settlement.completed_at` and `audit_done: true`",
                "请记录 `settlement.completed_at` 和 `audit_done: true`"
            )),
        );
    }
    items.push(settle.finish(as_of));

    // Written sign-off by both parties.
    let mut sign =
        Draft::new("sign-off", "§7.2", msg!("written sign-off by both parties", "双方书面签字确认"), &[HND_007])
            .due(grace_end);
    let sign_off = h.and_then(|h| h.sign_off.as_ref());
    let provider = sign_off.and_then(|s| s.value.provider.as_ref()).filter(|p| cx.known_date(p.value.at.value));
    let customer = sign_off.and_then(|s| s.value.customer.as_ref()).filter(|c| cx.known_date(c.value.at.value));
    sign.satisfied = provider.is_some() && customer.is_some();
    sign.item.done_at = provider.zip(customer).map(|(p, c)| p.value.at.value.max(c.value.at.value));
    if provider.is_none() {
        sign.item.missing.push(msg!("the provider's signature", "服务方签字"));
    }
    if customer.is_none() {
        sign.item.missing.push(msg!("the customer's signature", "客户方签字"));
    }
    if let Some(h) = h.filter(|_| after_exit && !sign.satisfied) {
        let span = sign_off.map_or(h.id.span, |s| s.span);
        let who = sign.item.missing.iter().map(|m| m.en.clone()).collect::<Vec<_>>().join(" and ");
        let who_zh = sign.item.missing.iter().map(|m| m.zh.clone()).collect::<Vec<_>>().join("和");
        sign.problem(
            HND_007,
            span,
            msg!("after exit, the written sign-off lacks {who}", "退出后书面确认仍缺少{who_zh}"),
            Some(msg!(
                "record `sign_off.provider` and `sign_off.customer` with name and date",
                "请记录双方签字人及日期"
            )),
        );
    }
    items.push(sign.finish(as_of));

    // §7.5 Outcome evaluation and post-exit feedback: follow-up after the service ended, so
    // dated on or after the effective date (and by as-of).
    let after_end = |d: Date| d >= effective && cx.known_date(d);
    let mut evaluation =
        Draft::new("evaluation", "§7.5", msg!("outcome evaluation", "服务成果评估"), &[HND_008]).due(grace_end);
    if let Some(e) = h.and_then(|h| h.evaluation.as_ref()).filter(|e| e.value.at.value < effective) {
        let at = e.value.at.value;
        evaluation.item.notes.push(msg!(
            "an evaluation dated {at}, before the effective date, does not count",
            "{at} 的评估早于终止生效日,不计入"
        ));
    }
    match h.and_then(|h| h.evaluation.as_ref()).filter(|e| after_end(e.value.at.value)) {
        Some(e) => {
            evaluation.satisfied = true;
            evaluation.item.done_at = Some(e.value.at.value);
        }
        None => {
            evaluation.item.missing.push(msg!("`evaluation`", "`evaluation`(成果评估)"));
            if let Some(h) = h.filter(|_| after_exit) {
                evaluation.problem(
                    HND_008,
                    h.id.span,
                    msg!("after exit, no outcome evaluation (§7.5)", "退出后未进行服务成果评估(§7.5)"),
                    Some(msg!(
                        "record `evaluation` with `at` and `summary`",
                        "请记录 `evaluation` 的 `at` 和 `summary`"
                    )),
                );
            }
        }
    }
    items.push(evaluation.finish(as_of));
    let mut feedback = Draft::new(
        "post-exit-feedback",
        "§7.5",
        msg!("post-exit customer feedback collected", "收集退出后客户反馈"),
        &[HND_008],
    )
    .due(grace_end);
    match h.and_then(|h| h.post_exit_feedback_at.as_ref()).filter(|d| after_end(d.value)) {
        Some(d) => {
            feedback.satisfied = true;
            feedback.item.done_at = Some(d.value);
        }
        None => {
            feedback.item.missing.push(msg!("`post_exit_feedback_at`", "`post_exit_feedback_at`(反馈日期)"));
            if let Some(h) = h.filter(|_| after_exit) {
                feedback.problem(
                    HND_008,
                    h.id.span,
                    msg!("after exit, no post-exit customer feedback (§7.5)", "退出后未收集客户反馈(§7.5)"),
                    Some(msg!("record `post_exit_feedback_at`", "请记录 `post_exit_feedback_at`")),
                );
            }
        }
    }
    items.push(feedback.finish(as_of));

    Exit { engagement, handover, effective, grace_end, as_of, items }
}

/// One deliverable entry: not applicable, or delivered and accepted (by the effective date),
/// and its evidence.
fn deliverable(cx: &Context<'_>, d: &mut Draft, entry: &Sp<Deliverable>, name: &str, effective: Date) {
    let v = &entry.value;
    for path in &v.evidence {
        evidence(cx, d, path, true);
    }
    if let Some(na) = &v.not_applicable {
        d.not_applicable = true;
        let reason = na.value.reason.value.as_str();
        let by = na.value.accepted_by.value.as_str();
        d.item.notes.push(msg!("not applicable: {reason} (accepted by {by})", "不适用:{reason}(验收人 {by})"));
        return;
    }
    let delivered = known(cx, v.delivered_at.as_ref()).map(|x| x.value);
    let accepted = known(cx, v.accepted_at.as_ref()).map(|x| x.value);
    d.item.done_at = accepted.or(delivered);
    if delivered.is_none() {
        d.item.missing.push(msg!("`delivered_at`", "`delivered_at`(交付日期)"));
    }
    if accepted.is_none() || v.accepted_by.is_none() {
        d.item.missing.push(msg!("acceptance (`accepted_by`, `accepted_at`)", "验收(`accepted_by`、`accepted_at`)"));
    }
    if v.evidence.is_empty() {
        d.item.notes.push(msg!("no evidence listed", "未列出证据"));
    }
    d.satisfied = delivered.is_some() && accepted.is_some() && v.accepted_by.is_some();
    if !d.satisfied && cx.as_of > effective {
        d.problem(
            HND_002,
            entry.span,
            msg!(
                "deliverable `{name}` was not delivered and accepted by the effective date {effective}",
                "交付物 `{name}` 未在终止生效日 {effective} 前完成交付和验收"
            ),
            Some(msg!(
                "record `delivered_at`, `accepted_by` and `accepted_at`",
                "请记录 `delivered_at`、`accepted_by` 和 `accepted_at`"
            )),
        );
    }
}

/// The Handover of an engagement, if one exists (the first one in path order).
pub fn handover_of<'a>(cx: &Context<'a>, engagement: &Engagement) -> Option<&'a Handover> {
    cx.records
        .handovers
        .iter()
        .find(|h| cx.engagement_of(RecordView::Handover(h)).is_some_and(|e| e.value == engagement.id.value))
}

/// The exits of every engagement that has a Handover (what the HND rules look at).
pub fn exits<'a>(cx: &Context<'a>) -> Vec<Exit<'a>> {
    cx.records.engagements.iter().filter_map(|e| handover_of(cx, e).map(|h| exit(cx, e, Some(h)))).collect()
}
