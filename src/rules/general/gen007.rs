//! GEN-007: timestamps within a record are in order.

use crate::model::Severity;
use crate::model::order::{CHAINS, Pair, pairs};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen007;

static META: Meta = Meta {
    id: "GEN-007",
    severity: Severity::Error,
    section: "§2.3, §5.1",
    title_en: "Timestamps within a record are in order",
    title_zh: "同一记录内的时间须先后有序",
    explanation_en: "Instants that happen in an order by nature must be recorded in that order \
(equal is in order). Incident: `detected_at` ≤ `opened_at` ≤ `responded_at` ≤ `resolved_at` ≤ \
`reopened[].at` ≤ `reopened[].resolved_at` ≤ `closed_at` (each reopening after the resolution \
before it, `closed_at` after the final resolution), `opened_at` ≤ `arrived_at`, `opened_at` ≤ \
`restored_at`, and `opened_at` ≤ `priority_changes[].at`, each change after the one before. \
Change: `requested_at` ≤ `implementation.started_at` ≤ `implementation.finished_at` ≤ \
`verification.at`. Audit: `performed_at` ≤ `findings[].closed_at`. RestoreTest: \
`backup_taken_at` ≤ `performed_at`. Person: `joined` ≤ `left`. Feedback: `received_at` ≤ \
`resolution.at` ≤ `customer_confirmed_at`. Handover: `termination.notice_given_at` ≤ \
`termination.effective_at`. An absent field is skipped: its neighbours are compared. A date \
and a timestamp are compared as days, the timestamp's day taken in the engagement's zone. SLA \
clocks are computed from a ticket's timestamps, so tickets out of order are left out of SLA \
figures. An outage may start before the ticket was opened. Not judged here: a pause or an \
outage that ends before it starts (INC-002), and the order of approvals (CHG-014).",
    explanation_zh: "按其性质有先后顺序的时间，须按此顺序记录（时间相同视为顺序正确）。事件：`detected_at` \
≤ `opened_at` ≤ `responded_at` ≤ `resolved_at` ≤ `reopened[].at` ≤ `reopened[].resolved_at` ≤ `closed_at`（\
每次重新打开须晚于此前的解决，`closed_at` 须晚于最后一次解决），`opened_at` ≤ `arrived_at`，`opened_at` \
≤ `restored_at`，`opened_at` ≤ `priority_changes[].at`，且每次优先级调整晚于前一次。变更：`requested_at` \
≤ `implementation.started_at` ≤ `implementation.finished_at` ≤ `verification.at`。审计：`performed_at` \
≤ `findings[].closed_at`。备份恢复测试：`backup_taken_at` ≤ `performed_at`。人员：`joined` ≤ `left`。\
客户反馈：`received_at` ≤ `resolution.at` ≤ `customer_confirmed_at`。退出交接：`termination.notice_given_at` \
≤ `termination.effective_at`。某一字段未填写的，跳过该字段，比较其前后两项。日期与时间戳按日比较，时\
间戳取服务项目时区的当地日期。SLA 各项时效依据工单时间戳计算，时间顺序错误的工单不计入 SLA 指标。故障\
时段（`outage`）可以早于工单创建时间。以下情况不在本规则检查：结束早于开始的暂停或故障时段（INC-002）\
，审批的先后顺序（CHG-014）。",
    failing: include_str!("../../../fixtures/GEN-007.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-007.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Records,
};

impl Rule for Gen007 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        cx.records.for_each(|record| {
            if !CHAINS.iter().any(|c| c.kind == record.kind()) {
                return;
            }
            out.checked();
            let pairs = pairs(record);
            // The zone only matters when a date meets a timestamp: found once a record.
            let tz = pairs
                .iter()
                .any(Pair::needs_zone)
                .then(|| cx.engagement_for(record).map_or_else(crate::model::scalar::default_tz, |e| e.tz()));
            let utc = jiff::tz::TimeZone::UTC;
            for p in &pairs {
                if !p.out_of_order(tz.as_ref().unwrap_or(&utc)) {
                    continue;
                }
                let (earlier, later) = (p.earlier_name, p.later_name);
                let (ta, tb) = (cx.text(p.earlier.span()), cx.text(p.later.span()));
                out.report(
                    p.later.span(),
                    msg!("`{later}` ({tb}) is before `{earlier}` ({ta})", "`{later}`（{tb}）早于 `{earlier}`（{ta}）"),
                )
                .label(p.earlier.span(), msg!("`{earlier}`", "`{earlier}`"))
                .record(record.kind(), &record.id().value);
            }
        });
    }
}
