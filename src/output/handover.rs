//! Rendering the exit checklist (`itos handover checklist`): a terminal table, a GitHub
//! Markdown task list (for an issue or pull request) and JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::exit::{Item, Status};
use crate::load::evidence::EvidenceState;
use crate::model::Lang;
use crate::report::handover::Checklist;

use super::doc::{self, Block, Doc, DocTable};
use super::escape::md;

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::ZhCn => zh.to_owned(),
    }
}

fn title(c: &Checklist<'_>, lang: Lang) -> String {
    let e = c.exit.engagement;
    t(
        lang,
        &format!("Exit checklist — {} ({})", e.id.value, e.title.value),
        &format!("退出交接清单 — {}（{}）", e.id.value, e.title.value),
    )
}

fn summary(c: &Checklist<'_>, lang: Lang) -> Vec<(String, String)> {
    let x = &c.exit;
    let left = x.days_left();
    let days = match lang {
        Lang::En if left >= 0 => format!("{left} days left"),
        Lang::En => format!("{} days ago", -left),
        Lang::ZhCn if left >= 0 => format!("距终止生效日还有 {left} 天"),
        Lang::ZhCn => format!("已终止生效 {} 天", -left),
    };
    let basis = match x.handover {
        Some(h) => t(lang, &format!("Handover {}", h.id.value), &format!("依据交接记录 {}", h.id.value)),
        None => t(lang, "term end; no Handover record yet", "服务期结束日；尚无交接记录（`Handover`）"),
    };
    vec![
        (t(lang, "Done", "完成情况"), done_summary(c, lang)),
        (
            t(lang, "Effective date", "终止生效日"),
            t(lang, &format!("{} ({basis})", x.effective), &format!("{}（{basis}）", x.effective)),
        ),
        (t(lang, "As of", "评估日"), format!("{} — {days}", x.as_of)),
        (t(lang, "Grace period ends", "宽限期截止"), x.grace_end.to_string()),
    ]
    .into_iter()
    .chain(super::disclosure::facts(&c.configuration, lang, true))
    .collect()
}

/// "23 of 23 done, 1 not applicable": items that do not apply are neither done nor counted
/// among those to do, so the summary cannot read as more work done than there was. In
/// Chinese every item is counted once under its status: 共 24 项:已完成 23 项,不适用 1 项.
pub fn done_summary(c: &Checklist<'_>, lang: Lang) -> String {
    let (done, applicable, na) = (c.done(), c.applicable(), c.not_applicable());
    match (lang, na) {
        (Lang::En, 0) => format!("{done} of {applicable} done"),
        (Lang::En, _) => format!("{done} of {applicable} done, {na} not applicable"),
        (Lang::ZhCn, _) => {
            let mut parts = vec![format!("已完成 {done} 项")];
            for label in ["逾期未完成", "存在问题", "未到期"] {
                let n = c.exit.items.iter().filter(|i| status_label(c, i, lang) == label).count();
                if n > 0 {
                    parts.push(format!("{label} {n} 项"));
                }
            }
            if na > 0 {
                parts.push(format!("不适用 {na} 项"));
            }
            format!("共 {} 项：{}", c.exit.items.len(), parts.join("，"))
        }
    }
}

/// An item's status as a person reads it. In Chinese a missing item is 逾期未完成 once its
/// due date has passed (or it has none), and 存在问题 while a rule finds it wrong before it
/// is due; a pending one is 未到期 (glossary, revision 2).
// TODO(labels): move to model::labels
fn status_label(c: &Checklist<'_>, i: &Item, lang: Lang) -> &'static str {
    match (lang, i.status) {
        (Lang::En, s) => s.as_str(),
        (Lang::ZhCn, Status::Done) => "已完成",
        (Lang::ZhCn, Status::Pending) => "未到期",
        (Lang::ZhCn, Status::Missing) if i.due.is_some_and(|d| d >= c.exit.as_of) => "存在问题",
        (Lang::ZhCn, Status::Missing) => "逾期未完成",
        (Lang::ZhCn, Status::NotApplicable) => "不适用",
    }
}

fn evidence_line(c: &Checklist<'_>, path: &str, state: &EvidenceState, lang: Lang) -> String {
    match state {
        EvidenceState::File => {
            let facts = c.files.get(path);
            let mut s = path.to_owned();
            if let Some(f) = facts {
                if let Some(ch) = &f.last_change {
                    let _ = write!(s, " @ {} {}", ch.commit.get(..10).unwrap_or(&ch.commit), ch.date);
                }
                if let Some(h) = &f.sha256 {
                    let _ = write!(s, " sha256:{}", h.get(..16).unwrap_or(h));
                }
            }
            s
        }
        EvidenceState::Folder => t(lang, &format!("{path}/ (folder)"), &format!("{path}/（目录）")),
        EvidenceState::Missing => t(lang, &format!("{path} (does not exist)"), &format!("{path}（不存在）")),
        EvidenceState::Escapes => {
            t(lang, &format!("{path} (leaves the repository)"), &format!("{path}（指向仓库之外）"))
        }
        EvidenceState::NotRegular => {
            t(lang, &format!("{path} (not a regular file)"), &format!("{path}（不是普通文件）"))
        }
        EvidenceState::Unchecked => path.to_owned(),
    }
}

fn missing_text(item: &Item, lang: Lang) -> String {
    let mut parts: Vec<String> = item.missing.iter().map(|m| m.get(lang).to_owned()).collect();
    let colon = t(lang, ": ", "：");
    parts.extend(item.problems.iter().map(|p| format!("{}{colon}{}", p.rule, p.message.get(lang))));
    parts.extend(item.notes.iter().map(|n| n.get(lang).to_owned()));
    parts.join(&t(lang, "; ", "；"))
}

fn rules_text(item: &Item) -> String {
    if item.rules.is_empty() { "—".to_owned() } else { item.rules.join(" ") }
}

pub fn table(c: &Checklist<'_>, lang: Lang) -> String {
    let mut d = Doc { title: title(c, lang), lang: lang.code(), blocks: Vec::new() };
    d.push(Block::Facts(summary(c, lang)));
    for w in &c.warnings {
        d.push(Block::Note(t(lang, &format!("Note: {}", w.get(lang)), &format!("注意：{}", w.get(lang)))));
    }
    let rows = c
        .exit
        .items
        .iter()
        .map(|i| {
            let evidence: Vec<String> = i.evidence.iter().map(|e| evidence_line(c, &e.path, &e.state, lang)).collect();
            vec![
                i.section.to_owned(),
                i.title.get(lang).to_owned(),
                status_label(c, i, lang).to_owned(),
                i.due.map_or_else(String::new, |d| d.to_string()),
                i.done_at.map_or_else(String::new, |d| d.to_string()),
                evidence.join("\n"),
                missing_text(i, lang),
                rules_text(i),
            ]
        })
        .collect();
    let header = [
        ("§", "§"),
        ("Item", "事项"),
        ("Status", "状态"),
        ("Due", "截止日"),
        ("Done on", "完成日"),
        ("Evidence", "佐证材料"),
        ("Missing / notes", "缺少 / 说明"),
        ("Rules", "规则"),
    ]
    .iter()
    .map(|(en, zh)| t(lang, en, zh))
    .collect();
    d.push(Block::Table(DocTable { header, rows, numeric: Vec::new(), max_width: Some(150) }));
    doc::text(&d)
}

/// GitHub task-list form: `- [x]` for done and not applicable, `- [ ]` otherwise.
pub fn markdown(c: &Checklist<'_>, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", md(&title(c, lang)));
    for (label, value) in summary(c, lang) {
        let _ = writeln!(out, "- **{}**{}{}", md(&label), t(lang, ": ", "："), md(&value));
    }
    for w in &c.warnings {
        let _ = write!(out, "\n> {}\n", md(w.get(lang)));
    }
    out.push('\n');
    for i in &c.exit.items {
        let tick = if matches!(i.status, Status::Done | Status::NotApplicable) { "x" } else { " " };
        let status = match i.status {
            Status::Missing => format!("**{}**", status_label(c, i, lang)),
            _ => status_label(c, i, lang).to_owned(),
        };
        let mut line = format!("- [{tick}] {} {} — {status}", i.section, md(i.title.get(lang)));
        let comma = t(lang, ", ", "，");
        if let Some(d) = i.due {
            let _ = write!(line, "{comma}{} {d}", t(lang, "due", "截止"));
        }
        if let Some(d) = i.done_at {
            let _ = write!(line, "{comma}{} {d}", t(lang, "done", "完成于"));
        }
        if !i.rules.is_empty() {
            let rules: Vec<String> = i.rules.iter().map(|r| format!("`{r}`")).collect();
            let _ =
                write!(line, "{}", t(lang, &format!(" ({})", rules.join(" ")), &format!("（{}）", rules.join(" "))));
        }
        let _ = writeln!(out, "{line}");
        for e in &i.evidence {
            let _ = writeln!(out, "  - {}", md(&evidence_line(c, &e.path, &e.state, lang)));
        }
        let missing = missing_text(i, lang);
        if !missing.is_empty() {
            let _ = writeln!(out, "  - {}", md(&missing));
        }
    }
    out
}

pub fn json(c: &Checklist<'_>, lang: Lang) -> String {
    let x = &c.exit;
    let items: Vec<Value> = x
        .items
        .iter()
        .map(|i| {
            let evidence: Vec<Value> = i
                .evidence
                .iter()
                .map(|e| {
                    let facts = c.files.get(&e.path);
                    json!({
                        "path": e.path,
                        "state": match e.state {
                            EvidenceState::File => "file",
                            EvidenceState::Folder => "folder",
                            EvidenceState::Missing => "missing",
                            EvidenceState::Escapes => "escapes",
                            EvidenceState::NotRegular => "not-regular",
                            EvidenceState::Unchecked => "unchecked",
                        },
                        "sha256": facts.and_then(|f| f.sha256.clone()),
                        "last_commit": facts.and_then(|f| f.last_change.as_ref()).map(|l| json!({
                            "id": l.commit, "date": l.date, "author": l.author,
                        })),
                    })
                })
                .collect();
            json!({
                "key": i.key,
                "section": i.section,
                "title": i.title.get(lang),
                "status": i.status.as_str(),
                "due": i.due.map(|d| d.to_string()),
                "done_at": i.done_at.map(|d| d.to_string()),
                "evidence": evidence,
                "missing": i.missing.iter().map(|m| m.get(lang)).collect::<Vec<_>>(),
                "notes": i.notes.iter().map(|m| m.get(lang)).collect::<Vec<_>>(),
                "rules": i.rules,
                "findings": i.problems.iter().map(|p| json!({"rule": p.rule, "message": p.message.get(lang)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "report": "handover-checklist",
        "lang": lang.code(),
        "engagement": x.engagement.id.value,
        "handover": x.handover.map(|h| h.id.value.clone()),
        "effective_date": x.effective.to_string(),
        "grace_period_ends": x.grace_end.to_string(),
        "as_of": x.as_of.to_string(),
        "days_left": x.days_left(),
        "done": c.done(),
        "not_applicable": c.not_applicable(),
        "applicable": c.applicable(),
        "total": c.total(),
        "complete": c.complete(),
        "warnings": c.warnings.iter().map(|w| w.get(lang)).collect::<Vec<_>>(),
        "items": items,
        "configuration": super::disclosure::json(&c.configuration),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
