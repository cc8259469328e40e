//! HR-003: a person is trained before starting work (上岗前培训).

use crate::calendar::dates::add_days;
use crate::model::kinds::training::TrainingTopic;
use crate::model::kinds::{Person, Training};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::duty::before_records;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr003;

static META: Meta = Meta {
    id: "HR-003",
    severity: Severity::Warning,
    section: "§4.1",
    title_en: "A person receives onboarding training before starting work",
    title_zh: "人员须在上岗前完成上岗前培训",
    explanation_en: "New staff learn the customer's environment, processes and security rules before they \
touch production (§4.1, 上岗前培训). Every person must appear in the `attendees` of a Training with \
`topic: onboarding` held on or before `joined` plus `onboarding_training_grace_days` (0 by \
default: on or before the joining day). A person is judged once that day has passed; people who \
have since left are judged too, since the gap happened while they worked. A repository adopted \
mid-contract does not judge onboarding that was due before the Engagement's `records_from`.",
    explanation_zh: "新进人员在接触生产环境之前，须先熟悉客户环境、工作流程和安全要求（§4.1，上岗前培\
训）。每名人员须列于一次上岗前培训（`Training`，`topic: onboarding`）的 `attendees` 中，培训日期不得\
晚于入场日期 `joined` 加 `onboarding_training_grace_days` 天（默认 0，即须在入场当日或之前）。该日期\
过后即作判断；已离场人员同样判断，因为缺口发生在其在岗期间。项目中途启用本工具的仓库，服务项目 `records_from` \
之前即已到期的上岗前培训不作判断。",
    failing: include_str!("../../../fixtures/HR-003.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-003.passing.yaml"),
    params: &["onboarding_training_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Hr003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for d in duties(cx) {
            // Due on `by` (inclusive): judged once as-of is past it.
            if !d.duty.overdue_on(cx.as_of) {
                continue;
            }
            out.checked();
            if d.on_time {
                continue;
            }
            let p = d.person;
            let (id, joined, by) = (p.id.value.as_str(), p.joined.value, d.duty.due);
            let who = cx.person_zh(id);
            let f = out.overdue(
                &d.duty,
                msg!(
                    "{id} joined on {joined} without onboarding training on or before {by}",
                    "{who}于 {joined} 入场，但在 {by} 之前（含当日）未参加上岗前培训"
                ),
            );
            f.label(p.joined.span, msg!("joined", "入场日期"));
            if let Some(t) = d.late {
                let (tid, on) = (t.id.value.as_str(), t.held_at.value);
                f.label(
                    t.held_at.span,
                    msg!("onboarding training {tid} came later, on {on}", "上岗前培训 {tid} 晚至 {on} 才举行"),
                );
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|d| !d.on_time).map(|d| d.duty));
    }
}

/// A person's onboarding training, due `onboarding_training_grace_days` after joining.
struct OnboardingDuty<'a> {
    person: &'a Person,
    /// Trained on or before the due day (by as-of).
    on_time: bool,
    /// The first onboarding training after the due day, by as-of.
    late: Option<&'a Training>,
    duty: Duty,
}

fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = OnboardingDuty<'a>> + 'a {
    let grace = cx.policy.onboarding_training_grace_days;
    cx.records.people.iter().filter_map(move |p| {
        let by = add_days(p.joined.value, i64::from(grace));
        cx.engagement_of(RecordView::Person(p))?;
        // Not judged when it fell due before the engagement's records begin (decision 8).
        if cx.engagement_for(RecordView::Person(p)).is_some_and(|eng| before_records(eng, by)) {
            return None;
        }
        let id = p.id.value.as_str();
        // Attendance by id or unique name, looked up once per person (Context's index).
        let onboarding = cx
            .trainings_attended(id)
            .into_iter()
            .filter(|t| t.topic.value == TrainingTopic::Onboarding && t.held_at.value <= cx.as_of);
        let (on_time, late): (Vec<_>, Vec<_>) = onboarding.partition(|t| t.held_at.value <= by);
        let who = cx.person_zh(id);
        let what = msg!("onboarding training of {id}", "{who}的上岗前培训");
        let duty = Duty::new(META.id, Kind::Person, id, None, by, p.id.span, what)
            .help(msg!(
                "train new staff before they start, and record it as a Training with `topic: onboarding` and the person among its `attendees`",
                "请在人员上岗前完成培训，并以 `Training` 记录（`topic: onboarding`），将该人员列入 `attendees`"
            ))
            .owner(Some(id));
        let late = late.into_iter().min_by_key(|t| t.held_at.value);
        Some(OnboardingDuty { person: p, on_time: !on_time.is_empty(), late, duty })
    })
}
