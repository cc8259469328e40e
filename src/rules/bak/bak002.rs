//! BAK-002: A passed, verified restore test within the restore-test interval.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak002;

static META: Meta = Meta {
    id: "BAK-002",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "A passed, verified restore test within the restore-test interval",
    title_zh: "须在恢复测试周期内完成通过且校验完整性的恢复测试",
    explanation_en: "A backup that has never been restored is a hope, not a backup (§3.4, 恢复演练). Each BackupPolicy needs a RestoreTest that passed with its integrity verified within `restore_test_interval_days` (90 by default; a policy's own `restore_test_interval_days` overrides it); the first is due one interval after the term starts.",
    explanation_zh: "从未恢复过的备份只是一种期望,而不是备份(§3.4)。每个备份策略须在 `restore_test_interval_days`(默认 90 天;备份策略自身的 `restore_test_interval_days` 优先)内有一次结果为通过且完成完整性校验的恢复测试;首次测试应在合同期开始后一个周期内完成。",
    failing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验 SHA-256\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n---\nkind: RestoreTest\nid: RT-2026-08\npolicy: bp-core-db\nperformed_at: 2026-06-02\nresult: passed\nintegrity_verified: true\nscope: full\nsource: offsite\nduration: 1h40m\n",
    passing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验 SHA-256\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n---\nkind: RestoreTest\nid: RT-2026-08\npolicy: bp-core-db\nperformed_at: 2026-08-22\nresult: passed\nintegrity_verified: true\nscope: full\nsource: offsite\nduration: 1h40m\n",
    params: &["restore_test_interval_days"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Bak002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::{Interval, days_between};
        use crate::rules::duty::{judged_at, latest_until, overdue};
        for bp in &cx.records.backup_policies {
            let Some(eng) = cx.engagement_for(RecordView::BackupPolicy(bp)) else { continue };
            let Some(day) = judged_at(cx, eng) else { continue };
            out.checked();
            let days = bp.restore_test_interval_days.as_ref().map_or(cx.policy.restore_test_interval_days, |d| d.value);
            let interval = Interval::Days(days);
            let good: Vec<_> = cx
                .records
                .restore_tests
                .iter()
                .filter(|t| {
                    t.policy.value == bp.id.value
                        && t.passed()
                        && t.integrity_verified.value
                        && t.performed_at.value <= day
                })
                .collect();
            let last = latest_until(good.iter().map(|t| t.performed_at.value), day);
            let start = eng.term.start.value;
            if let Some(o) = overdue(last, start, interval, day) {
                let id = bp.id.value.as_str();
                let f = match last {
                    Some(l) => {
                        let ago = days_between(l, day);
                        out.report(bp.id.span, msg!("last passed restore test of {id} was on {l}, {ago} days before {day}; policy requires one every {days} days", "{id} 最近一次通过的恢复测试在 {l},距 {day} 已 {ago} 天;策略要求每 {days} 天至少一次"))
                    }
                    None => {
                        let due = o.due;
                        out.report(bp.id.span, msg!("no passed restore test of {id} with integrity verified since {start}; one was due by {due} (every {days} days)", "{id} 自 {start} 以来没有通过且完成完整性校验的恢复测试;应于 {due} 前完成(每 {days} 天一次)"))
                    }
                };
                if let Some(t) = good.iter().max_by_key(|t| t.performed_at.value) {
                    f.label(t.performed_at.span, msg!("last passed restore test", "最近一次通过的恢复测试"));
                }
                f.record(Kind::BackupPolicy, id);
            }
        }
    }
}
