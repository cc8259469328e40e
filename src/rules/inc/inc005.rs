//! INC-005: tickets are not left open far beyond their resolution target.

use crate::figures::clock::ClockKind;
use crate::figures::tickets::clocks;
use crate::model::Exact;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

use super::util::sla_of;

pub struct Inc005;

static META: Meta = Meta {
    id: "INC-005",
    severity: Severity::Warning,
    section: "§2.3, §5.1",
    title_en: "No ticket is left open far beyond its resolution target",
    title_zh: "工单不得远超解决时限仍未解决",
    explanation_en: "A ticket still open after `stale_ticket_factor` (3 by default) times its \
resolution target — counted as business time on its priority's calendar, pauses removed, up to \
the as-of date — is most likely forgotten, or resolved without the record being updated (§2.3, \
§5.1). Either way the SLA report cannot be trusted until it is dealt with.",
    explanation_zh: "工单超过其解决时限的 `stale_ticket_factor`（默认 3）倍仍未解决（按优先级所用日历\
计算工作时间，扣除暂停时间，截至评估日），多半是被遗忘了，或已处理但未更新记录（§2.3、§5.1）。无论哪\
种情况，处理之前 SLA 报告都不可信。",
    failing: include_str!("../../../fixtures/INC-005.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-005.passing.yaml"),
    params: &["stale_ticket_factor", "priority_change"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let factor = cx.policy.stale_ticket_factor;
        for inc in &cx.records.incidents {
            if inc.is_cancelled() || !inc.in_order() || cx.resolved(inc).is_some() {
                continue;
            }
            let Some((_, sla)) = sla_of(cx, inc) else { continue };
            // The report's end instant: the as-of day ends in the Sla's zone.
            let end = cx.as_of_end(&sla.tz());
            // The resolution clock exactly as the SLA report judges it (priority changes,
            // open-ended pauses); a priority the Sla does not define is INC-001's.
            let policy = cx.policy.priority_change;
            let Ok(judged) = clocks(inc, sla, policy, |c| cx.calendar(c), end) else { continue };
            let Some((clock, judged_as)) =
                judged.into_iter().map(|j| (j.clock, j.priority)).find(|(c, _)| c.kind == ClockKind::Resolution)
            else {
                continue;
            };
            let Some(priority) = sla.priority(judged_as) else { continue };
            out.checked();
            let id = inc.id.value.as_str();
            let target = clock.target;
            // The factor as written in itos.toml (`2.5`), compared exactly.
            let factor_exact = Exact::parse_decimal(&factor.to_string())
                .map_or_else(|| Exact::ratio((factor * 1e9) as i128, 1_000_000_000), |(e, _)| e);
            if Exact::int(clock.elapsed) > Exact::int(target).times(factor_exact) {
                let (elapsed, target_text, p) =
                    (crate::figures::figure::hours_minutes(clock.elapsed), priority.resolution.value, judged_as);
                let elapsed_zh = crate::figures::figure::working_time(clock.elapsed, crate::model::Lang::ZhCn);
                let target_zh = crate::figures::figure::target_zh(target_text);
                let cal = priority.calendar();
                let cal_zh = crate::model::labels::calendar_zh(cal);
                out.report(
                    inc.id.span,
                    msg!(
                        "ticket `{id}` ({p}) has been open for {elapsed} of business time on `{cal}`, more than {factor} × its resolution target {target_text}",
                        "工单 `{id}`（优先级 {p}）按日历 {cal_zh} 计已打开 {elapsed_zh}，超过解决时限（{target_zh}）的 {factor} 倍"
                    ),
                )
                .record(Kind::Incident, id);
            }
        }
    }
}
