//! APR-001: every active person is appraised every interval, and hears the result.

use std::collections::HashMap;

use crate::calendar::dates::{Interval, add_days};
use crate::model::kinds::{Appraisal, Engagement, Person};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, label_records_from, latest_until};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Apr001;

static META: Meta = Meta {
    id: "APR-001",
    severity: Severity::Warning,
    section: "§4.2",
    title_en: "Every active person is appraised every interval and told the result",
    title_zh: "在岗人员须按周期进行绩效考核，并反馈考核结果",
    explanation_en: "The manual asks for regular performance appraisal of the service staff and \
for the results to be given back to them (§4.2). Every active person needs an Appraisal whose \
`period` ended within the last `appraisal_interval_months` (12 by default); the first is due \
one interval after the latest of the person's `joined` date, the term's start and \
`records_from`. An appraisal performed on or before the as-of date without \
`feedback_given_at` (考核结果反馈) is reported too.",
    explanation_zh: "手册要求对服务人员定期进行绩效考核，并向员工反馈考核结果（§4.2）。每名在岗人员须有一次\
考核期（`period`）在最近 `appraisal_interval_months`（默认 12）个月内结束的绩效考核（`Appraisal`）；\
首次考核应在入场日期 `joined`、合同期开始日和 `records_from` 三者中最晚者后一个周期内完成。评估日当天\
或之前完成但没有 `feedback_given_at`（考核结果反馈日期）的考核，也会被报告。",
    failing: include_str!("../../../fixtures/APR-001.failing.yaml"),
    passing: include_str!("../../../fixtures/APR-001.passing.yaml"),
    params: &["appraisal_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Apr001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (person, eng, p, last, duty) in duties(cx) {
            out.checked();
            let Some(message) = p.message(&duty.what) else { continue };
            let f = out.overdue(&duty, message);
            match last {
                Some(a) => {
                    let aid = a.id.value.as_str();
                    f.label(
                        a.period.to.span,
                        msg!("last appraisal {aid} ended here", "最近一次绩效考核 {aid} 的考核期至此结束"),
                    );
                }
                None => {
                    f.label(person.joined.span, msg!("joined", "入场日期"));
                }
            }
            label_records_from(f, eng, p.start);
        }
        for a in &cx.records.appraisals {
            if cx.engagement_of(RecordView::Appraisal(a)).is_none() || !cx.known_date(a.performed_at.value) {
                continue;
            }
            out.checked();
            if a.feedback_given_at.as_ref().is_some_and(|f| cx.known_date(f.value)) {
                continue;
            }
            let (aid, who, at) = (a.id.value.as_str(), a.person.value.as_str(), a.performed_at.value);
            let who_zh = cx.person_zh(who);
            out.report(
                a.id.span,
                msg!(
                    "appraisal {aid} of {who} (performed {at}) has no `feedback_given_at`: the result must be given back to the person",
                    "{who_zh}的绩效考核 {aid}（{at} 完成）没有 `feedback_given_at`：考核结果须反馈给本人"
                ),
            )
            .help(msg!(
                "record the day the result was discussed with the person as `feedback_given_at`",
                "请将与本人沟通考核结果的日期填写为 `feedback_given_at`"
            ))
            .record(Kind::Appraisal, aid)
            .about(&["feedback_given_at"]);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, _, p, ..)| p.fires()).map(|(.., d)| d));
    }
}

type PersonDuty<'a> = (&'a Person, &'a Engagement, Periodic, Option<&'a Appraisal>, Duty);

/// Each active person's next appraisal.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = PersonDuty<'a>> + 'a {
    let interval = Interval::Months(cx.policy.appraisal_interval_months);
    let mut by_person: HashMap<&str, Vec<&Appraisal>> = HashMap::new();
    for a in &cx.records.appraisals {
        if cx.known_date(a.performed_at.value) {
            by_person.entry(a.person.value.as_str()).or_default().push(a);
        }
    }
    cx.records.people.iter().filter_map(move |person| {
        if !cx.is_active(person) {
            return None;
        }
        let eng = cx.engagement_for(RecordView::Person(person))?;
        let day = judged_at(cx, eng)?;
        let id = person.id.value.as_str();
        let own = by_person.get(id).map(Vec::as_slice).unwrap_or_default();
        let last_end = latest_until(own.iter().map(|a| a.period.to.value), day);
        let last =
            own.iter().copied().filter(|a| Some(a.period.to.value) == last_end).max_by_key(|a| a.performed_at.value);
        let start = duty_start(eng, Some(person.joined.value));
        let mut p = Periodic::new(cx, eng, last_end, start, interval, day);
        if let Some(left) = &person.left {
            p.until = p.until.min(add_days(left.value, -1));
        }
        let who = cx.person_zh(id);
        let what = msg!("performance appraisal of {id}", "{who}的绩效考核");
        let duty = Duty::new(META.id, Kind::Person, id, Some("appraisal"), p.due, person.id.span, what)
            .help(msg!(
                "record it as an Appraisal of `person: {id}` with its `period`, reviewer and result",
                "请以 `Appraisal` 记录绩效考核（`person: {id}`），注明考核期、考核人和结果"
            ))
            .owner(Some(id));
        Some((person, eng, p, last, duty))
    })
}
