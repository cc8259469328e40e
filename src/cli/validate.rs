//! `itos validate`: load, run the rules, print findings, exit 0 / 1 / 2.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::Date;

use super::args::{Deny, FindingsFormat, ValidateArgs};
use super::{Cli, Exit, Fatal, emit, read_config, records_root, ui};
use crate::load::{Repository, worktree_prefix};
use crate::model::{Finding, Severity};
use crate::output::{Summary, human, json};
use crate::rules::{self, Settings};

pub fn run(cli: &Cli, args: &ValidateArgs) -> Result<Exit, Fatal> {
    let root = records_root(cli)?;
    let config = read_config(&root)?;
    let ui = ui(cli, Some(&config))?;
    let settings = Settings::new(&config, &args.rules, &args.skip)?;
    let shown = shown_paths(&root, &args.paths)?;
    let prefix = if cli.no_git { String::new() } else { worktree_prefix(&root) };

    let started = Instant::now();
    let repo = Repository::load(&root, config, &prefix);
    let loaded = started.elapsed();
    let as_of = as_of_date(cli.as_of.as_deref(), &repo)?;
    let mut findings = rules::run(&repo, &settings, as_of).findings;
    if let Some(shown) = &shown {
        findings
            .retain(|f| repo.sources.get(f.span.file).is_some_and(|file| shown.iter().any(|p| within(&file.path, p))));
    }
    if ui.verbose {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "loaded {} records from {} files in {} ms; checked in {} ms",
            repo.records.len(),
            repo.file_count(),
            loaded.as_millis(),
            (started.elapsed() - loaded).as_millis()
        );
    }

    let summary = Summary::of(&findings, repo.records.len(), repo.file_count());
    let text = match args.format {
        FindingsFormat::Human => {
            let style = human::Style { color: ui.color && args.output.is_none(), unicode: true, width: 100 };
            let mut text = human::render(&findings, &repo.sources, &summary, ui.lang, style);
            if ui.quiet {
                // Findings only: drop the summary line.
                let cut = text.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
                text.truncate(cut);
            }
            text
        }
        FindingsFormat::Json => json::render(&findings, &repo.sources, &summary, &as_of.to_string(), ui.lang),
    };
    emit(&text, args.output.as_deref())?;
    Ok(exit_code(&findings, args.deny == Some(Deny::Warnings)))
}

/// Load the repository the command line names, with the interface settings of its config.
pub(crate) fn loaded(cli: &Cli) -> Result<(Repository, super::Ui), Fatal> {
    let root = records_root(cli)?;
    let config = read_config(&root)?;
    let ui = ui(cli, Some(&config))?;
    // Settings are checked before loading so that a bad `[rules]` entry exits 2 at once.
    Settings::new(&config, &[], &[])?;
    let prefix = if cli.no_git { String::new() } else { worktree_prefix(&root) };
    Ok((Repository::load(&root, config, &prefix), ui))
}

/// 1 when an unwaived error (or, with `--deny warnings`, warning) remains.
pub fn exit_code(findings: &[Finding], deny_warnings: bool) -> Exit {
    let failing = findings.iter().any(|f| f.waived_by.is_none() && (f.severity == Severity::Error || deny_warnings));
    if failing { Exit::Findings } else { Exit::Clean }
}

/// `--as-of`, else `as_of` in itos.toml, else today in the time zone of the engagement (`default_engagement`, or the
/// only one), else Asia/Shanghai.
pub(crate) fn as_of_date(flag: Option<&str>, repo: &Repository) -> Result<Date, Fatal> {
    if let Some(text) = flag {
        return crate::model::scalar::parse_date(text).map_err(|(en, _)| Fatal(format!("--as-of: {en}")));
    }
    if let Some(day) = repo.config.as_of {
        return Ok(day);
    }
    let engagements = &repo.records.engagements;
    let chosen = repo
        .config
        .default_engagement
        .as_deref()
        .and_then(|id| engagements.iter().find(|e| e.id.value == id))
        .or(if engagements.len() == 1 { engagements.first() } else { None });
    let tz = chosen.map_or_else(crate::model::scalar::default_tz, |e| e.tz());
    Ok(jiff::Timestamp::now().to_zoned_datetime(tz).date())
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
