//! GitHub Actions workflow commands (`--format github`): `::error` / `::warning` annotations
//! (waived findings and notes as `::notice`) with the runner's escaping, and a Markdown summary for
//! `$GITHUB_STEP_SUMMARY`.

use std::fmt::Write as _;

use crate::model::Severity;

use super::escape::{github_data, github_property};
use super::{FindingsFormat, RunView};

/// `--format github`.
pub struct Github;

impl FindingsFormat for Github {
    fn name(&self) -> &'static str {
        "github"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let (findings, sources, notes, lang) = (run.findings, run.sources, run.notes, run.lang);
        // Notes first, as notice annotations without a file.
        for n in notes {
            let _ = writeln!(out, "::notice title=itos::{}", github_data(n.message().get(lang)));
        }
        // What the configuration changes from the defaults, as one notice.
        let configuration = super::disclosure::block(run.configuration, lang);
        if !configuration.is_empty() {
            let _ = writeln!(out, "::notice title=itos configuration::{}", github_data(configuration.trim_end()));
        }
        for f in findings {
            let command = match (f.waived_by.is_some(), f.severity) {
                (true, _) => "notice",
                (false, Severity::Error) => "error",
                (false, Severity::Warning) => "warning",
            };
            let mut message = f.message.get(lang).to_owned();
            if let Some(w) = &f.waived_by {
                let _ = write!(message, " (waived by {w})");
            }
            if let Some(h) = &f.help {
                let _ = write!(message, "\n{}", h.get(lang));
            }
            let props = match sources.locate(f.span) {
                Some((file, start, end)) => format!(
                    "file={},line={},col={},endLine={},endColumn={},title={}",
                    github_property(&file.display),
                    start.line,
                    start.col,
                    end.line,
                    end.col,
                    github_property(f.rule)
                ),
                None => format!("title={}", github_property(f.rule)),
            };
            let _ = writeln!(out, "::{command} {props}::{}", github_data(&message));
        }
    }
}
