//! BAK-005: Restores complete within the system's RTO.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak005;

static META: Meta = Meta {
    id: "BAK-005",
    severity: Severity::Warning,
    section: "§3.4",
    title_en: "Restores complete within the system's RTO",
    title_zh: "恢复用时不得超过系统的恢复时间目标(RTO)",
    explanation_en: "A restore test also measures how long recovery takes (§3.4). A test whose `duration` is longer than the `rto` of its policy's System shows that the recovery time objective could not be met in a real disaster.",
    explanation_zh: "恢复测试同时检验恢复所需时间(§3.4)。测试 `duration` 超过其备份策略所属系统 `rto`(恢复时间目标)的,说明真正发生灾难时无法达成 RTO。",
    failing: "kind: RestoreTest\nid: RT-2026-09\npolicy: bp-core-db\nperformed_at: 2026-09-20\nresult: passed\nintegrity_verified: true\nduration: 3h\n---\nkind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: true\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    passing: "kind: RestoreTest\nid: RT-2026-09\npolicy: bp-core-db\nperformed_at: 2026-09-20\nresult: passed\nintegrity_verified: true\nduration: 1h40m\n---\nkind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: true\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Bak005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for t in &cx.records.restore_tests {
            let Some(duration) = &t.duration else { continue };
            let Some(bp) =
                cx.index.position(Kind::BackupPolicy, &t.policy.value).and_then(|p| cx.records.backup_policies.get(p))
            else {
                continue;
            };
            let Some(sys) = cx.index.position(Kind::System, &bp.system.value).and_then(|p| cx.records.systems.get(p))
            else {
                continue;
            };
            let Some(rto) = &sys.rto else { continue };
            out.checked();
            if duration.value > rto.value {
                let (id, d, r, sid) = (t.id.value.as_str(), duration.value, rto.value, sys.id.value.as_str());
                out.report(
                    duration.span,
                    msg!(
                        "restore test `{id}` took {d}, longer than the RTO {r} of `{sid}`",
                        "恢复测试 `{id}` 用时 {d},超过系统 `{sid}` 的 RTO {r}"
                    ),
                )
                .label(rto.span, msg!("RTO", "恢复时间目标"))
                .record(Kind::RestoreTest, id);
            }
        }
    }
}
