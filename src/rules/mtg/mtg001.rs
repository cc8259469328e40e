//! MTG-001: a service review with the customer every interval, and a review meeting (or a
//! problem record) after each major incident.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::calendar::dates::Interval;
use crate::model::kinds::meeting::MeetingType;
use crate::model::kinds::{Engagement, Incident};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, latest_until, report_periodic};
use crate::rules::inc::util::{MajorReviewDue, major_review_due};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Mtg001;

static META: Meta = Meta {
    id: "MTG-001",
    severity: Severity::Warning,
    section: "§4.3, §2.3",
    title_en: "Service reviews with the customer every interval, and a review meeting after each major incident",
    title_zh: "须按周期与客户召开服务回顾会议，重大事件后须召开复盘会议",
    explanation_en: "The manual asks for regular meetings with the customer (§4.3) and for \
reviews of the service and of what went wrong (§2.3). Each engagement needs a Meeting of `type: \
service-review` with the customer (someone in `customer_attendees`) within the last \
`service_review_interval_months` (1 by default), the first due one interval after the term \
starts (or after `records_from`). A major incident resolved more than `major_review_workdays` \
(5 by default) working days before the as-of date needs a Meeting of `type: incident-review` of \
its engagement held between its resolution and that deadline, or a Problem record (the \
incident's `problem`, or a Problem listing it in `incidents`).",
    explanation_zh: "手册要求与客户定期沟通（§4.3），并对服务和出现的问题进行回顾（§2.3）。每个服务项目须在\
最近 `service_review_interval_months`（默认 1）个月内与客户召开过服务回顾会议（`Meeting`，`type: \
service-review`，且 `customer_attendees` 中有客户人员）；首次会议应在合同期开始（或 `records_from`）后\
一个周期内召开。重大事件在评估日之前已解决超过 `major_review_workdays`（默认 5）个工作日的，须在解决后\
至该期限内召开该服务项目的事件复盘会（`type: incident-review`），或有问题记录（工单的 `problem`，\
或在 `incidents` 中列出该工单的 `Problem`）。",
    failing: include_str!("../../../fixtures/MTG-001.failing.yaml"),
    passing: include_str!("../../../fixtures/MTG-001.passing.yaml"),
    params: &["service_review_interval_months", "major_review_workdays"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Mtg001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let meetings = Meetings::of(cx);
        for (eng, p, duty) in review_duties(cx, &meetings) {
            out.checked();
            report_periodic(out, eng, &p, &duty);
        }
        let as_of = cx.as_of;
        // Every resolved major incident is judged, reviewed or not.
        for (inc, due, duty) in incident_duties(cx, &meetings) {
            out.checked();
            let Some(duty) = duty.filter(|d| d.overdue_on(as_of)) else { continue };
            let (id, resolved, deadline) = (inc.id.value.as_str(), due.resolved_day, due.deadline);
            let n = cx.policy.major_review_workdays;
            out.overdue(
                &duty,
                msg!(
                    "major incident {id} was resolved on {resolved} and no incident-review meeting was held (nor a problem recorded) within {n} working days, by {deadline}",
                    "重大事件 {id} 已于 {resolved} 解决，但在 {n} 个工作日内（即 {deadline} 前）未召开事件复盘会，也无问题记录"
                ),
            )
            .label(due.resolved_at, msg!("resolved", "解决时间"));
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        let meetings = Meetings::of(cx);
        out.extend(review_duties(cx, &meetings).filter(|(_, p, _)| p.fires()).map(|(.., d)| d));
        out.extend(incident_duties(cx, &meetings).filter_map(|(.., d)| d));
    }
}

/// Meeting days by engagement, sorted, and the incidents a Problem covers.
struct Meetings<'a> {
    service_reviews: HashMap<&'a str, Vec<Date>>,
    incident_reviews: HashMap<&'a str, Vec<Date>>,
    with_problem: HashSet<&'a str>,
}

impl<'a> Meetings<'a> {
    fn of(cx: &Context<'a>) -> Meetings<'a> {
        let mut m = Meetings {
            service_reviews: HashMap::new(),
            incident_reviews: HashMap::new(),
            with_problem: HashSet::new(),
        };
        for meeting in &cx.records.meetings {
            let Some(eng) = cx.engagement_of(RecordView::Meeting(meeting)) else { continue };
            let list = match meeting.kind_.value {
                MeetingType::ServiceReview if meeting.with_customer() => &mut m.service_reviews,
                MeetingType::IncidentReview => &mut m.incident_reviews,
                _ => continue,
            };
            list.entry(eng.value.as_str()).or_default().push(meeting.held_at.value);
        }
        for days in m.service_reviews.values_mut().chain(m.incident_reviews.values_mut()) {
            days.sort_unstable();
        }
        for p in &cx.records.problems {
            m.with_problem.extend(p.incidents.iter().map(|i| i.value.as_str()));
        }
        m
    }

    /// Whether an incident-review meeting of `eng` was held in `from..=to`.
    fn incident_review_between(&self, eng: &str, from: Date, to: Date) -> bool {
        self.incident_reviews.get(eng).is_some_and(|days| {
            let i = days.partition_point(|d| *d < from);
            days.get(i).is_some_and(|d| *d <= to)
        })
    }
}

/// Each judged engagement's next service review with the customer.
fn review_duties<'a>(
    cx: &'a Context<'_>,
    meetings: &'a Meetings<'a>,
) -> impl Iterator<Item = (&'a Engagement, Periodic, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.service_review_interval_months);
    cx.records.engagements.iter().filter_map(move |eng| {
        let day = judged_at(cx, eng)?;
        let id = eng.id.value.as_str();
        let held = meetings.service_reviews.get(id).map(Vec::as_slice).unwrap_or_default();
        let last = latest_until(held.iter().copied(), day);
        let p = Periodic::new(cx, eng, last, duty_start(eng, None), interval, day);
        let what = msg!("service-review meeting with the customer", "与客户的服务回顾会议");
        let duty =
            Duty::new(META.id, Kind::Engagement, id, Some("service-review"), p.due, eng.id.span, what).help(msg!(
                "record it as a Meeting with `type: service-review` and the customer's people in `customer_attendees`",
                "请以 `Meeting` 记录会议（`type: service-review`），并在 `customer_attendees` 中列出客户参会人员"
            ));
        Some((eng, p, duty))
    })
}

/// Each resolved major incident, with its duty when it has no review meeting or problem record.
fn incident_duties<'a>(
    cx: &'a Context<'_>,
    meetings: &'a Meetings<'a>,
) -> impl Iterator<Item = (&'a Incident, MajorReviewDue<'a>, Option<Duty>)> + 'a {
    cx.records.incidents.iter().filter_map(move |inc| {
        let due = major_review_due(cx, inc)?;
        let id = inc.id.value.as_str();
        let eng = due.engagement.id.value.as_str();
        let has_problem = inc.problem.as_ref().is_some_and(|p| cx.index.contains(Kind::Problem, &p.value))
            || meetings.with_problem.contains(id);
        if has_problem || meetings.incident_review_between(eng, due.resolved_day, due.deadline) {
            return Some((inc, due, None));
        }
        let what = msg!("incident-review meeting on major incident {id}", "重大事件 {id} 的事件复盘会");
        let duty = Duty::new(META.id, Kind::Incident, id, Some("review-meeting"), due.deadline, inc.id.span, what)
            .help(msg!(
                "record the review as a Meeting with `type: incident-review`, or link the incident to a Problem",
                "请以 `Meeting` 记录复盘会（`type: incident-review`），或将该工单关联到问题记录（`Problem`）"
            ));
        Some((inc, due, Some(duty)))
    })
}
