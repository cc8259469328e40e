//! The command line: parse arguments, wire the layers together, print, and map the outcome
//! to an exit code. No rule logic lives here.

mod args;
mod catalogue;
mod import;
mod report;
mod session;
mod validate;
mod verify;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{ColorChoice, Command};

use crate::config::{CONFIG_FILE, Config};
use crate::model::Lang;

/// Documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No failing findings; a report was produced.
    Clean = 0,
    /// Failing findings.
    Findings = 1,
    /// The command could not do its job.
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(e: ExitStatus) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// A reason the command could not run (exit 2).
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

/// Settings shared by every command.
pub(crate) struct Ui {
    pub lang: Lang,
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitStatus::Error.into() } else { ExitStatus::Clean.into() };
        }
    };
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(Fatal(message)) => {
            say(&format!("error: {message}"));
            ExitStatus::Error.into()
        }
    }
}

pub(crate) fn run(cli: Cli) -> Result<ExitStatus, Fatal> {
    match &cli.command {
        Command::Validate(args) => validate::run(&cli, args),
        Command::Rules(args) => catalogue::rules(&ui(&cli, nearby_config(&cli).as_ref())?, args),
        Command::Explain(args) => catalogue::explain(&ui(&cli, nearby_config(&cli).as_ref())?, args),
        Command::Schema(args) => catalogue::schema(args),
        Command::Report(args::ReportCommand::Gaps(args)) => report::gaps(&cli, args),
        Command::Report(args::ReportCommand::Sla(args)) => report::sla_report(&cli, args),
        Command::Report(args::ReportCommand::Due(args)) => report::due(&cli, args),
        Command::Report(args::ReportCommand::Monthly(args)) => report::monthly(&cli, args),
        Command::Handover(args::HandoverCommand::Checklist(args)) => report::checklist(&cli, args),
        Command::Baseline(args) => validate::baseline(&cli, args),
        Command::Verify(args) => verify::run(&cli, args),
        Command::Import(args::ImportCommand::Incidents(args)) => import::incidents(&cli, args),
        Command::Import(args::ImportCommand::Presets) => import::presets(&cli),
        Command::Import(args::ImportCommand::Preset(args)) => import::preset(args),
        Command::Init(args) => init(&cli, args),
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut <Cli as clap::CommandFactory>::command(), "itos", &mut out);
            emit(&String::from_utf8_lossy(&out), None).map(|()| ExitStatus::Clean)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            emit(&String::from_utf8_lossy(&out), None).map(|()| ExitStatus::Clean)
        }
    }
}

/// `itos init [DIR]`: write the scaffold, refusing to overwrite anything.
fn init(cli: &Cli, args: &args::InitArgs) -> Result<ExitStatus, Fatal> {
    let dir = args.dir.clone().or_else(|| cli.repo.clone()).unwrap_or_else(|| PathBuf::from("."));
    let tz = crate::model::scalar::default_tz();
    let today = match cli.as_of.as_deref() {
        Some(day) => crate::model::scalar::parse_date(day).map_err(|(en, _)| Fatal(format!("--as-of: {en}")))?,
        None => jiff::Timestamp::now().to_zoned_datetime(tz).date(),
    };
    let records_from = match args.records_from.as_deref() {
        Some(day) => crate::model::scalar::parse_date(day).map_err(|(en, _)| Fatal(format!("--records-from: {en}")))?,
        None => today,
    };
    let end = crate::output::scaffold::term_end(today);
    if records_from > end {
        return Err(Fatal(format!(
            "--records-from: {records_from} is after the end of the example term ({today} to {end}); nothing would be judged"
        )));
    }
    let files = crate::output::scaffold::files(today, records_from);
    let shown_dir = crate::output::escape::one_line(&dir.display().to_string());
    // Every target is checked before anything is written: a dangling symlink counts as an
    // existing file, and a folder on the way that is a file or a symlink is refused too.
    let existing: Vec<String> =
        files.iter().filter(|(p, _)| std::fs::symlink_metadata(dir.join(p)).is_ok()).map(|(p, _)| p.clone()).collect();
    if !existing.is_empty() {
        let shown: Vec<String> = existing.iter().take(5).map(|p| crate::output::escape::one_line(p)).collect();
        let more = if existing.len() > 5 { ", …" } else { "" };
        return Err(Fatal(format!(
            "{shown_dir}: not overwriting {} existing file(s): {}{more}; nothing was written",
            existing.len(),
            shown.join(", ")
        )));
    }
    for (path, _) in &files {
        let mut folder = dir.clone();
        for part in Path::new(path).parent().into_iter().flat_map(Path::components) {
            folder.push(part);
            match std::fs::symlink_metadata(&folder) {
                Ok(m) if !m.is_dir() => {
                    return Err(Fatal(format!(
                        "{}: not a folder (a file or a symlink); nothing was written",
                        crate::output::escape::one_line(&folder.display().to_string())
                    )));
                }
                _ => {}
            }
        }
    }
    write_scaffold(&dir, &files)?;
    let ui = ui(cli, None)?;
    if !ui.quiet {
        let message = match ui.lang {
            Lang::En => format!(
                "created a records repository in {} ({} files); next: itos validate -C {}",
                dir.display(),
                files.len(),
                dir.display()
            ),
            Lang::ZhCn => format!(
                "已在 {} 创建记录仓库（{} 个文件）；下一步：itos validate -C {}",
                dir.display(),
                files.len(),
                dir.display()
            ),
        };
        say(&message);
    }
    Ok(ExitStatus::Clean)
}

/// Write the scaffold into a fresh temporary folder inside `dir`, then move each file into
/// place; if a move fails, the files already moved are removed again, so a failure leaves
/// nothing behind.
fn write_scaffold(dir: &Path, files: &[(String, String)]) -> Result<(), Fatal> {
    let shown = |p: &Path| crate::output::escape::one_line(&p.display().to_string());
    let created_dir = !dir.exists();
    std::fs::create_dir_all(dir).map_err(|e| Fatal(format!("{}: {e}", shown(dir))))?;
    let staging = tempfile::Builder::new().prefix(".itos-init-").tempdir_in(dir);
    let staging = staging.map_err(|e| Fatal(format!("{}: {e}", shown(dir))))?;
    for (path, text) in files {
        let tmp = staging.path().join(path);
        if let Some(parent) = tmp.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Fatal(format!("{}: {e}", shown(parent))))?;
        }
        std::fs::write(&tmp, text).map_err(|e| Fatal(format!("{}: {e}", shown(&tmp))))?;
    }
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (path, _) in files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                for ancestor in parent.ancestors().take_while(|a| a.starts_with(dir) && *a != dir) {
                    if !ancestor.exists() {
                        made.push(ancestor.to_path_buf());
                    }
                }
                std::fs::create_dir_all(parent).map_err(|e| Fatal(format!("{}: {e}", shown(parent))))?;
            }
            // Checked again right before the move: nothing appeared there meanwhile.
            if std::fs::symlink_metadata(&target).is_ok() {
                return Err(Fatal(format!("{}: appeared while writing; not overwriting it", shown(&target))));
            }
            std::fs::rename(staging.path().join(path), &target)
                .map_err(|e| Fatal(format!("{}: {e}", shown(&target))))?;
            moved.push(target);
        }
        Ok(())
    })();
    if result.is_err() {
        for f in &moved {
            let _ = std::fs::remove_file(f);
        }
        made.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in &made {
            let _ = std::fs::remove_dir(d);
        }
        drop(staging);
        if created_dir {
            let _ = std::fs::remove_dir(dir);
        }
    }
    result
}

/// The itos.toml of the records repository around, when there is a readable one: the catalogue
/// commands work anywhere, and in a repository they speak its `lang`.
fn nearby_config(cli: &Cli) -> Option<Config> {
    records_root(cli).ok().and_then(|root| config_for(cli, &root, None).ok())
}

/// The configuration a command runs with: `--config FILE` when given (the repository's own
/// itos.toml — from the work tree, or `own_text` read from a revision — then only says the
/// records' `format`), else the repository's itos.toml in the work tree.
pub(crate) fn config_for(cli: &Cli, root: &Path, own_text: Option<&str>) -> Result<Config, Fatal> {
    let Some(path) = &cli.config else { return read_config(root) };
    let config = read_config_file(path)?;
    let own = match own_text {
        Some(text) => Some(text.to_owned()),
        None => std::fs::read_to_string(root.join(CONFIG_FILE)).ok(),
    };
    // Only `format` of the repository's own file counts: it says how its records are written.
    let format =
        own.and_then(|t| t.parse::<toml::Table>().ok()).and_then(|t| t.get("format").and_then(toml::Value::as_integer));
    if let Some(f) = format.filter(|f| *f != 1) {
        return Err(Fatal(format!(
            "{}: record format {f} is not supported; this itos reads format 1",
            root.join(CONFIG_FILE).display()
        )));
    }
    Ok(config)
}

/// Read and parse a configuration file named on the command line.
fn read_config_file(path: &Path) -> Result<Config, Fatal> {
    use std::io::Read as _;
    let shown = crate::output::escape::one_line(&path.display().to_string());
    let fail = |e: std::io::Error| Fatal(format!("--config {shown}: {e}"));
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)).map_err(fail)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Fatal(format!("--config {shown} is larger than 1 MiB; an {CONFIG_FILE} holds a few settings")));
    }
    let text = String::from_utf8(bytes).map_err(|_| Fatal(format!("--config {shown} is not UTF-8")))?;
    Config::parse(&text, path).map_err(|e| config_fatal(&e, ""))
}

pub(crate) fn ui(cli: &Cli, config: Option<&Config>) -> Result<Ui, Fatal> {
    // An empty ITOS_LANG counts as unset.
    let given = cli.lang.clone().filter(|l| !l.trim().is_empty());
    let lang_text = given.or_else(|| config.and_then(|c| c.lang.clone()));
    let lang = match lang_text {
        Some(l) => Lang::parse(&l).ok_or_else(|| Fatal(format!("unknown language `{l}`; use `en` or `zh-CN`")))?,
        None => Lang::En,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    Ok(Ui { lang, color, quiet: cli.quiet, verbose: cli.verbose })
}

/// The records root: `-C DIR`, or the nearest ancestor of the working directory with itos.toml.
pub(crate) fn records_root(cli: &Cli) -> Result<PathBuf, Fatal> {
    match &cli.repo {
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Fatal(format!("{}: no such folder", dir.display())));
            }
            if !dir.join(CONFIG_FILE).is_file() {
                return Err(Fatal(format!(
                    "{} has no {CONFIG_FILE}; run `itos init {}` to start a records repository there",
                    dir.display(),
                    dir.display()
                )));
            }
            Ok(dir.clone())
        }
        None => {
            let cwd = std::env::current_dir()?;
            crate::load::find_root(&cwd).ok_or_else(|| {
                Fatal(format!(
                    "no {CONFIG_FILE} in {} or any folder above it; run `itos init` to create one, or pass -C DIR",
                    cwd.display()
                ))
            })
        }
    }
}

/// The largest itos.toml read (a real one is a few hundred bytes).
pub(crate) const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Read and parse `root/itos.toml`. A symlink that leads out of the repository is refused
/// (nothing outside the repository is read, nor any of it echoed), and so is a file larger
/// than [`MAX_CONFIG_BYTES`].
pub(crate) fn read_config(root: &Path) -> Result<Config, Fatal> {
    use std::io::Read as _;
    let path = root.join(CONFIG_FILE);
    let shown = crate::output::escape::one_line(&path.display().to_string());
    let fail = |e: std::io::Error| Fatal(format!("{shown}: {e}"));
    if std::fs::symlink_metadata(&path).map_err(fail)?.file_type().is_symlink() {
        let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(root)) {
            (Ok(target), Ok(root)) => target.starts_with(root),
            _ => false,
        };
        if !inside {
            return Err(Fatal(format!(
                "{shown} is a symlink leading out of the repository; itos reads no configuration from outside it"
            )));
        }
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path).and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)).map_err(fail)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Fatal(format!("{shown} is larger than 1 MiB; an {CONFIG_FILE} holds a few settings")));
    }
    let text = String::from_utf8(bytes).map_err(|_| Fatal(format!("{shown} is not UTF-8")))?;
    Config::parse(&text, &path).map_err(|e| config_fatal(&e, ""))
}

/// Every problem of itos.toml on its own `error:` line, each followed by `suffix`.
pub(crate) fn config_fatal(e: &crate::config::ConfigError, suffix: &str) -> Fatal {
    let lines: Vec<String> = e.lines().map(|line| format!("{line}{suffix}")).collect();
    Fatal(lines.join("\nerror: "))
}

/// Write one message (one line or several) to standard error, made safe for a terminal and a
/// CI log by [`crate::output::escape::terminal_lines`]: the one way itos writes to stderr.
pub(crate) fn say(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::output::escape::terminal_lines(text));
}

/// Write command output to stdout or, with `--output`, atomically to a file. A closed pipe
/// (`itos rules | head`) is not an error.
pub(crate) fn emit(text: &str, output: Option<&Path>) -> Result<(), Fatal> {
    emit_bytes(text.as_bytes(), output)
}

/// `emit` for any bytes (a Word file).
pub(crate) fn emit_bytes(bytes: &[u8], output: Option<&Path>) -> Result<(), Fatal> {
    match output {
        Some(path) => {
            crate::output::write_atomically(path, bytes).map_err(|e| Fatal(format!("{}: {e}", path.display())))
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Fatal(e.to_string())),
                _ => Ok(()),
            }
        }
    }
}
