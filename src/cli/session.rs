//! Global arguments resolved once (ripgrep's "low args → high args"): every command that
//! reads a repository gets it loaded from the work tree or `--at`, with its interface
//! settings, its rule settings, the git history when a history rule runs, and the as-of day,
//! in that order and in one place.

use jiff::civil::Date;

use super::{Cli, Fatal, records_root, ui};
use crate::config::{CONFIG_FILE, Config};
use crate::load::{Repository, worktree_prefix};
use crate::rules::Settings;
use crate::rules::notes::CalendarDataNote;

/// What a command asks of the repository.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Needs<'a> {
    /// `--at REV`: read the records (and itos.toml) of a git revision.
    pub at: Option<&'a str>,
    /// `--rule` and `--skip`.
    pub only: &'a [String],
    pub skip: &'a [String],
    /// Read the git history when an enabled rule needs it.
    pub history: bool,
}

/// A repository ready for a command.
pub(crate) struct Session {
    pub repo: Repository,
    pub ui: super::Ui,
    pub settings: Settings,
    pub as_of: Date,
}

impl Session {
    pub(crate) fn open(cli: &Cli, needs: Needs<'_>) -> Result<Session, Fatal> {
        let (mut repo, ui) = loaded(cli, needs.at)?;
        let settings = Settings::new(&repo.config, needs.only, needs.skip)?;
        if needs.history {
            with_history(cli, &mut repo, &settings, &ui);
        }
        let as_of = as_of_date(cli.as_of.as_deref(), &repo)?;
        Ok(Session { repo, ui, settings, as_of })
    }

    /// Say once, on standard error, which calendars in use lack holiday data for a year
    /// working days are counted in.
    pub(crate) fn calendar_notes(&self) -> Vec<CalendarDataNote> {
        print_calendar_notes(&self.repo, self.as_of, &self.ui)
    }
}

/// Load the repository the command line names — from the work tree, or with `at` from a git
/// revision (itos.toml included) — with the interface settings of its config.
fn loaded(cli: &Cli, at: Option<&str>) -> Result<(Repository, super::Ui), Fatal> {
    if cli.no_git && at.is_some() {
        return Err(Fatal("--at reads a git revision and cannot be combined with --no-git".to_owned()));
    }
    let root = records_root(cli)?;
    let prefix = if cli.no_git { String::new() } else { worktree_prefix(&root) };
    let repo = match at {
        Some(rev) => {
            let snapshot = crate::load::git::Snapshot::open(&root, rev).map_err(|e| Fatal(e.to_string()))?;
            let config = match &cli.config {
                Some(_) => super::config_for(cli, &root, Some(&snapshot.config_text))?,
                None => Config::parse(&snapshot.config_text, &root.join(CONFIG_FILE))
                    .map_err(|e| super::config_fatal(&e, &format!(" (at {rev})")))?,
            };
            Settings::new(&config, &[], &[])?;
            Repository::load_snapshot(&root, config, &prefix, snapshot)
        }
        None => {
            let config = super::config_for(cli, &root, None)?;
            // Settings are checked before loading so that a bad `[rules]` entry exits 2 at once.
            Settings::new(&config, &[], &[])?;
            Repository::load(&root, config, &prefix)
        }
    };
    let ui = ui(cli, Some(&repo.config))?;
    Ok((repo, ui))
}

/// Read the git history when a history rule is enabled, and say once when it is skipped or
/// only partly available (shallow clone).
fn with_history(cli: &Cli, repo: &mut Repository, settings: &Settings, ui: &super::Ui) {
    if !settings.enabled().any(|(r, _)| r.meta().reads_history()) {
        return;
    }
    // The note names the rules that are skipped without history.
    let history_rules: Vec<&str> =
        settings.enabled().filter(|(r, _)| r.meta().reads_history()).map(|(r, _)| r.meta().id).collect();
    let prefix = if cli.no_git { String::new() } else { worktree_prefix(&repo.root) };
    repo.attach_history(cli.no_git, &prefix);
    let list = history_rules.join(", ");
    let note = match &repo.history {
        crate::load::HistoryState::Skipped(why) => {
            let (en, zh) = match why {
                crate::load::HistorySkip::NoGit => ("--no-git", "使用了 --no-git"),
                crate::load::HistorySkip::NotARepository => ("not a git repository", "不在 git 仓库中"),
            };
            Some(crate::model::Msg::new(
                format!("note: history rules {list} skipped ({en})"),
                format!("注意：已跳过历史规则 {list}（{zh}）"),
            ))
        }
        // A repository without commits: the rules run, but have no history to judge yet.
        crate::load::HistoryState::Read(h) if h.commits == 0 => Some(crate::model::Msg::new(
            format!("note: git repository with no commits yet: history rules {list} have no history to judge"),
            format!("注意：git 仓库尚无提交：历史规则 {list} 暂无可判断的历史"),
        )),
        crate::load::HistoryState::Read(h) => h.shallow_from.as_ref().map(|c| {
            let (short, date) = (c.short(), c.date());
            crate::model::Msg::new(
                format!("note: shallow clone: history reaches back to commit {short} ({date}); history rules judge only that range"),
                format!("注意：浅克隆，历史仅追溯到提交 {short}（{date}）；历史规则只判断该范围"),
            )
        }),
        crate::load::HistoryState::NotRead => None,
    };
    if let Some(note) = note.filter(|_| !ui.quiet) {
        super::say(note.get(ui.lang));
    }
    // File versions the walk did not read (over limits.max_file_bytes): one note.
    if let crate::load::HistoryState::Read(h) = &repo.history
        && let Some((path, commit)) = h.oversized.first()
        && !ui.quiet
    {
        use std::io::Write as _;
        let (n, short) = (h.oversized.len(), commit.short());
        let path = crate::output::escape::one_line(&format!("{prefix}{path}"));
        let note = crate::model::Msg::new(
            format!(
                "note: history: {n} file version(s) over limits.max_file_bytes not read, the first {path} in commit {short}; history rules do not judge their records there"
            ),
            format!(
                "注意：历史中有 {n} 个文件版本超过 limits.max_file_bytes 未读取，首个为提交 {short} 中的 {path}；历史规则不判断其中的记录"
            ),
        );
        let _ = writeln!(std::io::stderr(), "{}", note.get(ui.lang));
    }
}

/// The calendars in use whose public-holiday data misses a year working days may be counted
/// in (`rules::notes`), each said once on standard error (not under `--quiet`).
fn print_calendar_notes(repo: &Repository, as_of: Date, ui: &super::Ui) -> Vec<CalendarDataNote> {
    let notes = crate::rules::notes::calendar_data(&crate::context::Context::new(repo, as_of));
    if !ui.quiet {
        for n in &notes {
            super::say(&n.line(ui.lang));
        }
    }
    notes
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
