//! Human output: one miette report per finding, with the YAML snippet, the rule id, the
//! manual section and a help line, then a summary line.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use crate::model::{Finding, Lang, Severity, SourceMap};
use crate::rules;

use super::escape::{one_line, terminal_safe, workflow_safe};
use super::{FindingsFormat, RunView, Summary};

/// How to draw reports.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// Unicode box drawing (otherwise ASCII).
    pub unicode: bool,
    pub width: usize,
}

struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Arc<IndexedSource>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() { None } else { Some(Box::new(self.labels.iter().cloned())) }
    }
}

/// `--format human`: [`render`] in the terminal's colours; under `--quiet` without the summary line.
pub struct Human;

impl FindingsFormat for Human {
    fn name(&self) -> &'static str {
        "human"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let style = Style { color: run.color, unicode: true, width: 100 };
        let mut text = render(run.findings, run.sources, &run.summary, run.lang, style);
        // Findings, then (unless --quiet) what the configuration changes and the summary line.
        let cut = text.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
        let summary = text.split_off(cut);
        out.push_str(&text);
        if !run.quiet {
            out.push_str(&super::disclosure::block(run.configuration, run.lang));
            out.push_str(&summary);
        }
    }
}

/// Render every finding and the summary line (also the rule examples of `itos explain`).
pub fn render(findings: &[Finding], sources: &SourceMap, summary: &Summary, lang: Lang, style: Style) -> String {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    // Sanitised copies of the files that have findings, made once each.
    let mut safe_sources: HashMap<u32, Arc<IndexedSource>> = HashMap::new();
    let mut out = String::new();
    for f in findings {
        let report = to_report(f, sources, &mut safe_sources, lang);
        let mut one = String::new();
        if handler.render_report(&mut one, &report).is_err() {
            one.push_str(&report.message);
            one.push('\n');
        }
        match lang {
            Lang::En => out.push_str(&one),
            Lang::ZhCn => out.push_str(&help_in_chinese(&one)),
        }
        out.push('\n');
    }
    out.push_str(&summary.line(lang));
    out.push('\n');
    // Every user text above is one line already; this guards the lines of the YAML snippet.
    workflow_safe(&out)
}

/// miette writes its help line as `help: …`; a Chinese report reads `提示：…`. Both prefixes
/// are six columns wide, so miette's wrapping and indentation stay right.
fn help_in_chinese(report: &str) -> String {
    let mut out = String::with_capacity(report.len());
    for line in report.split_inclusive('\n') {
        let body = line.trim_start();
        match body.strip_prefix("help: ") {
            Some(rest) => {
                out.push_str(&line[..line.len() - body.len()]);
                out.push_str("提示：");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

fn to_report(f: &Finding, sources: &SourceMap, cache: &mut HashMap<u32, Arc<IndexedSource>>, lang: Lang) -> Report {
    let meta = rules::find(f.rule).map(|r| r.meta());
    let section = meta.map_or("", |m| m.section);
    let waived = f.waived_by.as_deref().map(one_line).map(|w| match lang {
        Lang::En => format!(" (waived by {w})"),
        Lang::ZhCn => format!("（已由 {w} 豁免）"),
    });
    let message = format!("{}{}", one_line(f.message.get(lang)), waived.unwrap_or_default());
    let label = if f.waived_by.is_some() {
        match lang {
            Lang::En => "waived",
            Lang::ZhCn => "已豁免",
        }
    } else {
        f.severity.label(lang)
    };
    let code = format!("{label}[{}] {section}", f.rule).trim_end().to_owned();
    let severity = match (f.severity, f.waived_by.is_some()) {
        (_, true) => miette::Severity::Advice,
        (Severity::Error, _) => miette::Severity::Error,
        (Severity::Warning, _) => miette::Severity::Warning,
    };
    let source = sources.get(f.span.file).map(|file| {
        cache
            .entry(f.span.file.0)
            .or_insert_with(|| {
                let text: Arc<str> = match terminal_safe(&file.text) {
                    std::borrow::Cow::Borrowed(_) => file.text.clone(),
                    std::borrow::Cow::Owned(s) => Arc::from(s),
                };
                Arc::new(IndexedSource::new(one_line(&file.display), text))
            })
            .clone()
    });
    let mut help = f.help.as_ref().map(|h| one_line(h.get(lang)));
    let here = match lang {
        Lang::En => "here",
        Lang::ZhCn => "此处",
    };
    let mut labels = vec![LabeledSpan::new_primary_with_span(Some(here.to_owned()), span_of(f.span))];
    for label in &f.labels {
        let text = one_line(label.message.get(lang));
        if label.span.file == f.span.file {
            labels.push(LabeledSpan::new_with_span(Some(text), span_of(label.span)));
        } else if let Some((file, lc, _)) = sources.locate(label.span) {
            let colon = match lang {
                Lang::En => ": ",
                Lang::ZhCn => "：",
            };
            let note = format!("{text}{colon}{}:{}:{}", one_line(&file.display), lc.line, lc.col);
            help = Some(match help {
                Some(h) => format!("{h}\n{note}"),
                None => note,
            });
        }
    }
    Report { message, code, severity, help, source, labels }
}

/// A file's text with the places of its line breaks, so that a snippet is cut from the lines
/// around a span instead of miette counting lines from the top of the file for every
/// finding (a 50,000-ticket batch with a thousand findings took half a minute).
struct IndexedSource {
    name: String,
    text: Arc<str>,
    /// The last byte of each line break as miette counts them (`\n`, `\r\n`, a lone `\r`).
    breaks: Vec<usize>,
}

impl IndexedSource {
    fn new(name: String, text: Arc<str>) -> Self {
        let bytes = text.as_bytes();
        let breaks = (0..bytes.len())
            .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .collect();
        IndexedSource { name, text, breaks }
    }
}

impl std::fmt::Debug for IndexedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexedSource").field("name", &self.name).finish_non_exhaustive()
    }
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // miette's own reading, on a window of whole lines around the span with a line to
        // spare on each side; its offsets and line numbers are then moved back.
        let first = self.breaks.partition_point(|&b| b < start);
        let last = self.breaks.partition_point(|&b| b < end.max(start + 1) - 1);
        let from_line = first.saturating_sub(context_lines_before + 1);
        let window_start = if from_line == 0 { 0 } else { self.breaks[from_line - 1] + 1 };
        let window_end = self.breaks.get(last + context_lines_after + 2).map_or(self.text.len(), |&b| b + 1);
        let window = self.text.get(window_start..window_end).ok_or(MietteError::OutOfBounds)?;
        let inner = SourceSpan::new((start - window_start).into(), span.len());
        let c = <str as SourceCode>::read_span(window, &inner, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = c.data();
        let moved = SourceSpan::new((c.span().offset() + window_start).into(), c.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            moved,
            c.line() + from_line,
            c.column(),
            c.line_count() + from_line,
        )))
    }
}

fn span_of(span: crate::model::Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}
