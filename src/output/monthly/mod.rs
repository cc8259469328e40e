//! The service report (`itos report monthly`) as a [`Doc`]: the cover and the 16 numbered
//! sections of monthly.md in order, each saying "none this month" (本月无…) when empty.
//! Markdown and HTML come from `doc`, Word from `docx`, JSON from [`json`].

mod json;

pub use json::json;

use crate::figures::figure;
use crate::model::labels::label;
use crate::model::{Exact, Lang};
use crate::report::monthly::records::IncidentCounts;
use crate::report::monthly::sla::ServiceFigures;
use crate::report::monthly::{MonthlyReport, Period};

use super::doc::{Block, Chart, Doc};
use super::sla_report::{headers, met, metric_label, t, table, when};

/// The section headings, in order (monthly.md): numbered 1–16 after the cover.
pub const SECTIONS: [(&str, &str); 16] = [
    ("Summary", "摘要"),
    ("Service level attainment", "服务指标达成情况"),
    ("Incidents", "事件管理"),
    ("Major incidents", "重大事件"),
    ("Problems", "问题管理"),
    ("Changes", "变更管理"),
    ("Information security", "信息安全"),
    ("Backup and recovery", "备份与恢复"),
    ("People and training", "人员与培训"),
    ("Customer satisfaction and feedback", "客户满意度与反馈"),
    ("Continuous improvement", "持续改进"),
    ("Emergency management", "应急管理"),
    ("Compliance", "合规情况"),
    ("Service credits", "服务费扣减"),
    ("Next period", "下月工作计划与风险"),
    ("Sign-off", "签字确认"),
];

const ZH_NUMBERS: [&str; 16] =
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

/// The heading of section `n` (1-based) of a report over `period`: `3. Incidents` /
/// `三、事件管理`; the next period is named by its length (下月 / 下季度 / 下年度).
pub fn heading(n: usize, period: Period, lang: Lang) -> String {
    let i = n.checked_sub(1).unwrap_or(usize::MAX);
    let (en, zh) = SECTIONS.get(i).copied().unwrap_or(("", ""));
    let zh = match (n, period) {
        (15, Period::Quarter { .. }) => "下季度工作计划与风险",
        (15, Period::Year { .. }) => "下年度工作计划与风险",
        _ => zh,
    };
    match lang {
        Lang::En => format!("{n}. {en}"),
        Lang::ZhCn => format!("{}、{zh}", ZH_NUMBERS.get(i).copied().unwrap_or("")),
    }
}

/// The report's title: `<customer> <engagement title> 月度服务报告 2026年10月`.
pub fn title(r: &MonthlyReport<'_>, lang: Lang) -> String {
    let e = r.engagement;
    let (customer, name) = (&e.customer.value.name.value, &e.title.value);
    match lang {
        Lang::En => format!("{name} — {} service report, {}", r.period.adjective(lang), r.period.name(lang)),
        Lang::ZhCn => format!("{customer} {name} {}服务报告 {}", r.period.adjective(lang), r.period.name(lang)),
    }
}

fn none_this(r: &MonthlyReport<'_>, lang: Lang, what_en: &str, what_zh: &str) -> Block {
    let this = r.period.this(lang);
    Block::Note(t(lang, &format!("No {what_en} {this}."), &format!("{this}无{what_zh}。")))
}

/// An attainment figure's name in Chinese (glossary: 响应及时率 / 解决及时率).
fn attainment_zh(clock: crate::figures::clock::ClockKind) -> &'static str {
    use crate::figures::clock::ClockKind;
    match clock {
        ClockKind::Response => "响应及时率",
        ClockKind::OnSite => "到场及时率",
        ClockKind::Restoration => "恢复及时率",
        ClockKind::Resolution => "解决及时率",
    }
}

/// The separator of a list inside a cell: `、` in Chinese.
fn sep(lang: Lang) -> &'static str {
    if lang == Lang::ZhCn { "、" } else { ", " }
}

fn count(n: usize) -> String {
    figure::count(n)
}

fn percent_of(part: usize, whole: usize, lang: Lang) -> String {
    figure::attainment_in(Exact::HUNDRED.times(Exact::int(part as i64)).over(Exact::int(whole as i64)), lang)
}

fn mins(seconds: i64, lang: Lang) -> String {
    figure::minutes_shown_of(seconds, lang)
}

pub fn document(r: &MonthlyReport<'_>, lang: Lang) -> Doc {
    let mut doc = Doc { title: title(r, lang), lang: lang.code(), blocks: Vec::new() };
    cover(&mut doc, r, lang);
    summary(&mut doc, r, lang);
    attainment(&mut doc, r, lang);
    incidents(&mut doc, r, lang);
    major(&mut doc, r, lang);
    problems(&mut doc, r, lang);
    changes(&mut doc, r, lang);
    security(&mut doc, r, lang);
    backup(&mut doc, r, lang);
    people(&mut doc, r, lang);
    satisfaction(&mut doc, r, lang);
    improvement(&mut doc, r, lang);
    emergency(&mut doc, r, lang);
    compliance(&mut doc, r, lang);
    credits(&mut doc, r, lang);
    next(&mut doc, r, lang);
    sign_off(&mut doc, r, lang);
    doc
}

fn cover(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let e = r.engagement;
    let w = &r.window;
    let mut facts = vec![
        (t(lang, "Customer", "客户"), e.customer.value.name.value.clone()),
        (t(lang, "Provider", "服务商"), e.provider.value.name.value.clone()),
        (
            t(lang, "Engagement", "服务项目"),
            t(lang, &format!("{} ({})", e.title.value, e.id.value), &format!("{}（{}）", e.title.value, e.id.value)),
        ),
        (
            t(lang, "Period", "报告期间"),
            t(
                lang,
                &format!("{} – {}", r.period.first(), r.period.last()),
                &format!("{} 至 {}", r.period.first(), r.period.last()),
            ),
        ),
        (t(lang, "Report number", "报告编号"), r.number.clone()),
        (t(lang, "Prepared by", "编制人"), r.prepared_by.clone().unwrap_or_else(|| "________________".to_owned())),
        (t(lang, "Date", "报告日期"), r.as_of.to_string()),
    ];
    if w.last < r.period.last() {
        facts.push((t(lang, "Counted up to", "统计截至"), w.last.to_string()));
    }
    doc.push(Block::Facts(facts));
    crate::output::disclosure::integrity(doc, &r.provenance.integrity, &r.period.code(), lang);
    for warning in &r.warnings {
        doc.push(Block::Note(warning.get(lang).to_owned()));
    }
    let p = &r.provenance;
    let commit = match (&p.commit, p.dirty) {
        (Some(c), false) => c.chars().take(12).collect::<String>(),
        (Some(c), true) => {
            let short: String = c.chars().take(12).collect();
            t(lang, &format!("{short} with uncommitted changes"), &format!("{short}（含未提交的修改）"))
        }
        (None, _) => t(lang, "not in git", "不可用（未纳入 Git 管理）"),
    };
    doc.push(Block::Note(t(
        lang,
        &format!(
            "Provenance: records commit {commit}; inputs SHA-256 {} over {} files and itos.toml; itos {}.",
            p.inputs,
            p.files,
            env!("CARGO_PKG_VERSION")
        ),
        &format!(
            "数据来源：记录版本（Git 提交）{commit}；输入摘要（SHA-256）{}（itos.toml 及 {} 个文件）；itos 版本 {}。",
            p.inputs,
            p.files,
            env!("CARGO_PKG_VERSION")
        ),
    )));
    // The configuration, on the first page: what was judged by which settings.
    let configuration = crate::output::disclosure::facts(&p.configuration, lang, true);
    if !configuration.is_empty() {
        doc.push(Block::Facts(configuration));
    }
}

fn summary(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    doc.push(Block::Heading(2, heading(1, r.period, lang)));
    let rows = r
        .headlines
        .iter()
        .map(|h| {
            vec![
                h.label.get(lang).to_owned(),
                h.this.shown(lang),
                h.before.shown(lang),
                h.this.change(&h.before, lang).unwrap_or_else(|| "—".to_owned()),
                // No target for the figure: nothing to judge.
                h.met.map_or_else(|| "—".to_owned(), |m| met(Some(m), lang)),
            ]
        })
        .collect();
    let (this, before) = match lang {
        Lang::En => (r.period.name(lang), r.period.previous().name(lang)),
        Lang::ZhCn => (r.period.name(lang), r.period.previous().name(lang)),
    };
    doc.push(table(
        vec![t(lang, "Figure", "指标"), this, before, t(lang, "Change", "环比"), t(lang, "Status", "状态")],
        rows,
        &[1, 2, 3],
    ));
    if r.sentences.is_empty() {
        doc.push(Block::Note(t(lang, "Nothing changed markedly against the period before.", "与上期相比无明显变化。")));
    }
    for s in &r.sentences {
        doc.push(Block::Note(s.get(lang).to_owned()));
    }
}

fn status_of(s: &ServiceFigures<'_>, v: Option<bool>, lang: Lang) -> String {
    if s.any_recorded() { met(v, lang) } else { t(lang, "no data", "无数据") }
}

fn attainment(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    use crate::figures::clock::ClockKind;
    doc.push(Block::Heading(2, heading(2, r.period, lang)));
    if r.sla.services.is_empty() {
        doc.push(none_this(r, lang, "service with an Sla", "约定服务指标的服务"));
        return;
    }
    for s in &r.sla.services {
        let name = super::sla_report::service_name(r.engagement, s.sla, lang);
        doc.push(Block::Heading(3, t(lang, &format!("Service {name}"), &format!("服务{name}"))));
        let mut rows = Vec::new();
        let target = format!("≥ {} %", s.target.truncated(s.decimals.saturating_sub(1)));
        let shown = s.availability.map_or_else(
            || t(lang, "— (no records)", "—（无记录）"),
            |a| format!("{} %", figure::percent(a, s.decimals)),
        );
        let remark = if s.no_data.is_empty() {
            String::new()
        } else {
            let months: Vec<String> = s.no_data.iter().map(|m| format!("{:04}-{:02}", m.year(), m.month())).collect();
            t(lang, &format!("no records: {}", months.join(", ")), &format!("无记录月份：{}", months.join("、")))
        };
        rows.push(vec![
            t(lang, "Availability", "可用率"),
            target,
            shown,
            status_of(s, s.availability_met(), lang),
            remark,
        ]);
        for a in &s.attainment {
            let goal =
                a.goal.map_or_else(|| t(lang, "not agreed", "未约定"), |g| format!("≥ {} %", figure::term_percent(g)));
            let breached = s.breaches.iter().filter(|(_, b)| b.priority == a.priority && b.clock == a.clock).count();
            let remark = if breached > 0 {
                t(lang, &format!("{breached} breached"), &format!("超时 {breached} 单"))
            } else {
                String::new()
            };
            rows.push(vec![
                t(
                    lang,
                    &format!("{} {}", a.priority, a.clock.label(lang)),
                    &format!("{} {}", a.priority, attainment_zh(a.clock)),
                ),
                goal,
                match a.percent {
                    Some(p) => {
                        let (shown, met, decided) = (figure::attainment(Some(p)), count(a.met), count(a.decided));
                        t(lang, &format!("{shown} % ({met}/{decided})"), &format!("{shown} %（{met}/{decided}）"))
                    }
                    None => t(lang, "— (none decided)", "—（无纳入考核的工单）"),
                },
                status_of(s, a.percent.zip(a.goal).map(|(p, g)| p >= g), lang),
                remark,
            ]);
        }
        let _ = ClockKind::Response;
        let mttr_target =
            s.mttr_target().map_or_else(|| t(lang, "not agreed", "未约定"), |m| format!("≤ {}", mins(m, lang)));
        rows.push(vec![
            t(lang, "MTTR", "平均修复时间（MTTR）"),
            mttr_target,
            s.mttr.map_or_else(
                || t(lang, "— (no repaired failure)", "—（无已修复故障）"),
                |m| figure::minutes_shown(m, lang),
            ),
            status_of(s, s.mttr_met(), lang),
            t(lang, &format!("failures repaired: {}", s.repaired), &format!("已修复故障 {} 次", s.repaired)),
        ]);
        let mtbf_target =
            s.mtbf_target().map_or_else(|| t(lang, "not agreed", "未约定"), |m| format!("≥ {}", mins(m, lang)));
        let mtbf = if !s.any_recorded() {
            "—".to_owned()
        } else if s.failures == 0 {
            format!("> {}", figure::minutes_shown(s.mtbf, lang))
        } else {
            figure::minutes_shown(s.mtbf, lang)
        };
        rows.push(vec![
            t(lang, "MTBF", "平均故障间隔时间（MTBF）"),
            mtbf_target,
            mtbf,
            status_of(s, s.mtbf_met(), lang),
            t(lang, &format!("failures: {}", s.failures), &format!("故障 {} 次", s.failures)),
        ]);
        doc.push(table(
            headers(
                lang,
                &[
                    ("Figure", "指标名称"),
                    ("Target", "服务标准"),
                    ("Actual", "实际值"),
                    ("Status", "状态"),
                    ("Remark", "备注"),
                ],
            ),
            rows,
            &[],
        ));
        if !r.period.is_month() {
            let rows = s
                .months
                .iter()
                .map(|m| {
                    vec![
                        format!("{:04}-{:02}", m.first.year(), m.first.month()),
                        if m.recorded {
                            figure::percent_in(m.availability, s.decimals, lang)
                        } else {
                            t(lang, "no data", "无数据")
                        },
                        figure::attainment_in(m.response, lang),
                        figure::attainment_in(m.resolution, lang),
                        count(m.opened),
                        count(m.breaches),
                    ]
                })
                .collect();
            doc.push(table(
                headers(
                    lang,
                    &[
                        ("Month", "月份"),
                        ("Availability %", "可用率（%）"),
                        ("Response %", "响应及时率（%）"),
                        ("Resolution %", "解决及时率（%）"),
                        ("Opened", "新增工单"),
                        ("Breaches", "超时工单"),
                    ],
                ),
                rows,
                &[1, 2, 3, 4, 5],
            ));
        }
    }
    let sat = &r.satisfaction;
    let line = match sat.mean {
        Some(mean) => t(
            lang,
            &format!(
                "Satisfaction: mean {} over {} responses ({}).",
                figure::score(mean),
                sat.responses,
                sat.surveys.join(", ")
            ),
            &format!(
                "满意度：平均 {} 分，共 {} 份答卷（{}）。",
                figure::score(mean),
                sat.responses,
                sat.surveys.join("、")
            ),
        ),
        None => t(
            lang,
            &format!("Satisfaction: — (no survey period overlaps {})", r.period.name(lang)),
            &format!("满意度：—（无调查期覆盖{}的满意度调查）。", r.period.name(lang)),
        ),
    };
    doc.push(Block::Note(line));
}

fn counts_row(c: &IncidentCounts, name: String) -> Vec<String> {
    vec![
        name,
        count(c.opened),
        count(c.resolved),
        count(c.open_at_end),
        count(c.breached),
        count(c.reopened),
        count(c.reprioritised),
    ]
}

fn incidents(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let i = &r.sections.incidents;
    doc.push(Block::Heading(2, heading(3, r.period, lang)));
    if i.by_priority.is_empty() {
        doc.push(none_this(r, lang, "incidents", "事件"));
    } else {
        let mut rows: Vec<Vec<String>> = i.by_priority.iter().map(|c| counts_row(c, c.priority.clone())).collect();
        rows.push(counts_row(&i.total, t(lang, "Total", "合计")));
        doc.push(table(
            headers(
                lang,
                &[
                    ("Priority", "优先级"),
                    ("Opened", "新增"),
                    ("Resolved", "已解决"),
                    ("Open at end", "期末未解决"),
                    ("Breached", "超时"),
                    ("Reopened", "重新打开"),
                    ("Re-prioritised", "调整优先级"),
                ],
            ),
            rows,
            &[1, 2, 3, 4, 5, 6],
        ));
    }
    if i.requests > 0 {
        doc.push(Block::Note(t(
            lang,
            &format!("Service requests opened (not counted as incidents): {}.", i.requests),
            &format!("新增服务请求（不计入事件）：{} 项。", i.requests),
        )));
    }
    doc.push(Block::Heading(3, t(lang, "By category", "按类别统计")));
    if i.by_category.is_empty() {
        doc.push(none_this(r, lang, "incidents opened", "新增事件"));
    } else {
        let mut rows: Vec<Vec<String>> = i
            .by_category
            .iter()
            .map(|(c, n)| {
                vec![if c.is_empty() { t(lang, "(no category)", "（未分类）") } else { c.clone() }, count(*n)]
            })
            .collect();
        if i.other_categories > 0 {
            rows.push(vec![t(lang, "other categories", "其他类别"), count(i.other_categories)]);
        }
        doc.push(table(headers(lang, &[("Category", "类别"), ("Opened", "新增")]), rows, &[1]));
    }
    if !i.daily.is_empty() {
        let max = i.daily.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
        doc.push(Block::Chart(Chart {
            title: t(lang, "Incidents opened per day (share of the busiest day)", "每日新增事件（以单日最高值为基准）"),
            labels: i.daily.iter().map(|(d, _)| d.day().to_string()).collect(),
            values: i.daily.iter().map(|(_, n)| Some(*n as f64 * 100.0 / max)).collect(),
            shown: i.daily.iter().map(|(_, n)| count(*n)).collect(),
            low: vec![false; i.daily.len()],
            target: None,
            target_shown: None,
            floor: 0.0,
            unit: "",
        }));
    }
    doc.push(Block::Heading(3, t(lang, "Six-month trend", "近六个月趋势")));
    doc.push(table(
        headers(lang, &[("Month", "月份"), ("Opened", "新增")]),
        i.trend
            .iter()
            .map(|(m, n)| {
                let shown = n.map_or_else(|| t(lang, "— (before the records begin)", "—（记录开始前）"), count);
                vec![format!("{:04}-{:02}", m.year(), m.month()), shown]
            })
            .collect(),
        &[1],
    ));
    doc.push(Block::Heading(3, t(lang, "Breached tickets", "超时工单")));
    let breaches: Vec<Vec<String>> = r
        .sla
        .services
        .iter()
        .flat_map(|s| {
            let tz = s.sla.tz();
            s.breaches.iter().map(move |(_, b)| {
                vec![
                    b.ticket.clone(),
                    s.sla.service.value.clone(),
                    b.priority.clone(),
                    b.clock.label(lang).to_owned(),
                    when(b.deadline, &tz),
                    mins(b.overrun, lang),
                ]
            })
        })
        .collect();
    if breaches.is_empty() {
        doc.push(none_this(r, lang, "breached tickets", "超时工单"));
    } else {
        doc.push(table(
            headers(
                lang,
                &[
                    ("Ticket", "工单"),
                    ("Service", "服务"),
                    ("Priority", "优先级"),
                    ("Clock", "考核项"),
                    ("Deadline", "截止时间"),
                    ("Overrun", "超出时长"),
                ],
            ),
            breaches,
            &[5],
        ));
    }
}

fn major(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    doc.push(Block::Heading(2, heading(4, r.period, lang)));
    if r.sections.major.is_empty() {
        doc.push(none_this(r, lang, "major incidents", "重大事件"));
        return;
    }
    let tz = r.engagement.tz();
    let rows = r
        .sections
        .major
        .iter()
        .map(|m| {
            let i = m.incident;
            let review = match &i.review {
                Some(rv) => t(
                    lang,
                    &format!("reviewed {}", when(Some(rv.completed_at.value.instant), &tz)),
                    &format!("已复盘（{}）", when(Some(rv.completed_at.value.instant), &tz)),
                ),
                None => t(lang, "review pending", "待复盘"),
            };
            vec![
                i.id.value.clone(),
                i.category
                    .as_ref()
                    .map_or_else(|| i.service.value.clone(), |c| format!("{} / {}", i.service.value, c.value)),
                match &i.level {
                    Some(l) => t(
                        lang,
                        &format!("{} / level {}", i.priority.value, l.value),
                        &format!("{} / {}", i.priority.value, l.value.zh()),
                    ),
                    None => i.priority.value.clone(),
                },
                when(Some(i.opened_at.value.instant), &tz),
                when(i.restored_at.as_ref().map(|x| x.value.instant), &tz),
                when(i.final_resolved_at().map(|x| x.value.instant), &tz),
                m.outage_seconds.map_or_else(|| "—".to_owned(), |s| mins(s, lang)),
                i.outage
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |o| label(lang, "OutageImpact", o.impact().as_str()).to_owned()),
                i.review.as_ref().map_or_else(|| "—".to_owned(), |rv| rv.root_cause.value.clone()),
                review,
                i.review.as_ref().and_then(|rv| rv.report.as_ref()).map_or_else(String::new, |p| p.value.0.clone()),
            ]
        })
        .collect();
    doc.push(table(
        headers(
            lang,
            &[
                ("Incident", "事件"),
                ("Service / category", "服务 / 类别"),
                ("Priority / level", "优先级 / 级别"),
                ("Opened", "发生时间"),
                ("Restored", "恢复时间"),
                ("Resolved", "解决时间"),
                ("Outage", "停机时长"),
                ("Impact", "影响"),
                ("Root cause", "根本原因"),
                ("Review", "复盘情况"),
                ("Report", "事件分析报告"),
            ],
        ),
        rows,
        &[6],
    ));
}

fn problems(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let p = &r.sections.problems;
    doc.push(Block::Heading(2, heading(5, r.period, lang)));
    doc.push(Block::Facts(vec![
        (t(lang, "Opened", "新增"), t(lang, "— (problems carry no opening date)", "—（问题记录无创建日期）")),
        (t(lang, "Resolved or closed", "已解决或已关闭"), count(p.resolved)),
        (t(lang, "Open", "未关闭"), count(p.open)),
        (t(lang, "Known errors", "已知错误"), count(p.known_errors)),
        (t(lang, "Past their due date", "逾期"), count(p.overdue.len())),
    ]));
    if p.overdue.is_empty() {
        doc.push(none_this(r, lang, "overdue problems", "逾期问题"));
    } else {
        let rows = p
            .overdue
            .iter()
            .map(|x| {
                vec![
                    x.id.value.clone(),
                    x.title.value.clone(),
                    r.person(&x.owner.value, lang),
                    x.due.value.to_string(),
                    x.status.value.label(lang).to_owned(),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Problem", "问题"),
                    ("Title", "标题"),
                    ("Owner", "负责人"),
                    ("Due", "计划完成日期"),
                    ("Status", "状态"),
                ],
            ),
            rows,
            &[],
        ));
    }
}

fn change_row(name: String, c: &crate::report::monthly::records::ChangeCounts, lang: Lang) -> Vec<String> {
    vec![
        name,
        count(c.requested),
        count(c.approved),
        count(c.implemented),
        count(c.successful),
        count(c.failed),
        count(c.rolled_back),
        percent_of(c.successful, c.implemented, lang),
    ]
}

fn changes(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let c = &r.sections.changes;
    doc.push(Block::Heading(2, heading(6, r.period, lang)));
    if c.total == Default::default() {
        doc.push(none_this(r, lang, "changes", "变更"));
        return;
    }
    let mut rows: Vec<Vec<String>> = c
        .by_class
        .iter()
        .map(|(k, n)| change_row(label(lang, "ChangeClass", k.as_str()).to_owned(), n, lang))
        .collect();
    rows.push(change_row(t(lang, "of which emergency", "其中紧急变更"), &c.emergency, lang));
    rows.push(change_row(t(lang, "Total", "合计"), &c.total, lang));
    doc.push(table(
        headers(
            lang,
            &[
                ("Class", "变更类别"),
                ("Requested", "申请"),
                ("Approved", "批准"),
                ("Implemented", "实施"),
                ("Successful", "成功"),
                ("Failed", "失败"),
                ("Rolled back", "回退"),
                ("Success rate", "成功率（%）"),
            ],
        ),
        rows,
        &[1, 2, 3, 4, 5, 6, 7],
    ));
    doc.push(Block::Note(t(
        lang,
        "Success rate = changes implemented in the period whose verification passed ÷ changes implemented in the period.",
        "成功率 = 本期实施且验证通过的变更数 ÷ 本期实施的变更数。",
    )));
    if !c.planned_downtime.is_empty() {
        doc.push(table(
            headers(lang, &[("Service", "服务"), ("Planned downtime", "计划停机时长")]),
            c.planned_downtime.iter().map(|(s, secs)| vec![s.clone(), mins(*secs, lang)]).collect(),
            &[1],
        ));
    }
    if c.in_freeze.is_empty() {
        doc.push(Block::Note(t(lang, "No change was implemented in a freeze period.", "封网期内未实施变更。")));
    } else {
        let ids: Vec<&str> = c.in_freeze.iter().map(|x| x.id.value.as_str()).collect();
        doc.push(Block::Note(t(
            lang,
            &format!("Implemented in a freeze period: {}.", ids.join(", ")),
            &format!("封网期内实施的变更：{}。", ids.join("、")),
        )));
    }
    let open: Vec<&crate::model::Finding> = r.compliance.top.iter().filter(|f| f.rule.starts_with("CHG")).collect();
    let n = r.compliance_count("CHG");
    doc.push(Block::Note(t(
        lang,
        &format!(
            "Open change findings on {}: {n}{}.",
            r.compliance.day,
            if open.is_empty() { String::new() } else { " (see section 13)".to_owned() }
        ),
        &format!(
            "截至 {}，变更管理未解决的发现项：{n} 项{}。",
            r.compliance.day,
            if open.is_empty() { "" } else { "（详见第十三节）" }
        ),
    )));
}

fn security(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let s = &r.sections.security;
    doc.push(Block::Heading(2, heading(7, r.period, lang)));
    if s.audits.is_empty() {
        doc.push(none_this(r, lang, "audits", "信息安全审计"));
    } else {
        let rows = s
            .audits
            .iter()
            .map(|a| {
                vec![
                    a.id.value.clone(),
                    a.performed_at.value.to_string(),
                    a.auditor.value.name.value.clone(),
                    count(a.findings.len()),
                ]
            })
            .collect();
        doc.push(table(
            headers(lang, &[("Audit", "审计"), ("Date", "日期"), ("Auditor", "审计方"), ("Findings", "发现项")]),
            rows,
            &[3],
        ));
    }
    let open: Vec<String> = s
        .open_findings
        .iter()
        .map(|(sev, n)| format!("{} {}", label(lang, "IssueSeverity", sev.as_str()), count(*n)))
        .collect();
    doc.push(Block::Facts(vec![
        (
            t(lang, "Open audit findings by severity", "未关闭审计发现项（按严重程度）"),
            open.join(if lang == Lang::ZhCn { "、" } else { ", " }),
        ),
        (t(lang, "Past their due date", "逾期未整改"), count(s.overdue_findings.len())),
        (t(lang, "Access reviews done", "已完成权限复核"), count(s.access_reviews.len())),
        (
            t(lang, "Access reviews due", "下期到期的权限复核"),
            count(r.next.lines.iter().filter(|l| l.duty.rule == "SEC-003").count()),
        ),
        (
            t(lang, "Security exceptions found / not acted on", "安全异常（发现 / 未处理）"),
            format!("{} / {}", count(s.exceptions), count(s.exceptions_open)),
        ),
    ]));
    if !s.overdue_findings.is_empty() {
        let rows = s
            .overdue_findings
            .iter()
            .map(|(a, f, title, due)| vec![format!("{a}/{f}"), title.clone(), due.to_string()])
            .collect();
        doc.push(table(headers(lang, &[("Finding", "发现项"), ("Title", "标题"), ("Due", "整改期限")]), rows, &[]));
    }
}

fn backup(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let b = &r.sections.backup;
    doc.push(Block::Heading(2, heading(8, r.period, lang)));
    if b.tests.is_empty() {
        doc.push(none_this(r, lang, "restore tests", "备份恢复测试"));
    } else {
        let rows = b
            .tests
            .iter()
            .map(|(x, rto, rpo)| {
                let duration = x.duration.as_ref().map(|d| d.value.seconds());
                let vs_rto = match (duration, rto) {
                    (Some(d), Some(rto)) => format!(
                        "{} / {}{}",
                        mins(d, lang),
                        mins(*rto, lang),
                        if d > *rto { t(lang, " — over", "（超出 RTO）") } else { String::new() }
                    ),
                    (Some(d), None) => mins(d, lang),
                    (None, _) => "—".to_owned(),
                };
                let point = x
                    .backup_taken_at
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |b| when(Some(b.value.instant), &r.engagement.tz()));
                let rpo = rpo.map_or_else(|| "—".to_owned(), |s| mins(s, lang));
                vec![
                    x.id.value.clone(),
                    x.policy.value.clone(),
                    x.performed_at.value.to_string(),
                    label(lang, "RestoreResult", x.result.value.as_str()).to_owned(),
                    vs_rto,
                    t(lang, &format!("{point} (RPO {rpo})"), &format!("{point}（RPO {rpo}）")),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Test", "恢复测试"),
                    ("Policy", "备份策略"),
                    ("Date", "日期"),
                    ("Result", "结果"),
                    ("Duration / RTO", "用时 / RTO"),
                    ("Recovery point", "恢复点"),
                ],
            ),
            rows,
            &[],
        ));
    }
    let overdue: Vec<&str> = r
        .compliance
        .top
        .iter()
        .filter(|f| f.rule == "BAK-002")
        .filter_map(|f| f.record.as_ref().map(|x| x.id.as_str()))
        .collect();
    let n = r.compliance_count("BAK-002");
    doc.push(Block::Note(t(
        lang,
        &format!(
            "Backup policies whose restore test is overdue on {}: {n}{}.",
            r.compliance.day,
            if overdue.is_empty() { String::new() } else { format!(" ({})", overdue.join(", ")) }
        ),
        &format!(
            "截至 {}，恢复测试逾期的备份策略：{n} 项{}。",
            r.compliance.day,
            if overdue.is_empty() { String::new() } else { format!("（{}）", overdue.join("、")) }
        ),
    )));
}

fn people(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let p = &r.sections.people;
    doc.push(Block::Heading(2, heading(9, r.period, lang)));
    let names = |list: &[&crate::model::kinds::Person]| -> String {
        if list.is_empty() {
            "—".to_owned()
        } else {
            list.iter()
                .map(|x| {
                    t(
                        lang,
                        &format!("{} ({})", x.name.value, x.id.value),
                        &format!("{}（{}）", x.name.value, x.id.value),
                    )
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::ZhCn { "、" } else { ", " })
        }
    };
    doc.push(Block::Facts(vec![
        (t(lang, "Active at the end", "期末在岗人员"), count(p.active)),
        (t(lang, "Joined", "本期入场"), names(&p.joined)),
        (t(lang, "Left", "本期离场"), names(&p.left)),
    ]));
    if p.trainings.is_empty() {
        doc.push(none_this(r, lang, "trainings", "培训"));
    } else {
        let rows = p
            .trainings
            .iter()
            .map(|x| {
                vec![
                    x.id.value.clone(),
                    x.held_at.value.to_string(),
                    label(lang, "TrainingTopic", x.topic.value.as_str()).to_owned(),
                    count(x.attendees.len()),
                ]
            })
            .collect();
        doc.push(table(
            headers(lang, &[("Training", "培训"), ("Date", "日期"), ("Topic", "主题"), ("Attendees", "参加人数")]),
            rows,
            &[3],
        ));
    }
    if p.appraisals.is_empty() {
        doc.push(none_this(r, lang, "performance appraisals", "绩效考核"));
    } else {
        let rows = p
            .appraisals
            .iter()
            .map(|a| {
                vec![
                    a.id.value.clone(),
                    r.person(&a.person.value, lang),
                    format!("{} – {}", a.period.from.value, a.period.to.value),
                    label(lang, "AppraisalResult", a.result.value.as_str()).to_owned(),
                    a.feedback_given_at.as_ref().map_or_else(|| "—".to_owned(), |f| f.value.to_string()),
                    a.improvement_plan.as_ref().map_or_else(String::new, |x| x.value.clone()),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Appraisal", "绩效考核"),
                    ("Person", "人员"),
                    ("Period", "考核期"),
                    ("Result", "结果"),
                    ("Feedback given", "结果反馈日期"),
                    ("Improvement plan", "改进计划"),
                ],
            ),
            rows,
            &[],
        ));
    }
    if p.meetings.is_empty() {
        doc.push(none_this(r, lang, "meetings", "会议"));
    } else {
        let rows = p
            .meetings
            .iter()
            .map(|m| {
                let open = m.actions.iter().filter(|a| a.is_open()).count();
                vec![
                    m.id.value.clone(),
                    m.held_at.value.to_string(),
                    label(lang, "MeetingType", m.kind_.value.as_str()).to_owned(),
                    count(m.customer_attendees.len()),
                    count(m.decisions.len()),
                    count(m.actions.len()),
                    count(open),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Meeting", "会议"),
                    ("Date", "日期"),
                    ("Type", "类型"),
                    ("Customer attendees", "客户参会人数"),
                    ("Decisions", "决定事项"),
                    ("Actions", "待办事项"),
                    ("Still open", "未完成"),
                ],
            ),
            rows,
            &[3, 4, 5, 6],
        ));
    }
    let gaps: Vec<String> = ["TRN-001", "TRN-002", "HR-001", "HR-003", "HR-004"]
        .iter()
        .filter_map(|rule| {
            let n = r.compliance_count(rule);
            (n > 0).then(|| t(lang, &format!("{rule} {n}"), &format!("{rule} {n} 项")))
        })
        .collect();
    doc.push(Block::Note(if gaps.is_empty() {
        t(
            lang,
            "No one misses required training, qualifications or a confidentiality agreement.",
            "未发现人员缺少规定的培训、资质或保密协议。",
        )
    } else {
        t(
            lang,
            &format!(
                "People missing required training, qualifications or NDAs (findings on {}): {}.",
                r.compliance.day,
                gaps.join(", ")
            ),
            &format!("截至 {}，缺少规定培训、资质或保密协议的人员发现项：{}。", r.compliance.day, gaps.join("、")),
        )
    }));
}

fn satisfaction(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let s = &r.satisfaction;
    doc.push(Block::Heading(2, heading(10, r.period, lang)));
    if s.per_dimension.is_empty() {
        doc.push(Block::Note(t(
            lang,
            &format!("No satisfaction survey period overlaps {}.", r.period.name(lang)),
            &format!("无调查期覆盖{}的满意度调查。", r.period.name(lang)),
        )));
    } else {
        let rows = s
            .per_dimension
            .iter()
            .map(|(d, mean, n)| vec![super::sla_report::dimension_label(d, lang), figure::score(*mean), count(*n)])
            .collect();
        doc.push(table(
            headers(lang, &[("Dimension", "维度"), ("Mean score", "平均分"), ("Scores", "评分数")]),
            rows,
            &[1, 2],
        ));
    }
    let f = &r.sections.feedback;
    doc.push(Block::Facts(vec![
        (t(lang, "Feedback received", "收到反馈"), count(f.received)),
        (t(lang, "Resolved", "已解决"), count(f.resolved)),
        (t(lang, "Confirmed by the customer", "客户已确认"), count(f.confirmed)),
        (t(lang, "Open at the end", "期末未处理"), count(f.open)),
    ]));
    if f.serious.is_empty() {
        doc.push(none_this(r, lang, "urgent or important feedback", "紧急或重要反馈"));
    } else {
        let tz = r.engagement.tz();
        let rows = f
            .serious
            .iter()
            .map(|x| {
                vec![
                    x.id.value.clone(),
                    when(Some(x.received_at.value.instant), &tz),
                    label(lang, "FeedbackClass", x.class.value.as_str()).to_owned(),
                    x.summary.value.clone(),
                    x.status.value.label(lang).to_owned(),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Feedback", "反馈"),
                    ("Received", "收到时间"),
                    ("Class", "类别"),
                    ("Summary", "内容摘要"),
                    ("Status", "状态"),
                ],
            ),
            rows,
            &[],
        ));
    }
}

fn improvement(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let m = &r.sections.improvements;
    doc.push(Block::Heading(2, heading(11, r.period, lang)));
    doc.push(Block::Facts(vec![
        (t(lang, "Done (due in the period)", "已完成（本期到期）"), count(m.done)),
        (t(lang, "Open", "进行中"), count(m.open)),
        (t(lang, "Past their due date", "逾期"), count(m.overdue)),
    ]));
    if m.listed.is_empty() {
        doc.push(none_this(r, lang, "improvements", "改进计划"));
    } else {
        let rows = m
            .listed
            .iter()
            .map(|i| {
                vec![
                    i.id.value.clone(),
                    i.goal.value.clone(),
                    r.person(&i.owner.value, lang),
                    i.due.value.to_string(),
                    i.status.value.label(lang).to_owned(),
                    i.sources.iter().map(|s| source(&s.value, lang)).collect::<Vec<_>>().join(if lang == Lang::ZhCn {
                        "、"
                    } else {
                        ", "
                    }),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Improvement", "改进计划"),
                    ("Goal", "目标"),
                    ("Owner", "负责人"),
                    ("Due", "完成期限"),
                    ("Status", "状态"),
                    ("Sources", "来源"),
                ],
            ),
            rows,
            &[],
        ));
    }
}

fn emergency(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let e = &r.sections.emergency;
    doc.push(Block::Heading(2, heading(12, r.period, lang)));
    if e.drills.is_empty() {
        doc.push(none_this(r, lang, "drills", "应急演练"));
    } else {
        let rows = e
            .drills
            .iter()
            .map(|d| {
                vec![
                    d.id.value.clone(),
                    d.plan.value.clone(),
                    d.held_at.value.to_string(),
                    d.scenario.value.clone(),
                    d.outcome.value.label(lang).to_owned(),
                    d.actions.iter().map(|a| a.value.clone()).collect::<Vec<_>>().join(if lang == Lang::ZhCn {
                        "；"
                    } else {
                        "; "
                    }),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Drill", "演练"),
                    ("Plan", "预案"),
                    ("Date", "日期"),
                    ("Scenario", "场景"),
                    ("Outcome", "结果"),
                    ("Actions", "改进措施"),
                ],
            ),
            rows,
            &[],
        ));
    }
    let reviewed: Vec<&str> = e.reviewed.iter().map(|p| p.id.value.as_str()).collect();
    let next: Vec<String> = r
        .next
        .lines
        .iter()
        .filter(|l| l.duty.rule == "EMR-002")
        .map(|l| format!("{} {}", l.duty.record.id, l.duty.due))
        .collect();
    doc.push(Block::Facts(vec![
        (t(lang, "Plans", "应急预案数"), count(e.plans)),
        (
            t(lang, "Reviewed in the period", "本期已评审预案"),
            if reviewed.is_empty() { "—".to_owned() } else { reviewed.join(sep(lang)) },
        ),
        (
            t(lang, "Next drill due", "下次演练到期日"),
            if next.is_empty() {
                t(lang, "none in the next period", "下期无到期演练")
            } else {
                next.join(sep(lang))
            },
        ),
    ]));
}

fn compliance(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    let c = &r.compliance;
    doc.push(Block::Heading(2, heading(13, r.period, lang)));
    doc.push(Block::Note(t(
        lang,
        &format!("Open findings of `itos validate --as-of {}`: {} errors, {} warnings.", c.day, c.errors, c.warnings),
        &format!(
            "截至 {}，合规检查（`itos validate --as-of {}`）未解决的发现项：错误 {} 项，警告 {} 项。",
            c.day, c.day, c.errors, c.warnings
        ),
    )));
    if !c.by_section.is_empty() {
        let rows = c
            .by_section
            .iter()
            .map(|(s, e, w)| vec![if s.is_empty() { "—".to_owned() } else { s.clone() }, count(*e), count(*w)])
            .collect();
        doc.push(table(
            headers(lang, &[("Manual section", "手册章节"), ("Errors", "错误"), ("Warnings", "警告")]),
            rows,
            &[1, 2],
        ));
        let rows = c
            .top
            .iter()
            .map(|f| {
                let record = f.record.as_ref().map_or_else(String::new, |x| match lang {
                    Lang::En => format!("{}/{}", x.kind.name(), x.id),
                    Lang::ZhCn => format!("{} {}", x.kind.zh(), x.id),
                });
                vec![f.rule.to_owned(), f.severity.label(lang).to_owned(), record, f.message.get(lang).to_owned()]
            })
            .collect();
        doc.push(table(
            headers(lang, &[("Rule", "规则"), ("Severity", "严重程度"), ("Record", "记录"), ("Finding", "发现项")]),
            rows,
            &[],
        ));
    }
    if c.waivers_in_force.is_empty() {
        doc.push(Block::Note(t(lang, "No waiver in force.", "无生效中的例外审批。")));
    } else {
        let rows = c
            .waivers_in_force
            .iter()
            .map(|(id, rule, expires)| vec![id.clone(), rule.clone(), expires.to_string()])
            .collect();
        doc.push(table(headers(lang, &[("Waiver", "例外审批"), ("Rule", "规则"), ("Expires", "到期日")]), rows, &[]));
        doc.push(Block::Note(t(
            lang,
            &format!("Expiring within 30 days: {}.", c.waivers_expiring),
            &format!("其中 30 天内到期：{} 项。", c.waivers_expiring),
        )));
    }
}

fn credits(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    doc.push(Block::Heading(2, heading(14, r.period, lang)));
    let currency = &r.sla.currency;
    let mut rows = Vec::new();
    for report in &r.sla.reports {
        let Some(e) = report.engagements.first() else { continue };
        let month = format!("{:04}-{:02}", report.first.year(), report.first.month());
        for s in &e.services {
            for c in &s.credits {
                rows.push(vec![
                    month.clone(),
                    s.sla.service.value.clone(),
                    metric_label(c.metric, lang),
                    c.shown.clone(),
                    format!("{} %", figure::term_percent(c.percent)),
                ]);
            }
        }
    }
    if rows.is_empty() {
        doc.push(none_this(r, lang, "credits earned", "服务费扣减"));
    } else {
        doc.push(table(
            headers(
                lang,
                &[
                    ("Month", "月份"),
                    ("Service", "服务"),
                    ("Metric", "指标"),
                    ("Measured", "实测值"),
                    ("Credit", "扣减比例"),
                ],
            ),
            rows,
            &[3, 4],
        ));
    }
    let owed = |c: Option<Exact>| c.map_or_else(|| figure::none(lang).to_owned(), |c| figure::money(c, currency, lang));
    let mut rows: Vec<Vec<String>> = r
        .sla
        .monthly_credits
        .iter()
        .map(|(m, c)| vec![format!("{:04}-{:02}", m.year(), m.month()), owed(*c)])
        .collect();
    if !r.period.is_month() {
        rows.push(vec![t(lang, "Total", "合计"), owed(r.sla.credit)]);
    }
    doc.push(table(headers(lang, &[("Month", "月份"), ("Credit owed", "应扣金额")]), rows, &[1]));
}

fn next(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    doc.push(Block::Heading(2, heading(15, r.period, lang)));
    let n = &r.next;
    if n.lines.is_empty() {
        doc.push(Block::Note(t(
            lang,
            &format!("Nothing falls due by {}.", n.until),
            &format!("{} 前无到期事项。", n.until),
        )));
    } else {
        let rows = n
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.duty.due.to_string(),
                    super::due::days_left(l.days_left, lang),
                    l.duty.what.get(lang).to_owned(),
                    l.duty.rule.to_owned(),
                    l.duty.owner.as_deref().map(|o| r.person(o, lang)).unwrap_or_default(),
                ]
            })
            .collect();
        doc.push(table(
            headers(
                lang,
                &[
                    ("Due", "到期日"),
                    ("Days left", "剩余天数"),
                    ("What", "事项"),
                    ("Rule", "规则"),
                    ("Owner", "负责人"),
                ],
            ),
            rows,
            &[1],
        ));
    }
    let k = &r.sections.risks;
    match k.assessment {
        None => doc.push(Block::Note(t(
            lang,
            "No risk assessment on record by the end of the period.",
            "截至期末无风险评估记录。",
        ))),
        Some(_) if k.open.is_empty() => doc.push(Block::Note(t(
            lang,
            "No open risk in the latest risk assessment.",
            "最近一次风险评估中无未处置风险。",
        ))),
        Some(a) => {
            let rows = k
                .open
                .iter()
                .map(|x| {
                    vec![
                        format!("{} {}", x.id.value, x.title.value),
                        label(lang, "RiskLevel", x.level.value.as_str()).to_owned(),
                        r.person(&x.owner.value, lang),
                        x.mitigation.as_ref().map_or_else(String::new, |m| m.value.clone()),
                        x.due.as_ref().map_or_else(|| "—".to_owned(), |d| d.value.to_string()),
                        label(lang, "RiskStatus", x.status.value.as_str()).to_owned(),
                    ]
                })
                .collect();
            let (id, at) = (a.id.value.as_str(), a.performed_at.value);
            doc.push(Block::Note(t(
                lang,
                &format!("Open risks of risk assessment {id} ({at}):"),
                &format!("风险评估 {id}（{at}）中尚未处置的风险："),
            )));
            doc.push(table(
                headers(
                    lang,
                    &[
                        ("Risk", "风险"),
                        ("Level", "等级"),
                        ("Owner", "责任人"),
                        ("Mitigation", "处置措施"),
                        ("Due", "完成期限"),
                        ("Status", "状态"),
                    ],
                ),
                rows,
                &[],
            ));
        }
    }
    let p = &r.sections.problems;
    let s = &r.sections.security;
    doc.push(Block::Facts(vec![
        (t(lang, "Open problems", "未关闭问题"), count(p.open)),
        (t(lang, "Overdue audit findings", "逾期审计发现项"), count(s.overdue_findings.len())),
    ]));
}

fn sign_off(doc: &mut Doc, r: &MonthlyReport<'_>, lang: Lang) {
    doc.push(Block::Heading(2, heading(16, r.period, lang)));
    let e = r.engagement;
    let blank = "________________".to_owned();
    let rows = vec![
        vec![
            t(lang, "Provider", "服务商"),
            e.provider.value.name.value.clone(),
            blank.clone(),
            blank.clone(),
            blank.clone(),
        ],
        vec![t(lang, "Customer", "客户"), e.customer.value.name.value.clone(), blank.clone(), blank.clone(), blank],
    ];
    doc.push(table(
        headers(
            lang,
            &[
                ("Party", "签字方"),
                ("Organisation", "单位"),
                ("Name and title", "姓名及职务"),
                ("Signature", "签字（盖章）"),
                ("Date", "日期"),
            ],
        ),
        rows,
        &[],
    ));
}

/// What to record once the report is delivered (RPT-001 checks it), printed after the report
/// is written: a ServiceReport for the period with the file's path and `delivered_at` today.
pub fn delivery_hint(r: &MonthlyReport<'_>, path: &str, today: jiff::civil::Date, lang: Lang) -> String {
    let head = t(
        lang,
        "hint: once the report is delivered, record it (RPT-001 checks that every period's report was):",
        "提示：报告提交客户后，请登记以下记录（RPT-001 检查每期报告均已提交）：",
    );
    let path = if path.chars().any(|c| c.is_whitespace() || ":#{}[],&*?|<>=!%@`'\"".contains(c)) {
        format!("\"{}\"", path.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        path.to_owned()
    };
    let mut hint = format!(
        "{head}\n  kind: ServiceReport\n  id: RPT-{code}\n  engagement: {id}\n  period: {{from: {from}, to: {to}}}\n  delivered_at: {today}\n  path: {path}",
        code = r.period.code(),
        id = r.engagement.id.value,
        from = r.period.first(),
        to = r.period.last(),
    );
    // What GIT-004 holds the report to: the commit it came from and the digest of its inputs.
    let p = &r.provenance;
    match (&p.commit, p.dirty) {
        (Some(commit), false) => hint.push_str(&format!("\n  commit: {commit}")),
        (Some(_), true) => hint.push_str(&t(
            lang,
            "\n  # the records had uncommitted changes: commit them and produce the report again to record its commit",
            "\n  # 记录有未提交的修改：请先提交，再重新生成报告，以便登记其提交编号",
        )),
        (None, _) => {}
    }
    hint.push_str(&format!("\n  inputs_sha256: {}", p.inputs));
    hint
}

/// An improvement's source as written (`Incident/INC-…`), its record kind in Chinese in zh-CN.
fn source(text: &str, lang: Lang) -> String {
    match (lang, text.split_once('/')) {
        (Lang::ZhCn, Some((kind, id))) => match crate::model::Kind::parse(kind) {
            Some(k) => format!("{} {id}", k.zh()),
            None => text.to_owned(),
        },
        _ => text.to_owned(),
    }
}
