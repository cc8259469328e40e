//! `itos import …`: wire the import (which decides) to the files it writes (here), safely:
//! the output folder must lie inside the repository with no symlink on the way, every file is
//! written to an exclusive temporary file and renamed into place, and nothing is written
//! unless the whole import succeeded.

use std::path::{Component, Path, PathBuf};

use super::args::{ImportFormat, ImportIncidentsArgs, ImportPresetArgs};
use super::session::{Needs, Session};
use super::{Cli, ExitStatus, Fatal, emit, records_root};
use crate::import::mapping::Mapping;
use crate::import::{Failure, Plan, Request, Targets, presets};
use crate::model::Lang;

pub fn presets(cli: &Cli) -> Result<ExitStatus, Fatal> {
    let ui = super::ui(cli, None)?;
    let width = presets::PRESETS.iter().map(|(n, _, _)| n.len()).max().unwrap_or(0);
    let mut text = String::new();
    for (name, what, _) in presets::PRESETS {
        text.push_str(&format!("{name:width$}  {what}\n"));
    }
    text.push_str(match ui.lang {
        Lang::En => "\nPrint one with `itos import preset NAME`, edit it, and pass it with --mapping.\n",
        Lang::ZhCn => "\n用 `itos import preset 名称` 打印预置映射，修改后通过 --mapping 传入。\n",
    });
    emit(&text, None).map(|()| ExitStatus::Clean)
}

pub fn preset(args: &ImportPresetArgs) -> Result<ExitStatus, Fatal> {
    match presets::get(&args.name) {
        Some(text) => emit(text, None).map(|()| ExitStatus::Clean),
        None => {
            let names: Vec<&str> = presets::PRESETS.iter().map(|(n, _, _)| *n).collect();
            Err(Fatal(format!("no preset `{}`; the presets are: {}", args.name, names.join(", "))))
        }
    }
}

pub fn incidents(cli: &Cli, args: &ImportIncidentsArgs) -> Result<ExitStatus, Fatal> {
    let (text, path, label) = match (&args.preset, &args.mapping) {
        (Some(name), _) => {
            let text = presets::get(name).ok_or_else(|| {
                let names: Vec<&str> = presets::PRESETS.iter().map(|(n, _, _)| *n).collect();
                Fatal(format!("no preset `{name}`; the presets are: {}", names.join(", ")))
            })?;
            (text.to_owned(), PathBuf::from(format!("preset {name}")), format!("preset {name}"))
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
            let label =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            (text, path.clone(), label)
        }
        (None, None) => return Err(Fatal("give --preset NAME or --mapping FILE".to_owned())),
    };
    let mapping = Mapping::parse(&text, &path).map_err(|e| super::config_fatal(&e, ""))?;
    let root = records_root(cli)?;
    let session = Session::open(cli, Needs::default())?;
    let ui = session.ui;
    let out = output_folder(&root, args.out.as_deref(), &mapping.name)?;
    let request = Request {
        files: args.files.clone(),
        mapping,
        mapping_label: label,
        mapping_sha256: crate::load::evidence::sha256_of(&mut text.as_bytes())?,
        engagement: args.engagement.clone(),
        service: args.service.clone(),
        out: out.clone(),
        replace_all: args.replace_all,
    };
    let targets = Targets::of(&session.repo);
    let limits = &session.repo.config.limits;
    let max_items = usize::try_from(limits.max_items_per_batch).unwrap_or(usize::MAX).max(1);
    let max_bytes = usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX);
    let started = std::time::Instant::now();
    let lap = |what: &str| {
        if ui.verbose {
            super::say(&format!("import: {what} after {:.2} s", started.elapsed().as_secs_f64()));
        }
    };
    let (mut summary, plan) =
        crate::import::run(&request, &targets, &root, max_items, max_bytes).map_err(|e| failure(&e))?;
    lap("read and planned");
    // The repository as it will be, loaded once: the written files must load, and the
    // months imported are reconciled from it (also under --dry-run).
    let after = repository_after(&root, &out, &plan, &session.repo.config);
    check_loadable(&after, &out)?;
    lap("checked the files load");
    summary.reconciliation = reconciliation(&after, &summary, session.as_of);
    lap("reconciled");
    summary.dry_run = args.dry_run;
    if !args.dry_run {
        execute(&root, &out, &plan)?;
        lap("written");
    }
    let text = match args.format {
        // `-q`: the exit status says it; the JSON summary is asked for explicitly.
        ImportFormat::Human if ui.quiet => String::new(),
        ImportFormat::Human => crate::output::import::human(&summary, ui.lang),
        ImportFormat::Json => crate::output::import::json(&summary),
    };
    emit(&text, None).map(|()| ExitStatus::Clean)
}

/// The repository with the plan applied, in memory.
fn repository_after(root: &Path, out: &Path, plan: &Plan, config: &crate::config::Config) -> crate::load::Repository {
    let rel = |name: &str| {
        let mut parts: Vec<String> = out.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        parts.push(name.to_owned());
        parts.join("/")
    };
    let mut changes = std::collections::BTreeMap::new();
    for (name, text) in &plan.write {
        changes.insert(rel(name), Some(text.clone()));
    }
    for name in &plan.remove {
        changes.insert(rel(name), None);
    }
    crate::load::Repository::load_with_changes(root, config.clone(), "", &changes)
}

/// The imported months judged with the ITSM's verdicts (`report sla --reconcile`).
fn reconciliation(
    repo: &crate::load::Repository,
    summary: &crate::import::Summary,
    as_of: jiff::civil::Date,
) -> Vec<crate::import::MonthReconciliation> {
    use crate::report::sla_report;
    let mut out = Vec::new();
    for month in summary.tickets_per_month.keys() {
        let Ok(first) = jiff::civil::Date::strptime("%Y-%m-%d", format!("{month}-01")) else { continue };
        if first > as_of {
            continue;
        }
        let request = sla_report::Request {
            month: first,
            as_of,
            engagement: None,
            service: None,
            months: Some(0),
            reconcile: true,
            register: false,
        };
        let Ok(report) = sla_report::build(repo, &request, crate::report::provenance::Provenance::default()) else {
            continue;
        };
        let (mut compared, mut mismatching) = (0, 0);
        for r in report.engagements.iter().flat_map(|e| &e.services).filter_map(|s| s.reconciliation.as_ref()) {
            compared += r.compared as u64;
            mismatching += r.mismatching as u64;
        }
        if compared > 0 {
            out.push(crate::import::MonthReconciliation { month: month.clone(), compared, mismatching });
        }
    }
    out
}

fn failure(e: &Failure) -> Fatal {
    Fatal(e.to_string().replace('\n', "\nerror: "))
}

/// The output folder relative to the repository root: `--out` (relative to the working
/// folder, or absolute) must lie inside the root; no `..`.
fn output_folder(root: &Path, out: Option<&Path>, source: &str) -> Result<PathBuf, Fatal> {
    let Some(out) = out else {
        return Ok(PathBuf::from("incidents").join("imported").join(source));
    };
    // Relative to the repository root, like the default (with -C the working folder is
    // often elsewhere).
    let absolute = if out.is_absolute() { out.to_path_buf() } else { root.join(out) };
    let absolute = if absolute.is_absolute() { absolute } else { std::env::current_dir()?.join(absolute) };
    let root_abs = std::fs::canonicalize(root)?;
    // The folder may not exist yet: canonicalize the deepest part that does.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(&existing).is_err() {
        let Some(name) = existing.file_name() else { break };
        rest.push(name.to_owned());
        if !existing.pop() {
            break;
        }
    }
    let mut full = std::fs::canonicalize(&existing).map_err(|e| Fatal(format!("{}: {e}", out.display())))?;
    for part in rest.iter().rev() {
        full.push(part);
    }
    let inside = full
        .strip_prefix(&root_abs)
        .ok()
        .filter(|r| !r.as_os_str().is_empty() && r.components().all(|c| matches!(c, Component::Normal(_))));
    inside.map(Path::to_path_buf).ok_or_else(|| {
        Fatal(format!(
            "--out {}: must be a folder inside the records repository ({}); import writes nowhere else",
            out.display(),
            root.display()
        ))
    })
}

/// The files about to be written must load without GEN-001/003: an import never writes a
/// record `validate` cannot read.
fn check_loadable(after: &crate::load::Repository, out: &Path) -> Result<(), Fatal> {
    let folder: Vec<String> = out.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let folder = folder.join("/") + "/";
    let broken: Vec<String> = after
        .findings
        .iter()
        .filter(|f| matches!(f.rule, "GEN-001" | "GEN-003"))
        .filter_map(|f| {
            let (file, lc, _) = after.sources.locate(f.span)?;
            file.path
                .starts_with(&folder)
                .then(|| format!("{}:{}:{}: {}: {}", file.path, lc.line, lc.col, f.rule, f.message.en))
        })
        .take(5)
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Fatal(format!(
            "the records import would write do not load (this is a bug in itos; nothing was written): {}",
            broken.join("; ")
        )))
    }
}

/// Create the folder (each part a real folder, never a link), write each file through an
/// exclusive temporary file and a rename, then remove the files the import no longer makes.
fn execute(root: &Path, out: &Path, plan: &Plan) -> Result<(), Fatal> {
    let mut dir = root.to_path_buf();
    for part in out.components() {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Fatal(format!(
                    "{}: not a folder (a file or a symlink); import writes only inside real folders of the repository",
                    dir.display()
                )));
            }
            Err(_) => std::fs::create_dir(&dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?,
        }
    }
    for (name, text) in &plan.write {
        crate::output::replace_file(&dir.join(name), text.as_bytes())
            .map_err(|e| Fatal(format!("{}: {e}", dir.join(name).display())))?;
    }
    for name in &plan.remove {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        }
    }
    Ok(())
}
