//! `itos validate`: load, run the rules, print findings, exit 0 / 1 / 2.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::{Deny, ValidateArgs};
use super::session::{Needs, Session};
use super::{Cli, ExitStatus, Fatal, emit, records_root};
use crate::load::Repository;
use crate::model::{Finding, Severity};
use crate::output::{self, FindingsFormat, RunView, Summary};
use crate::rules;

pub fn run(cli: &Cli, args: &ValidateArgs) -> Result<ExitStatus, Fatal> {
    let root = records_root(cli)?;
    let shown = shown_paths(&root, &args.paths)?;
    let started = Instant::now();
    if cli.no_git && args.changed_since.is_some() {
        return Err(Fatal(
            "--changed-since compares with a git revision and cannot be combined with --no-git".to_owned(),
        ));
    }
    let needs = Needs { at: args.at.as_deref(), only: &args.rules, skip: &args.skip, history: true };
    let session = Session::open(cli, needs)?;
    let loaded = started.elapsed();
    let notes = session.calendar_notes();
    let Session { repo, ui, settings, as_of } = session;
    let outcome = rules::run(&repo, &settings, as_of);
    let evaluated = outcome.evaluated;
    let mut findings = outcome.findings;
    if let Some(rev) = &args.changed_since {
        let changes = crate::load::git::changed_since(&repo.root, rev, repo.config.limits.max_file_bytes)
            .map_err(|e| Fatal(e.to_string()))?;
        findings = changed_only(&repo, findings, &changes);
        if !ui.quiet {
            let n = changes.files.len();
            super::say(&match ui.lang {
                crate::model::Lang::En => {
                    format!("{n} file{} changed since {rev}; showing their findings", if n == 1 { "" } else { "s" })
                }
                crate::model::Lang::ZhCn => format!("自 {rev} 以来有 {n} 个文件变更；仅显示与其相关的发现项"),
            });
        }
    }
    if let Some(shown) = &shown {
        findings
            .retain(|f| repo.sources.get(f.span.file).is_some_and(|file| shown.iter().any(|p| within(&file.path, p))));
    }
    if ui.verbose {
        super::say(&format!(
            "loaded {} records from {} files in {} ms; checked in {} ms",
            repo.records.len(),
            repo.file_count(),
            loaded.as_millis(),
            (started.elapsed() - loaded).as_millis()
        ));
    }

    let mut known = 0;
    if let Some(path) = &args.baseline {
        let baseline = crate::baseline::read(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        let before = findings.len();
        findings = crate::baseline::new_only(findings, &repo.sources, &baseline);
        known = before - findings.len();
    }
    let summary = Summary::of(&findings, repo.records.len(), repo.file_count());
    let as_of = as_of.to_string();
    let configuration = repo.config.disclosure();
    let run = RunView {
        findings: &findings,
        sources: &repo.sources,
        summary,
        lang: ui.lang,
        as_of: &as_of,
        notes: &notes,
        evaluated: &evaluated,
        waivers: &repo.records.waivers,
        deny_warnings: args.deny == Some(Deny::Warnings),
        color: false,
        quiet: ui.quiet,
        configuration: &configuration,
    };
    let format = output::findings_format(&args.format)
        .ok_or_else(|| Fatal(format!("--format {}: unknown format", args.format)))?;
    // Colour only on a terminal: never in a file.
    let text = render(format, &RunView { color: ui.color && args.output.is_none(), ..run });
    emit(&text, args.output.as_deref())?;
    for (name, path) in &args.reports {
        let format = output::findings_format(name).ok_or_else(|| Fatal(format!("--report {name}: unknown format")))?;
        emit(&render(format, &run), Some(path))?;
    }
    if format.name() == output::github::Github.name()
        && let Some(summary_file) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty())
    {
        // A step summary holds 1 MiB: the Markdown findings cut to that size.
        let mut summary = String::new();
        output::markdown::render_within(&run, output::markdown::STEP_SUMMARY_LIMIT, &mut summary);
        append(std::path::Path::new(&summary_file), &summary)?;
    }
    if known > 0 && !ui.quiet {
        super::say(&match ui.lang {
            crate::model::Lang::En => {
                format!("{known} known finding{} of the baseline not shown", if known == 1 { "" } else { "s" })
            }
            crate::model::Lang::ZhCn => format!("基线中已知的 {known} 项发现未显示"),
        });
    }
    let exit = exit_code(&findings, args.deny == Some(Deny::Warnings));
    // The process ends here: freeing millions of small allocations one by one would only
    // delay the exit (a tenth of the run on a large repository).
    std::mem::forget(findings);
    std::mem::forget(repo);
    Ok(exit)
}

/// `itos baseline`: write the fingerprints of every current finding (waived ones included).
pub fn baseline(cli: &Cli, args: &super::args::BaselineArgs) -> Result<ExitStatus, Fatal> {
    let session = Session::open(cli, Needs { history: true, ..Needs::default() })?;
    session.calendar_notes();
    let Session { repo, ui, settings, as_of } = session;
    let findings = rules::run(&repo, &settings, as_of).findings;
    let path = args.output.clone().unwrap_or_else(|| repo.root.join(crate::baseline::FILE_NAME));
    emit(&crate::baseline::write(&findings, &repo.sources), Some(&path))?;
    if !ui.quiet {
        let n = findings.len();
        super::say(&match ui.lang {
            crate::model::Lang::En => format!("wrote {n} finding fingerprints to {}", path.display()),
            crate::model::Lang::ZhCn => format!("已将 {n} 项发现的指纹写入 {}", path.display()),
        });
    }
    Ok(ExitStatus::Clean)
}

/// Append to a file (the GitHub step summary), creating it if needed.
fn append(path: &Path, text: &str) -> Result<(), Fatal> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    file.write_all(text.as_bytes()).map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

fn render(format: &dyn FindingsFormat, run: &RunView<'_>) -> String {
    let mut text = String::new();
    format.render(run, &mut text);
    text
}

/// The findings located in a changed file (primary span or a label), and those pointing at a
/// reference to a record that a changed file defines now or defined at the revision (a
/// deleted Person named by an unchanged change record).
fn changed_only(repo: &Repository, findings: Vec<Finding>, changes: &crate::load::git::Changes) -> Vec<Finding> {
    let in_changed = |file| repo.sources.get(file).is_some_and(|f| changes.files.contains(&f.path));
    let mut ids: std::collections::HashSet<String> = repo
        .records
        .ids()
        .into_iter()
        .filter(|(_, id)| in_changed(id.span.file))
        .map(|(_, id)| id.value.clone())
        .collect();
    let before = Repository::from_texts(&changes.before, crate::config::Config::default());
    ids.extend(before.records.ids().into_iter().map(|(_, id)| id.value.clone()));
    findings
        .into_iter()
        .filter(|f| {
            in_changed(f.span.file)
                || f.labels.iter().any(|l| in_changed(l.span.file))
                || repo.sources.get(f.span.file).is_some_and(|file| ids.contains(file.slice(f.span).trim()))
        })
        .collect()
}

/// 1 when an unwaived error (or, with `--deny warnings`, warning) remains.
pub fn exit_code(findings: &[Finding], deny_warnings: bool) -> ExitStatus {
    let failing = findings.iter().any(|f| f.waived_by.is_none() && (f.severity == Severity::Error || deny_warnings));
    if failing { ExitStatus::Findings } else { ExitStatus::Clean }
}

/// The PATHS arguments as records-root-relative prefixes (`None`: show everything).
fn shown_paths(root: &Path, paths: &[PathBuf]) -> Result<Option<Vec<String>>, Fatal> {
    if paths.is_empty() {
        return Ok(None);
    }
    let root = root.canonicalize()?;
    let mut out = Vec::new();
    for p in paths {
        let abs = p.canonicalize().map_err(|e| Fatal(format!("{}: {e}", p.display())))?;
        let rel = abs
            .strip_prefix(&root)
            .map_err(|_| Fatal(format!("{} is not inside the records repository {}", p.display(), root.display())))?;
        let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push(rel.join("/"));
    }
    Ok(Some(out))
}

fn within(path: &str, prefix: &str) -> bool {
    prefix.is_empty() || path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}
