//! The SLA report as a [`Doc`], rendered as a terminal table, Markdown or HTML.

use crate::figures::clock::ClockKind;
use crate::figures::figure;
use crate::figures::month::Attainment;
use crate::figures::tickets::target_of;
use crate::model::kinds::Engagement;
use crate::model::scalar::SlaTarget;
use crate::model::{Exact, Lang};
use crate::report::sla_report::{EngagementReport, Headline, ServiceReport, SlaReport, current_headline};

use super::{
    dimension_label, exclusion_label, headers, met, metric_label, mins, month_label, no_data, section, service_name,
    status, t, table, when,
};
use crate::output::doc::{Block, Chart, Doc};

pub fn document(report: &SlaReport<'_>, lang: Lang) -> Doc {
    let month = month_label(report.first);
    let mut doc = Doc {
        title: t(lang, &format!("SLA report — {month}"), &format!("服务级别（SLA）月度报告 — {month}")),
        lang: lang.code(),
        blocks: Vec::new(),
    };
    let mut facts =
        vec![(t(lang, "Month", "报告月份"), month.clone()), (t(lang, "As of", "数据截至"), report.as_of.to_string())];
    if report.partial_month {
        facts.push((
            t(lang, "Coverage", "覆盖范围"),
            t(lang, "month to date (ends with the as-of day)", "本月截至评估日（不含此后时间）"),
        ));
    }
    doc.push(Block::Facts(facts));
    crate::output::disclosure::integrity(&mut doc, &report.provenance.integrity, &month, lang);
    for w in &report.warnings {
        doc.push(Block::Note(t(lang, &format!("Warning: {}", w.get(lang)), &format!("警告：{}", w.get(lang)))));
    }
    if !report.left_out_files.is_empty() {
        doc.push(Block::Heading(2, t(lang, "Left out: records that could not be loaded", "未计入：无法加载的记录")));
        doc.push(Block::Note(t(
            lang,
            "These files or records are not counted in any figure below; fix them and run the report again.",
            "以下文件或记录未计入任何指标；修正后请重新生成报告。",
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
        engagement(&mut doc, e, report.filtered, report.as_of, lang);
    }
    provenance(&mut doc, &report.provenance, lang);
    doc
}

/// What the report was computed from, at the foot of the page (a reader checks it last).
fn provenance(doc: &mut Doc, p: &crate::report::provenance::Provenance, lang: Lang) {
    doc.push(Block::Heading(2, t(lang, "Provenance", "数据来源")));
    let commit = match &p.commit {
        Some(c) if p.dirty => t(lang, &format!("{c} (with uncommitted changes)"), &format!("{c}（含未提交的修改）")),
        Some(c) => c.clone(),
        None if p.no_commits_yet => t(lang, "none (git repository with no commits yet)", "无（git 仓库尚无提交）"),
        None => t(lang, "none (no git repository, or --no-git)", "无（不在 git 仓库中，或使用了 --no-git）"),
    };
    let mut facts = vec![
        (t(lang, "Records commit", "记录版本（Git 提交）"), commit),
        (
            t(lang, "Inputs (SHA-256)", "输入摘要（SHA-256）"),
            t(
                lang,
                &format!("{} over {} files and itos.toml", p.inputs, p.files),
                &format!("{}（itos.toml 及 {} 个文件）", p.inputs, p.files),
            ),
        ),
    ];
    facts.extend(crate::output::disclosure::facts(&p.configuration, lang, true));
    doc.push(Block::Facts(facts));
}

fn engagement(doc: &mut Doc, e: &EngagementReport<'_>, filtered: bool, as_of: jiff::civil::Date, lang: Lang) {
    let eng = e.engagement;
    doc.push(Block::Heading(2, format!("{} — {}", eng.id.value, eng.title.value)));
    let currency = e.currency();
    let mut facts = vec![(t(lang, "Customer", "客户"), eng.customer.value.name.value.clone())];
    facts.push((t(lang, "Provider", "服务商"), eng.provider.value.name.value.clone()));
    facts.push((
        t(lang, "Month's fee", "本月服务费"),
        e.fee
            .map_or_else(|| t(lang, "n/a (one-off fee)", "不适用（一次性费用）"), |f| figure::money(f, currency, lang)),
    ));
    let owed = match (e.credit, e.fee) {
        (Some(c), Some(fee)) => {
            let sum = e.credit_percent();
            let (sum_shown, cap) = (figure::term_percent(sum), figure::term_percent(e.cap_percent));
            let detail = if sum > e.cap_percent {
                t(
                    lang,
                    &format!("{sum_shown} % earned, capped at {cap} %"),
                    &format!("应计 {sum_shown} %，封顶 {cap} %"),
                )
            } else {
                format!("{sum_shown} % × {}", figure::money(fee, currency, lang))
            };
            t(
                lang,
                &format!("{} ({detail})", figure::money(c, currency, lang)),
                &format!("{}（{detail}）", figure::money(c, currency, lang)),
            )
        }
        _ => figure::none(lang).to_owned(),
    };
    let label = if filtered {
        t(lang, "Service credit owed (services shown)", "服务费扣减（应扣金额，仅所列服务）")
    } else {
        t(lang, "Service credit owed", "服务费扣减（应扣金额）")
    };
    facts.push((label, owed));
    doc.push(Block::Facts(facts));
    for s in &e.services {
        service(doc, eng, s, as_of, lang);
    }
    satisfaction(doc, e, lang);
    if !e.trend_credit.is_empty() {
        doc.push(Block::Heading(3, t(lang, "Service credits by month", "各月服务费扣减（应扣金额）")));
        let owed =
            |c: Option<Exact>| c.map_or_else(|| figure::none(lang).to_owned(), |c| figure::money(c, currency, lang));
        let mut rows: Vec<Vec<String>> = e.trend_credit.iter().map(|(d, c)| vec![month_label(*d), owed(*c)]).collect();
        rows.push(vec![
            e.services.first().map_or_else(String::new, |s| month_label(s.month.month.first)),
            owed(e.credit),
        ]);
        doc.push(table(headers(lang, &[("Month", "月份"), ("Credit owed", "应扣金额")]), rows, &[1]));
    }
}

fn service(doc: &mut Doc, eng: &Engagement, s: &ServiceReport<'_>, as_of: jiff::civil::Date, lang: Lang) {
    let sla = s.sla;
    let m = &s.month;
    let tz = sla.tz();
    let a = &m.availability;
    let name = service_name(eng, sla, lang);
    doc.push(Block::Heading(
        3,
        t(
            lang,
            &format!("Service {name} — Sla {}, {}", sla.id.value, sla.timezone.value.name),
            &format!("服务{name} — SLA {}，时区 {}", sla.id.value, sla.timezone.value.name),
        ),
    ));
    let recorded = m.tickets_recorded;
    if !recorded {
        doc.push(Block::Note(t(
            lang,
            "No tickets recorded for this service in the month: its figures are not evidence of a perfect month, and no status is given.",
            "本月该服务没有事件记录：以下指标不足以证明服务达标，因此不作达标结论。",
        )));
    }
    // The target as the contract writes it (`99.90`), one decimal fewer than the figure.
    let target = a.target.truncated(a.decimals.saturating_sub(1));
    let mut facts = vec![
        (
            t(lang, "Availability", "可用率"),
            t(
                lang,
                &format!(
                    "{} against {target} % — {}",
                    a.shown().map_or_else(|| "n/a".to_owned(), |v| format!("{v} %")),
                    status(a.met(), recorded, lang)
                ),
                &format!(
                    "{}（目标 {target} %）— {}",
                    a.shown().map_or_else(|| "—（本月无计划服务时间）".to_owned(), |v| format!("{v} %")),
                    status(a.met(), recorded, lang)
                ),
            ),
        ),
        (
            t(lang, "Scheduled / downtime", "计划服务时间 / 停机时间"),
            format!("{} / {}", figure::minutes_shown_of(a.scheduled, lang), figure::minutes_shown(a.downtime, lang)),
        ),
        (
            t(lang, "Error budget", "允许停机时长"),
            t(
                lang,
                &format!(
                    "{} min allowed, {} used, {} left",
                    figure::minutes_grouped(a.budget),
                    figure::minutes_grouped(a.downtime),
                    figure::minutes_grouped(a.budget_left())
                ),
                // "剩余 -32.7" reads as a typo to a Chinese reader: an overrun is said so.
                &if a.budget_left().is_negative() {
                    format!(
                        "{}，已停机 {}，已超出 {}",
                        figure::minutes_shown(a.budget, lang),
                        figure::minutes_shown(a.downtime, lang),
                        figure::minutes_shown(a.budget_left().negated(), lang)
                    )
                } else {
                    format!(
                        "{}，已停机 {}，剩余 {}",
                        figure::minutes_shown(a.budget, lang),
                        figure::minutes_shown(a.downtime, lang),
                        figure::minutes_shown(a.budget_left(), lang)
                    )
                },
            ),
        ),
        (t(lang, "Failures (outages started)", "故障次数（本月开始的停机）"), figure::count(m.failures)),
    ];
    let mttr = m.mttr.map_or_else(|| figure::none(lang).to_owned(), |v| figure::minutes_shown(v, lang));
    let mttr_target = sla.mttr_max.as_ref().map(|x| x.value.seconds());
    let mttr_met = m.mttr.zip(mttr_target).map(|(v, max)| v <= Exact::int(max));
    facts.push((
        t(lang, "MTTR", "平均修复时间（MTTR）"),
        match mttr_target {
            // In Chinese an empty verdict is not written as "— —": the reason replaces it.
            Some(max) if m.mttr.is_none() && lang == Lang::ZhCn => {
                format!("—（本月没有已修复的故障；目标 ≤ {}）", figure::minutes_shown_of(max, lang))
            }
            Some(max) => target_fact(
                &mttr,
                &format!("≤ {}", figure::minutes_shown_of(max, lang)),
                &status(mttr_met, recorded, lang),
                lang,
            ),
            None => mttr,
        },
    ));
    let mtbf = if m.failures == 0 {
        format!("> {}", figure::minutes_shown(m.mtbf, lang))
    } else {
        figure::minutes_shown(m.mtbf, lang)
    };
    let mtbf_target = sla.mtbf_min.as_ref().map(|x| x.value.seconds());
    facts.push((
        t(lang, "MTBF", "平均故障间隔时间（MTBF）"),
        match mtbf_target {
            // With no failure the month shows no evidence against the target: met — unless
            // nothing was recorded at all.
            Some(min) => target_fact(
                &mtbf,
                &format!("≥ {}", figure::minutes_shown_of(min, lang)),
                &status(Some(m.failures == 0 || m.mtbf >= Exact::int(min)), recorded, lang),
                lang,
            ),
            None => mtbf,
        },
    ));
    facts.push((t(lang, "Tickets opened and counted", "本月新建并计入的工单数"), figure::count(m.opened)));
    let credit: Exact = s.credits.iter().map(|c| c.percent).sum();
    facts.push((t(lang, "Credit earned", "服务费扣减比例"), format!("{} %", figure::term_percent(credit))));
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
        .collect::<Vec<_>>();
    let undecided = recorded && m.attainment.values().any(|a| a.percent.is_none());
    doc.push(table(
        headers(
            lang,
            &[
                ("Priority", "优先级"),
                ("Clock", "考核项"),
                ("Target (min)", "目标（分钟）"),
                ("Calendar", "日历"),
                ("Decided", "纳入考核数"),
                ("Met", "达标"),
                ("Attainment %", "达成率（%）"),
                ("Goal %", "达成率目标（%）"),
                ("Median (min)", "中位数（分钟）"),
                ("P90 (min)", "P90（分钟）"),
            ],
        ),
        rows,
        &[2, 4, 5, 6, 7, 8, 9],
    ));
    if undecided && lang == Lang::ZhCn {
        doc.push(Block::Note("“—”：本月没有纳入考核的工单，无法计算达成率和用时。".to_owned()));
    }

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
                ("Clock", "考核项"),
                ("Deadline", "截止时间"),
                ("Elapsed (min)", "已用（分钟）"),
                ("Target (min)", "目标（分钟）"),
                ("Overrun (min)", "超出（分钟）"),
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
                None => t(lang, "paused — no deadline yet", "暂停中（暂无截止时间）"),
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
                ("Clock", "考核项"),
                ("Elapsed (min)", "已用（分钟）"),
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
        t(lang, "Reopened: moved to a later month", "重开工单（计入后续月份）"),
        vec![t(lang, "Ticket", "工单"), t(lang, "First resolved", "首次解决"), t(lang, "Counted in", "计入月份")],
        rows,
        &[],
    );
    let rows = m
        .reprioritised
        .iter()
        .flat_map(|r| {
            let separator = if lang == Lang::ZhCn { "、" } else { ", " };
            let judged =
                r.judged.iter().map(|(k, p)| format!("{} {p}", k.label(lang))).collect::<Vec<_>>().join(separator);
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
                ("Clocks judged as", "各考核项的判定优先级"),
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
        .map(|x| vec![x.ticket.clone(), exclusion_label(x.reason, lang), x.evidence.clone().unwrap_or_default()])
        .collect();
    section(
        doc,
        t(lang, "Outages excluded from availability", "不计入可用率的停机"),
        vec![t(lang, "Ticket", "工单"), t(lang, "Reason", "原因"), t(lang, "Evidence", "佐证材料")],
        rows,
        &[],
    );
    let rows = s
        .credits
        .iter()
        .map(|c| vec![metric_label(c.metric, lang), c.shown.clone(), format!("{} %", figure::term_percent(c.percent))])
        .collect();
    section(
        doc,
        t(lang, "Credits earned", "服务费扣减"),
        vec![t(lang, "Metric", "指标"), t(lang, "Measured", "实测值"), t(lang, "Credit", "扣减比例")],
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
                ("Availability %", "可用率（%）"),
                ("Availability status", "可用率结论"),
                ("Response %", "响应及时率（%）"),
                ("Resolution %", "解决及时率（%）"),
                ("Breaches", "超时工单"),
                ("Failures", "故障次数"),
                ("Credit %", "扣减比例（%）"),
            ],
        ),
        rows,
        &[1, 3, 4, 5, 6, 7],
    );
    if let Some(r) = &s.reconciliation {
        super::reconcile::section(doc, r, &tz, as_of, lang);
    }
    if let Some(register) = &s.register {
        let (yes, no) = (t(lang, "yes", "是"), t(lang, "no", "否"));
        let rows = register
            .iter()
            .map(|c| {
                vec![
                    c.ticket.clone(),
                    c.priority.clone(),
                    c.clock.label(lang).to_owned(),
                    when(Some(c.decided), &tz),
                    mins(c.elapsed),
                    mins(c.target),
                    if c.met { yes.clone() } else { no.clone() },
                ]
            })
            .collect();
        section(
            doc,
            t(lang, "Every clock decided in the month (register)", "本月判定的全部考核时钟（明细）"),
            headers(
                lang,
                &[
                    ("Ticket", "工单"),
                    ("Priority (as judged)", "优先级（按此考核）"),
                    ("Clock", "考核项"),
                    ("Decided", "判定时间"),
                    ("Elapsed (min)", "已用（分钟）"),
                    ("Target (min)", "目标（分钟）"),
                    ("Met", "达标"),
                ],
            ),
            rows,
            &[4, 5],
        );
    }
}

/// A figure against its target and the verdict: `45.6 min (≤ 120 min) — met`, in Chinese
/// with full-width parentheses.
fn target_fact(value: &str, target: &str, verdict: &str, lang: Lang) -> String {
    t(lang, &format!("{value} ({target}) — {verdict}"), &format!("{value}（目标 {target}）— {verdict}"))
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
    let opt = |v: Option<i64>| v.map_or_else(|| figure::none(lang).to_owned(), mins);
    let percent = match (recorded, a.percent) {
        (false, _) => no_data(lang),
        (true, v) => figure::attainment_in(v, lang),
    };
    vec![
        priority.to_owned(),
        clock.label(lang).to_owned(),
        // A working-day target is shown as written: its business time depends on the start.
        target.map_or_else(String::new, |v| match v {
            SlaTarget::Business(d) => mins(d.seconds()),
            SlaTarget::WorkingDays(n) => t(lang, &v.to_string(), &format!("{n} 个工作日")),
        }),
        figure::calendar_name(calendar, lang),
        figure::count(a.decided),
        figure::count(a.met),
        percent,
        goal.map_or_else(|| t(lang, "", "未约定"), figure::term_percent),
        opt(a.median),
        opt(a.p90),
    ]
}

fn trend_row(h: &Headline, lang: Lang) -> Vec<String> {
    vec![
        month_label(h.first),
        h.availability.clone().unwrap_or_else(|| figure::none(lang).to_owned()),
        status(h.availability_met, h.tickets_recorded, lang),
        figure::attainment_in(h.response, lang),
        figure::attainment_in(h.resolution, lang),
        figure::count(h.breaches),
        figure::count(h.failures),
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
        title: t(lang, "Daily availability", "每日可用率"),
        labels: m.daily.iter().map(|d| d.date.day().to_string()).collect(),
        values: daily.iter().map(|v| v.map(Exact::approx)).collect(),
        shown: daily.iter().map(|v| figure::percent_in(*v, a.decimals, lang)).collect(),
        low: daily.iter().map(|v| v.is_some_and(|v| v < target)).collect(),
        target: Some(target.approx()),
        target_shown: Some(target.truncated(a.decimals.saturating_sub(1))),
        floor: axis_floor(lowest.approx()),
        unit: "%",
    }));
    let keys: Vec<_> = m.attainment.iter().collect();
    doc.push(Block::Chart(Chart {
        title: t(lang, "Attainment per priority and clock", "各优先级与考核项的达成率"),
        labels: keys.iter().map(|((p, c), _)| format!("{p} {}", c.label(lang))).collect(),
        values: keys.iter().map(|(_, a)| a.percent.map(Exact::approx)).collect(),
        shown: keys.iter().map(|(_, a)| figure::attainment_in(a.percent, lang)).collect(),
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
            title: t(lang, "Availability trend", "可用率趋势"),
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
                    (None, true) => figure::none(lang).to_owned(),
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
        doc.push(Block::Note(t(lang, "No survey period overlaps this month.", "没有调查期覆盖本月的满意度调查。")));
        return;
    }
    let mut facts = vec![
        (t(lang, "Surveys", "调查"), s.surveys.join(if lang == Lang::ZhCn { "、" } else { ", " })),
        (
            t(lang, "Responses", "回复数"),
            match s.response_rate() {
                Some(r) => {
                    let rate = figure::term_percent(Exact::ratio(r.mul_int(10).floor(), 10));
                    let n = figure::count(s.responses);
                    t(lang, &format!("{n} ({rate} %)"), &format!("{n}（{rate} %）"))
                }
                None => figure::count(s.responses),
            },
        ),
        (
            t(lang, "Mean score (1–5)", "平均分（1–5）"),
            s.mean.map_or_else(|| figure::none(lang).to_owned(), figure::score),
        ),
        (
            t(lang, "Satisfaction rate (scores ≥ 4)", "满意率（≥ 4 分）"),
            s.rate.map_or_else(|| figure::none(lang).to_owned(), |r| figure::attainment(Some(r)) + " %"),
        ),
    ];
    for sla in e.services.iter().map(|s| s.sla) {
        let name = service_name(e.engagement, sla, lang);
        let mean = sla.satisfaction_min.as_ref().map(|min| {
            format!("≥ {} — {}", figure::term_percent(min.value.1), met(s.mean.map(|m| m >= min.value.1), lang))
        });
        let rate = sla.satisfaction_rate_min.as_ref().map(|min| {
            format!(
                "≥ {} % — {}",
                figure::term_percent(min.value.exact),
                met(s.rate.map(|r| r >= min.value.exact), lang)
            )
        });
        match lang {
            Lang::En => {
                facts.extend(mean.map(|v| (format!("Mean target ({name})"), v)));
                facts.extend(rate.map(|v| (format!("Rate target ({name})"), v)));
            }
            // One line per service, named first: a label holding the service's whole
            // description would push every value of the block far to the right.
            Lang::ZhCn => {
                let parts: Vec<String> =
                    [mean.map(|v| format!("平均分目标 {v}")), rate.map(|v| format!("满意率目标 {v}"))]
                        .into_iter()
                        .flatten()
                        .collect();
                if !parts.is_empty() {
                    facts.push((format!("服务{name}"), parts.join("\u{ff1b}")));
                }
            }
        }
    }
    if s.small_sample() {
        facts.push((
            t(lang, "Note", "注意"),
            t(lang, "small sample: fewer than 5 responses", "样本量小：回复少于 5 份"),
        ));
    }
    doc.push(Block::Facts(facts));
    let rows = s
        .per_dimension
        .iter()
        .map(|(d, mean, n)| vec![dimension_label(d, lang), figure::score(*mean), figure::count(*n)])
        .collect();
    doc.push(table(
        vec![t(lang, "Dimension", "维度"), t(lang, "Mean", "平均分"), t(lang, "Scores", "评分数")],
        rows,
        &[1, 2],
    ));
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
