//! Rendering the SLA report (`itos report sla`): one [`Doc`] for table, Markdown and HTML;
//! JSON carrying each figure's inputs (seconds and tickets counted) so it can be checked by
//! hand; long-form CSV. Also the ledger of one ticket (`--ticket`).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use crate::figures::clock::{ClockKind, Outcome};
use crate::figures::figure;
use crate::figures::month::Attainment;
use crate::figures::tickets::target_of;
use crate::model::kinds::{Engagement, Sla};
use crate::model::scalar::SlaTarget;
use crate::model::{Exact, Lang};
use crate::report::ledger::Ledger;
use crate::report::sla_report::{EngagementReport, Headline, ServiceReport, SlaReport, current_headline};

use super::csv;
use super::doc::{Block, Chart, Doc, DocTable};

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

fn when(ts: Option<Timestamp>, tz: &TimeZone) -> String {
    ts.map_or_else(|| "—".to_owned(), |ts| ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %:z").to_string())
}

fn met(v: Option<bool>, lang: Lang) -> String {
    match v {
        Some(true) => t(lang, "met", "达标"),
        Some(false) => t(lang, "NOT MET", "未达标"),
        None => "n/a".to_owned(),
    }
}

/// A status in a month nobody recorded: never "met" (sla.md, "Months without records").
fn no_data(lang: Lang) -> String {
    t(lang, "no data — no tickets recorded", "无数据——无事件记录")
}

/// A figure's status, or "no data" when the month has no records.
fn status(v: Option<bool>, recorded: bool, lang: Lang) -> String {
    if recorded { met(v, lang) } else { no_data(lang) }
}

/// How a service is named for the customer: its scope description, with its id.
fn service_name(e: &Engagement, sla: &Sla) -> String {
    let id = sla.service.value.as_str();
    match e.scope.iter().find(|s| s.service.value == id) {
        Some(s) if !s.description.value.trim().is_empty() => format!("{} ({id})", s.description.value.trim()),
        _ => id.to_owned(),
    }
}

fn month_label(d: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// A heading and its table, left out when there are no rows.
fn section(doc: &mut Doc, title: String, header: Vec<String>, rows: Vec<Vec<String>>, numeric: &[usize]) {
    if rows.is_empty() {
        return;
    }
    doc.push(Block::Heading(3, title));
    doc.push(table(header, rows, numeric));
}

/// Column headings in the report's language.
fn headers(lang: Lang, words: &[(&str, &str)]) -> Vec<String> {
    words.iter().map(|(en, zh)| t(lang, en, zh)).collect()
}

fn table(header: Vec<String>, rows: Vec<Vec<String>>, numeric: &[usize]) -> Block {
    Block::Table(DocTable { header, rows, numeric: numeric.to_vec(), max_width: None })
}

// ---------------------------------------------------------------- the document

pub fn document(report: &SlaReport<'_>, lang: Lang) -> Doc {
    let month = month_label(report.first);
    let mut doc = Doc {
        title: t(lang, &format!("SLA report — {month}"), &format!("SLA 服务级别报告 — {month}")),
        lang: lang.code(),
        blocks: Vec::new(),
    };
    let mut facts =
        vec![(t(lang, "Month", "报告月份"), month.clone()), (t(lang, "As of", "数据截至"), report.as_of.to_string())];
    if report.partial_month {
        facts.push((
            t(lang, "Coverage", "覆盖范围"),
            t(lang, "month to date (ends with the as-of day)", "本月截至评估日(不含此后时间)"),
        ));
    }
    doc.push(Block::Facts(facts));
    for w in &report.warnings {
        doc.push(Block::Note(format!("{}: {}", t(lang, "Warning", "警告"), w.get(lang))));
    }
    if !report.left_out_files.is_empty() {
        doc.push(Block::Heading(2, t(lang, "Left out: records that could not be loaded", "未计入:无法加载的记录")));
        doc.push(Block::Note(t(
            lang,
            "These files or records are not counted in any figure below; fix them and run the report again.",
            "以下文件或记录未计入任何指标;修正后请重新生成报告。",
        )));
        let rows = report
            .left_out_files
            .iter()
            .map(|l| {
                vec![format!("{}:{}:{}", l.file, l.line, l.col), l.rule.to_owned(), l.message.get(lang).to_owned()]
            })
            .collect();
        doc.push(table(
            vec![t(lang, "Location", "位置"), t(lang, "Rule", "规则"), t(lang, "Problem", "问题")],
            rows,
            &[],
        ));
    }
    for e in &report.engagements {
        engagement(&mut doc, e, report.filtered, lang);
    }
    provenance(&mut doc, &report.provenance, lang);
    doc
}

/// What the report was computed from, at the foot of the page (a reader checks it last).
fn provenance(doc: &mut Doc, p: &crate::report::provenance::Provenance, lang: Lang) {
    doc.push(Block::Heading(2, t(lang, "Provenance", "数据来源")));
    let commit = match &p.commit {
        Some(c) if p.dirty => t(lang, &format!("{c} (with uncommitted changes)"), &format!("{c}(含未提交的修改)")),
        Some(c) => c.clone(),
        None => t(lang, "none (no git repository, or --no-git)", "无(不在 git 仓库中,或使用了 --no-git)"),
    };
    doc.push(Block::Facts(vec![
        (t(lang, "Records commit", "记录提交"), commit),
        (
            t(lang, "Inputs (SHA-256)", "输入摘要(SHA-256)"),
            t(
                lang,
                &format!("{} over {} files and itos.toml", p.inputs, p.files),
                &format!("{}(itos.toml 及 {} 个文件)", p.inputs, p.files),
            ),
        ),
    ]));
}

fn engagement(doc: &mut Doc, e: &EngagementReport<'_>, filtered: bool, lang: Lang) {
    let eng = e.engagement;
    doc.push(Block::Heading(2, format!("{} — {}", eng.id.value, eng.title.value)));
    let currency = e.currency();
    let mut facts = vec![(t(lang, "Customer", "客户"), eng.customer.value.name.value.clone())];
    facts.push((t(lang, "Provider", "服务商"), eng.provider.value.name.value.clone()));
    facts.push((
        t(lang, "Month's fee", "本月服务费"),
        e.fee.map_or_else(|| t(lang, "n/a (one-off fee)", "不适用(一次性费用)"), |f| figure::money(f, currency, lang)),
    ));
    let owed = match (e.credit, e.fee) {
        (Some(c), Some(fee)) => {
            let sum = e.credit_percent();
            let (sum_shown, cap) = (figure::term_percent(sum), figure::term_percent(e.cap_percent));
            let detail = if sum > e.cap_percent {
                t(
                    lang,
                    &format!("{sum_shown} % earned, capped at {cap} %"),
                    &format!("应计 {sum_shown} %,封顶 {cap} %"),
                )
            } else {
                format!("{sum_shown} % × {}", figure::money(fee, currency, lang))
            };
            format!("{} ({detail})", figure::money(c, currency, lang))
        }
        _ => "n/a".to_owned(),
    };
    let label = if filtered {
        t(lang, "Service credit owed (services shown)", "应付服务抵扣(仅所列服务)")
    } else {
        t(lang, "Service credit owed", "应付服务抵扣")
    };
    facts.push((label, owed));
    doc.push(Block::Facts(facts));
    for s in &e.services {
        service(doc, eng, s, lang);
    }
    satisfaction(doc, e, lang);
    if !e.trend_credit.is_empty() {
        doc.push(Block::Heading(3, t(lang, "Service credits by month", "各月服务抵扣")));
        let owed = |c: Option<Exact>| c.map_or_else(|| "n/a".to_owned(), |c| figure::money(c, currency, lang));
        let mut rows: Vec<Vec<String>> = e.trend_credit.iter().map(|(d, c)| vec![month_label(*d), owed(*c)]).collect();
        rows.push(vec![
            e.services.first().map_or_else(String::new, |s| month_label(s.month.month.first)),
            owed(e.credit),
        ]);
        doc.push(table(headers(lang, &[("Month", "月份"), ("Credit owed", "应付抵扣")]), rows, &[1]));
    }
}

/// Whole seconds as minutes for people (thousands separated; CSV and JSON stay plain).
fn mins(secs: i64) -> String {
    figure::minutes_grouped(Exact::int(secs))
}

fn service(doc: &mut Doc, eng: &Engagement, s: &ServiceReport<'_>, lang: Lang) {
    let sla = s.sla;
    let m = &s.month;
    let tz = sla.tz();
    let a = &m.availability;
    let name = service_name(eng, sla);
    doc.push(Block::Heading(
        3,
        t(
            lang,
            &format!("Service {name} — Sla {}, {}", sla.id.value, sla.timezone.value.name),
            &format!("服务 {name} — SLA {},{}", sla.id.value, sla.timezone.value.name),
        ),
    ));
    let recorded = m.tickets_recorded;
    if !recorded {
        doc.push(Block::Note(t(
            lang,
            "No tickets recorded for this service in the month: its figures are not evidence of a perfect month, and no status is given.",
            "本月该服务无事件记录:以下指标不能证明本月服务完美,不给出达标结论。",
        )));
    }
    // The target as the contract writes it (`99.90`), one decimal fewer than the figure.
    let target = a.target.truncated(a.decimals.saturating_sub(1));
    let mut facts = vec![
        (
            t(lang, "Availability", "可用性"),
            format!(
                "{} {} {target} % — {}",
                a.shown().map_or_else(|| "n/a".to_owned(), |v| format!("{v} %")),
                t(lang, "against", "对比目标"),
                status(a.met(), recorded, lang)
            ),
        ),
        (
            t(lang, "Scheduled / downtime", "计划服务时间 / 停机时间"),
            format!("{} min / {} min", mins(a.scheduled), figure::minutes_grouped(a.downtime)),
        ),
        (
            t(lang, "Error budget", "错误预算"),
            t(
                lang,
                &format!(
                    "{} min allowed, {} used, {} left",
                    figure::minutes_grouped(a.budget),
                    figure::minutes_grouped(a.downtime),
                    figure::minutes_grouped(a.budget_left())
                ),
                &format!(
                    "允许 {} 分钟,已用 {},剩余 {}",
                    figure::minutes_grouped(a.budget),
                    figure::minutes_grouped(a.downtime),
                    figure::minutes_grouped(a.budget_left())
                ),
            ),
        ),
        (t(lang, "Failures (outages started)", "故障次数(本月开始的停机)"), m.failures.to_string()),
    ];
    let mttr = m.mttr.map_or_else(|| "n/a".to_owned(), |v| format!("{} min", figure::minutes_grouped(v)));
    let mttr_target = sla.mttr_max.as_ref().map(|x| x.value.seconds());
    let mttr_met = m.mttr.zip(mttr_target).map(|(v, max)| v <= Exact::int(max));
    facts.push((
        "MTTR".to_owned(),
        match mttr_target {
            Some(max) => format!("{mttr} (≤ {} min) — {}", mins(max), status(mttr_met, recorded, lang)),
            None => mttr,
        },
    ));
    let mtbf = if m.failures == 0 {
        format!("> {} min", figure::minutes_grouped(m.mtbf))
    } else {
        format!("{} min", figure::minutes_grouped(m.mtbf))
    };
    let mtbf_target = sla.mtbf_min.as_ref().map(|x| x.value.seconds());
    facts.push((
        "MTBF".to_owned(),
        match mtbf_target {
            // With no failure the month shows no evidence against the target: met — unless
            // nothing was recorded at all.
            Some(min) => format!(
                "{mtbf} (≥ {} min) — {}",
                mins(min),
                status(Some(m.failures == 0 || m.mtbf >= Exact::int(min)), recorded, lang)
            ),
            None => mtbf,
        },
    ));
    facts.push((t(lang, "Tickets opened and counted", "本月新开并计入的工单"), m.opened.to_string()));
    let credit: Exact = s.credits.iter().map(|c| c.percent).sum();
    facts.push((t(lang, "Credit earned", "应计服务抵扣"), format!("{} %", figure::term_percent(credit))));
    doc.push(Block::Facts(facts));

    // Attainment per priority and clock.
    let rows = m
        .attainment
        .iter()
        .map(|((priority, clock), att)| {
            let p = sla.priority(priority).map(|p| &p.value);
            let target = p.and_then(|p| target_of(p, *clock));
            let goal = p.and_then(|p| p.attainment_target.as_ref()).map(|g| g.value.exact);
            attainment_row(priority, *clock, target, goal, p.map_or("24x7", |p| p.calendar()), att, recorded, lang)
        })
        .collect();
    doc.push(table(
        headers(
            lang,
            &[
                ("Priority", "优先级"),
                ("Clock", "时钟"),
                ("Target (min)", "目标(分钟)"),
                ("Calendar", "日历"),
                ("Decided", "已判定"),
                ("Met", "达标"),
                ("Attainment %", "达成率 %"),
                ("Goal %", "达成率目标 %"),
                ("Median (min)", "中位数(分钟)"),
                ("P90 (min)", "P90(分钟)"),
            ],
        ),
        rows,
        &[2, 4, 5, 6, 7, 8, 9],
    ));

    let rows = m
        .breaches
        .iter()
        .map(|b| {
            vec![
                b.ticket.clone(),
                b.priority.clone(),
                b.clock.label(lang).to_owned(),
                when(b.deadline, &tz),
                mins(b.elapsed),
                mins(b.target),
                mins(b.overrun),
            ]
        })
        .collect();
    section(
        doc,
        t(lang, "Breached", "超时工单"),
        headers(
            lang,
            &[
                ("Ticket", "工单"),
                ("Priority", "优先级"),
                ("Clock", "时钟"),
                ("Deadline", "截止时间"),
                ("Elapsed (min)", "已用(分钟)"),
                ("Target (min)", "目标(分钟)"),
                ("Overrun (min)", "超出(分钟)"),
            ],
        ),
        rows,
        &[4, 5, 6],
    );
    let rows = m
        .in_progress
        .iter()
        .map(|r| {
            let deadline = match r.deadline {
                Some(_) => when(r.deadline, &tz),
                None => t(lang, "paused — no deadline yet", "暂停中——暂无截止时间"),
            };
            vec![r.ticket.clone(), r.priority.clone(), r.clock.label(lang).to_owned(), mins(r.elapsed), deadline]
        })
        .collect();
    section(
        doc,
        t(lang, "In progress at the end of the month", "月末仍在计时的工单"),
        headers(
            lang,
            &[
                ("Ticket", "工单"),
                ("Priority", "优先级"),
                ("Clock", "时钟"),
                ("Elapsed (min)", "已用(分钟)"),
                ("Deadline", "截止时间"),
            ],
        ),
        rows,
        &[3],
    );
    let rows = m
        .moved
        .iter()
        .map(|mv| {
            let now = mv.decided.map_or_else(
                || t(lang, "still open", "仍未解决"),
                |d| month_label(d.to_zoned_datetime(tz.clone()).date()),
            );
            vec![mv.ticket.clone(), when(Some(mv.resolved), &tz), now]
        })
        .collect();
    section(
        doc,
        t(lang, "Reopened: moved to a later month", "重开工单:移至后续月份"),
        vec![t(lang, "Ticket", "工单"), t(lang, "First resolved", "首次解决"), t(lang, "Counted in", "计入月份")],
        rows,
        &[],
    );
    let rows = m
        .reprioritised
        .iter()
        .flat_map(|r| {
            let judged = r.judged.iter().map(|(k, p)| format!("{} {p}", k.label(lang))).collect::<Vec<_>>().join(", ");
            let tz = &tz;
            r.changes.iter().map(move |(at, from, to, reason)| {
                vec![
                    r.ticket.clone(),
                    format!("{from} → {to}"),
                    when(Some(*at), tz),
                    reason.clone().unwrap_or_default(),
                    judged.clone(),
                ]
            })
        })
        .collect();
    section(
        doc,
        t(lang, "Re-prioritised tickets", "调整过优先级的工单"),
        headers(
            lang,
            &[
                ("Ticket", "工单"),
                ("Change", "调整"),
                ("At", "时间"),
                ("Reason", "原因"),
                ("Clocks judged as", "时钟按此优先级判定"),
            ],
        ),
        rows,
        &[],
    );
    if !m.left_out.is_empty() {
        doc.push(Block::Heading(3, t(lang, "Tickets left out", "未计入的工单")));
        let rows = m.left_out.iter().map(|l| vec![l.ticket.clone(), l.reason.text(lang).to_owned()]).collect();
        doc.push(table(headers(lang, &[("Ticket", "工单"), ("Reason", "原因")]), rows, &[]));
    }
    let rows = m
        .excluded_outages
        .iter()
        .map(|x| vec![x.ticket.clone(), x.reason.as_str().to_owned(), x.evidence.clone().unwrap_or_default()])
        .collect();
    section(
        doc,
        t(lang, "Outages excluded from availability", "不计入可用性的停机"),
        vec![t(lang, "Ticket", "工单"), t(lang, "Reason", "原因"), t(lang, "Evidence", "证据")],
        rows,
        &[],
    );
    let rows = s
        .credits
        .iter()
        .map(|c| vec![c.metric.as_str().to_owned(), c.shown.clone(), format!("{} %", figure::term_percent(c.percent))])
        .collect();
    section(
        doc,
        t(lang, "Credits earned", "应计服务抵扣"),
        vec![t(lang, "Metric", "指标"), t(lang, "Measured", "实测值"), t(lang, "Credit", "抵扣比例")],
        rows,
        &[1, 2],
    );
    charts(doc, s, lang);
    // The trend ends with the report month itself; with no earlier month there is no trend.
    let rows = if s.trend.is_empty() {
        Vec::new()
    } else {
        s.trend.iter().chain(std::iter::once(&current_headline(s))).map(|h| trend_row(h, lang)).collect()
    };
    section(
        doc,
        t(lang, "Trend", "趋势"),
        headers(
            lang,
            &[
                ("Month", "月份"),
                ("Availability %", "可用性 %"),
                ("Availability target", "可用性目标"),
                ("Response %", "响应达成率 %"),
                ("Resolution %", "解决达成率 %"),
                ("Breaches", "超时"),
                ("Failures", "故障"),
                ("Credit %", "抵扣 %"),
            ],
        ),
        rows,
        &[1, 3, 4, 5, 6, 7],
    );
}

#[allow(clippy::too_many_arguments)]
fn attainment_row(
    priority: &str,
    clock: ClockKind,
    target: Option<SlaTarget>,
    goal: Option<Exact>,
    calendar: &str,
    a: &Attainment,
    recorded: bool,
    lang: Lang,
) -> Vec<String> {
    let opt = |v: Option<i64>| v.map_or_else(|| "n/a".to_owned(), mins);
    let percent = if recorded { figure::attainment(a.percent) } else { no_data(lang) };
    vec![
        priority.to_owned(),
        clock.label(lang).to_owned(),
        // A working-day target is shown as written: its business time depends on the start.
        target.map_or_else(String::new, |v| match v {
            SlaTarget::Business(d) => mins(d.seconds()),
            SlaTarget::WorkingDays(_) => v.to_string(),
        }),
        calendar.to_owned(),
        a.decided.to_string(),
        a.met.to_string(),
        percent,
        goal.map_or_else(String::new, figure::term_percent),
        opt(a.median),
        opt(a.p90),
    ]
}

fn trend_row(h: &Headline, lang: Lang) -> Vec<String> {
    vec![
        month_label(h.first),
        h.availability.clone().unwrap_or_else(|| "n/a".to_owned()),
        status(h.availability_met, h.tickets_recorded, lang),
        figure::attainment(h.response),
        figure::attainment(h.resolution),
        h.breaches.to_string(),
        h.failures.to_string(),
        figure::term_percent(h.credit_percent),
    ]
}

fn charts(doc: &mut Doc, s: &ServiceReport<'_>, lang: Lang) {
    let m = &s.month;
    let a = &m.availability;
    let target = a.target;
    let daily: Vec<Option<Exact>> = m.daily.iter().map(|d| d.percent()).collect();
    let lowest = daily.iter().flatten().copied().fold(target, Exact::min);
    doc.push(Block::Chart(Chart {
        title: t(lang, "Daily availability", "每日可用性"),
        labels: m.daily.iter().map(|d| d.date.day().to_string()).collect(),
        values: daily.iter().map(|v| v.map(Exact::approx)).collect(),
        shown: daily.iter().map(|v| figure::percent_or_na(*v, a.decimals)).collect(),
        low: daily.iter().map(|v| v.is_some_and(|v| v < target)).collect(),
        target: Some(target.approx()),
        target_shown: Some(target.truncated(a.decimals.saturating_sub(1))),
        floor: axis_floor(lowest.approx()),
        unit: "%",
    }));
    let keys: Vec<_> = m.attainment.iter().collect();
    doc.push(Block::Chart(Chart {
        title: t(lang, "Attainment per priority and clock", "各优先级与时钟的达成率"),
        labels: keys.iter().map(|((p, c), _)| format!("{p} {}", c.label(lang))).collect(),
        values: keys.iter().map(|(_, a)| a.percent.map(Exact::approx)).collect(),
        shown: keys.iter().map(|(_, a)| figure::attainment(a.percent)).collect(),
        low: vec![false; keys.len()],
        target: None,
        target_shown: None,
        floor: 0.0,
        unit: "%",
    }));
    if !s.trend.is_empty() {
        let months: Vec<Headline> = s.trend.iter().cloned().chain(std::iter::once(current_headline(s))).collect();
        let lowest = months.iter().filter_map(|h| h.availability_value).fold(target, Exact::min);
        doc.push(Block::Chart(Chart {
            title: t(lang, "Availability trend", "可用性趋势"),
            labels: months.iter().map(|h| month_label(h.first)).collect(),
            // A month nobody recorded is drawn as a gap, never as a full bar.
            values: months
                .iter()
                .map(|h| h.availability_value.filter(|_| h.tickets_recorded).map(Exact::approx))
                .collect(),
            shown: months
                .iter()
                .map(|h| match (&h.availability, h.tickets_recorded) {
                    (_, false) => no_data(lang),
                    (Some(v), true) => v.clone(),
                    (None, true) => "n/a".to_owned(),
                })
                .collect(),
            low: months.iter().map(|h| h.availability_met == Some(false)).collect(),
            target: Some(target.approx()),
            target_shown: Some(target.truncated(a.decimals.saturating_sub(1))),
            floor: axis_floor(lowest.approx()),
            unit: "%",
        }));
    }
}

/// A round lower bound for a percentage axis that shows `lowest` and some room below it.
fn axis_floor(lowest: f64) -> f64 {
    let gap = (100.0 - lowest).max(0.01);
    // Two steps of the gap's decimal order below 100, computed by division to stay exact.
    let scale = 10f64.powi(-(gap.log10().ceil() as i32));
    ((100.0 * scale).floor() - 2.0).max(0.0) / scale
}

fn satisfaction(doc: &mut Doc, e: &EngagementReport<'_>, lang: Lang) {
    let s = &e.satisfaction;
    doc.push(Block::Heading(3, t(lang, "Satisfaction", "满意度")));
    if s.surveys.is_empty() {
        doc.push(Block::Note(t(lang, "No survey period overlaps this month.", "本月没有覆盖的满意度调查。")));
        return;
    }
    let mut facts = vec![
        (t(lang, "Surveys", "调查"), s.surveys.join(", ")),
        (
            t(lang, "Responses", "回复数"),
            match s.response_rate() {
                Some(r) => {
                    format!("{} ({} %)", s.responses, figure::term_percent(Exact::ratio(r.mul_int(10).floor(), 10)))
                }
                None => s.responses.to_string(),
            },
        ),
        (t(lang, "Mean score (1–5)", "平均分(1–5)"), s.mean.map_or_else(|| "n/a".to_owned(), figure::score)),
        (t(lang, "Satisfaction rate (scores ≥ 4)", "满意率(≥ 4 分)"), figure::attainment(s.rate) + " %"),
    ];
    for sla in e.services.iter().map(|s| s.sla) {
        let name = service_name(e.engagement, sla);
        if let Some(min) = &sla.satisfaction_min {
            facts.push((
                t(lang, &format!("Mean target ({name})"), &format!("平均分目标({name})")),
                format!("≥ {} — {}", figure::term_percent(min.value.1), met(s.mean.map(|m| m >= min.value.1), lang)),
            ));
        }
        if let Some(min) = &sla.satisfaction_rate_min {
            facts.push((
                t(lang, &format!("Rate target ({name})"), &format!("满意率目标({name})")),
                format!(
                    "≥ {} % — {}",
                    figure::term_percent(min.value.exact),
                    met(s.rate.map(|r| r >= min.value.exact), lang)
                ),
            ));
        }
    }
    if s.small_sample() {
        facts
            .push((t(lang, "Note", "注意"), t(lang, "small sample: fewer than 5 responses", "样本量小:回复少于 5 份")));
    }
    doc.push(Block::Facts(facts));
    let rows =
        s.per_dimension.iter().map(|(d, mean, n)| vec![(*d).to_owned(), figure::score(*mean), n.to_string()]).collect();
    doc.push(table(
        vec![t(lang, "Dimension", "维度"), t(lang, "Mean", "平均分"), t(lang, "Scores", "评分数")],
        rows,
        &[1, 2],
    ));
}

// ---------------------------------------------------------------- JSON

fn ts_json(ts: Option<Timestamp>) -> Value {
    ts.map_or(Value::Null, |t| Value::String(t.to_string()))
}

/// A figure as a JSON number (an approximation for charts and spreadsheets; the decisions and
/// the `shown` and `exact` fields are exact).
fn num(v: Exact) -> Value {
    serde_json::Number::from_f64(v.approx()).map_or(Value::Null, Value::Number)
}

fn opt_num(v: Option<Exact>) -> Value {
    v.map_or(Value::Null, num)
}

/// The exact value as text: a finite decimal (`2419.2`) or a fraction (`100/7`).
fn exact(v: Exact) -> Value {
    Value::String(v.to_text())
}

fn opt_exact(v: Option<Exact>) -> Value {
    v.map_or(Value::Null, exact)
}

/// An amount as machines read it: the currency's minor unit, no separators.
fn money_json(v: Option<Exact>, currency: &str) -> Value {
    v.map_or(Value::Null, |v| Value::String(figure::money_plain(v, currency)))
}

pub fn json(report: &SlaReport<'_>, lang: Lang) -> String {
    let p = &report.provenance;
    let engagements: Vec<Value> = report.engagements.iter().map(engagement_json).collect();
    let doc = json!({
        "version": 1,
        "report": "sla",
        "month": month_label(report.first),
        "as_of": report.as_of.to_string(),
        "partial_month": report.partial_month,
        "services_filtered": report.filtered,
        "lang": lang.code(),
        "provenance": {
            "commit": p.commit,
            "uncommitted_changes": p.dirty,
            "inputs_sha256": p.inputs,
            "files": p.files,
            "itos_version": env!("CARGO_PKG_VERSION"),
        },
        "warnings": report.warnings.iter().map(|w| w.get(lang)).collect::<Vec<_>>(),
        "left_out_files": report.left_out_files.iter().map(|l| json!({
            "file": l.file, "line": l.line, "column": l.col, "rule": l.rule, "message": l.message.get(lang),
        })).collect::<Vec<_>>(),
        "engagements": engagements,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn engagement_json(e: &EngagementReport<'_>) -> Value {
    let s = &e.satisfaction;
    json!({
        "id": e.engagement.id.value,
        "currency": e.currency(),
        "fee": money_json(e.fee, e.currency()),
        "fee_exact": opt_exact(e.fee),
        "credit": {
            "owed": money_json(e.credit, e.currency()),
            "percent_earned": num(e.credit_percent()),
            "percent_earned_exact": exact(e.credit_percent()),
            "cap_percent": num(e.cap_percent),
        },
        "satisfaction": {
            "surveys": s.surveys,
            "responses": s.responses,
            "invited": s.invited,
            "scores": s.scores,
            "mean": opt_num(s.mean),
            "mean_shown": s.mean.map(figure::score),
            "mean_exact": opt_exact(s.mean),
            "rate_percent": opt_num(s.rate),
            "rate_shown": s.rate.map(|r| figure::attainment(Some(r))),
            "small_sample": s.small_sample(),
            "dimensions": s.per_dimension.iter().map(|(d, m, n)| json!({"dimension": d, "mean": num(*m), "shown": figure::score(*m), "scores": n})).collect::<Vec<_>>(),
        },
        "services": e.services.iter().map(|s| service_json(e.engagement, s)).collect::<Vec<_>>(),
        "trend_credit": e.trend_credit.iter().map(|(d, c)| json!({"month": month_label(*d), "owed": money_json(*c, e.currency())})).collect::<Vec<_>>(),
    })
}

fn service_json(engagement: &Engagement, s: &ServiceReport<'_>) -> Value {
    let m = &s.month;
    let a = &m.availability;
    let attainment: Vec<Value> = m
        .attainment
        .iter()
        .map(|((p, c), att)| {
            json!({
                "priority": p, "clock": c.as_str(), "decided": att.decided, "met": att.met,
                "percent": opt_num(att.percent), "shown": figure::attainment(att.percent),
                "median_seconds": att.median, "p90_seconds": att.p90,
                "attainment_target": s.sla.priority(p).and_then(|p| p.value.attainment_target.as_ref()).map(|g| num(g.value.exact)),
            })
        })
        .collect();
    json!({
        "service": s.sla.service.value,
        "sla": s.sla.id.value,
        "timezone": s.sla.timezone.value.name,
        "name": service_name(engagement, s.sla),
        "start": m.month.start.to_string(),
        "end": m.month.end.to_string(),
        "tickets_recorded": m.tickets_recorded,
        "status": if m.tickets_recorded { Value::Null } else { Value::String("no-data".to_owned()) },
        "availability": {
            "percent": opt_num(a.percent),
            "percent_exact": opt_exact(a.percent),
            "shown": a.shown(),
            "target": num(a.target),
            "target_exact": exact(a.target),
            "met": a.met().filter(|_| m.tickets_recorded),
            "scheduled_seconds": a.scheduled,
            "downtime_seconds": num(a.downtime),
            "downtime_seconds_exact": exact(a.downtime),
            "error_budget_seconds": num(a.budget),
            "error_budget_left_seconds": num(a.budget_left()),
        },
        "attainment": attainment,
        "breaches": m.breaches.iter().map(|b| json!({
            "ticket": b.ticket, "priority": b.priority, "clock": b.clock.as_str(), "deadline": ts_json(b.deadline),
            "elapsed_seconds": b.elapsed, "target_seconds": b.target, "overrun_seconds": b.overrun,
        })).collect::<Vec<_>>(),
        "in_progress": m.in_progress.iter().map(|r| json!({
            "ticket": r.ticket, "priority": r.priority, "clock": r.clock.as_str(),
            "elapsed_seconds": r.elapsed, "deadline": ts_json(r.deadline),
        })).collect::<Vec<_>>(),
        "reprioritised": m.reprioritised.iter().map(|r| json!({
            "ticket": r.ticket, "initial": r.initial,
            "changes": r.changes.iter().map(|(at, from, to, reason)| json!({"at": at.to_string(), "from": from, "to": to, "reason": reason})).collect::<Vec<_>>(),
            "judged": r.judged.iter().map(|(k, p)| json!({"clock": k.as_str(), "priority": p})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "moved": m.moved.iter().map(|mv| json!({
            "ticket": mv.ticket, "first_resolved": mv.resolved.to_string(), "decided": ts_json(mv.decided),
        })).collect::<Vec<_>>(),
        "left_out": m.left_out.iter().map(|l| json!({"ticket": l.ticket, "reason": l.reason.text(Lang::En)})).collect::<Vec<_>>(),
        "excluded_outages": m.excluded_outages.iter().map(|x| json!({
            "ticket": x.ticket, "reason": x.reason.as_str(), "evidence": x.evidence,
        })).collect::<Vec<_>>(),
        "tickets_opened": m.opened,
        "failures": m.failures,
        "mttr": {
            "seconds": opt_num(m.mttr), "shown": m.mttr.map(figure::minutes), "repaired": m.repaired, "repair_seconds": m.repair_seconds,
            "max_seconds": s.sla.mttr_max.as_ref().map(|d| d.value.seconds()),
        },
        "mtbf": {
            "seconds": num(m.mtbf), "shown": figure::minutes(m.mtbf), "failures": m.failures,
            "uptime_seconds": num(Exact::int(a.scheduled).minus(a.downtime)),
            "lower_bound": m.failures == 0,
            "min_seconds": s.sla.mtbf_min.as_ref().map(|d| d.value.seconds()),
        },
        "credits": s.credits.iter().map(|c| json!({"metric": c.metric.as_str(), "value": num(c.value), "shown": c.shown, "value_exact": exact(c.value), "percent": num(c.percent)})).collect::<Vec<_>>(),
        "daily": m.daily.iter().map(|d| json!({
            "date": d.date.to_string(), "scheduled_seconds": d.scheduled, "downtime_seconds": num(d.downtime),
            "shown": figure::percent_or_na(d.percent(), a.decimals),
        })).collect::<Vec<_>>(),
        "trend": s.trend.iter().map(|h| json!({
            "month": month_label(h.first), "availability": h.availability, "availability_met": h.availability_met,
            "tickets_recorded": h.tickets_recorded,
            "response_percent": opt_num(h.response), "resolution_percent": opt_num(h.resolution),
            "breaches": h.breaches, "failures": h.failures, "credit_percent": num(h.credit_percent),
        })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------- CSV

/// Long form: engagement, service, priority, clock, figure, value.
pub fn csv(report: &SlaReport<'_>) -> String {
    let mut out = String::new();
    let header: Vec<String> =
        ["engagement", "service", "priority", "clock", "figure", "value"].iter().map(|s| (*s).to_owned()).collect();
    csv::row(&mut out, &header);
    let money =
        |v: Option<Exact>, currency: &str| v.map_or_else(|| "n/a".to_owned(), |v| figure::money_plain(v, currency));
    for e in &report.engagements {
        let eid = e.engagement.id.value.as_str();
        let mut row = |service: &str, priority: &str, clock: &str, figure: &str, value: String| {
            let value = if value.parse::<f64>().is_ok() { csv::number(value) } else { csv::cell(&value) };
            csv::row(
                &mut out,
                &[csv::cell(eid), csv::cell(service), csv::cell(priority), csv::cell(clock), csv::cell(figure), value],
            );
        };
        row("", "", "", "fee", money(e.fee, e.currency()));
        row("", "", "", "credit_owed", money(e.credit, e.currency()));
        row("", "", "", "satisfaction_mean", e.satisfaction.mean.map_or_else(|| "n/a".to_owned(), figure::score));
        row("", "", "", "satisfaction_rate_percent", figure::attainment(e.satisfaction.rate));
        row("", "", "", "satisfaction_responses", e.satisfaction.responses.to_string());
        for s in &e.services {
            let sid = s.sla.service.value.as_str();
            let m = &s.month;
            let a = &m.availability;
            row(sid, "", "", "availability_percent", a.shown().unwrap_or_else(|| "n/a".to_owned()));
            let met = if m.tickets_recorded {
                a.met().map_or_else(|| "n/a".to_owned(), |b| b.to_string())
            } else {
                "no-data".to_owned()
            };
            row(sid, "", "", "availability_met", met);
            row(sid, "", "", "tickets_recorded", m.tickets_recorded.to_string());
            row(sid, "", "", "scheduled_minutes", figure::minutes_of(a.scheduled));
            row(sid, "", "", "downtime_minutes", figure::minutes(a.downtime));
            row(sid, "", "", "error_budget_minutes", figure::minutes(a.budget));
            row(sid, "", "", "error_budget_left_minutes", figure::minutes(a.budget_left()));
            row(sid, "", "", "failures", m.failures.to_string());
            row(sid, "", "", "mttr_minutes", m.mttr.map_or_else(|| "n/a".to_owned(), figure::minutes));
            // With no failure MTBF is a lower bound (sla.md): "> uptime", as in the table.
            let mtbf = if m.failures == 0 { format!("> {}", figure::minutes(m.mtbf)) } else { figure::minutes(m.mtbf) };
            row(sid, "", "", "mtbf_minutes", mtbf);
            row(sid, "", "", "tickets_opened", m.opened.to_string());
            for ((p, c), att) in &m.attainment {
                let c = c.as_str();
                row(sid, p, c, "decided", att.decided.to_string());
                row(sid, p, c, "met", att.met.to_string());
                row(sid, p, c, "attainment_percent", figure::attainment(att.percent));
                row(sid, p, c, "median_minutes", att.median.map_or_else(|| "n/a".to_owned(), figure::minutes_of));
                row(sid, p, c, "p90_minutes", att.p90.map_or_else(|| "n/a".to_owned(), figure::minutes_of));
            }
            for b in &m.breaches {
                row(
                    sid,
                    &b.priority,
                    b.clock.as_str(),
                    &format!("breach_overrun_minutes:{}", b.ticket),
                    figure::minutes_of(b.overrun),
                );
            }
            for r in &m.in_progress {
                row(
                    sid,
                    &r.priority,
                    r.clock.as_str(),
                    &format!("in_progress_elapsed_minutes:{}", r.ticket),
                    figure::minutes_of(r.elapsed),
                );
            }
            for c in &s.credits {
                row(sid, "", "", &format!("credit_percent:{}", c.metric.as_str()), figure::term_percent(c.percent));
            }
            for h in &s.trend {
                let label = month_label(h.first);
                row(
                    sid,
                    "",
                    "",
                    &format!("availability_percent@{label}"),
                    h.availability.clone().unwrap_or_else(|| "n/a".to_owned()),
                );
                row(sid, "", "", &format!("breaches@{label}"), h.breaches.to_string());
            }
        }
    }
    out
}

// ---------------------------------------------------------------- ledger

pub fn ledger_document(l: &Ledger<'_>, lang: Lang) -> Doc {
    let inc = l.incident;
    let tz = &l.tz;
    let mut doc = Doc {
        title: t(lang, &format!("SLA ledger — {}", inc.id.value), &format!("SLA 计时明细 — {}", inc.id.value)),
        lang: lang.code(),
        blocks: Vec::new(),
    };
    let mut facts = vec![
        (t(lang, "Engagement", "合同"), l.engagement.id.value.clone()),
        (t(lang, "Service", "服务"), inc.service.value.clone()),
        (t(lang, "Priority", "优先级"), inc.priority.value.clone()),
        (t(lang, "Calendar", "日历"), format!("{} ({})", l.calendar, l.sla.timezone.value.name)),
        (t(lang, "Priority changes follow", "优先级调整规则"), l.policy.as_str().to_owned()),
        (t(lang, "Opened", "开单时间"), when(Some(inc.opened_at.instant), tz)),
        (t(lang, "Seen at", "计算截至"), when(Some(l.known_until), tz)),
    ];
    if let Some(reason) = l.left_out {
        facts.push((t(lang, "Left out of the report", "未计入报告"), reason.text(lang).to_owned()));
    }
    doc.push(Block::Facts(facts));
    if let Some(w) = &l.warning {
        doc.push(Block::Note(format!("{}: {}", t(lang, "Warning", "警告"), w.get(lang))));
    }
    if !l.changes.is_empty() {
        let rows = l
            .changes
            .iter()
            .map(|(at, from, to, reason)| {
                vec![when(Some(*at), tz), format!("{from} → {to}"), reason.clone().unwrap_or_default()]
            })
            .collect();
        doc.push(Block::Heading(2, t(lang, "Priority changes", "优先级调整")));
        doc.push(table(headers(lang, &[("At", "时间"), ("Change", "调整"), ("Reason", "原因")]), rows, &[]));
    }
    for c in &l.clocks {
        let clock = &c.clock;
        let name = clock.kind.label(lang);
        let mut chars = name.chars();
        let capital: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        doc.push(Block::Heading(2, t(lang, &format!("{capital} clock"), &format!("{name}时钟"))));
        let outcome = match clock.outcome {
            Outcome::Met => t(lang, "met", "达标"),
            Outcome::Breached => t(lang, "BREACHED", "超时"),
            Outcome::InProgress if clock.paused_open => t(lang, "in progress, paused", "计时中(暂停)"),
            Outcome::InProgress => t(lang, "in progress", "计时中"),
        };
        doc.push(Block::Facts(vec![
            (t(lang, "Judged as", "判定优先级"), format!("{} ({})", c.priority, c.calendar)),
            (t(lang, "Target", "目标"), format!("{} min", mins(clock.target))),
            (t(lang, "Counted", "已计"), format!("{} min", mins(clock.elapsed))),
            (t(lang, "Paused (working time removed)", "暂停(扣除的工作时间)"), format!("{} min", mins(clock.paused))),
            (t(lang, "Deadline", "截止时间"), when(clock.deadline, tz)),
            (t(lang, "Stopped", "停止时间"), when(clock.stopped, tz)),
            (t(lang, "Result", "结果"), outcome),
            (t(lang, "Decided", "判定时间"), when(clock.decided, tz)),
        ]));
        let mut running = 0i64;
        let mut rows = Vec::new();
        for s in &c.stretches {
            for &(a, b, secs) in &s.working {
                running += secs;
                rows.push(vec![when(Some(a), tz), when(Some(b), tz), mins(secs), mins(running)]);
            }
        }
        doc.push(table(
            headers(
                lang,
                &[("Working from", "工作时段开始"), ("Until", "结束"), ("Minutes", "分钟"), ("Running total", "累计")],
            ),
            rows,
            &[2, 3],
        ));
        if !c.pauses.is_empty() {
            let rows = c
                .pauses
                .iter()
                .map(|p| {
                    let until = if p.open_ended {
                        format!("{} ({})", when(Some(p.to), tz), t(lang, "open-ended", "未写结束时间"))
                    } else {
                        when(Some(p.to), tz)
                    };
                    vec![when(Some(p.from), tz), until, p.reason.as_str().to_owned(), mins(p.removed)]
                })
                .collect();
            doc.push(table(
                headers(
                    lang,
                    &[
                        ("Paused from", "暂停开始"),
                        ("Until", "结束"),
                        ("Reason", "原因"),
                        ("Working minutes removed", "扣除的工作分钟"),
                    ],
                ),
                rows,
                &[3],
            ));
        }
    }
    doc
}

pub fn ledger_json(l: &Ledger<'_>) -> String {
    let clocks: Vec<Value> = l
        .clocks
        .iter()
        .map(|c| {
            let k = &c.clock;
            json!({
                "clock": k.kind.as_str(),
                "priority": c.priority,
                "calendar": c.calendar,
                "target_seconds": k.target,
                "elapsed_seconds": k.elapsed,
                "paused_seconds": k.paused,
                "deadline": ts_json(k.deadline),
                "stopped": ts_json(k.stopped),
                "outcome": match k.outcome { Outcome::Met => "met", Outcome::Breached => "breached", Outcome::InProgress => "in-progress" },
                "paused_open_ended": k.paused_open,
                "decided": ts_json(k.decided),
                "working_intervals": c.stretches.iter().flat_map(|s| s.working.iter().map(|&(a, b, secs)| json!({
                    "from": a.to_string(), "to": b.to_string(), "seconds": secs,
                }))).collect::<Vec<_>>(),
                "pauses": c.pauses.iter().map(|p| json!({
                    "from": p.from.to_string(), "to": p.to.to_string(), "open_ended": p.open_ended, "reason": p.reason.as_str(), "removed_seconds": p.removed,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "report": "sla-ledger",
        "ticket": l.incident.id.value,
        "engagement": l.engagement.id.value,
        "service": l.incident.service.value,
        "priority": l.incident.priority.value,
        "calendar": l.calendar,
        "priority_change": l.policy.as_str(),
        "priority_changes": l.changes.iter().map(|(at, from, to, reason)| json!({"at": at.to_string(), "from": from, "to": to, "reason": reason})).collect::<Vec<_>>(),
        "seen_at": l.known_until.to_string(),
        "left_out": l.left_out.map(|r| r.text(Lang::En)),
        "warning": l.warning.as_ref().map(|w| w.get(Lang::En)),
        "clocks": clocks,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_floor_leaves_room_below_the_lowest_value() {
        assert_eq!(axis_floor(99.95), 99.8);
        assert!(axis_floor(97.0) <= 97.0);
        assert_eq!(axis_floor(100.0), 99.98);
        assert_eq!(axis_floor(0.0), 0.0);
    }
}
