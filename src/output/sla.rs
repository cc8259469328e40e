//! Rendering the SLA report (`itos report sla`): one [`Doc`] for table, Markdown and HTML;
//! JSON carrying each figure's inputs (seconds and tickets counted) so it can be checked by
//! hand; long-form CSV. Also the ledger of one ticket (`--ticket`).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use crate::model::Lang;
use crate::report::ledger::Ledger;
use crate::report::sla::{EngagementReport, Headline, ServiceReport, SlaReport, current_headline};
use crate::sla::availability::truncate;
use crate::sla::clock::{ClockKind, Outcome};
use crate::sla::month::Attainment;

use super::csv;
use super::doc::{Block, Chart, Doc, DocTable};

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

/// Business or wall-clock seconds shown in minutes (one decimal when not whole).
pub fn minutes(secs: f64) -> String {
    let m = secs / 60.0;
    if (m - m.round()).abs() < 1e-9 { format!("{}", m.round() as i64) } else { format!("{m:.1}") }
}

fn percent(v: Option<f64>, decimals: u8) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| truncate(v, decimals))
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

/// An amount with the currency's minor unit (2 decimals for CNY, 0 for JPY, 3 for BHD).
fn money(amount: f64, currency: &str) -> String {
    let decimals = usize::try_from(crate::sla::credits::minor_units(currency)).unwrap_or(2);
    format!("{:.decimals$} {currency}", amount + 0.0)
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
    let p = &report.provenance;
    let mut facts =
        vec![(t(lang, "Month", "报告月份"), month.clone()), (t(lang, "As of", "数据截至"), report.as_of.to_string())];
    if report.partial_month {
        facts.push((
            t(lang, "Coverage", "覆盖范围"),
            t(lang, "month to date (ends with the as-of day)", "本月截至评估日(不含此后时间)"),
        ));
    }
    let commit = match &p.commit {
        Some(c) if p.dirty => t(lang, &format!("{c} (with uncommitted changes)"), &format!("{c}(含未提交的修改)")),
        Some(c) => c.clone(),
        None => t(lang, "none (no git repository, or --no-git)", "无(不在 git 仓库中,或使用了 --no-git)"),
    };
    facts.push((t(lang, "Records commit", "记录提交"), commit));
    facts.push((
        t(lang, "Inputs (SHA-256)", "输入摘要(SHA-256)"),
        t(
            lang,
            &format!("{} over {} files and itos.toml", p.inputs, p.files),
            &format!("{}(itos.toml 及 {} 个文件)", p.inputs, p.files),
        ),
    ));
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
    doc
}

fn engagement(doc: &mut Doc, e: &EngagementReport<'_>, filtered: bool, lang: Lang) {
    let eng = e.engagement;
    doc.push(Block::Heading(2, format!("{} — {}", eng.id.value, eng.title.value)));
    let currency = e.currency();
    let mut facts = vec![(t(lang, "Customer", "客户"), eng.customer.value.name.value.clone())];
    facts.push((t(lang, "Provider", "服务商"), eng.provider.value.name.value.clone()));
    facts.push((
        t(lang, "Month's fee", "本月服务费"),
        e.fee.map_or_else(|| t(lang, "n/a (one-off fee)", "不适用(一次性费用)"), |f| money(f, currency)),
    ));
    let owed = match (e.credit, e.fee) {
        (Some(c), Some(fee)) => {
            let sum = e.credit_percent();
            let capped = sum > e.cap_percent;
            let detail = if capped {
                t(
                    lang,
                    &format!("{} % earned, capped at {} %", trim(sum), trim(e.cap_percent)),
                    &format!("应计 {} %,封顶 {} %", trim(sum), trim(e.cap_percent)),
                )
            } else {
                format!("{} % × {}", trim(sum), money(fee, currency))
            };
            format!("{} ({detail})", money(c, currency))
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
        service(doc, s, lang);
    }
    satisfaction(doc, e, lang);
    if !e.trend_credit.is_empty() {
        doc.push(Block::Heading(3, t(lang, "Service credits by month", "各月服务抵扣")));
        let mut rows: Vec<Vec<String>> = e
            .trend_credit
            .iter()
            .map(|(d, c)| vec![month_label(*d), c.map_or_else(|| "n/a".to_owned(), |c| money(c, currency))])
            .collect();
        rows.push(vec![
            e.services.first().map_or_else(String::new, |s| month_label(s.month.month.first)),
            e.credit.map_or_else(|| "n/a".to_owned(), |c| money(c, currency)),
        ]);
        doc.push(table(headers(lang, &[("Month", "月份"), ("Credit owed", "应付抵扣")]), rows, &[1]));
    }
}

fn trim(v: f64) -> String {
    // `+ 0.0` turns the -0.0 of an empty float sum into 0.
    let s = format!("{:.3}", v + 0.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn service(doc: &mut Doc, s: &ServiceReport<'_>, lang: Lang) {
    let sla = s.sla;
    let m = &s.month;
    let tz = sla.tz();
    let a = &m.availability;
    doc.push(Block::Heading(
        3,
        t(
            lang,
            &format!("Service {} (Sla {}, {})", sla.service.value, sla.id.value, sla.timezone.value.name),
            &format!("服务 {}(SLA {},{})", sla.service.value, sla.id.value, sla.timezone.value.name),
        ),
    ));
    let target = truncate(a.target, a.decimals.saturating_sub(1));
    let mut facts = vec![
        (
            t(lang, "Availability", "可用性"),
            format!(
                "{} {} {target} % — {}",
                a.shown().map_or_else(|| "n/a".to_owned(), |v| format!("{v} %")),
                t(lang, "against", "对比目标"),
                met(a.met(), lang)
            ),
        ),
        (
            t(lang, "Scheduled / downtime", "计划服务时间 / 停机时间"),
            format!("{} min / {} min", minutes(a.scheduled as f64), minutes(a.downtime)),
        ),
        (
            t(lang, "Error budget", "错误预算"),
            t(
                lang,
                &format!(
                    "{} min allowed, {} used, {} left",
                    minutes(a.budget),
                    minutes(a.downtime),
                    minutes(a.budget_left())
                ),
                &format!(
                    "允许 {} 分钟,已用 {},剩余 {}",
                    minutes(a.budget),
                    minutes(a.downtime),
                    minutes(a.budget_left())
                ),
            ),
        ),
        (t(lang, "Failures (outages started)", "故障次数(本月开始的停机)"), m.failures.to_string()),
    ];
    let mttr = m.mttr.map_or_else(|| "n/a".to_owned(), |v| format!("{} min", minutes(v)));
    let mttr_target = sla.mttr_max.as_ref().map(|x| x.value.seconds() as f64);
    let mttr_met = m.mttr.zip(mttr_target).map(|(v, max)| v <= max);
    facts.push((
        "MTTR".to_owned(),
        match mttr_target {
            Some(max) => format!("{mttr} (≤ {} min) — {}", minutes(max), met(mttr_met, lang)),
            None => mttr,
        },
    ));
    let mtbf = if m.failures == 0 { format!("> {} min", minutes(m.mtbf)) } else { format!("{} min", minutes(m.mtbf)) };
    let mtbf_target = sla.mtbf_min.as_ref().map(|x| x.value.seconds() as f64);
    facts.push((
        "MTBF".to_owned(),
        match mtbf_target {
            // With no failure the month shows no evidence against the target: met.
            Some(min) => {
                format!("{mtbf} (≥ {} min) — {}", minutes(min), met(Some(m.failures == 0 || m.mtbf >= min), lang))
            }
            None => mtbf,
        },
    ));
    facts.push((t(lang, "Tickets opened and counted", "本月新开并计入的工单"), m.opened.to_string()));
    let credit: f64 = s.credits.iter().map(|c| c.percent).sum();
    facts.push((t(lang, "Credit earned", "应计服务抵扣"), format!("{} %", trim(credit))));
    doc.push(Block::Facts(facts));

    // Attainment per priority and clock.
    let rows = m
        .attainment
        .iter()
        .map(|((priority, clock), att)| {
            let p = sla.priority(priority).map(|p| &p.value);
            let target = p.and_then(|p| match clock {
                ClockKind::Response => Some(p.response.value.seconds()),
                ClockKind::OnSite => p.on_site.as_ref().map(|d| d.value.seconds()),
                ClockKind::Restoration => p.restoration.as_ref().map(|d| d.value.seconds()),
                ClockKind::Resolution => Some(p.resolution.value.seconds()),
            });
            let goal = p.and_then(|p| p.attainment_target.as_ref()).map(|g| g.value.value);
            attainment_row(priority, *clock, target, goal, p.map_or("24x7", |p| p.calendar()), att, lang)
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
                minutes(b.elapsed as f64),
                minutes(b.target as f64),
                minutes(b.overrun as f64),
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
            vec![
                r.ticket.clone(),
                r.priority.clone(),
                r.clock.label(lang).to_owned(),
                minutes(r.elapsed as f64),
                when(r.deadline, &tz),
            ]
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
        .map(|c| vec![c.metric.as_str().to_owned(), trim(c.value), format!("{} %", trim(c.percent))])
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

fn attainment_row(
    priority: &str,
    clock: ClockKind,
    target: Option<i64>,
    goal: Option<f64>,
    calendar: &str,
    a: &Attainment,
    lang: Lang,
) -> Vec<String> {
    let opt = |v: Option<i64>| v.map_or_else(|| "n/a".to_owned(), |v| minutes(v as f64));
    vec![
        priority.to_owned(),
        clock.label(lang).to_owned(),
        target.map_or_else(String::new, |v| minutes(v as f64)),
        calendar.to_owned(),
        a.decided.to_string(),
        a.met.to_string(),
        percent(a.percent, 1),
        goal.map_or_else(String::new, trim),
        opt(a.median),
        opt(a.p90),
    ]
}

fn trend_row(h: &Headline, lang: Lang) -> Vec<String> {
    vec![
        month_label(h.first),
        h.availability.clone().unwrap_or_else(|| "n/a".to_owned()),
        met(h.availability_met, lang),
        percent(h.response, 1),
        percent(h.resolution, 1),
        h.breaches.to_string(),
        h.failures.to_string(),
        trim(h.credit_percent),
    ]
}

fn charts(doc: &mut Doc, s: &ServiceReport<'_>, lang: Lang) {
    let m = &s.month;
    let target = m.availability.target;
    let values: Vec<Option<f64>> = m.daily.iter().map(|d| d.percent()).collect();
    let lowest = values.iter().flatten().copied().fold(target, f64::min);
    let floor = axis_floor(lowest);
    doc.push(Block::Chart(Chart {
        title: t(lang, "Daily availability", "每日可用性"),
        labels: m.daily.iter().map(|d| d.date.day().to_string()).collect(),
        values,
        target: Some(target),
        floor,
        unit: "%",
    }));
    let keys: Vec<_> = m.attainment.iter().collect();
    doc.push(Block::Chart(Chart {
        title: t(lang, "Attainment per priority and clock", "各优先级与时钟的达成率"),
        labels: keys.iter().map(|((p, c), _)| format!("{p} {}", c.label(lang))).collect(),
        values: keys.iter().map(|(_, a)| a.percent).collect(),
        target: None,
        floor: 0.0,
        unit: "%",
    }));
    if !s.trend.is_empty() {
        let months: Vec<Headline> = s.trend.iter().cloned().chain(std::iter::once(current_headline(s))).collect();
        let values: Vec<Option<f64>> =
            months.iter().map(|h| h.availability.as_deref().and_then(|a| a.parse().ok())).collect();
        let lowest = values.iter().flatten().copied().fold(target, f64::min);
        doc.push(Block::Chart(Chart {
            title: t(lang, "Availability trend", "可用性趋势"),
            labels: months.iter().map(|h| month_label(h.first)).collect(),
            values,
            target: Some(target),
            floor: axis_floor(lowest),
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
                Some(r) => format!("{} ({} %)", s.responses, trim((r * 10.0).floor() / 10.0)),
                None => s.responses.to_string(),
            },
        ),
        (t(lang, "Mean score (1–5)", "平均分(1–5)"), s.mean.map_or_else(|| "n/a".to_owned(), |m| format!("{m:.2}"))),
        (t(lang, "Satisfaction rate (scores ≥ 4)", "满意率(≥ 4 分)"), percent(s.rate, 1) + " %"),
    ];
    for sla in e.services.iter().map(|s| s.sla) {
        if let Some(min) = &sla.satisfaction_min {
            facts.push((
                t(lang, &format!("Mean target ({})", sla.service.value), &format!("平均分目标({})", sla.service.value)),
                format!("≥ {} — {}", trim(min.value.0), met(s.mean.map(|m| m >= min.value.0), lang)),
            ));
        }
        if let Some(min) = &sla.satisfaction_rate_min {
            facts.push((
                t(lang, &format!("Rate target ({})", sla.service.value), &format!("满意率目标({})", sla.service.value)),
                format!("≥ {} % — {}", trim(min.value.value), met(s.rate.map(|r| r >= min.value.value), lang)),
            ));
        }
    }
    if s.small_sample() {
        facts
            .push((t(lang, "Note", "注意"), t(lang, "small sample: fewer than 5 responses", "样本量小:回复少于 5 份")));
    }
    doc.push(Block::Facts(facts));
    let rows =
        s.per_dimension.iter().map(|(d, mean, n)| vec![(*d).to_owned(), format!("{mean:.2}"), n.to_string()]).collect();
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
        "fee": e.fee,
        "credit": {
            "owed": e.credit,
            "percent_earned": e.credit_percent(),
            "cap_percent": e.cap_percent,
        },
        "satisfaction": {
            "surveys": s.surveys,
            "responses": s.responses,
            "invited": s.invited,
            "scores": s.scores,
            "mean": s.mean,
            "rate_percent": s.rate,
            "small_sample": s.small_sample(),
            "dimensions": s.per_dimension.iter().map(|(d, m, n)| json!({"dimension": d, "mean": m, "scores": n})).collect::<Vec<_>>(),
        },
        "services": e.services.iter().map(service_json).collect::<Vec<_>>(),
        "trend_credit": e.trend_credit.iter().map(|(d, c)| json!({"month": month_label(*d), "owed": c})).collect::<Vec<_>>(),
    })
}

fn service_json(s: &ServiceReport<'_>) -> Value {
    let m = &s.month;
    let a = &m.availability;
    let attainment: Vec<Value> = m
        .attainment
        .iter()
        .map(|((p, c), att)| {
            json!({
                "priority": p, "clock": c.as_str(), "decided": att.decided, "met": att.met,
                "percent": att.percent, "median_seconds": att.median, "p90_seconds": att.p90,
                "attainment_target": s.sla.priority(p).and_then(|p| p.value.attainment_target.as_ref()).map(|g| g.value.value),
            })
        })
        .collect();
    json!({
        "service": s.sla.service.value,
        "sla": s.sla.id.value,
        "timezone": s.sla.timezone.value.name,
        "start": m.month.start.to_string(),
        "end": m.month.end.to_string(),
        "availability": {
            "percent": a.percent,
            "shown": a.shown(),
            "target": a.target,
            "met": a.met(),
            "scheduled_seconds": a.scheduled,
            "downtime_seconds": a.downtime,
            "error_budget_seconds": a.budget,
            "error_budget_left_seconds": a.budget_left(),
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
            "seconds": m.mttr, "repaired": m.repaired, "repair_seconds": m.repair_seconds,
            "max_seconds": s.sla.mttr_max.as_ref().map(|d| d.value.seconds()),
        },
        "mtbf": {
            "seconds": m.mtbf, "failures": m.failures, "uptime_seconds": a.scheduled as f64 - a.downtime,
            "lower_bound": m.failures == 0,
            "min_seconds": s.sla.mtbf_min.as_ref().map(|d| d.value.seconds()),
        },
        "credits": s.credits.iter().map(|c| json!({"metric": c.metric.as_str(), "value": c.value, "percent": c.percent})).collect::<Vec<_>>(),
        "daily": m.daily.iter().map(|d| json!({
            "date": d.date.to_string(), "scheduled_seconds": d.scheduled, "downtime_seconds": d.downtime,
        })).collect::<Vec<_>>(),
        "trend": s.trend.iter().map(|h| json!({
            "month": month_label(h.first), "availability": h.availability, "availability_met": h.availability_met,
            "response_percent": h.response, "resolution_percent": h.resolution,
            "breaches": h.breaches, "failures": h.failures, "credit_percent": h.credit_percent,
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
    let opt = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| v.to_string());
    for e in &report.engagements {
        let eid = e.engagement.id.value.as_str();
        let mut row = |service: &str, priority: &str, clock: &str, figure: &str, value: String| {
            let value = if value.parse::<f64>().is_ok() { csv::number(value) } else { csv::cell(&value) };
            csv::row(
                &mut out,
                &[csv::cell(eid), csv::cell(service), csv::cell(priority), csv::cell(clock), csv::cell(figure), value],
            );
        };
        row("", "", "", "fee", opt(e.fee));
        row("", "", "", "credit_owed", opt(e.credit));
        row("", "", "", "satisfaction_mean", opt(e.satisfaction.mean));
        row("", "", "", "satisfaction_rate_percent", opt(e.satisfaction.rate));
        row("", "", "", "satisfaction_responses", e.satisfaction.responses.to_string());
        for s in &e.services {
            let sid = s.sla.service.value.as_str();
            let m = &s.month;
            let a = &m.availability;
            row(sid, "", "", "availability_percent", a.shown().unwrap_or_else(|| "n/a".to_owned()));
            row(sid, "", "", "availability_met", a.met().map_or_else(|| "n/a".to_owned(), |b| b.to_string()));
            row(sid, "", "", "scheduled_minutes", minutes(a.scheduled as f64));
            row(sid, "", "", "downtime_minutes", minutes(a.downtime));
            row(sid, "", "", "error_budget_minutes", minutes(a.budget));
            row(sid, "", "", "error_budget_left_minutes", minutes(a.budget_left()));
            row(sid, "", "", "failures", m.failures.to_string());
            row(sid, "", "", "mttr_minutes", m.mttr.map_or_else(|| "n/a".to_owned(), minutes));
            // With no failure MTBF is a lower bound (sla.md): "> uptime", as in the table.
            let mtbf = if m.failures == 0 { format!("> {}", minutes(m.mtbf)) } else { minutes(m.mtbf) };
            row(sid, "", "", "mtbf_minutes", mtbf);
            row(sid, "", "", "tickets_opened", m.opened.to_string());
            for ((p, c), att) in &m.attainment {
                let c = c.as_str();
                row(sid, p, c, "decided", att.decided.to_string());
                row(sid, p, c, "met", att.met.to_string());
                row(sid, p, c, "attainment_percent", percent(att.percent, 1));
                row(sid, p, c, "median_minutes", att.median.map_or_else(|| "n/a".to_owned(), |v| minutes(v as f64)));
                row(sid, p, c, "p90_minutes", att.p90.map_or_else(|| "n/a".to_owned(), |v| minutes(v as f64)));
            }
            for b in &m.breaches {
                row(
                    sid,
                    &b.priority,
                    b.clock.as_str(),
                    &format!("breach_overrun_minutes:{}", b.ticket),
                    minutes(b.overrun as f64),
                );
            }
            for r in &m.in_progress {
                row(
                    sid,
                    &r.priority,
                    r.clock.as_str(),
                    &format!("in_progress_elapsed_minutes:{}", r.ticket),
                    minutes(r.elapsed as f64),
                );
            }
            for c in &s.credits {
                row(sid, "", "", &format!("credit_percent:{}", c.metric.as_str()), trim(c.percent));
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
    for c in &l.clocks {
        let clock = &c.clock;
        let name = clock.kind.label(lang);
        let mut chars = name.chars();
        let capital: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        doc.push(Block::Heading(2, t(lang, &format!("{capital} clock"), &format!("{name}时钟"))));
        let outcome = match clock.outcome {
            Outcome::Met => t(lang, "met", "达标"),
            Outcome::Breached => t(lang, "BREACHED", "超时"),
            Outcome::InProgress => t(lang, "in progress", "计时中"),
        };
        doc.push(Block::Facts(vec![
            (t(lang, "Target", "目标"), format!("{} min", minutes(clock.target as f64))),
            (t(lang, "Counted", "已计"), format!("{} min", minutes(clock.elapsed as f64))),
            (
                t(lang, "Paused (working time removed)", "暂停(扣除的工作时间)"),
                format!("{} min", minutes(clock.paused as f64)),
            ),
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
                rows.push(vec![when(Some(a), tz), when(Some(b), tz), minutes(secs as f64), minutes(running as f64)]);
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
                    vec![
                        when(Some(p.from), tz),
                        when(Some(p.to), tz),
                        p.reason.as_str().to_owned(),
                        minutes(p.removed as f64),
                    ]
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
                "target_seconds": k.target,
                "elapsed_seconds": k.elapsed,
                "paused_seconds": k.paused,
                "deadline": ts_json(k.deadline),
                "stopped": ts_json(k.stopped),
                "outcome": match k.outcome { Outcome::Met => "met", Outcome::Breached => "breached", Outcome::InProgress => "in-progress" },
                "decided": ts_json(k.decided),
                "working_intervals": c.stretches.iter().flat_map(|s| s.working.iter().map(|&(a, b, secs)| json!({
                    "from": a.to_string(), "to": b.to_string(), "seconds": secs,
                }))).collect::<Vec<_>>(),
                "pauses": c.pauses.iter().map(|p| json!({
                    "from": p.from.to_string(), "to": p.to.to_string(), "reason": p.reason.as_str(), "removed_seconds": p.removed,
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
    fn minutes_are_whole_or_one_decimal() {
        assert_eq!(minutes(3600.0), "60");
        assert_eq!(minutes(90.0), "1.5");
        assert_eq!(minutes(-600.0), "-10");
    }

    #[test]
    fn axis_floor_leaves_room_below_the_lowest_value() {
        assert_eq!(axis_floor(99.95), 99.8);
        assert!(axis_floor(97.0) <= 97.0);
        assert_eq!(axis_floor(100.0), 99.98);
        assert_eq!(axis_floor(0.0), 0.0);
    }
}
