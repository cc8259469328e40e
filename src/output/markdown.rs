//! A pull-request comment (`--format markdown`): the counts, a table of the findings and the
//! help of each in a collapsed section. Record text is escaped so that it cannot break the
//! table or inject HTML; long lists are cut (a comment holds at most 65,536 characters).

use std::fmt::Write as _;

use crate::model::{Finding, Lang, Severity};
use crate::rules;

use super::escape::{md, md_code, md_code_cell};
use super::{FindingsFormat, RunView};

/// Rows shown before the list is cut.
pub const MAX_ROWS: usize = 200;

/// `--format markdown`.
pub struct Markdown;

impl FindingsFormat for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let (findings, sources, summary, lang) = (run.findings, run.sources, &run.summary, run.lang);
        let (title, clean) = match lang {
            Lang::En => ("itos", "No findings."),
            Lang::ZhCn => ("itos 检查结果", "没有发现项。"),
        };
        let _ = write!(out, "### {title}: {}\n\n", md(&summary.line(lang)));
        if findings.is_empty() {
            let _ = writeln!(out, "{clean}");
            return;
        }
        let header = match lang {
            Lang::En => "| | Location | Rule | Message |\n| --- | --- | --- | --- |\n",
            Lang::ZhCn => "| | 位置 | 规则 | 说明 |\n| --- | --- | --- | --- |\n",
        };
        out.push_str(header);
        let location = |f: &Finding| {
            sources
                .locate(f.span)
                .map_or(String::new(), |(file, lc, _)| format!("{}:{}:{}", file.display, lc.line, lc.col))
        };
        for f in findings.iter().take(MAX_ROWS) {
            let icon = match (f.waived_by.is_some(), f.severity) {
                (true, _) => "➖",
                (false, Severity::Error) => "❌",
                (false, Severity::Warning) => "⚠️",
            };
            let title = rules::find(f.rule).map_or("", |r| r.meta().title(lang));
            let _ = writeln!(
                out,
                "| {icon} | `{}` | {} | {} |",
                md_code_cell(&location(f)),
                md(&format!("{} {title}", f.rule)),
                md(f.message.get(lang))
            );
        }
        if findings.len() > MAX_ROWS {
            let more = findings.len() - MAX_ROWS;
            let _ = writeln!(
                out,
                "\n{}",
                match lang {
                    Lang::En => format!("… and {more} more; run `itos validate` for all."),
                    Lang::ZhCn => format!("……另有 {more} 项;运行 `itos validate` 查看全部。"),
                }
            );
        }
        let _ = write!(
            out,
            "\n<details><summary>{}</summary>\n\n",
            match lang {
                Lang::En => "How to fix",
                Lang::ZhCn => "修正方法",
            }
        );
        for f in findings.iter().take(MAX_ROWS).filter(|f| f.help.is_some() || f.waived_by.is_some()) {
            let mut line = format!("- **{}** `{}`", f.rule, md_code(&location(f)));
            if let Some(h) = &f.help {
                let _ = write!(line, ": {}", md(h.get(lang)));
            }
            if let Some(w) = &f.waived_by {
                let _ = write!(line, " ({} {})", if lang == Lang::En { "waived by" } else { "已豁免:" }, md(w));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push_str("\n</details>\n");
    }
}
