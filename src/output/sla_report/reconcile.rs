//! The reconciliation section of the SLA report (`--reconcile`), in every format: the
//! document's section (table, Markdown, HTML), its JSON object and its CSV rows. Every text
//! is said in both languages; durations go through `figures::figure`.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use crate::figures::figure;
use crate::model::Lang;
use crate::output::doc::{Block, Doc, DocTable};
use crate::report::reconcile::{ClockVerdict, ItsmValue, Mismatch, Reconciliation, Verdict};

use super::{headers, t, ts_json, when};

/// Minutes as seconds for the duration functions (a tool's absurd figure saturates rather
/// than wraps).
fn secs(minutes: i64) -> i64 {
    minutes.saturating_mul(60)
}

/// The verdict compared, as a reader names it, with the `x-itsm` field.
fn verdict_label(v: Verdict, lang: Lang) -> String {
    let what = match v.clock() {
        Some(kind) => kind.label(lang).to_owned(),
        None => t(lang, "overall", "总体结论"),
    };
    match lang {
        Lang::En => format!("{what} ({})", v.field()),
        Lang::ZhCn => format!("{what}（{}）", v.field()),
    }
}

/// What the ITSM said: "breached by 2h15m", "met, 40m left", "made SLA".
pub fn itsm_text(value: ItsmValue, lang: Lang) -> String {
    match value {
        ItsmValue::MadeSla(true) => t(lang, "made SLA (made_sla: true)", "达标（made_sla: true）"),
        ItsmValue::MadeSla(false) => t(lang, "SLA not made (made_sla: false)", "超时未达标（made_sla: false）"),
        ItsmValue::Remaining(m) if m < 0 => {
            let by = figure::duration(secs(m).saturating_abs(), lang);
            t(lang, &format!("breached by {by}"), &format!("超时未达标，超出 {by}"))
        }
        ItsmValue::Remaining(m) => {
            let left = figure::duration(secs(m), lang);
            t(lang, &format!("met, {left} left"), &format!("达标，剩余 {left}"))
        }
    }
}

/// itos's verdict on the question the ITSM answered.
fn itos_text(m: &Mismatch, lang: Lang) -> String {
    let separator = if lang == Lang::ZhCn { "、" } else { ", " };
    match (m.verdict, m.itos_met) {
        (Verdict::MadeSla, true) => t(lang, "every clock met", "各考核项均达标"),
        (Verdict::MadeSla, false) => {
            let names: Vec<&str> = m.clocks.iter().map(|c| c.kind.label(lang)).collect();
            let names = names.join(separator);
            t(lang, &format!("breached: {names}"), &format!("超时未达标：{names}"))
        }
        (_, true) => t(lang, "met", "达标"),
        (_, false) => t(lang, "breached", "超时未达标"),
    }
}

/// A clock's business time against its target: "2h15m of working time against 1h (breached by 1h15m)".
fn figures_text(c: &ClockVerdict, lang: Lang) -> String {
    let (elapsed, target) = (figure::working_time(c.elapsed, lang), figure::duration(c.target, lang));
    let diff = c.target - c.elapsed;
    let rest = if diff < 0 {
        let by = figure::duration(-diff, lang);
        t(lang, &format!("breached by {by}"), &format!("超出 {by}"))
    } else {
        let left = figure::duration(diff, lang);
        t(lang, &format!("{left} left"), &format!("剩余 {left}"))
    };
    let name = c.kind.label(lang);
    t(
        lang,
        &format!("{name}: {elapsed} against {target} ({rest})"),
        &format!("{name}：已用 {elapsed}，目标 {target}（{rest}）"),
    )
}

/// The ledger's key lines for a clock and where to read it whole.
fn explanation(m: &Mismatch, c: &ClockVerdict, lang: Lang) -> String {
    let calendar = figure::calendar_name(&c.calendar, lang);
    let paused = figure::duration(c.paused, lang);
    let (n, name) = (c.stretches, c.kind.label(lang));
    let mut text = t(
        lang,
        &format!("{name}: {} on {calendar}, stretches counted: {n}, pauses removed: {paused}", c.priority),
        &format!("{name}：按优先级 {}、日历 {calendar} 计时，计入 {n} 段，扣除暂停 {paused}", c.priority),
    );
    // The tool's pause total is the likeliest cause of a disagreement: shown next to ours.
    if let Some(p) = m.itsm_paused_minutes {
        let theirs = figure::duration(secs(p), lang);
        text.push_str(&t(lang, &format!(" (ITSM: {theirs})"), &format!("（ITSM 工具：{theirs}）")));
    }
    text
}

/// The command that prints the whole ledger of the ticket.
fn ledger_command(ticket: &str, as_of: Date) -> String {
    format!("itos report sla --ticket {ticket} --as-of {as_of}")
}

/// The section, after a service's other tables.
pub fn section(doc: &mut Doc, r: &Reconciliation, tz: &TimeZone, as_of: Date, lang: Lang) {
    doc.push(Block::Heading(3, t(lang, "Reconciliation with the ITSM's verdict", "与 ITSM 工具 SLA 结论的核对")));
    if r.with_itsm == 0 {
        doc.push(Block::Note(t(
            lang,
            "No ticket of the month carries the ITSM's verdict (x-itsm).",
            "本月没有工单带有 ITSM 工具的 SLA 结论（x-itsm）。",
        )));
        return;
    }
    doc.push(Block::Facts(vec![
        (t(lang, "Tickets with the ITSM's verdict", "带有 ITSM 结论的工单"), figure::count(r.with_itsm)),
        (t(lang, "Compared (decided in the month)", "已核对（本月判定）"), figure::count(r.compared)),
        (t(lang, "Agreeing", "结论一致"), figure::count(r.agreeing)),
        (t(lang, "Mismatching", "结论不一致"), figure::count(r.mismatching)),
    ]));
    if r.mismatches.is_empty() {
        if r.compared > 0 {
            doc.push(Block::Note(t(
                lang,
                "The ITSM's verdict and itos's agree on every ticket compared.",
                "已核对的工单，ITSM 工具与 itos 的结论全部一致。",
            )));
        }
        return;
    }
    let separator = if lang == Lang::ZhCn { "；" } else { "; " };
    let rows = r
        .mismatches
        .iter()
        .map(|m| {
            let join = |f: &dyn Fn(&ClockVerdict) -> String| m.clocks.iter().map(f).collect::<Vec<_>>().join(separator);
            vec![
                m.ticket.clone(),
                verdict_label(m.verdict, lang),
                itsm_text(m.itsm, lang),
                itos_text(m, lang),
                join(&|c| figures_text(c, lang)),
                join(&|c| format!("{} {}", c.kind.label(lang), when(c.deadline, tz))),
                join(&|c| explanation(m, c, lang)),
            ]
        })
        .collect();
    // Long cells: wrapped to fit a wide terminal (Markdown and HTML are not wrapped).
    doc.push(Block::Table(DocTable {
        header: headers(
            lang,
            &[
                ("Ticket", "工单"),
                ("Verdict", "核对项"),
                ("ITSM says", "ITSM 工具结论"),
                ("itos says", "itos 结论"),
                ("Business time", "计时（工作时间）"),
                ("Deadline", "截止时间"),
                ("Why (ledger)", "依据（计时明细）"),
            ],
        ),
        rows,
        numeric: Vec::new(),
        max_width: Some(150),
    }));
    let mut tickets: Vec<&str> = r.mismatches.iter().map(|m| m.ticket.as_str()).collect();
    tickets.dedup();
    let commands: Vec<String> = tickets.iter().map(|id| ledger_command(id, as_of)).collect();
    let commands = commands.join(separator);
    doc.push(Block::Note(t(
        lang,
        &format!("Every interval counted and every pause removed: {commands}"),
        &format!("逐段计时和扣除的暂停见计时明细：{commands}"),
    )));
}

/// The section as JSON: the counts and each mismatch with both verdicts and itos's seconds.
pub fn json(r: &Reconciliation, as_of: Date) -> Value {
    json!({
        "tickets_with_itsm": r.with_itsm,
        "compared": r.compared,
        "agreeing": r.agreeing,
        "mismatching": r.mismatching,
        "mismatches": r.mismatches.iter().map(|m| json!({
            "ticket": m.ticket,
            "verdict": m.verdict.field(),
            "itsm": match m.itsm {
                ItsmValue::MadeSla(b) => json!({"made_sla": b, "met": b}),
                ItsmValue::Remaining(min) => json!({"remaining_minutes": min, "met": min >= 0}),
            },
            "itsm_paused_minutes": m.itsm_paused_minutes,
            "itos_met": m.itos_met,
            "clocks": m.clocks.iter().map(|c| json!({
                "clock": c.kind.as_str(), "priority": c.priority, "calendar": c.calendar, "met": c.met,
                "elapsed_seconds": c.elapsed, "target_seconds": c.target,
                "remaining_seconds": c.target - c.elapsed,
                "deadline": ts_json(c.deadline), "stopped": ts_json(c.stopped),
                "stretches": c.stretches, "paused_seconds": c.paused,
            })).collect::<Vec<_>>(),
            "ledger": ledger_command(&m.ticket, as_of),
        })).collect::<Vec<_>>(),
    })
}

/// The section as long-form CSV rows: (priority, clock, figure, value).
pub fn csv_rows(r: &Reconciliation) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    let mut push = |p: &str, c: &str, f: String, v: String| out.push((p.to_owned(), c.to_owned(), f, v));
    push("", "", "itsm_tickets".to_owned(), r.with_itsm.to_string());
    push("", "", "itsm_compared".to_owned(), r.compared.to_string());
    push("", "", "itsm_agreeing".to_owned(), r.agreeing.to_string());
    push("", "", "itsm_mismatching".to_owned(), r.mismatching.to_string());
    for m in &r.mismatches {
        let ticket = &m.ticket;
        match m.itsm {
            ItsmValue::MadeSla(b) => {
                push("", "", format!("itsm_made_sla:{ticket}"), b.to_string());
                push("", "", format!("itos_made_sla:{ticket}"), m.itos_met.to_string());
            }
            ItsmValue::Remaining(min) => {
                for c in &m.clocks {
                    let (p, k) = (c.priority.as_str(), c.kind.as_str());
                    push(p, k, format!("itsm_remaining_minutes:{ticket}"), min.to_string());
                    push(p, k, format!("itos_remaining_minutes:{ticket}"), figure::minutes_of(c.target - c.elapsed));
                }
            }
        }
    }
    out
}
