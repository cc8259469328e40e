//! The ledger of one ticket (`itos report sla --ticket`): a [`Doc`] and JSON.

use serde_json::{Value, json};

use crate::figures::clock::Outcome;
use crate::model::Lang;
use crate::report::ledger::Ledger;

use super::{headers, mins, pause_label, service_name_of, t, table, ts_json, when};
use crate::config::PriorityChange;
use crate::figures::figure;
use crate::output::doc::{Block, Doc};

pub fn ledger_document(l: &Ledger<'_>, lang: Lang) -> Doc {
    let inc = l.incident;
    let tz = &l.tz;
    let mut doc = Doc {
        title: t(lang, &format!("SLA ledger — {}", inc.id.value), &format!("SLA 计时明细 — {}", inc.id.value)),
        lang: lang.code(),
        blocks: Vec::new(),
    };
    let mut facts = vec![
        (
            t(lang, "Engagement", "服务项目"),
            t(lang, &l.engagement.id.value, &format!("{}（{}）", l.engagement.title.value, l.engagement.id.value)),
        ),
        (
            t(lang, "Service", "服务"),
            match lang {
                Lang::En => inc.service.value.clone(),
                Lang::ZhCn => service_name_of(l.engagement, &inc.service.value, lang),
            },
        ),
        (t(lang, "Priority", "优先级"), inc.priority.value.clone()),
        (t(lang, "Record", "记录位置"), l.location.clone()),
        (
            t(lang, "Calendar", "日历"),
            t(
                lang,
                &format!("{} ({})", l.calendar, l.sla.timezone.value.name),
                &format!("{}（{}）", figure::calendar_name(&l.calendar, lang), l.sla.timezone.value.name),
            ),
        ),
        (t(lang, "Priority changes follow", "优先级调整规则"), policy_label(l.policy, lang)),
        (t(lang, "Opened", "开单时间"), when(Some(inc.opened_at.instant), tz)),
        (t(lang, "Seen at", "计算截至"), when(Some(l.known_until), tz)),
    ];
    if let Some(reason) = l.left_out {
        facts.push((t(lang, "Left out of the report", "未计入报告"), reason.text(lang).to_owned()));
    }
    doc.push(Block::Facts(facts));
    if let Some(w) = &l.warning {
        doc.push(Block::Note(t(lang, &format!("Warning: {}", w.get(lang)), &format!("警告：{}", w.get(lang)))));
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
        doc.push(Block::Heading(2, t(lang, &format!("{capital} clock"), name)));
        let outcome = match clock.outcome {
            Outcome::Met => t(lang, "met", "达标"),
            Outcome::Breached => t(lang, "BREACHED", "超时未达标"),
            Outcome::InProgress if clock.paused_open => t(lang, "in progress, paused", "计时中（暂停）"),
            Outcome::InProgress => t(lang, "in progress", "计时中"),
        };
        doc.push(Block::Facts(vec![
            (
                t(lang, "Judged as", "判定优先级"),
                t(
                    lang,
                    &format!("{} ({})", c.priority, c.calendar),
                    &format!("{}（{}）", c.priority, figure::calendar_name(&c.calendar, lang)),
                ),
            ),
            (t(lang, "Target", "目标"), figure::minutes_shown_of(clock.target, lang)),
            (t(lang, "Counted", "已计时长"), figure::minutes_shown_of(clock.elapsed, lang)),
            (
                t(lang, "Paused (working time removed)", "暂停（扣除的工作时间）"),
                figure::minutes_shown_of(clock.paused, lang),
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
                rows.push(vec![when(Some(a), tz), when(Some(b), tz), mins(secs), mins(running)]);
            }
        }
        doc.push(table(
            headers(
                lang,
                &[
                    ("Working from", "工作时段开始"),
                    ("Until", "结束"),
                    ("Minutes", "时长（分钟）"),
                    ("Running total", "累计（分钟）"),
                ],
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
                        t(
                            lang,
                            &format!("{} (open-ended)", when(Some(p.to), tz)),
                            &format!("{}（未写结束时间）", when(Some(p.to), tz)),
                        )
                    } else {
                        when(Some(p.to), tz)
                    };
                    vec![when(Some(p.from), tz), until, pause_label(p.reason, lang), mins(p.removed)]
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

/// How priority changes are judged, as `itos init` explains them in Chinese.
// TODO(labels): move to model::labels
fn policy_label(p: PriorityChange, lang: Lang) -> String {
    match lang {
        Lang::En => p.as_str().to_owned(),
        Lang::ZhCn => match p {
            PriorityChange::Final => "按最终优先级",
            PriorityChange::Highest => "按最高优先级",
            PriorityChange::Restart => "自调整时重新计时",
        }
        .to_owned(),
    }
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
        "record": l.location,
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
        "provenance": crate::output::stamp::json(&l.provenance),
        "configuration": crate::output::disclosure::json(&l.provenance.configuration),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
