//! BAK-003: Failed restore tests have a follow-up.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak003;

static META: Meta = Meta {
    id: "BAK-003",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "Failed restore tests have a follow-up",
    title_zh: "恢复测试失败须有后续措施",
    explanation_en: "A failed restore test (§3.4, 恢复测试) means the backups cannot be relied on until the cause is fixed. The record must say what is being done about it in `follow_up`.",
    explanation_zh: "恢复测试失败(§3.4)意味着在原因排除前备份不可依赖。记录中须以 `follow_up` 写明后续措施。",
    failing: "kind: RestoreTest\nid: RT-2026-09\npolicy: bp-core-db\nperformed_at: 2026-09-20\nresult: failed\nintegrity_verified: false\n---\nkind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: true\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    passing: "kind: RestoreTest\nid: RT-2026-09\npolicy: bp-core-db\nperformed_at: 2026-09-20\nresult: failed\nintegrity_verified: false\nfollow_up: 更换损坏的磁带库驱动器并于 10 月 5 日重测\n---\nkind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: true\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Bak003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::restore_test::RestoreResult;
        for t in &cx.records.restore_tests {
            out.checked();
            if t.result.value == RestoreResult::Failed && t.follow_up.as_ref().is_none_or(|f| f.value.trim().is_empty())
            {
                let id = t.id.value.as_str();
                out.report(
                    t.result.span,
                    msg!(
                        "restore test `{id}` failed and records no `follow_up`",
                        "恢复测试 `{id}` 失败,但未记录后续措施 `follow_up`"
                    ),
                )
                .record(Kind::RestoreTest, id);
            }
        }
    }
}
