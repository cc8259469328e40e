//! BAK-002: a passed restore test with verified integrity within every restore-test interval.

use crate::calendar::dates::{Interval, days_between};
use crate::model::kinds::{Engagement, RestoreTest};
use crate::model::{Kind, RecordView, Severity, Span};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, label_records_from};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak002;

static META: Meta = Meta {
    id: "BAK-002",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "A passed restore test with verified integrity within every restore-test interval",
    title_zh: "每个恢复测试周期内须有一次通过且经完整性校验的备份恢复测试",
    explanation_en: "A backup that has never been restored is a hope, not a backup: the manual (§3.4) \
asks for regular restore tests (恢复演练) and integrity checks. Each BackupPolicy needs a \
RestoreTest that `passed` with `integrity_verified: true` within the last \
`restore_test_interval_days` (90 by default; the policy's own `restore_test_interval_days` \
overrides it). The first test is due one interval after the term's start, or after the \
Engagement's `records_from` when that is later (never a commit date: git history plays no part); \
failed tests and tests without a verified integrity check do not count.",
    explanation_zh: "从未恢复过的备份，能否恢复只是一种期望：手册 §3.4 要求定期开展备份恢复测试（恢复\
演练）并校验完整性。每个备份策略在最近 `restore_test_interval_days`（默认 90 天；备份策略自身设定的 `restore_test_interval_days` \
优先）内，须有一次结果为通过（`passed`）且已完成完整性校验（`integrity_verified: true`）的备份恢复测\
试（`RestoreTest`）。首次测试应在合同期开始（或服务项目的 `records_from`，取较晚者）后一个周期内完成\
，与 Git 提交日期无关；失败或未完成完整性校验的测试不计入。",
    failing: include_str!("../../../fixtures/BAK-002.failing.yaml"),
    passing: include_str!("../../../fixtures/BAK-002.passing.yaml"),
    params: &["restore_test_interval_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Bak002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for d in duties(cx) {
            out.checked();
            let (p, every) = (d.periodic, d.every);
            if p.overdue().is_none() {
                continue;
            }
            let (id, due, day, start) = (d.duty.record.id.as_str(), p.due, p.day, p.start);
            let message = match d.last {
                Some(t) => {
                    let (on, ago) = (t.performed_at.value, days_between(t.performed_at.value, day));
                    msg!(
                        "last passed restore test of {id} was on {on}, {ago} days before {day}; policy requires one every {every} days",
                        "备份策略 {id} 最近一次通过的恢复测试在 {on}，距 {day} 已 {ago} 天；策略要求每 {every} 天至少一次"
                    )
                }
                None => msg!(
                    "no passed restore test of {id} with integrity verified since {start}; policy requires one every {every} days (due {due})",
                    "备份策略 {id} 自 {start} 以来没有通过且经完整性校验的恢复测试；策略要求每 {every} 天至少一次（应于 {due} 前完成）"
                ),
            };
            let f = out.overdue(&d.duty, message);
            if let Some(t) = d.last {
                let tid = t.id.value.as_str();
                f.label(t.performed_at.span, msg!("last passed restore test {tid}", "最近一次通过的恢复测试 {tid}"));
            }
            if let Some(own) = d.own {
                f.label(own, msg!("this policy's own interval", "本备份策略自定的测试周期"));
            }
            label_records_from(f, d.engagement, start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|d| d.periodic.fires()).map(|d| d.duty));
    }
}

/// One backup policy's next restore test.
struct PolicyDuty<'a> {
    engagement: &'a Engagement,
    periodic: Periodic,
    every: u32,
    /// The policy's own interval, when it sets one.
    own: Option<Span>,
    last: Option<&'a RestoreTest>,
    duty: Duty,
}

fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = PolicyDuty<'a>> + 'a {
    // Tests by policy, once (no scan of every test per policy).
    let mut tests: std::collections::HashMap<&str, Vec<&RestoreTest>> = std::collections::HashMap::new();
    for t in &cx.records.restore_tests {
        tests.entry(t.policy.value.as_str()).or_default().push(t);
    }
    cx.records.backup_policies.iter().filter_map(move |bp| {
        let eng = cx.engagement_for(RecordView::BackupPolicy(bp))?;
        let day = judged_at(cx, eng)?;
        let own = bp.restore_test_interval_days.as_ref();
        let every = own.map_or(cx.policy.restore_test_interval_days, |d| d.value);
        // The latest passed, integrity-verified test on or before the judging day.
        let last = tests
            .get(bp.id.value.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|t| t.passed() && t.integrity_verified.value && t.performed_at.value <= day)
            .max_by_key(|t| t.performed_at.value);
        // Like every periodic duty, from the term's start or `records_from` when later
        // (decision 8): never from a commit date.
        let start = duty_start(eng, None);
        let periodic = Periodic::new(cx, eng, last.map(|t| t.performed_at.value), start, Interval::Days(every), day);
        let id = bp.id.value.as_str();
        let what = msg!("restore test of backup policy {id}", "备份策略 {id} 的恢复测试");
        let duty = Duty::new(META.id, Kind::BackupPolicy, id, None, periodic.due, bp.id.span, what).help(msg!(
            "restore from the backups, verify integrity, and record it as a RestoreTest of policy {id} with `result: passed` and `integrity_verified: true`",
            "请从备份执行恢复并校验完整性，以 `RestoreTest` 记录（`policy: {id}`、`result: passed`、`integrity_verified: true`）"
        ));
        Some(PolicyDuty { engagement: eng, periodic, every, own: own.map(|o| o.span), last, duty })
    })
}
