//! The ledger of one ticket (`itos report sla --ticket`): a [`Doc`] and JSON.

use serde_json::{Value, json};

use crate::figures::clock::Outcome;
use crate::model::Lang;
use crate::report::ledger::Ledger;

use super::{headers, mins, t, table, ts_json, when};
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
