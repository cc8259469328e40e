//! INC-005: tickets are not left open far beyond their resolution target.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};
use crate::sla::clock::{ClockKind, evaluate};

use super::util::sla_of;

pub struct Inc005;

static META: Meta = Meta {
    id: "INC-005",
    severity: Severity::Warning,
    section: "§2.3, §5.1",
    title_en: "No ticket is left open far beyond its resolution target",
    title_zh: "事件不得长期超过解决时限仍未关闭",
    explanation_en: "A ticket still open after `stale_ticket_factor` (3 by default) times its \
resolution target — counted as business time on its priority's calendar, pauses removed, up to \
the as-of date — is most likely forgotten, or resolved without the record being updated (§2.3, \
§5.1). Either way the SLA report cannot be trusted until it is dealt with.",
    explanation_zh: "工单在其解决时限的 `stale_ticket_factor`(默认 3)倍之后仍未解决——按优先级日历计算工作时间、\
扣除暂停、截至评估日——多半是被遗忘,或已处理但未更新记录(§2.3、§5.1)。无论哪种情况,处理之前 SLA 报告都不可信。",
    failing: "kind: Incident\nid: INC-2026-10-003\nservice: helpdesk\npriority: P2\nopened_at: 2026-10-20T10:00:00+08:00\nresponded_at: 2026-10-20T10:20:00+08:00\n",
    passing: "kind: Incident\nid: INC-2026-10-003\nservice: helpdesk\npriority: P2\nopened_at: 2026-10-31T10:00:00+08:00\nresponded_at: 2026-10-31T10:20:00+08:00\n",
    params: &["stale_ticket_factor"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Inc005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let factor = cx.policy.stale_ticket_factor;
        for inc in &cx.records.incidents {
            if inc.is_cancelled() || cx.resolved(inc).is_some() {
                continue;
            }
            let Some((eng, sla)) = sla_of(cx, inc) else { continue };
            let Some(priority) = sla.priority(&inc.priority.value) else { continue };
            out.checked();
            let id = inc.id.value.as_str();
            let end = cx.as_of_end(&eng.tz());
            let calendar = cx.calendar(priority.calendar());
            let mut periods = vec![(inc.opened_at.instant, inc.resolved_at.as_ref().map(|r| r.instant))];
            periods.extend(inc.reopened.iter().map(|r| (r.at.instant, r.resolved_at.as_ref().map(|x| x.instant))));
            let pauses: Vec<_> = inc.paused.iter().map(|p| (p.from.instant, p.to.instant)).collect();
            // A working-day target becomes business time at the clock's start (decision 1).
            let target = calendar.target_seconds(priority.resolution.value, inc.opened_at.instant);
            let clock = evaluate(ClockKind::Resolution, &periods, &pauses, target, calendar, end);
            let limit = (target as f64 * factor).round() as i64;
            if clock.elapsed > limit {
                let (elapsed, target_text, p) =
                    (crate::model::Dur(clock.elapsed), priority.resolution.value, inc.priority.value.as_str());
                let cal = priority.calendar();
                out.report(
                    inc.id.span,
                    msg!(
                        "ticket `{id}` ({p}) has been open for {elapsed} of business time on `{cal}`, more than {factor} × its resolution target {target_text}",
                        "工单 `{id}`({p})在日历 `{cal}` 上已打开 {elapsed} 工作时间,超过解决时限 {target_text} 的 {factor} 倍"
                    ),
                )
                .record(Kind::Incident, id);
            }
        }
    }
}
