//! EMR-003: an emergency plan is reviewed every interval.

use crate::calendar::dates::Interval;
use crate::model::kinds::Engagement;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, report_periodic};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Emr003;

static META: Meta = Meta {
    id: "EMR-003",
    severity: Severity::Warning,
    section: "§6.3",
    title_en: "An emergency plan is reviewed every interval",
    title_zh: "应急预案须按周期评审更新",
    explanation_en: "Systems, people, suppliers and contacts change; an emergency plan written for last \
year's set-up misleads the people who follow it (§6.3). A plan whose `reviewed_at` is more than \
`plan_review_interval_months` (12 by default) before the as-of date is due for review; a review \
dated before the term started counts from the term's start (from the Engagement's `records_from` \
when that is later). Update the plan, its roles and contacts, and record the new `version` and \
`reviewed_at`.",
    explanation_zh: "系统、人员、供应商和联系方式都会变化，按去年情况编写的应急预案会误导照章处置的人\
（§6.3）。最近评审日期 `reviewed_at` 距评估日超过 `plan_review_interval_months`（默认 12）个月的预案\
，应重新评审；合同期开始前的评审，自合同期开始日起算（服务项目的 `records_from` 较晚时，自该日起算）\
。请更新预案、角色和联系方式，并记录新的版本号 `version` 和评审日期 `reviewed_at`。",
    failing: include_str!("../../../fixtures/EMR-003.failing.yaml"),
    passing: include_str!("../../../fixtures/EMR-003.passing.yaml"),
    params: &["plan_review_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Emr003 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (eng, p, duty) in duties(cx) {
            out.checked();
            report_periodic(out, eng, &p, &duty);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, p, _)| p.fires()).map(|(.., d)| d));
    }
}

/// Each emergency plan's next review.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Engagement, Periodic, Duty)> + 'a {
    let interval = Interval::Months(cx.policy.plan_review_interval_months);
    cx.records.emergency_plans.iter().filter_map(move |plan| {
        let eng = cx.engagement_for(RecordView::EmergencyPlan(plan))?;
        let day = judged_at(cx, eng)?;
        // A review dated after the judging day is not evidence yet.
        let reviewed = Some(plan.reviewed_at.value).filter(|r| *r <= day);
        let p = Periodic::new(cx, eng, reviewed, duty_start(eng, None), interval, day);
        let id = plan.id.value.as_str();
        let what = msg!("review of emergency plan {id}", "应急预案 {id} 的评审");
        let duty = Duty::new(META.id, Kind::EmergencyPlan, id, None, p.due, plan.reviewed_at.span, what).help(msg!(
            "review the plan, its roles and contacts, and record the new `version` and `reviewed_at`",
            "请评审并更新预案及其角色和联系方式，记录新的 `version` 和 `reviewed_at`"
        ));
        Some((eng, p, duty))
    })
}
