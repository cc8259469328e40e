//! GEN-007: timestamps within a record are in order.

use crate::model::kinds::Kind;
use crate::model::scalar::Ts;
use crate::model::{Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen007;

static META: Meta = Meta {
    id: "GEN-007",
    severity: Severity::Error,
    section: "§2.3, §5.1",
    title_en: "Timestamps within a record are in order",
    title_zh: "同一记录内的时间戳顺序须合理",
    explanation_en: "SLA clocks are computed from a ticket's timestamps, so they must be in order: \
every incident timestamp is at or after `opened_at`, and `responded_at` ≤ `resolved_at` ≤ \
`closed_at`; a pause ends after it starts; a reopening comes after the resolution it reopens \
and is resolved after it reopened; a change's schedule, planned downtime and implementation \
end after they start; feedback is resolved after it was received. Equal timestamps are in \
order, and an outage may start before the ticket was opened. Tickets with timestamps out of \
order are left out of SLA figures.",
    explanation_zh: "SLA 计时依据工单的时间戳计算,因此时间戳必须有序:事件的各时间戳均不早于 `opened_at`,且 \
`responded_at` ≤ `resolved_at` ≤ `closed_at`;暂停的结束晚于开始;重新打开晚于其所重开的解决时间,且其解决\
晚于重新打开;变更的计划窗口、计划停机和实施的结束晚于开始;反馈的处理晚于接收。时间相同视为有序;故障\
(outage)可早于工单创建。时间戳顺序错误的工单不计入 SLA 指标。",
    failing: "kind: Incident\nid: INC-2026-10-001\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresponded_at: 2026-10-08T09:50:00+08:00\n",
    passing: "kind: Incident\nid: INC-2026-10-001\nservice: helpdesk\npriority: P3\nopened_at: 2026-10-08T10:00:00+08:00\nresponded_at: 2026-10-08T10:05:00+08:00\n",
    params: &[],
    configurable: false,
    stage: Stage::Records,
};

struct Pairs<'c, 'a> {
    cx: &'c Context<'a>,
    kind: Kind,
    id: &'a str,
    out: &'c mut Sink,
}

impl<'a> Pairs<'_, 'a> {
    /// Report `later` (named `later_name`) when it is before `earlier`.
    fn ordered(
        &mut self,
        earlier_name: &str,
        earlier: Option<&'a Sp<Ts>>,
        later_name: &str,
        later: Option<&'a Sp<Ts>>,
    ) {
        let (Some(a), Some(b)) = (earlier, later) else { return };
        if b.instant >= a.instant {
            return;
        }
        let (ta, tb) = (self.cx.text(a.span), self.cx.text(b.span));
        let (kind, id) = (self.kind, self.id);
        self.out
            .report(
                b.span,
                msg!(
                    "`{later_name}` ({tb}) is before `{earlier_name}` ({ta})",
                    "`{later_name}`({tb})早于 `{earlier_name}`({ta})"
                ),
            )
            .label(a.span, msg!("`{earlier_name}`", "`{earlier_name}`"))
            .record(kind, id);
    }
}

impl Rule for Gen007 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        out.evaluated = cx.records.incidents.len() + cx.records.changes.len() + cx.records.feedback.len();
        for inc in &cx.records.incidents {
            let mut p = Pairs { cx, kind: Kind::Incident, id: &inc.id, out };
            for (a, x, b, y) in inc.ordered_pairs() {
                p.ordered(a, Some(x), b, Some(y));
            }
        }
        for chg in &cx.records.changes {
            let mut p = Pairs { cx, kind: Kind::Change, id: &chg.id, out };
            if let Some(s) = &chg.schedule {
                p.ordered("schedule.start", Some(&s.start), "schedule.end", Some(&s.end));
            }
            if let Some(d) = &chg.planned_downtime {
                p.ordered("planned_downtime.start", Some(&d.start), "planned_downtime.end", Some(&d.end));
            }
            if let Some(i) = &chg.implementation {
                p.ordered(
                    "implementation.started_at",
                    Some(&i.started_at),
                    "implementation.finished_at",
                    Some(&i.finished_at),
                );
            }
        }
        for fb in &cx.records.feedback {
            let mut p = Pairs { cx, kind: Kind::Feedback, id: &fb.id, out };
            if let Some(r) = &fb.resolution {
                p.ordered("received_at", Some(&fb.received_at), "resolution.at", Some(&r.at));
            }
            p.ordered("received_at", Some(&fb.received_at), "customer_confirmed_at", fb.customer_confirmed_at.as_ref());
        }
    }
}
