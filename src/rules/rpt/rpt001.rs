//! RPT-001: A service report for every month, delivered within the working days allowed.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Rpt001;

static META: Meta = Meta {
    id: "RPT-001",
    severity: Severity::Error,
    section: "§1.2, §2.3",
    title_en: "A service report for every month, delivered within the working days allowed",
    title_zh: "每月须在规定工作日内提交月度服务报告",
    explanation_en: "The provider reports to the customer every month (§1.2, §2.3, 月度服务报告). For every month of the term that ended before the as-of date there must be a ServiceReport whose `period` covers the month, delivered within `service_report_workdays` (5 by default) working days after the month's last day, counted on the engagement's calendar (public holidays and make-up workdays included). One finding per month missing or late, at the Engagement.",
    explanation_zh: "服务方每月向客户提交服务报告(§1.2、§2.3)。合同期内每个在评估日前已结束的月份,都须有 `period` 覆盖该月的 ServiceReport,且在该月最后一天后 `service_report_workdays`(默认 5)个工作日内提交(按服务项目日历计算,含法定节假日和调休)。每个缺失或逾期的月份在 Engagement 处报告一次。",
    failing: "kind: ServiceReport\nid: RPT-2026-09\nperiod: {from: 2026-09-01, to: 2026-09-30}\ndelivered_at: 2026-10-09\n",
    passing: "kind: ServiceReport\nitems:\n  - {id: RPT-2025-07, period: {from: 2025-07-01, to: 2025-07-31}, delivered_at: 2025-08-05}\n  - {id: RPT-2025-08, period: {from: 2025-08-01, to: 2025-08-31}, delivered_at: 2025-09-04}\n  - {id: RPT-2025-09, period: {from: 2025-09-01, to: 2025-09-30}, delivered_at: 2025-10-09}\n  - {id: RPT-2025-10, period: {from: 2025-10-01, to: 2025-10-31}, delivered_at: 2025-11-05}\n  - {id: RPT-2025-11, period: {from: 2025-11-01, to: 2025-11-30}, delivered_at: 2025-12-04}\n  - {id: RPT-2025-12, period: {from: 2025-12-01, to: 2025-12-31}, delivered_at: 2026-01-07}\n  - {id: RPT-2026-01, period: {from: 2026-01-01, to: 2026-01-31}, delivered_at: 2026-02-04}\n  - {id: RPT-2026-02, period: {from: 2026-02-01, to: 2026-02-28}, delivered_at: 2026-03-05}\n  - {id: RPT-2026-03, period: {from: 2026-03-01, to: 2026-03-31}, delivered_at: 2026-04-03}\n  - {id: RPT-2026-04, period: {from: 2026-04-01, to: 2026-04-30}, delivered_at: 2026-05-08}\n  - {id: RPT-2026-05, period: {from: 2026-05-01, to: 2026-05-31}, delivered_at: 2026-06-04}\n  - {id: RPT-2026-06, period: {from: 2026-06-01, to: 2026-06-30}, delivered_at: 2026-07-03}\n  - {id: RPT-2026-07, period: {from: 2026-07-01, to: 2026-07-31}, delivered_at: 2026-08-05}\n  - {id: RPT-2026-08, period: {from: 2026-08-01, to: 2026-08-31}, delivered_at: 2026-09-04}\n  - {id: RPT-2026-09, period: {from: 2026-09-01, to: 2026-09-30}, delivered_at: 2026-10-13}\n",
    params: &["service_report_workdays"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Rpt001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::add_months;
        let n = cx.policy.service_report_workdays;
        for eng in &cx.records.engagements {
            let Some(day) = crate::rules::duty::judged_at(cx, eng) else { continue };
            let calendar = cx.working_days(Some(eng));
            let reports: Vec<_> = cx
                .records
                .service_reports
                .iter()
                .filter(|r| cx.engagement_of(RecordView::ServiceReport(r)).is_some_and(|e| e.value == eng.id.value))
                .collect();
            let id = eng.id.value.as_str();
            let mut first = eng.term.start.value.first_of_month();
            // Months of the term that ended before the judging day.
            while first <= eng.term.end.value {
                let last = first.last_of_month();
                if last >= day || last > eng.term.end.value {
                    break;
                }
                out.checked();
                let deadline = calendar.add_working_days(last, n);
                let covering: Vec<_> =
                    reports.iter().filter(|r| r.period.from.value <= first && r.period.to.value >= last).collect();
                let on_time =
                    covering.iter().any(|r| r.delivered_at.value <= deadline && r.delivered_at.value <= cx.as_of);
                let month = format!("{:04}-{:02}", first.year(), first.month());
                if !on_time && deadline < cx.as_of {
                    match covering
                        .iter()
                        .filter(|r| r.delivered_at.value <= cx.as_of)
                        .min_by_key(|r| r.delivered_at.value)
                    {
                        Some(late) => {
                            let (rid, d) = (late.id.value.as_str(), late.delivered_at.value);
                            out.report(late.delivered_at.span, msg!("service report `{rid}` for {month} was delivered on {d}, after the deadline {deadline} ({n} working days after the month ended)", "{month} 的服务报告 `{rid}` 于 {d} 提交,晚于期限 {deadline}(月末后 {n} 个工作日)"))
                                .record(Kind::Engagement, id);
                        }
                        None => {
                            out.report(eng.id.span, msg!("no service report for {month}; it was due by {deadline} ({n} working days after the month ended)", "缺少 {month} 的服务报告;应于 {deadline} 前提交(月末后 {n} 个工作日)"))
                                .record(Kind::Engagement, id);
                        }
                    }
                }
                first = add_months(first, 1);
            }
        }
    }
}
