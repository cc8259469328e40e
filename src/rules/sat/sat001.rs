//! SAT-001: a customer-satisfaction survey covers the last survey interval.

use jiff::civil::Date;

use crate::calendar::dates::{Interval, add_days};
use crate::model::kinds::{Engagement, Survey};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, duty_start, ended, judged_at, label_records_from};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sat001;

static META: Meta = Meta {
    id: "SAT-001",
    severity: Severity::Warning,
    section: "§5.3",
    title_en: "A satisfaction survey covers the last survey interval",
    title_zh: "最近一个调查周期内须开展满意度调查",
    explanation_en: "The manual asks for regular customer-satisfaction surveys (§5.3): they are the \
customer's own view of the service, which no ticket statistic replaces. At the as-of date the \
engagement must have a Survey whose `period` overlaps the last `survey_interval_months` (6 by \
default), i.e. the days from as-of minus that many months up to as-of, both included. The first \
survey is due one interval after the term starts (or after the Engagement's `records_from` when \
that is later); the finding points at the Engagement, since \
the duty is the engagement's.",
    explanation_zh: "手册要求定期开展客户满意度调查（§5.3）：这是客户自己对服务的评价，任何工单统计都\
替代不了。截至评估日，服务项目须有一次满意度调查（`Survey`），其调查期间 `period` 与最近 `survey_interval_months`（\
默认 6）个月（即评估日前推该月数之日至评估日，两端均含）有重叠。首次调查应在合同期开始（或服务项目的 `records_from`，\
取较晚者）后一个周期内完成；该义务属于服务项目，因此发现项指向服务项目记录。",
    failing: include_str!("../../../fixtures/SAT-001.failing.yaml"),
    passing: include_str!("../../../fixtures/SAT-001.passing.yaml"),
    params: &["survey_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sat001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let months = cx.policy.survey_interval_months;
        let interval = Interval::Months(months);
        for d in duties(cx) {
            let (eng, day, start) = (d.engagement, d.day, d.start);
            // The first survey is due one interval after the term (or the records) starts.
            if day <= interval.after(start) {
                continue;
            }
            out.checked();
            if day <= d.duty.due {
                continue;
            }
            let window = interval.before(day);
            let message = match d.latest {
                Some(s) => {
                    let (sid, to) = (s.id.value.as_str(), s.period.to.value);
                    msg!(
                        "no satisfaction survey covers the last {months} months ({window} to {day}); the latest, {sid}, ended on {to}",
                        "最近 {months} 个月（{window} 至 {day}）没有满意度调查；最近一次调查 {sid} 的调查期止于 {to}"
                    )
                }
                None if start > eng.term.start.value => msg!(
                    "no satisfaction survey covers the last {months} months ({window} to {day}); there has been none since the records began on {start}",
                    "最近 {months} 个月（{window} 至 {day}）没有满意度调查；自记录开始（{start}）以来未开展过调查"
                ),
                None => msg!(
                    "no satisfaction survey covers the last {months} months ({window} to {day}); there has been none since the term started on {start}",
                    "最近 {months} 个月（{window} 至 {day}）没有满意度调查；自服务期开始（{start}）以来未开展过调查"
                ),
            };
            let f = out.overdue(&d.duty, message);
            if let Some(s) = d.latest {
                let sid = s.id.value.as_str();
                f.label(s.period.to.span, msg!("latest survey {sid}", "最近一次满意度调查 {sid}"));
            }
            label_records_from(f, eng, start);
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|d| d.duty.due < d.until).map(|d| d.duty));
    }
}

/// The survey an engagement owes next.
struct SurveyDuty<'a> {
    engagement: &'a Engagement,
    day: Date,
    start: Date,
    until: Date,
    latest: Option<&'a Survey>,
    duty: Duty,
}

fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = SurveyDuty<'a>> + 'a {
    let months = cx.policy.survey_interval_months;
    let interval = Interval::Months(months);
    cx.records.engagements.iter().filter_map(move |eng| {
        let day = judged_at(cx, eng)?;
        let start = duty_start(eng, None);
        let latest = cx
            .records
            .surveys
            .iter()
            .filter(|s| s.period.from.value <= day)
            .filter(|s| cx.engagement_of(RecordView::Survey(s)).is_some_and(|e| e.value == eng.id.value))
            .max_by_key(|s| s.period.to.value);
        // Covered on day D while a survey's period reaches the start of the window,
        // `interval.before(D)`: due on the last such day, and never before one interval
        // after the start.
        let due = latest
            .map_or(interval.after(start), |s| last_covered(interval, s.period.to.value).max(interval.after(start)));
        let id = eng.id.value.as_str();
        let what = msg!("customer-satisfaction survey", "客户满意度调查");
        let duty = Duty::new(META.id, Kind::Engagement, id, None, due, eng.id.span, what).help(msg!(
            "survey the customer and record it as a Survey whose `period` reaches into the last {months} months",
            "请开展满意度调查，并以 `Survey` 记录，其 `period` 须覆盖最近 {months} 个月内的日期"
        ));
        Some(SurveyDuty { engagement: eng, day, start, until: ended(cx, eng), latest, duty })
    })
}

/// The last day whose window (`interval.before(day)` onwards) still reaches `to`: month
/// arithmetic clamps to the month's end, so this can lie a few days after `interval.after(to)`.
fn last_covered(interval: Interval, to: Date) -> Date {
    let mut day = interval.after(to);
    // `before` is monotone; at most three clamped days follow.
    for _ in 0..4 {
        let next = add_days(day, 1);
        if interval.before(next) > to {
            break;
        }
        day = next;
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_last_covered_day_follows_month_clamping() {
        let six = Interval::Months(6);
        // 2026-08-31 − 6 months = 2026-02-28 (clamped): still reaching a survey ending Feb 28.
        assert_eq!(last_covered(six, date(2026, 2, 28)), date(2026, 8, 31));
        assert_eq!(last_covered(six, date(2026, 8, 31)), date(2027, 2, 28));
        assert_eq!(last_covered(six, date(2026, 3, 15)), date(2026, 9, 15));
        assert_eq!(last_covered(Interval::Days(90), date(2026, 1, 1)), date(2026, 4, 1));
    }
}
