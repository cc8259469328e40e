//! RPT-001: a monthly service report for every month of the term, delivered in time.

use jiff::civil::Date;

use crate::model::kinds::{Engagement, ServiceReport};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Rpt001;

static META: Meta = Meta {
    id: "RPT-001",
    severity: Severity::Error,
    section: "§1.2, §2.3",
    title_en: "A monthly service report for every month of the term, delivered in time",
    title_zh: "合同期内每月须按时提交月度服务报告",
    explanation_en: "The provider reports service levels, incidents, changes and risks to the customer \
every month (§1.2, §2.3, 月度服务报告); a missing or late report leaves the customer without the \
evidence the SLA is built on. For every month of the term that ended before the as-of date \
there must be a ServiceReport whose `period` covers the month (from the term's start in its \
first month), delivered within `service_report_workdays` (5 by default) working days after the \
month's last day, counted on the engagement's `calendar` (public holidays and make-up workdays \
included). Each month missing or late is one finding at the Engagement. The last month of a \
service that ends mid-month — at the term's end, or at the effective date of a termination \
recorded in a Handover — is a month of the term too: its report covers the month up to that day \
and is due the same number of working days after it. A repository adopted mid-contract owes no \
report for a month that ended before the Engagement's `records_from`; the month it falls in is \
owed in full.",
    explanation_zh: "服务方每月向客户报告服务水平、事件、变更和风险(§1.2、§2.3,月度服务报告);报告缺失或\
迟交,客户就缺少衡量 SLA 的依据。合同期内每个在评估日之前结束的月份,都须有一份 `period` 覆盖该月(首月从合同\
开始日起)的服务报告(ServiceReport),并在该月最后一天后 `service_report_workdays`(默认 5)个工作日内提交,\
工作日按服务项目的 `calendar` 计算(含法定节假日和调休上班日)。每个缺失或逾期的月份在 Engagement 处各报告一次;\
服务在月中结束(合同期满,或 Handover 记录的终止生效日)时,最后这个不完整的月份同样属于合同期:其报告覆盖该月至服务\
结束日,并在服务结束日后同样的工作日数内提交。项目中途启用本工具的仓库,\
Engagement 的 `records_from` 之前已结束的月份无须报告;该日所在的月份须完整报告。",
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
        for eng in &cx.records.engagements {
            if cx.as_of < eng.term.start.value {
                continue;
            }
            out.checked();
            let reports: Vec<&ServiceReport> = cx
                .records
                .service_reports
                .iter()
                .filter(|r| r.delivered_at.value <= cx.as_of)
                .filter(|r| cx.engagement_of(RecordView::ServiceReport(r)).is_some_and(|e| e.value == eng.id.value))
                .collect();
            // Service ends at the term's end, or earlier at the effective date of a termination.
            let ended = crate::exit::handover_of(cx, eng)
                .map_or(eng.term.end.value, |h| h.termination.effective_at.value.min(eng.term.end.value));
            // A month that ended before the records begin is not owed (decision 8).
            let records = eng.records_start();
            for (from, to) in months(eng, ended).take_while(|(_, to)| *to < cx.as_of).filter(|(_, to)| *to >= records) {
                check_month(cx, out, eng, &reports, from, to);
            }
        }
    }
}

/// The months of the term that must be reported on, as (first day within the term, last day
/// within the service): a service that ends mid-month (`end`) owes a report for that part
/// month too, due after its last day.
fn months(eng: &Engagement, end: Date) -> impl Iterator<Item = (Date, Date)> {
    let start = eng.term.start.value;
    std::iter::successors(Some(start.first_of_month()), |m| m.last_of_month().tomorrow().ok())
        .take_while(move |m| *m <= end)
        .map(move |m| (m.max(start), m.last_of_month().min(end)))
}

fn check_month(cx: &Context<'_>, out: &mut Sink, eng: &Engagement, reports: &[&ServiceReport], from: Date, to: Date) {
    let n = cx.policy.service_report_workdays;
    let deadline = cx.working_days(Some(eng)).add_working_days(to, n);
    // Due through the end of the deadline day: judged once as-of is past it.
    if cx.as_of <= deadline {
        return;
    }
    let covering: Vec<&&ServiceReport> =
        reports.iter().filter(|r| r.period.from.value <= from && r.period.to.value >= to).collect();
    if covering.iter().any(|r| r.delivered_at.value <= deadline) {
        return;
    }
    let (id, month, y, m) =
        (eng.id.value.as_str(), format!("{:04}-{:02}", to.year(), to.month()), to.year(), to.month());
    let late = covering.iter().min_by_key(|r| r.delivered_at.value);
    let message = match late {
        Some(r) => {
            let (rid, on) = (r.id.value.as_str(), r.delivered_at.value);
            msg!(
                "the service report for {month} was due by {deadline} ({n} working days after {to}), but {rid} was delivered on {on}",
                "{y}年{m}月的服务报告应于 {deadline} 前提交({to} 后 {n} 个工作日),但 {rid} 于 {on} 才提交"
            )
        }
        None => msg!(
            "no service report for {month} ({from} to {to}) was delivered by {deadline}, {n} working days after the month ended",
            "缺少 {y}年{m}月({from} 至 {to})的服务报告;应于月末后 {n} 个工作日内即 {deadline} 前提交"
        ),
    };
    let f = out.report(eng.id.span, message);
    if let Some(r) = late {
        let rid = r.id.value.as_str();
        f.label(r.delivered_at.span, msg!("{rid} delivered after {deadline}", "{rid} 晚于 {deadline} 提交"));
    } else {
        f.help(msg!(
            "deliver the report and record it as a ServiceReport with `period: {{from: {from}, to: {to}}}` and its `delivered_at`",
            "请提交报告,并以 ServiceReport 记录(`period: {{from: {from}, to: {to}}}`,注明 `delivered_at`)"
        ));
    }
    f.record(Kind::Engagement, id);
}
