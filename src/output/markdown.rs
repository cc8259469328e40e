//! A pull-request comment (`--format markdown`): the counts, a table of the findings and the
//! help of each in a collapsed section. Record text is escaped so that it cannot break the
//! table or inject HTML; long lists are cut to a size, not a number of rows (a comment holds at most 65,536
//! characters, a step summary 1 MiB).

use std::fmt::Write as _;

use crate::model::{Finding, Lang, Severity};
use crate::rules;

use super::escape::{md, md_code, md_code_cell};
use super::{FindingsFormat, RunView};

/// The most characters a GitHub pull-request comment holds.
pub const COMMENT_LIMIT: usize = 65_536;
/// The most a GitHub step summary holds (1 MiB; counted in characters here, which is never more
/// than the bytes).
pub const STEP_SUMMARY_LIMIT: usize = 1 << 20;
/// Room kept for the "truncated" line and the closing of the help section.
const RESERVE: usize = 256;

/// `--format markdown`, cut to fit a pull-request comment ([`COMMENT_LIMIT`]).
pub struct Markdown;

impl FindingsFormat for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        render_within(run, COMMENT_LIMIT, out);
    }
}

/// The Markdown findings, at most `limit` characters: the findings that fit (each with its
/// table row and its help line), then a `truncated: N more findings` line.
pub fn render_within(run: &RunView<'_>, limit: usize, out: &mut String) {
    let (findings, sources, summary, lang) = (run.findings, run.sources, &run.summary, run.lang);
    let (title, clean) = match lang {
        Lang::En => ("itos", "No findings."),
        Lang::ZhCn => ("itos 检查结果", "没有发现项。"),
    };
    let start = out.len();
    let _ = write!(out, "### {title}: {}\n\n", md(&summary.line(lang)));
    // What the configuration changes from the defaults, before the findings.
    for (label, value) in super::disclosure::facts(run.configuration, lang, false) {
        let _ = writeln!(out, "- **{}**: {}", md(&label), md(&value));
    }
    if !super::disclosure::facts(run.configuration, lang, false).is_empty() {
        out.push('\n');
    }
    if findings.is_empty() {
        let _ = writeln!(out, "{clean}");
        return;
    }
    let header = match lang {
        Lang::En => "| | Location | Rule | Message |\n| --- | --- | --- | --- |\n",
        Lang::ZhCn => "| | 位置 | 规则 | 说明 |\n| --- | --- | --- | --- |\n",
    };
    out.push_str(header);
    let details_open = format!(
        "\n<details><summary>{}</summary>\n\n",
        match lang {
            Lang::En => "How to fix",
            Lang::ZhCn => "修正方法",
        }
    );
    let details_close = "\n</details>\n";
    let location = |f: &Finding| {
        sources.locate(f.span).map_or(String::new(), |(file, lc, _)| format!("{}:{}:{}", file.display, lc.line, lc.col))
    };
    let mut used = out[start..].chars().count() + details_open.chars().count() + details_close.len() + RESERVE;
    let mut rows = String::new();
    let mut helps = String::new();
    let mut shown = 0;
    for f in findings {
        let icon = match (f.waived_by.is_some(), f.severity) {
            (true, _) => "➖",
            (false, Severity::Error) => "❌",
            (false, Severity::Warning) => "⚠️",
        };
        let title = rules::find(f.rule).map_or("", |r| r.meta().title(lang));
        let row = format!(
            "| {icon} | `{}` | {} | {} |\n",
            md_code_cell(&location(f)),
            md(&format!("{} {title}", f.rule)),
            md(f.message.get(lang))
        );
        let mut help = String::new();
        if f.help.is_some() || f.waived_by.is_some() {
            help = format!("- **{}** `{}`", f.rule, md_code(&location(f)));
            if let Some(h) = &f.help {
                let _ = write!(help, ": {}", md(h.get(lang)));
            }
            if let Some(w) = &f.waived_by {
                let _ = match lang {
                    Lang::En => write!(help, " (waived by {})", md(w)),
                    Lang::ZhCn => write!(help, "（已由 {} 豁免）", md(w)),
                };
            }
            help.push('\n');
        }
        let size = row.chars().count() + help.chars().count();
        if used + size > limit {
            break;
        }
        used += size;
        rows.push_str(&row);
        helps.push_str(&help);
        shown += 1;
    }
    out.push_str(&rows);
    if shown < findings.len() {
        let more = findings.len() - shown;
        let _ = writeln!(
            out,
            "\n{}",
            match lang {
                Lang::En => format!(
                    "truncated: {more} more finding{}; run `itos validate` for all.",
                    if more == 1 { "" } else { "s" }
                ),
                Lang::ZhCn => format!("已截断：另有 {more} 项发现；运行 `itos validate` 查看全部。"),
            }
        );
    }
    out.push_str(&details_open);
    out.push_str(&helps);
    out.push_str(details_close);
}
