//! The summary (摘要): headline figures of the period against the period before (环比), and
//! up to five sentences naming what changed most, built from those figures.

use crate::figures::figure;
use crate::model::{Exact, Lang, Msg};
use crate::msg;

use super::MonthlyReport;
use super::sla::{ServiceFigures, SlaPart};

/// A figure of the summary, formatted only by `output::monthly` (through `figures::figure`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A percentage with the decimals it is shown with; `None`: no data.
    Percent(Option<Exact>, u8),
    Count(usize),
    Money(Option<Exact>, String),
    Score(Option<Exact>),
    /// Nothing recorded for the period (before the engagement's records begin).
    NoData,
}

impl Value {
    /// The figure as every format shows it; "—" when there is none.
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Value::Percent(Some(v), decimals) => format!("{} %", figure::percent(*v, *decimals)),
            Value::Count(n) => figure::count(*n),
            Value::Money(Some(v), currency) => figure::money(*v, currency, lang),
            Value::Score(Some(v)) => figure::score(*v),
            Value::Percent(None, _) | Value::Money(None, _) | Value::Score(None) | Value::NoData => "—".to_owned(),
        }
    }

    /// The change from `before` (环比): percentage points for percentages, a signed
    /// difference otherwise; `None` when either side has no figure.
    pub fn change(&self, before: &Value, lang: Lang) -> Option<String> {
        let signed = |d: Exact, decimals: u8| {
            let sign = if d.is_negative() { "−" } else { "+" };
            let magnitude = if d.is_negative() { d.negated() } else { d };
            format!("{sign}{}", magnitude.truncated(decimals))
        };
        match (self, before) {
            // Percentage points (decision 25); "个百分点" in Chinese.
            (Value::Percent(Some(a), d), Value::Percent(Some(b), _)) => {
                let unit = if lang == Lang::ZhCn { " 个百分点" } else { " pp" };
                Some(format!("{}{unit}", signed(a.minus(*b), *d)))
            }
            (Value::Count(a), Value::Count(b)) => Some(signed(Exact::int(*a as i64).minus(Exact::int(*b as i64)), 0)),
            (Value::Money(Some(a), c), Value::Money(Some(b), _)) => {
                let d = a.minus(*b);
                let sign = if d.is_negative() { "−" } else { "+" };
                Some(format!("{sign}{}", figure::money(if d.is_negative() { d.negated() } else { d }, c, lang)))
            }
            (Value::Score(Some(a)), Value::Score(Some(b))) => Some(signed(a.minus(*b), 2)),
            _ => None,
        }
    }
}

/// One row of the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub label: Msg,
    pub this: Value,
    pub before: Value,
    /// Met (`Some(true)`), not met, or no target / no data (`None`).
    pub met: Option<bool>,
}

fn service_label(s: &ServiceFigures<'_>, what_en: &str, what_zh: &str) -> Msg {
    let id = s.sla.service.value.as_str();
    Msg::new(format!("{what_en} — {id}"), format!("{what_zh} — {id}"))
}

/// Attainment over every service of one clock kind: Σmet ÷ Σdecided.
fn overall(part: &SlaPart<'_>, kind: crate::figures::clock::ClockKind) -> Option<Exact> {
    let (decided, met) = part
        .services
        .iter()
        .flat_map(|s| s.attainment.iter().filter(move |a| a.clock == kind))
        .fold((0usize, 0usize), |(d, m), a| (d + a.decided, m + a.met));
    Exact::HUNDRED.times(Exact::int(met as i64)).over(Exact::int(decided as i64))
}

fn same<'a, 'b>(part: &'b SlaPart<'a>, s: &ServiceFigures<'_>) -> Option<&'b ServiceFigures<'a>> {
    part.services.iter().find(|p| p.sla.id.value == s.sla.id.value)
}

pub fn headlines(r: &MonthlyReport<'_>) -> Vec<Headline> {
    let mut rows = raw_headlines(r);
    // The period before the records begin has no figures: "—", never 0.
    if r.period.previous().last() < r.engagement.records_start() {
        for h in &mut rows {
            h.before = Value::NoData;
        }
    }
    rows
}

fn raw_headlines(r: &MonthlyReport<'_>) -> Vec<Headline> {
    use crate::figures::clock::ClockKind;
    let mut rows = Vec::new();
    for s in &r.sla.services {
        let before = same(&r.previous, s);
        rows.push(Headline {
            label: service_label(s, "Availability", "可用率"),
            this: Value::Percent(s.availability, s.decimals),
            before: Value::Percent(before.and_then(|b| b.availability), s.decimals),
            met: s.availability_met(),
        });
    }
    for (kind, en, zh) in [
        (ClockKind::Response, "Response attainment", "响应及时率"),
        (ClockKind::Resolution, "Resolution attainment", "解决及时率"),
    ] {
        rows.push(Headline {
            label: Msg::new(en, zh),
            this: Value::Percent(overall(&r.sla, kind), 1),
            before: Value::Percent(overall(&r.previous, kind), 1),
            met: None,
        });
    }
    let (i, p) = (&r.sections.incidents.total, &r.previous_sections.incidents.total);
    for (en, zh, this, before) in [
        ("Incidents opened", "新增事件", i.opened, p.opened),
        ("Incidents resolved", "已解决事件", i.resolved, p.resolved),
        ("Incidents open at the end", "期末未解决事件", i.open_at_end, p.open_at_end),
    ] {
        rows.push(Headline {
            label: Msg::new(en, zh),
            this: Value::Count(this),
            before: Value::Count(before),
            met: None,
        });
    }
    rows.push(Headline {
        label: Msg::new("Major incidents", "重大事件"),
        this: Value::Count(r.sections.major.len()),
        before: Value::Count(r.previous_sections.major.len()),
        met: None,
    });
    let (c, pc) = (&r.sections.changes.total, &r.previous_sections.changes.total);
    rows.push(Headline {
        label: Msg::new("Changes implemented", "已实施变更"),
        this: Value::Count(c.implemented),
        before: Value::Count(pc.implemented),
        met: None,
    });
    let rate = |c: &super::records::ChangeCounts| {
        Exact::HUNDRED.times(Exact::int(c.successful as i64)).over(Exact::int(c.implemented as i64))
    };
    rows.push(Headline {
        label: Msg::new("Change success rate", "变更成功率"),
        this: Value::Percent(rate(c), 1),
        before: Value::Percent(rate(pc), 1),
        met: None,
    });
    let min = r.sla.services.iter().filter_map(|s| s.sla.satisfaction_min.as_ref()).map(|m| m.value.1).max();
    rows.push(Headline {
        label: Msg::new("Satisfaction (mean score)", "满意度（平均分）"),
        this: Value::Score(r.satisfaction.mean),
        before: Value::Score(None),
        met: r.satisfaction.mean.zip(min).map(|(m, min)| m >= min),
    });
    rows.push(Headline {
        label: Msg::new("Service credits owed", "服务费扣减（应扣金额）"),
        this: Value::Money(r.sla.credit, r.sla.currency.clone()),
        before: Value::Money(r.previous.credit, r.previous.currency.clone()),
        met: None,
    });
    rows
}

/// Up to five sentences, most important first: availability missed, attainment below its
/// goal or moved most, major incidents, failed changes, credits owed, incident volume.
pub fn sentences(r: &MonthlyReport<'_>) -> Vec<Msg> {
    use crate::figures::clock::ClockKind;
    let mut out = Vec::new();
    let (this_en, this_zh) = (r.period.this(Lang::En), r.period.this(Lang::ZhCn));
    for s in &r.sla.services {
        let (Some(a), false) = (s.availability, s.availability_met().unwrap_or(true)) else { continue };
        let id = s.sla.service.value.as_str();
        let shown = format!("{} %", figure::percent(a, s.decimals));
        let target = format!("{} %", s.target.truncated(s.decimals.saturating_sub(1)));
        let failures = s.failures;
        let cause_en = if failures == 1 {
            " after 1 outage".to_owned()
        } else if failures > 1 {
            format!(" after {failures} outages")
        } else {
            String::new()
        };
        let cause_zh = if failures > 0 { format!("，期间发生故障停机 {failures} 次") } else { String::new() };
        // Against the period before when it has a figure: "fell from 99.73 % to 99.25 %".
        let before = same(&r.previous, s)
            .and_then(|b| b.availability)
            .filter(|b| *b != a && r.period.previous().last() >= r.engagement.records_start());
        match before {
            Some(b) => {
                let was = format!("{} %", figure::percent(b, s.decimals));
                let (moved_en, moved_zh) = if a < b { ("fell", "降至") } else { ("rose", "升至") };
                out.push(msg!(
                    "Availability of {id} {moved_en} from {was} to {shown} {this_en}, against a target of {target}{cause_en}.",
                    "服务 {id} {this_zh}可用率由 {was} {moved_zh} {shown}，未达到 {target} 的目标{cause_zh}。"
                ));
            }
            None => out.push(msg!(
                "Availability of {id} was {shown} {this_en} against a target of {target}{cause_en}.",
                "服务 {id} {this_zh}可用率为 {shown}，未达到 {target} 的目标{cause_zh}。"
            )),
        }
    }
    for s in &r.sla.services {
        let id = s.sla.service.value.as_str();
        for a in &s.attainment {
            let (Some(p), Some(goal)) = (a.percent, a.goal) else { continue };
            if p >= goal {
                continue;
            }
            let (shown, goal_shown, priority) = (
                format!("{} %", figure::attainment(Some(p))),
                format!("{} %", figure::term_percent(goal)),
                &a.priority,
            );
            let clock_en = a.clock.label(Lang::En);
            // The attainment's name (glossary: 响应及时率 / 解决及时率), not the clock's.
            let clock_zh = match a.clock {
                ClockKind::Response => "响应及时率",
                ClockKind::OnSite => "到场及时率",
                ClockKind::Restoration => "恢复及时率",
                ClockKind::Resolution => "解决及时率",
            };
            out.push(msg!(
                "{priority} {clock_en} attainment of {id} was {shown} against a goal of {goal_shown}.",
                "服务 {id} 的 {priority} 工单{clock_zh}为 {shown}，低于 {goal_shown} 的目标。"
            ));
        }
    }
    let major = &r.sections.major;
    if !major.is_empty() {
        let ids: Vec<&str> = major.iter().map(|m| m.incident.id.value.as_str()).collect();
        let (n, list, list_zh) = (major.len(), ids.join(", "), ids.join("、"));
        let plural = if n == 1 { "incident" } else { "incidents" };
        out.push(msg!("{n} major {plural} {this_en}: {list}.", "{this_zh}发生重大事件 {n} 起：{list_zh}。"));
    }
    let c = &r.sections.changes.total;
    if c.failed > 0 || c.rolled_back > 0 {
        let (f, b, n) = (c.failed, c.rolled_back, c.implemented);
        out.push(msg!(
            "Of {n} changes implemented, {f} failed verification and {b} were rolled back.",
            "{this_zh}实施变更 {n} 项，其中验证未通过 {f} 项、回退 {b} 项。"
        ));
    }
    if let Some(credit) = r.sla.credit.filter(|c| !c.is_zero()) {
        let (en, zh) =
            (figure::money(credit, &r.sla.currency, Lang::En), figure::money(credit, &r.sla.currency, Lang::ZhCn));
        out.push(msg!("Service credits of {en} are owed for {this_en}.", "{this_zh}服务费扣减（应扣金额）为 {zh}。"));
    }
    let (now, before) = (r.sections.incidents.total.opened, r.previous_sections.incidents.total.opened);
    if now != before && r.period.previous().last() >= r.engagement.records_start() {
        let (more_en, more_zh) = if now > before { ("more", "增加") } else { ("fewer", "减少") };
        let diff = now.abs_diff(before);
        out.push(msg!(
            "{now} incidents were opened {this_en}, {diff} {more_en} than in the period before ({before}).",
            "{this_zh}新增事件 {now} 起，较上期的 {before} 起{more_zh} {diff} 起。"
        ));
    }
    out.truncate(5);
    out
}
