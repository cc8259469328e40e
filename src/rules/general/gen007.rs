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
`closed_at` — the pairs records.md lists. A reopening continues that chain: it comes after the \
resolution it reopens and is resolved after it reopened, and `closed_at` follows the final \
resolution. Equal timestamps are in order, and an outage may start before the ticket was \
opened. Tickets with timestamps out of order are left out of SLA figures. A pause that ends \
before it starts is INC-002's.",
    explanation_zh: "SLA 计时依据工单的时间戳计算,因此时间戳必须有序:事件的各时间戳均不早于 `opened_at`,且 \
`responded_at` ≤ `resolved_at` ≤ `closed_at`——即记录格式规范所列的顺序。重新打开延续这一顺序:晚于其所重开的\
解决时间,其解决晚于重新打开,`closed_at` 晚于最终解决时间。时间相同视为有序;故障(outage)可早于工单创建。时间戳顺序错误的工单不计入 SLA 指标。\
结束早于开始的暂停由 INC-002 报告。",
    failing: include_str!("../../../fixtures/GEN-007.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-007.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
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
        out.evaluated = cx.records.incidents.len();
        for inc in &cx.records.incidents {
            let mut p = Pairs { cx, kind: Kind::Incident, id: &inc.id, out };
            for (a, x, b, y) in inc.ordered_pairs() {
                p.ordered(a, Some(x), b, Some(y));
            }
        }
    }
}
