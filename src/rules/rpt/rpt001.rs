//! RPT-001: a service report for every reporting period of the term (monthly by default), delivered in time.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::kinds::engagement::ReportFrequency;
use crate::model::kinds::{Engagement, ServiceReport};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Rpt001;

static META: Meta = Meta {
    id: "RPT-001",
    severity: Severity::Error,
    section: "§1.2, §5.1",
    title_en: "A service report for every reporting period of the term, delivered in time",
    title_zh: "合同期内每个报告周期须按时提交服务报告",
    explanation_en: "The provider reports service levels, incidents, changes and risks to the customer \
as the contract agrees (§1.2, §5.1, 服务报告); a missing or late report leaves the customer without the \
evidence the SLA is built on. The Engagement's `report_frequency` (monthly by default, or quarterly \
or yearly) sets the periods: calendar months, calendar quarters (January–March …) or calendar years. \
For every period of the term that ended before the as-of date, the ServiceReports delivered within \
`service_report_workdays` (5 by default) working days after the period's last day — counted on the \
engagement's `calendar`, public holidays and make-up workdays included — must together cover every \
day of it: one report for the whole period, or several (monthly reports cover a quarter). The first \
period runs from the term's start when the term starts inside it, and the last ends at the term's \
end, or at the effective date of a termination recorded in a Handover, when the service ends \
inside it; its report is due the same number of working days after that day. Each period missing, \
incomplete or late is one finding at the Engagement. A repository adopted mid-contract owes no \
report for a period that ended before the Engagement's `records_from`; the period it falls in is \
owed in full. The deadline is good practice; not stated in the manual.",
    explanation_zh: "服务方应按合同约定向客户报告服务水平、事件、变更和风险（§1.2、§5.1，服务报告）；\
报告缺失或迟交，客户就失去了考核 SLA 的依据。服务项目的 `report_frequency` 决定报告周期：按月（`monthly`，\
默认）为自然月，按季（`quarterly`）为自然季度（1–3 月……），按年（`yearly`）为自然年。合同期内在评估日\
之前结束的每个周期，须由该周期最后一天后 `service_report_workdays`（默认 5）个工作日内提交的服务报告\
（`ServiceReport`）完整覆盖其每一天：可以是一份覆盖整个周期的报告，也可以是多份（如以月报覆盖一个季度\
）。工作日按服务项目的 `calendar` 计算，已考虑法定节假日和调休上班日。合同期在周期中间开始的，首个周\
期自合同期开始日起算；服务在周期中间结束的（合同期满，或退出交接记录 `Handover` 中的终止生效日），最\
后一个周期至服务结束日止，其报告同样须在该日后上述工作日数内提交。缺失、未完整覆盖或逾期提交的周期，\
每个周期在服务项目记录处报告一次。项目中途启用本工具的仓库，服务项目 `records_from` 之前已结束的周期\
无须报告，该日所在的周期须完整报告。提交期限为良好实践，手册未作规定。",
    failing: include_str!("../../../fixtures/RPT-001.failing.yaml"),
    passing: include_str!("../../../fixtures/RPT-001.passing.yaml"),
    params: &["service_report_workdays"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Rpt001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let by_engagement = reports_by_engagement(cx);
        for eng in &cx.records.engagements {
            // Before the term, or while `records_from` cannot be read: nothing is judged.
            if crate::rules::duty::judged_at(cx, eng).is_none() {
                continue;
            }
            out.checked();
            let freq = eng.report_frequency();
            let reports = by_engagement.get(eng.id.value.as_str()).map_or(&[][..], Vec::as_slice);
            let buckets = bucket(freq, reports);
            // Service ends at the term's end, or earlier at the effective date of a termination.
            let ended = crate::exit::handover_of(cx, eng)
                .map_or(eng.term.end.value, |h| h.termination.effective_at.value.min(eng.term.end.value));
            // A period that ended before the records begin is not owed (decision 8).
            let records = eng.records_start();
            for (start, from, to) in
                periods(freq, eng.term.start.value, ended).take_while(|p| p.2 < cx.as_of).filter(|p| p.2 >= records)
            {
                let in_period = buckets.get(&start).map_or(&[][..], Vec::as_slice);
                check_period(cx, out, eng, freq, in_period, from, to);
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        let by_engagement = reports_by_engagement(cx);
        for eng in &cx.records.engagements {
            if crate::rules::duty::judged_at(cx, eng).is_none() {
                continue;
            }
            let freq = eng.report_frequency();
            let reports = by_engagement.get(eng.id.value.as_str()).map_or(&[][..], Vec::as_slice);
            let buckets = bucket(freq, reports);
            // Periods to come, up to the longest window `report due` looks ahead (100 years):
            // a term written to 9999 must not list 96,000 months.
            let horizon = crate::calendar::dates::Interval::Months(1_201).after(cx.as_of);
            let ended = crate::rules::duty::ended(cx, eng);
            let records = eng.records_start();
            // Every period of the service: those already judged (reported while uncovered) and
            // those still to come, owed unless reports delivered by now cover them in time.
            for (start, from, to) in
                periods(freq, eng.term.start.value, ended).take_while(|p| p.1 <= horizon).filter(|p| p.2 >= records)
            {
                let (duty, deadline) = period_duty(cx, eng, freq, from, to);
                let in_period = buckets.get(&start).map_or(&[][..], Vec::as_slice);
                let in_time: Vec<&ServiceReport> =
                    in_period.iter().copied().filter(|r| r.delivered_at.value <= deadline).collect();
                if first_gap(&in_time, from, to).is_some() {
                    out.push(duty);
                }
            }
        }
    }
}

/// The reports delivered by as-of, by engagement, once (no scan of every report per engagement).
fn reports_by_engagement<'a>(cx: &Context<'a>) -> HashMap<&'a str, Vec<&'a ServiceReport>> {
    let mut by_engagement: HashMap<&str, Vec<&ServiceReport>> = HashMap::new();
    for r in cx.records.service_reports.iter().filter(|r| r.delivered_at.value <= cx.as_of) {
        if let Some(e) = cx.engagement_of(RecordView::ServiceReport(r)) {
            by_engagement.entry(e.value.as_str()).or_default().push(r);
        }
    }
    by_engagement
}

/// The report owed for the period `from`..=`to`, due `service_report_workdays` working days
/// after it ends.
fn period_duty(cx: &Context<'_>, eng: &Engagement, freq: ReportFrequency, from: Date, to: Date) -> (Duty, Date) {
    let n = cx.policy.service_report_workdays;
    let deadline = cx.working_days(Some(eng)).add_working_days(to, n);
    let (label, label_zh, ..) = names(freq, to);
    let what = msg!("service report for {label} ({from} to {to})", "{label_zh}（{from} 至 {to}）的服务报告");
    let duty = Duty::new(META.id, Kind::Engagement, &eng.id.value, Some(&label), deadline, eng.id.span, what).help(msg!(
        "deliver the report and record it as a ServiceReport with `period: {{from: {from}, to: {to}}}` and its `delivered_at`",
        "请提交报告，并以 `ServiceReport` 记录（`period: {{from: {from}, to: {to}}}`，注明 `delivered_at`）"
    ));
    (duty, deadline)
}

/// The first day of the calendar period (month, quarter from January, year) holding `day`.
fn period_start(freq: ReportFrequency, day: Date) -> Date {
    match freq {
        ReportFrequency::Monthly => day.first_of_month(),
        ReportFrequency::Quarterly => {
            let month = (day.month() - 1) / 3 * 3 + 1;
            Date::new(day.year(), month, 1).unwrap_or_else(|_| day.first_of_month())
        }
        ReportFrequency::Yearly => day.first_of_year(),
    }
}

/// The first day of the period after the one starting on `start`.
fn next_start(freq: ReportFrequency, start: Date) -> Option<Date> {
    let months = match freq {
        ReportFrequency::Monthly => 1,
        ReportFrequency::Quarterly => 3,
        ReportFrequency::Yearly => 12,
    };
    start.checked_add(jiff::Span::new().months(months)).ok()
}

/// The periods of the service from `start` to `end`, as (calendar period start, first day
/// within the service, last day within the service): the first and last are partial when the
/// term starts or the service ends inside one (decision 9).
fn periods(freq: ReportFrequency, start: Date, end: Date) -> impl Iterator<Item = (Date, Date, Date)> {
    std::iter::successors(Some(period_start(freq, start)), move |p| next_start(freq, *p))
        .take_while(move |p| *p <= end)
        .map(move |p| {
            let last = next_start(freq, p).and_then(|n| n.yesterday().ok()).unwrap_or(end);
            (p, p.max(start), last.min(end))
        })
}

/// The reports that touch each period, keyed by the period's calendar start: a report is
/// visited once per period it overlaps (a quarter of monthly reports, a year of quarters).
fn bucket<'r>(freq: ReportFrequency, reports: &[&'r ServiceReport]) -> HashMap<Date, Vec<&'r ServiceReport>> {
    let mut map: HashMap<Date, Vec<&ServiceReport>> = HashMap::new();
    for r in reports {
        let (from, to) = (r.period.from.value, r.period.to.value);
        let mut p = Some(period_start(freq, from));
        while let Some(start) = p.filter(|s| *s <= to) {
            map.entry(start).or_default().push(r);
            p = next_start(freq, start);
        }
    }
    map
}

/// The first run of days in `from..=to` that `reports` leave uncovered, if any.
fn first_gap(reports: &[&ServiceReport], from: Date, to: Date) -> Option<(Date, Date)> {
    let mut spans: Vec<(Date, Date)> = reports
        .iter()
        .map(|r| (r.period.from.value.max(from), r.period.to.value.min(to)))
        .filter(|(a, b)| a <= b)
        .collect();
    spans.sort();
    let mut next = from;
    for (a, b) in spans {
        if a > next {
            return Some((next, a.yesterday().unwrap_or(a)));
        }
        if b >= next {
            match b.tomorrow() {
                Ok(t) => next = t,
                Err(_) => return None,
            }
        }
        if next > to {
            return None;
        }
    }
    (next <= to).then_some((next, to))
}

/// How a period is named: `2026-09` / `2026年9月`, `2026-Q3` / `2026年第3季度`, `2026` /
/// `2026年度`; and its end (`the month ended` / `月末`).
fn names(freq: ReportFrequency, day: Date) -> (String, String, &'static str, &'static str) {
    let (y, m) = (day.year(), day.month());
    match freq {
        ReportFrequency::Monthly => (format!("{y:04}-{m:02}"), format!("{y}年{m}月"), "month", "月末"),
        ReportFrequency::Quarterly => {
            let q = (m - 1) / 3 + 1;
            (format!("{y:04}-Q{q}"), format!("{y}年第{q}季度"), "quarter", "季末")
        }
        ReportFrequency::Yearly => (format!("{y:04}"), format!("{y}年度"), "year", "年末"),
    }
}

fn check_period(
    cx: &Context<'_>,
    out: &mut Sink,
    eng: &Engagement,
    freq: ReportFrequency,
    reports: &[&ServiceReport],
    from: Date,
    to: Date,
) {
    let n = cx.policy.service_report_workdays;
    let (duty, deadline) = period_duty(cx, eng, freq, from, to);
    // Due through the end of the deadline day: judged once as-of is past it.
    if cx.as_of <= deadline {
        return;
    }
    // Covered when the reports delivered by the deadline together cover every day of it.
    let in_time: Vec<&ServiceReport> = reports.iter().copied().filter(|r| r.delivered_at.value <= deadline).collect();
    let Some((gap_from, gap_to)) = first_gap(&in_time, from, to) else { return };
    let (id, (label, label_zh, unit, unit_zh)) = (eng.id.value.as_str(), names(freq, to));
    // Covered only with reports delivered later: late, naming the first late one.
    let late = first_gap(reports, from, to)
        .is_none()
        .then(|| reports.iter().filter(|r| r.delivered_at.value > deadline).min_by_key(|r| r.delivered_at.value))
        .flatten();
    let message = match late {
        Some(r) => {
            let (rid, on) = (r.id.value.as_str(), r.delivered_at.value);
            msg!(
                "the service report for {label} was due by {deadline} ({n} working days after {to}), but {rid} was delivered on {on}",
                "{label_zh}的服务报告应于 {deadline} 前提交（{to} 后 {n} 个工作日），但 {rid} 于 {on} 才提交"
            )
        }
        None if in_time.iter().any(|r| r.period.from.value <= to && r.period.to.value >= from) => msg!(
            "the service reports delivered by {deadline} do not cover all of {label} ({from} to {to}): {gap_from} to {gap_to} is not covered",
            "截至 {deadline} 提交的服务报告未覆盖 {label_zh}（{from} 至 {to}）的全部日期：{gap_from} 至 {gap_to} 没有报告"
        ),
        None => msg!(
            "no service report for {label} ({from} to {to}) was delivered by {deadline}, {n} working days after the {unit} ended",
            "缺少 {label_zh}（{from} 至 {to}）的服务报告；应于{unit_zh}后 {n} 个工作日内（即 {deadline} 前）提交"
        ),
    };
    let f = out.overdue(&duty, message);
    f.help = None;
    if let Some(r) = late {
        let rid = r.id.value.as_str();
        f.label(r.delivered_at.span, msg!("{rid} delivered after {deadline}", "{rid} 晚于 {deadline} 提交"));
    } else {
        f.help(msg!(
            "deliver the report and record it as a ServiceReport with `period: {{from: {gap_from}, to: {gap_to}}}` and its `delivered_at`",
            "请提交报告，并以 `ServiceReport` 记录（`period: {{from: {gap_from}, to: {gap_to}}}`，注明 `delivered_at`）"
        ));
    }
    if let Some(freq) = &eng.report_frequency {
        f.label(freq.span, msg!("report frequency", "报告周期"));
    }
    f.record(Kind::Engagement, id);
}
