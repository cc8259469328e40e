//! INC-002: pauses and outages fit the ticket's timeline.

use jiff::Timestamp;

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc002;

static META: Meta = Meta {
    id: "INC-002",
    severity: Severity::Error,
    section: "§2.3, §5.1",
    title_en: "Pauses and outages fit the ticket's timeline",
    title_zh: "暂停与故障时段须与工单时间线相符",
    explanation_en: "Pauses stop the SLA clocks (awaiting the customer, a third party, a scheduled \
window), so each must end after it starts, must not overlap another, and must lie within a period in which the ticket \
was open — from `opened_at` to its resolution, or within a reopening (§2.3, §5.1). An outage \
must end after it starts, and a resolved ticket's outage must have an end: availability cannot \
be computed from an outage that never ends.",
    explanation_zh: "暂停会停止 SLA 时效的计算（等待客户、等待第三方、计划内窗口），因此每次暂停须先\
开始后结束，暂停之间不得重叠，且须落在工单处于打开状态的时段内，即从 `opened_at` 到解决，或某次重新打\
开期间（§2.3、§5.1）。故障时段须先开始后结束；已解决工单的故障时段须有结束时间，否则无法计算可用率。",
    failing: include_str!("../../../fixtures/INC-002.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Inc002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for inc in &cx.records.incidents {
            if inc.is_cancelled() {
                continue;
            }
            out.checked();
            let id = inc.id.value.as_str();
            let tz = cx.engagement_for(crate::model::RecordView::Incident(inc)).map(|e| e.tz());
            let now = tz.map_or(Timestamp::MAX, |tz| cx.as_of_end(&tz));
            // Open periods: first opening to first resolution, then each reopening.
            let mut periods: Vec<(Timestamp, Timestamp)> =
                vec![(inc.opened_at.instant, inc.resolved_at.as_ref().map_or(now, |r| r.instant))];
            for r in &inc.reopened {
                periods.push((r.at.instant, r.resolved_at.as_ref().map_or(now, |x| x.instant)));
            }
            // Pauses as instants: an open-ended one lasts until the next resolution (sla.md).
            let spans = inc.pause_spans(now);
            let paused: Vec<_> = inc.paused.iter().zip(spans.iter().map(|&(_, to, _)| to)).collect();
            // A backward pause is reported as such below, not also as an overlap.
            let mut pauses: Vec<_> = paused.iter().filter(|(p, to)| *to >= p.from.instant).collect();
            pauses.sort_by_key(|(p, _)| p.from.instant);
            // Compare each pause with the one reaching furthest so far, so a long pause that
            // covers several later ones is found for each of them.
            let mut furthest: Option<&(&crate::model::Sp<crate::model::kinds::incident::Pause>, Timestamp)> = None;
            for pair in pauses {
                let (p, to) = pair;
                if let Some((prev, prev_to)) = furthest
                    && p.from.instant < *prev_to
                {
                    let end_span = prev.to.as_ref().map_or(prev.from.span, |t| t.span);
                    let (a, b) = (prev.to.as_ref().map_or("—", |t| cx.text(t.span)), cx.text(p.from.span));
                    out.report(
                        p.from.span,
                        msg!(
                            "pause starting {b} overlaps an earlier pause, which ends {a}",
                            "自 {b} 起的暂停与之前的暂停重叠（后者至 {a} 结束）"
                        ),
                    )
                    .label(end_span, msg!("earlier pause ends", "之前暂停的结束"))
                    .record(Kind::Incident, id);
                }
                if furthest.is_none_or(|(_, f)| *to > *f) {
                    furthest = Some(pair);
                }
            }
            let last = paused.len().saturating_sub(1);
            for (i, (p, end)) in paused.iter().enumerate() {
                let Some(to_written) = &p.to else {
                    // Only the last pause may be open-ended (revision2-decisions.md 4).
                    if i != last {
                        let from = cx.text(p.from.span);
                        out.report(
                            p.from.span,
                            msg!(
                                "pause from {from} has no `to`, but only the last pause may be open-ended",
                                "自 {from} 起的暂停没有 `to`（结束时间），但只有最后一次暂停可以不写结束时间"
                            ),
                        )
                        .record(Kind::Incident, id)
                        .about(&["pauses"]);
                    }
                    continue;
                };
                if *end < p.from.instant {
                    let (from, to) = (cx.text(p.from.span), cx.text(to_written.span));
                    out.report(
                        to_written.span,
                        msg!(
                            "pause ends ({to}) before it starts ({from})",
                            "暂停结束时间（{to}）早于开始时间（{from}）"
                        ),
                    )
                    .label(p.from.span, msg!("start", "开始"))
                    .record(Kind::Incident, id);
                    continue;
                }
                let inside = periods.iter().any(|&(s, e)| p.from.instant >= s && *end <= e);
                if !inside && *end > p.from.instant {
                    let (from, to) = (cx.text(p.from.span), cx.text(to_written.span));
                    out.report(
                        p.from.span,
                        msg!(
                            "pause {from} – {to} lies outside the periods in which the ticket was open",
                            "暂停 {from} – {to} 不在工单处于打开状态的时段内"
                        ),
                    )
                    .record(Kind::Incident, id);
                }
            }
            if let Some(o) = &inc.outage {
                if let Some(end) = &o.end
                    && end.instant < o.start.instant
                {
                    let (s, e) = (cx.text(o.start.span), cx.text(end.span));
                    out.report(
                        end.span,
                        msg!("outage ends ({e}) before it starts ({s})", "故障结束时间（{e}）早于开始时间（{s}）"),
                    )
                    .label(o.start.span, msg!("start", "开始"))
                    .record(Kind::Incident, id);
                }
                if o.end.is_none() && inc.final_resolved_at().is_some() {
                    out.report(
                        o.anchor,
                        msg!(
                            "ticket `{id}` is resolved but its outage has no `end`",
                            "工单 `{id}` 已解决，但其故障没有 `end`（结束时间）"
                        ),
                    )
                    .record(Kind::Incident, id)
                    .about(&["outage"]);
                }
            }
        }
    }
}
