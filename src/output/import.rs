//! The summary of `itos import incidents`, in English or Chinese, or as JSON.

use crate::import::{Summary, count, thousands};
use crate::model::Lang;

use super::escape::one_line;

/// The summary as lines of text.
pub fn human(s: &Summary, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let files: Vec<String> = s.files_read.iter().map(|f| one_line(f)).collect();
    let n = thousands;
    if zh {
        line(format!(
            "导入来源“{}”：读取 {} 行（{}），{} {} 张工单到 {}{}",
            one_line(&s.source),
            n(s.rows_read),
            files.join("、"),
            if s.dry_run { "将写入" } else { "写入" },
            n(s.tickets_written),
            one_line(&s.out),
            if s.dry_run { "（试运行，未写入任何文件）" } else { "" }
        ));
    } else {
        line(format!(
            "import from `{}`: {} row{} read ({}), {} ticket{} {} {}",
            one_line(&s.source),
            n(s.rows_read),
            if s.rows_read == 1 { "" } else { "s" },
            files.join(", "),
            n(s.tickets_written),
            if s.tickets_written == 1 { "" } else { "s" },
            if s.dry_run { "would be written to" } else { "written to" },
            one_line(&s.out)
        ));
    }
    let months: Vec<String> = s.tickets_per_month.iter().map(|(m, c)| format!("{m}: {}", n(*c))).collect();
    line(if zh {
        let months: Vec<String> = s.tickets_per_month.iter().map(|(m, c)| format!("{m} 月 {} 张", n(*c))).collect();
        format!("  按月工单数：{}", months.join("，"))
    } else {
        format!("  tickets per month: {}", months.join(", "))
    });
    for f in &s.files {
        let change = match (f.change, zh) {
            ("added", true) => "新增",
            ("changed", true) => "更新",
            ("unchanged", true) => "未变",
            ("removed", true) => "删除",
            (c, _) => c,
        };
        if zh {
            line(format!("  {change} {}（{} 张工单）", one_line(&f.name), n(f.tickets)));
        } else {
            line(format!("  {change} {} ({})", one_line(&f.name), count(f.tickets, "ticket")));
        }
    }
    for k in &s.skipped {
        let rows: Vec<String> = k.rows.iter().map(|r| n(*r)).collect();
        let more = k.count.saturating_sub(k.rows.len() as u64);
        if zh {
            let more = if more > 0 { format!(" 等，另 {} 行", n(more)) } else { String::new() };
            line(format!("  跳过 {} 行：{}（第 {} 行{more}）", n(k.count), one_line(&k.reason_zh), rows.join("、")));
        } else {
            let more = if more > 0 { format!(", and {} more", n(more)) } else { String::new() };
            let (plural, label) = if k.count == 1 { ("", "row") } else { ("s", "rows") };
            line(format!(
                "  skipped {} row{plural}: {} ({label} {}{more})",
                n(k.count),
                one_line(&k.reason),
                rows.join(", ")
            ));
        }
    }
    for u in &s.unmapped {
        if zh {
            line(format!(
                "  未映射的值：{} “{}”（{} 行，首次出现在第 {} 行），未写入；可在 {} 中添加",
                u.field,
                one_line(&u.value),
                n(u.rows),
                n(u.first_row),
                one_line(&u.add_under)
            ));
        } else {
            line(format!(
                "  unmapped value: {} \"{}\" ({}, first row {}), left out; add it under {}",
                u.field,
                one_line(&u.value),
                count(u.rows, "row"),
                n(u.first_row),
                one_line(&u.add_under)
            ));
        }
    }
    for (state, updates, first) in &s.unknown_states {
        let state = if state.is_empty() { "(empty)".to_owned() } else { one_line(state) };
        if zh {
            line(format!(
                "  未知状态“{state}”：{} 次更新（首次在第 {} 行），按前一状态处理；可在映射的 [events] 中列出",
                n(*updates),
                n(*first)
            ));
        } else {
            line(format!(
                "  unknown state \"{state}\": {} (first row {}), taken as the state before; list it under [events]",
                count(*updates, "update"),
                n(*first)
            ));
        }
    }
    for r in &s.reconciliation {
        line(if zh {
            format!(
                "  与 ITSM 自身判定核对（{}）：核对 {} 张工单，{} 张结论不一致；明细见 itos report sla --reconcile --month {}",
                r.month,
                n(r.compared),
                n(r.mismatching),
                r.month
            )
        } else {
            format!(
                "  reconciliation with the ITSM's verdicts ({}): {} compared, {} {}; see itos report sla --reconcile --month {}",
                r.month,
                count(r.compared, "ticket"),
                n(r.mismatching),
                if r.mismatching == 1 { "disagrees" } else { "disagree" },
                r.month
            )
        });
    }
    if !s.optional_columns_missing.is_empty() {
        let cols: Vec<String> = s.optional_columns_missing.iter().map(|c| one_line(c)).collect();
        line(if zh {
            format!("  导出中没有以下可选列，相应字段未填写：{}", cols.join("；"))
        } else {
            format!("  optional columns not in the export (those fields are left out): {}", cols.join("; "))
        });
    }
    out
}

/// The summary as JSON.
pub fn json(s: &Summary) -> String {
    let value = serde_json::json!({
        "source": s.source,
        "files_read": s.files_read,
        "out": s.out,
        "dry_run": s.dry_run,
        "rows_read": s.rows_read,
        "tickets_written": s.tickets_written,
        "tickets_per_month": s.tickets_per_month,
        "files": s.files,
        "skipped": s.skipped,
        "unmapped": s.unmapped,
        "unknown_states": s.unknown_states.iter().map(|(state, updates, first_row)| serde_json::json!({
            "state": state, "updates": updates, "first_row": first_row
        })).collect::<Vec<_>>(),
        "optional_columns_missing": s.optional_columns_missing,
        "reconciliation": s.reconciliation,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
