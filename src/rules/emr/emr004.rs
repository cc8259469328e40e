//! EMR-004: a drill achieves the recovery time and point of the systems it covers (a restore
//! test's recovery time is BAK-005's).

use crate::model::kinds::{Drill, System};
use crate::model::scalar::Dur;
use crate::model::{Kind, RecordView, Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr004;

static META: Meta = Meta {
    id: "EMR-004",
    severity: Severity::Warning,
    section: "§3.4, §6.3",
    title_en: "A drill achieves the RTO and RPO of the systems it covers",
    title_zh: "应急演练须达到所涉系统的恢复时间目标与恢复点目标",
    explanation_en: "Disaster recovery (§3.4) and emergency drills (§6.3) exist to show that a system \
can be brought back within its recovery time objective (System `rto`) losing no more data than its \
recovery point objective (System `rpo`). A Drill that lists the `systems` it recovered is judged \
on its `achieved` figures: an `achieved.rto` longer than a listed system's `rto`, or an \
`achieved.rpo` (the data lost) longer than its `rpo`, is reported. A RestoreTest's recovery time \
is judged the same way, through its backup policy's system, by BAK-005 (the same check under its \
own id, so one slow restore is one finding; its `backup_taken_at` is how old the restored backup \
was, not data lost at a failure, so it is not compared with the `rpo`). A drill without `systems` or `achieved`, and a system without `rto` or \
`rpo`, are not judged for that figure. Exactly the objective passes.",
    explanation_zh: "灾难恢复（§3.4）和应急演练（§6.3）要证明的是：系统能在恢复时间目标（系统的 `rto`）\
内恢复，且数据损失不超过恢复点目标（系统的 `rpo`）。列明所恢复系统（`systems`）的应急演练（`Drill`）\
，按其实际达成值 `achieved` 判断：`achieved.rto` 超过所列某一系统的 `rto`，或 `achieved.rpo`（实际数\
据损失）超过其 `rpo` 的，予以报告。备份恢复测试（`RestoreTest`）的恢复用时，按其备份策略所属系统以同\
样方式判断，由 BAK-005 以其自身编号报告，一次恢复过慢只报告一次；恢复测试的 `backup_taken_at` 反映的\
是所恢复备份的时间，而不是故障时的数据损失，因此不与 `rpo` 比较。未列明 `systems` 或未填写 `achieved` \
的演练，以及未设定 `rto` 或 `rpo` 的系统，相应指标不作判断。恰好等于目标视为达到。",
    failing: include_str!("../../../fixtures/EMR-004.failing.yaml"),
    passing: include_str!("../../../fixtures/EMR-004.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Emr004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let system = |id: &str| cx.index.position(Kind::System, id).and_then(|p| cx.records.systems.get(p));
        for d in &cx.records.drills {
            if d.systems.is_empty() || d.held_at.value > cx.as_of || cx.engagement_of(RecordView::Drill(d)).is_none() {
                continue;
            }
            out.checked();
            let Some(achieved) = &d.achieved else { continue };
            // Each listed system is looked up by id (an unknown one is GEN-005's).
            for sys in d.systems.iter().filter_map(|s| system(&s.value)) {
                drill_objective(out, d, sys, achieved.rto.as_ref(), sys.rto.as_ref(), Objective::Time);
                drill_objective(out, d, sys, achieved.rpo.as_ref(), sys.rpo.as_ref(), Objective::Point);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Objective {
    Time,
    Point,
}

fn drill_objective(
    out: &mut Sink,
    d: &Drill,
    sys: &System,
    achieved: Option<&Sp<Dur>>,
    objective: Option<&Sp<Dur>>,
    which: Objective,
) {
    let (Some(achieved), Some(objective)) = (achieved, objective) else { return };
    if achieved.value <= objective.value {
        return;
    }
    let (id, sid, got, target) = (d.id.value.as_str(), sys.id.value.as_str(), achieved.value, objective.value);
    let zh = |d: crate::model::scalar::Dur| crate::figures::figure::duration(d.seconds(), crate::model::Lang::ZhCn);
    let (got_zh, target_zh) = (zh(got), zh(target));
    let (message, label) = match which {
        Objective::Time => (
            msg!(
                "drill {id} recovered system {sid} in {got}, longer than its recovery time objective (RTO) of {target}",
                "应急演练 {id} 恢复系统 {sid} 用时 {got_zh}，超过其恢复时间目标（RTO）{target_zh}"
            ),
            msg!("RTO of {sid}", "{sid} 的恢复时间目标"),
        ),
        Objective::Point => (
            msg!(
                "drill {id} lost {got} of data of system {sid}, more than its recovery point objective (RPO) of {target}",
                "应急演练 {id} 中系统 {sid} 的数据损失为 {got_zh}，超过其恢复点目标（RPO）{target_zh}"
            ),
            msg!("RPO of {sid}", "{sid} 的恢复点目标"),
        ),
    };
    out.report(achieved.span, message)
        .label(objective.span, label)
        .help(msg!(
            "record `actions` that close the gap (faster switch-over, more frequent replication) and drill again, or agree a realistic objective with the customer",
            "请在 `actions` 中列出弥补差距的措施（加快切换、提高数据同步频率）并再次演练，或与客户重新商定切实可行的目标"
        ))
        .record(Kind::Drill, id);
}
