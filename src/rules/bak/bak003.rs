//! BAK-003: a failed restore test records its follow-up.

use crate::model::kinds::restore_test::RestoreResult;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak003;

static META: Meta = Meta {
    id: "BAK-003",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "A failed restore test records its follow-up",
    title_zh: "恢复测试失败须记录后续整改措施",
    explanation_en: "A failed restore test (§3.4) means the backups of that system cannot be relied on \
until the cause is found and fixed. The RestoreTest must say what is being done about it in \
`follow_up` — the cause, the fix and the date of the repeat test — so that the failure is \
tracked to closure instead of being filed away.",
    explanation_zh: "恢复测试失败（§3.4）意味着在查明并排除原因之前，该系统的备份不可依赖。恢复测试记\
录须在 `follow_up` 中写明后续整改措施——失败原因、整改办法及重测日期——使问题得到跟踪闭环，而不是记录归\
档了事。",
    failing: include_str!("../../../fixtures/BAK-003.failing.yaml"),
    passing: include_str!("../../../fixtures/BAK-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Bak003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for t in &cx.records.restore_tests {
            if t.result.value != RestoreResult::Failed || t.performed_at.value > cx.as_of {
                continue;
            }
            if cx.engagement_of(RecordView::RestoreTest(t)).is_none() {
                continue;
            }
            out.checked();
            if crate::rules::has_text(&t.follow_up)
                || cx.index.value_left_out(Kind::RestoreTest, &t.id.value, "follow_up")
            {
                continue;
            }
            let (id, policy, on) = (t.id.value.as_str(), t.policy.value.as_str(), t.performed_at.value);
            out.report(
                t.id.span,
                msg!(
                    "restore test {id} of backup policy {policy} failed on {on} and records no `follow_up`",
                    "备份策略 {policy} 的恢复测试 {id} 于 {on} 失败，但未记录后续整改措施 `follow_up`"
                ),
            )
            .label(t.result.span, msg!("failed", "测试失败"))
            .help(msg!(
                "write the cause, the fix and the repeat test in `follow_up`",
                "请在 `follow_up` 中写明失败原因、整改措施及重测安排"
            ))
            .record(Kind::RestoreTest, id);
        }
    }
}
