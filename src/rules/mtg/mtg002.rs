//! MTG-002: meeting actions are done (or dropped) by their due dates.

use crate::model::kinds::Meeting;
use crate::model::kinds::meeting::MeetingAction;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Mtg002;

static META: Meta = Meta {
    id: "MTG-002",
    severity: Severity::Error,
    section: "§4.3",
    title_en: "Meeting actions are done or dropped by their due dates",
    title_zh: "会议待办事项须按期完成或明确取消",
    explanation_en: "What a meeting decides must be followed up (§4.3). An entry of a Meeting's \
`actions` still `open` after its `due` date is reported; set `status: done` (with `done_at`) or \
`status: dropped` when it was decided not to do it.",
    explanation_zh: "会议决定的事项须跟踪落实（§4.3）。会议（`Meeting`）的待办事项（`actions`）超过 `due` \
仍为未完成（`open`）的，会被报告；完成后请改为 `status: done` 并填写 `done_at`，决定不再执行的请改为 \
`status: dropped`。",
    failing: include_str!("../../../fixtures/MTG-002.failing.yaml"),
    passing: include_str!("../../../fixtures/MTG-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Mtg002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        // Every action of a meeting held by as-of is judged, open or not.
        let held = cx.records.meetings.iter().filter(|m| cx.known_date(m.held_at.value));
        for _ in held.flat_map(|m| m.actions.iter()) {
            out.checked();
        }
        for (meeting, action, duty) in open_actions(cx) {
            if !duty.overdue_on(as_of) {
                continue;
            }
            let (mid, aid, due) = (meeting.id.value.as_str(), action.id.value.as_str(), duty.due);
            let late = crate::calendar::dates::days_between(due, as_of);
            out.overdue(
                &duty,
                msg!(
                    "action {aid} of meeting {mid} was due on {due} and is still open as of {as_of}: {late} days late",
                    "会议 {mid} 的待办事项 {aid} 应于 {due} 完成，截至 {as_of} 仍未完成，已逾期 {late} 天"
                ),
            )
            .label(action.status.span, msg!("status", "状态"));
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(open_actions(cx).map(|(.., d)| d));
    }
}

/// The open actions of meetings held by as-of.
fn open_actions<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Meeting, &'a MeetingAction, Duty)> + 'a {
    cx.records
        .meetings
        .iter()
        .filter(move |m| cx.engagement_of(RecordView::Meeting(m)).is_some() && cx.known_date(m.held_at.value))
        .flat_map(|m| {
            m.actions.iter().filter(|a| a.is_open()).map(move |a| {
                let (mid, aid, title) = (m.id.value.as_str(), a.id.value.as_str(), a.title.value.as_str());
                let what = msg!("action {aid} “{title}”", "待办事项 {aid}“{title}”");
                let duty = Duty::new(META.id, Kind::Meeting, mid, Some(aid), a.due.value, a.due.span, what)
                    .help(msg!(
                        "set `status: done` with `done_at`, or `status: dropped` if it was decided not to do it",
                        "完成后请改为 `status: done` 并填写 `done_at`；决定不再执行的请改为 `status: dropped`"
                    ))
                    .owner(Some(&a.owner.value));
                (m, &a.value, duty)
            })
        })
}
