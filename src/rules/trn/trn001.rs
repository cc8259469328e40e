//! TRN-001: every active person attends security-awareness training every interval.

use super::util::training_duty;
use crate::calendar::dates::Interval;
use crate::model::kinds::training::TrainingTopic;
use crate::model::kinds::{Engagement, Person, Training};
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, label_records_from};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Trn001;

static META: Meta = Meta {
    id: "TRN-001",
    severity: Severity::Error,
    section: "§3.5, §4.1",
    title_en: "Every active person attends security-awareness training every interval",
    title_zh: "在岗人员须按周期参加信息安全意识培训",
    explanation_en: "People are the weakest link of information security; the manual asks for regular \
security-awareness training of all staff (§3.5, §4.1). Every active person (joined on or before \
the as-of date and not left by then) must appear in the `attendees` of a Training with `topic: \
security-awareness` held within the last `security_training_interval_months` (12 by default). \
The first training is due one interval after the latest of the person's `joined` date, the \
term's start and the Engagement's `records_from`.",
    explanation_zh: "人员往往是信息安全最薄弱的环节，手册要求对全体服务人员定期开展信息安全意识培训（\
§3.5、§4.1）。每名在岗人员（评估日当天或之前入场且尚未离场）须列于最近 `security_training_interval_months`（\
默认 12）个月内一次信息安全意识培训（`Training`，`topic: security-awareness`）的 `attendees` 中。首次\
培训应在入场日期 `joined`、合同期开始日和服务项目的 `records_from` 三者中最晚者后一个周期内完成。",
    failing: include_str!("../../../fixtures/TRN-001.failing.yaml"),
    passing: include_str!("../../../fixtures/TRN-001.passing.yaml"),
    params: &["security_training_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Trn001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (person, eng, p, last, duty) in duties(cx) {
            out.checked();
            let Some(message) = p.message(&duty.what) else { continue };
            let f = out.overdue(&duty, message);
            match last {
                Some(t) => {
                    let tid = t.id.value.as_str();
                    f.label(
                        t.held_at.span,
                        msg!("last security-awareness training {tid}", "最近一次信息安全意识培训 {tid}"),
                    );
                }
                None => {
                    f.label(person.joined.span, msg!("joined", "入场日期"));
                }
            }
            label_records_from(f, eng, p.start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, _, p, ..)| p.fires()).map(|(.., d)| d));
    }
}

type PersonDuty<'a> = (&'a Person, &'a Engagement, Periodic, Option<&'a Training>, Duty);

/// Each active person's next security-awareness training.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = PersonDuty<'a>> + 'a {
    let interval = Interval::Months(cx.policy.security_training_interval_months);
    cx.records.people.iter().filter_map(move |person| {
        let (eng, p, last) = training_duty(cx, person, TrainingTopic::SecurityAwareness, interval)?;
        let id = person.id.value.as_str();
        let who = cx.person_zh(id);
        let what = msg!("security-awareness training attended by {id}", "{who}参加的信息安全意识培训");
        let duty = Duty::new(META.id, Kind::Person, id, None, p.due, person.id.span, what)
            .help(msg!(
                "record the session as a Training with `topic: security-awareness` and {id} among its `attendees`",
                "请以 `Training` 记录培训（`topic: security-awareness`），并将 `{id}` 列入 `attendees`"
            ))
            .owner(Some(id));
        Some((person, eng, p, last, duty))
    })
}
