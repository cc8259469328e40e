//! BAK-005: a restore test takes no longer than its system's RTO.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak005;

static META: Meta = Meta {
    id: "BAK-005",
    severity: Severity::Warning,
    section: "§3.4",
    title_en: "A restore takes no longer than the system's recovery time objective",
    title_zh: "恢复用时不得超过系统的恢复时间目标（RTO）",
    explanation_en: "A restore test also measures how long recovery takes (§3.4, disaster recovery). A \
RestoreTest whose `duration` is longer than the `rto` of its policy's System shows that the \
recovery time objective promised for that system could not be met in a real disaster: speed up \
the restore (closer copies, parallel restore, a standby) or agree a realistic RTO. Tests without \
a `duration`, and systems without an `rto`, are not judged.",
    explanation_zh: "备份恢复测试同时检验恢复所需的时间（§3.4，灾难恢复）。恢复测试（`RestoreTest`）\
的恢复用时 `duration` 超过其备份策略所属系统的恢复时间目标 `rto`，说明真正发生灾难时，对该系统承诺的\
恢复时间目标无法达成：应加快恢复（就近副本、并行恢复、热备），或重新商定切实可行的 RTO。未填写 `duration` \
的测试，以及未设定 `rto` 的系统，不作判断。",
    failing: include_str!("../../../fixtures/BAK-005.failing.yaml"),
    passing: include_str!("../../../fixtures/BAK-005.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Bak005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for t in &cx.records.restore_tests {
            let Some(duration) = &t.duration else { continue };
            if t.performed_at.value > cx.as_of || cx.engagement_of(RecordView::RestoreTest(t)).is_none() {
                continue;
            }
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
            if duration.value <= rto.value {
                continue;
            }
            let (id, took, target, sid) = (t.id.value.as_str(), duration.value, rto.value, sys.id.value.as_str());
            let zh =
                |d: crate::model::scalar::Dur| crate::figures::figure::duration(d.seconds(), crate::model::Lang::ZhCn);
            let (took_zh, target_zh) = (zh(took), zh(target));
            out.report(
                duration.span,
                msg!(
                    "restore test {id} took {took}, longer than the RTO of {target} of system {sid}",
                    "恢复测试 {id} 用时 {took_zh}，超过系统 {sid} 的恢复时间目标（RTO）{target_zh}"
                ),
            )
            .label(rto.span, msg!("RTO of {sid}", "{sid} 的恢复时间目标"))
            .record(Kind::RestoreTest, id);
        }
    }
}
