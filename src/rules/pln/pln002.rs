//! PLN-002: a service plan's milestones and planned trainings are done by their due dates.

use crate::model::kinds::ServicePlan;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Pln002;

static META: Meta = Meta {
    id: "PLN-002",
    severity: Severity::Warning,
    section: "§2.2",
    title_en: "A service plan's milestones and planned trainings are done by their due dates",
    title_zh: "服务计划中的里程碑和培训计划须按期完成",
    explanation_en: "A plan is only as good as its execution (§2.2). A `milestones` entry is done \
when it has a `done_at` on or before the as-of date; a `training_plan` entry is done when its \
`training` names a Training held on or before the as-of date. An entry past its `due` date and \
not done is reported.",
    explanation_zh: "服务计划须得到执行（§2.2）。里程碑（`milestones`）在评估日当天或之前有完成日期 \
`done_at` 即为完成；培训计划（`training_plan`）条目的 `training` 指向评估日当天或之前举办的培训\
（`Training`）即为完成。超过 `due` 仍未完成的条目会被报告。",
    failing: include_str!("../../../fixtures/PLN-002.failing.yaml"),
    passing: include_str!("../../../fixtures/PLN-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Pln002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for plan in &cx.records.service_plans {
            if cx.engagement_of(RecordView::ServicePlan(plan)).is_none() {
                continue;
            }
            for item in items(cx, plan) {
                out.checked();
                if item.done || !item.duty.overdue_on(as_of) {
                    continue;
                }
                let (pid, due) = (plan.id.value.as_str(), item.duty.due);
                let late = crate::calendar::dates::days_between(due, as_of);
                let (what_en, what_zh) = (&item.duty.what.en, &item.duty.what.zh);
                out.overdue(
                    &item.duty,
                    msg!(
                        "{what_en} of service plan {pid} was due on {due} and is not done as of {as_of}: {late} days late",
                        "服务计划 {pid} 的{what_zh}应于 {due} 完成，截至 {as_of} 仍未完成，已逾期 {late} 天"
                    ),
                );
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for plan in &cx.records.service_plans {
            if cx.engagement_of(RecordView::ServicePlan(plan)).is_some() {
                out.extend(items(cx, plan).filter(|i| !i.done).map(|i| i.duty));
            }
        }
    }
}

struct Item {
    duty: Duty,
    done: bool,
}

/// Every milestone and planned training of `plan`, each a duty keyed by its position.
fn items<'a>(cx: &'a Context<'_>, plan: &'a ServicePlan) -> impl Iterator<Item = Item> + 'a {
    let pid = plan.id.value.as_str();
    let milestones = plan.milestones.iter().enumerate().map(move |(n, m)| {
        let title = m.title.value.as_str();
        let what = msg!("milestone “{title}”", "里程碑“{title}”");
        let part = format!("milestones[{n}]");
        let duty = Duty::new(META.id, Kind::ServicePlan, pid, Some(&part), m.due.value, m.due.span, what).help(msg!(
            "record `done_at` once it is reached, or agree a new `due` date with the customer",
            "完成后请填写 `done_at`，或与客户商定新的 `due` 日期"
        ));
        Item { duty, done: m.done_at.as_ref().is_some_and(|d| cx.known_date(d.value)) }
    });
    let trainings = plan.training_plan.iter().enumerate().map(move |(n, t)| {
        let topic = t.topic.value.as_str();
        let what = msg!("planned training “{topic}”", "培训计划“{topic}”");
        let part = format!("training_plan[{n}]");
        let duty = Duty::new(META.id, Kind::ServicePlan, pid, Some(&part), t.due.value, t.due.span, what).help(msg!(
            "record the session as a Training and name it in the entry's `training`",
            "请以 `Training` 记录该次培训，并在该条目的 `training` 中填写其编号"
        ));
        let held = t
            .training
            .as_ref()
            .and_then(|id| cx.index.position(Kind::Training, &id.value))
            .and_then(|pos| cx.records.trainings.get(pos));
        Item { duty, done: held.is_some_and(|tr| cx.known_date(tr.held_at.value)) }
    });
    milestones.chain(trainings)
}
