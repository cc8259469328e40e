//! Loading a records repository: find the files, read and parse each exactly once (in
//! parallel), decode records, then index them by kind and id. Problems with a file become
//! findings for that file; every other file is still loaded.

pub mod digest;
pub mod documents;
pub mod evidence;
pub mod git;
pub mod history;
pub mod index;
pub mod reports;
pub mod text;
pub mod trust;
pub mod walk;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::calendar::Calendars;
use crate::config::{CONFIG_FILE, Config, Limits};
use crate::model::kinds::{Record, Records, TimeBasis};
use crate::model::{FileId, Finding, Severity, SourceFile, SourceMap, Span};
use crate::msg;

pub use index::Index;

pub const GEN_008: &str = "GEN-008";
/// A field of a record that cannot be decoded (the decoder's problems, reported here).
pub const GEN_003: &str = "GEN-003";

/// Everything loaded from a records repository.
#[derive(Debug)]
pub struct Repository {
    pub root: PathBuf,
    pub config: Config,
    pub sources: SourceMap,
    pub records: Records,
    /// GEN-001/002/003/008 findings raised while loading.
    pub findings: Vec<Finding>,
    pub index: Index,
    /// Set when the records were read from a git revision (`--at REV`) instead of the work tree.
    pub snapshot: Option<std::sync::Arc<git::Snapshot>>,
    /// The records' git history, once [`Repository::attach_history`] has read it.
    pub history: HistoryState,
    /// Working calendars by id (built-ins and Calendar records).
    pub calendars: Calendars,
    /// The `defaults` mappings of batch files, in file order.
    pub defaults: Vec<Span>,
    /// `exclude` globs of itos.toml that match files which held records in the git history
    /// (GEN-009), found by [`Repository::attach_history`].
    pub hidden: Vec<Hidden>,
    /// The sources read from the records (the first ones): later sources are texts the
    /// history walk or GEN-009 added, which are no input of a report.
    pub loaded: usize,
    /// GIT-004's facts about the ServiceReports' `commit`s, found by [`Repository::attach_history`].
    pub report_commits: Vec<reports::ReportCommit>,
    /// GIT-005's facts: customer decisions not introduced by a trusted signed commit.
    pub unauthenticated: Vec<trust::Unauthenticated>,
}

/// An `exclude` glob that hides files which held records at some commit.
#[derive(Clone, Debug)]
pub struct Hidden {
    pub glob: String,
    /// The glob in itos.toml (a source added for it).
    pub span: Span,
    /// The files it matches, records-root-relative, sorted.
    pub files: Vec<String>,
}

/// Whether the history rules have a history to judge.
#[derive(Clone, Debug, Default)]
pub enum HistoryState {
    /// In-memory repositories, and commands that do not judge history.
    #[default]
    NotRead,
    Skipped(HistorySkip),
    Read(Box<history::History>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistorySkip {
    NoGit,
    NotARepository,
}

/// Find the records root: `dir` itself, or its nearest ancestor holding `itos.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|d| d.join(CONFIG_FILE).is_file()).map(Path::to_path_buf)
}

/// The prefix that turns a records-root-relative path into a git-work-tree-relative one
/// (empty when the root is the work tree's top, or not in a git work tree).
pub fn worktree_prefix(root: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for dir in root.ancestors() {
        if dir.join(".git").exists() {
            let rel = root.strip_prefix(dir).unwrap_or(Path::new(""));
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            return if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) };
        }
    }
    String::new()
}

fn file_id(i: usize) -> FileId {
    FileId(u32::try_from(i).unwrap_or(u32::MAX))
}

/// One file's outcome, produced in parallel and merged in path order.
struct FileLoad {
    source: SourceFile,
    decoded: documents::Decoded,
    findings: Vec<Finding>,
}

fn load_file(id: FileId, candidate: &walk::Candidate, prefix: &str, limits: &Limits) -> FileLoad {
    let (rel, abs) = match candidate {
        walk::Candidate::File { rel, abs } => (rel.clone(), Some(abs)),
        walk::Candidate::Refused { rel, .. } => (rel.clone(), None),
    };
    let display = format!("{prefix}{rel}");
    let fail = |text: String, offset: usize, message| {
        let source = SourceFile::new(rel.clone(), display.clone(), Arc::from(text));
        FileLoad {
            source,
            decoded: documents::Decoded::default(),
            findings: vec![yaml::gen001(id, offset, offset, message)],
        }
    };
    let Some(abs) = abs else {
        return fail(
            String::new(),
            0,
            msg!("symbolic link pointing outside the repository; not followed", "符号链接指向仓库之外；未读取"),
        );
    };
    let size = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
    if size > limits.max_file_bytes {
        let (mib, max) = (size as f64 / 1_048_576.0, limits.max_file_bytes as f64 / 1_048_576.0);
        return fail(
            String::new(),
            0,
            msg!(
                "file is {mib:.1} MiB, over the limit of {max:.1} MiB (limits.max_file_bytes); not read",
                "文件大小 {mib:.1} MiB，超过上限 {max:.1} MiB（`limits.max_file_bytes`）；未读取"
            ),
        );
    }
    match std::fs::read(abs) {
        Ok(bytes) => load_bytes(id, rel, display, &bytes, limits),
        Err(e) => {
            let e = e.to_string();
            fail(String::new(), 0, msg!("cannot read the file: {e}", "无法读取文件：{e}"))
        }
    }
}

/// A file that is reported (GEN-001) instead of read.
fn refused(id: FileId, rel: &str, prefix: &str, message: crate::model::Msg) -> FileLoad {
    let source = SourceFile::new(rel.to_owned(), format!("{prefix}{rel}"), Arc::from(String::new()));
    FileLoad { source, decoded: documents::Decoded::default(), findings: vec![yaml::gen001(id, 0, 0, message)] }
}

/// Decode, parse and decode records of one file's bytes.
fn load_bytes(id: FileId, rel: String, display: String, bytes: &[u8], limits: &Limits) -> FileLoad {
    let (text, problem) = text::decode(bytes);
    if let Some(problem) = problem {
        let source = SourceFile::new(rel, display, Arc::from(text));
        let finding = yaml::gen001(id, problem.offset, problem.offset, problem.message);
        return FileLoad { source, decoded: documents::Decoded::default(), findings: vec![finding] };
    }
    let text: Arc<str> = Arc::from(text);
    let mut findings = Vec::new();
    let decoded = {
        let parsed = yaml::parse(&text, id, limits);
        findings.extend(parsed.findings);
        let mut decoded = documents::records_of(parsed.documents, id, limits, &mut findings);
        let omitted = parsed.omitted.into_iter().chain(decoded.omitted.take()).collect();
        crate::model::finding::cap_per_file(&mut findings, omitted, |_| true);
        decoded
    };
    FileLoad { source: SourceFile::new(rel, display, text), decoded, findings }
}

impl Repository {
    /// Load every record file below `root`. Paths are shown with `display_prefix` in front
    /// (see [`worktree_prefix`]).
    pub fn load(root: &Path, config: Config, display_prefix: &str) -> Repository {
        let exclude = walk::exclude_set(&config.exclude);
        let candidates = walk::walk(root, &exclude);
        let limits = &config.limits;
        let loads: Vec<FileLoad> =
            candidates.par_iter().enumerate().map(|(i, c)| load_file(file_id(i), c, display_prefix, limits)).collect();
        Self::assemble(root, config, loads)
    }

    /// Load every record file below `root` as it would be after `changes` (path relative to
    /// the root, `/`-separated → new text, or `None` for a file to be removed): what an
    /// import is about to write is judged before a byte is written.
    pub fn load_with_changes(
        root: &Path,
        config: Config,
        display_prefix: &str,
        changes: &std::collections::BTreeMap<String, Option<String>>,
    ) -> Repository {
        let exclude = walk::exclude_set(&config.exclude);
        let candidates: Vec<walk::Candidate> = walk::walk(root, &exclude)
            .into_iter()
            .filter(|c| {
                let rel = match c {
                    walk::Candidate::File { rel, .. } | walk::Candidate::Refused { rel, .. } => rel,
                };
                !changes.contains_key(rel)
            })
            .collect();
        let added: Vec<(&String, &String)> = changes.iter().filter_map(|(p, t)| t.as_ref().map(|t| (p, t))).collect();
        let limits = &config.limits;
        let mut loads: Vec<FileLoad> =
            candidates.par_iter().enumerate().map(|(i, c)| load_file(file_id(i), c, display_prefix, limits)).collect();
        let more: Vec<FileLoad> = added
            .par_iter()
            .enumerate()
            .map(|(i, (rel, text))| {
                load_bytes(
                    file_id(candidates.len() + i),
                    (*rel).clone(),
                    format!("{display_prefix}{rel}"),
                    text.as_bytes(),
                    limits,
                )
            })
            .collect();
        loads.extend(more);
        Self::assemble(root, config, loads)
    }

    /// Load the records as they were at a git revision (`--at REV`): the same files the
    /// work-tree walk would read, from the revision's tree, with the same spans.
    pub fn load_snapshot(root: &Path, config: Config, display_prefix: &str, snapshot: git::Snapshot) -> Repository {
        let exclude = walk::exclude_set(&config.exclude);
        let files = snapshot.record_files(&exclude, config.limits.max_file_bytes);
        let limits = &config.limits;
        let loads: Vec<FileLoad> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let id = file_id(i);
                match f {
                    git::TreeFile::Blob { rel, bytes } => {
                        load_bytes(id, rel.clone(), format!("{display_prefix}{rel}"), bytes, limits)
                    }
                    git::TreeFile::Link { rel } => refused(
                        id,
                        rel,
                        display_prefix,
                        msg!("symbolic link; not followed when reading a revision", "符号链接；读取历史版本时不跟随"),
                    ),
                    git::TreeFile::TooLarge { rel, size } => {
                        let (mib, max) = (*size as f64 / 1_048_576.0, limits.max_file_bytes as f64 / 1_048_576.0);
                        refused(
                            id,
                            rel,
                            display_prefix,
                            msg!(
                                "file is {mib:.1} MiB, over the limit of {max:.1} MiB (limits.max_file_bytes); not read",
                                "文件大小 {mib:.1} MiB，超过上限 {max:.1} MiB（`limits.max_file_bytes`）；未读取"
                            ),
                        )
                    }
                }
            })
            .collect();
        let mut repo = Self::assemble(root, config, loads);
        repo.snapshot = Some(std::sync::Arc::new(snapshot));
        repo
    }

    /// Load records from in-memory files `(path, text)` (rule examples, tests, fuzzing).
    pub fn from_texts(files: &[(String, String)], config: Config) -> Repository {
        Self::from_memory(files.iter().map(|(p, t)| (p, t.as_bytes())), config)
    }

    /// Load records from in-memory files given as raw bytes (any encoding, as on disk):
    /// fuzzing and hostile-input tests.
    pub fn from_bytes(files: &[(String, Vec<u8>)], config: Config) -> Repository {
        Self::from_memory(files.iter().map(|(p, b)| (p, b.as_slice())), config)
    }

    fn from_memory<'f>(files: impl Iterator<Item = (&'f String, &'f [u8])>, config: Config) -> Repository {
        let loads: Vec<FileLoad> = files
            .enumerate()
            .map(|(i, (path, bytes))| load_bytes(file_id(i), path.clone(), path.clone(), bytes, &config.limits))
            .collect();
        Self::assemble(Path::new(""), config, loads)
    }

    fn assemble(root: &Path, config: Config, loads: Vec<FileLoad>) -> Repository {
        let mut sources = SourceMap::default();
        let mut findings = Vec::new();
        let mut loaded = Vec::new();
        let mut floating_files = Vec::new();
        let mut broken = Vec::new();
        let mut defaults = Vec::new();
        for (i, load) in loads.into_iter().enumerate() {
            defaults.extend(load.decoded.defaults);
            sources.add(load.source);
            findings.extend(load.findings);
            if let Some(span) = load.decoded.floating {
                floating_files.push((i, span));
            }
            loaded.extend(load.decoded.records);
            broken.extend(load.decoded.broken);
        }
        let zones = fix_floating_times(&mut loaded);
        for (file, span) in floating_files {
            let zone = zones.iter().find(|(f, _)| *f == file).map_or("Asia/Shanghai", |(_, z)| z.as_str());
            findings.push(
                Finding::new(
                    GEN_008,
                    Severity::Warning,
                    span,
                    msg!(
                        "timestamp without a UTC offset; such timestamps in this file are read in {zone}",
                        "时间戳缺少时区偏移；本文件中此类时间戳按 {zone} 解读"
                    ),
                )
                .with_help(msg!(
                    "write the offset, e.g. `2026-10-03T09:12:00+08:00`",
                    "请写明时区偏移，例如 `2026-10-03T09:12:00+08:00`"
                )),
            );
        }
        let mut records = Records::default();
        let mut counts = vec![0usize; crate::model::Kind::ALL.len()];
        for l in &loaded {
            counts[l.record.kind() as usize] += 1;
        }
        for (kind, n) in crate::model::Kind::ALL.iter().zip(counts) {
            records.reserve(*kind, n);
        }
        let mut bad_paths = Vec::new();
        for l in loaded {
            if !l.bad_paths.is_empty() {
                bad_paths.push((l.record.kind(), l.record.id().value.clone(), l.bad_paths));
            }
            records.push(l.record);
        }
        let mut index = Index::build(&records, broken);
        index.set_bad_paths(bad_paths);
        let calendars = Calendars::build(&records);
        let sources_len = sources.len();
        Repository {
            root: root.to_path_buf(),
            config,
            sources,
            records,
            findings,
            index,
            snapshot: None,
            history: HistoryState::NotRead,
            calendars,
            defaults,
            hidden: Vec::new(),
            loaded: sources_len,
            report_commits: Vec::new(),
            unauthenticated: Vec::new(),
        }
    }

    /// Read the git history for the history rules (one walk), unless `no_git`. A record
    /// deleted in the history gets its last text added as a source, so that its finding can
    /// show it.
    pub fn attach_history(&mut self, no_git: bool, display_prefix: &str) {
        if no_git {
            self.history = HistoryState::Skipped(HistorySkip::NoGit);
            return;
        }
        let from = self.snapshot.as_ref().map(|s| s.commit.clone());
        let Some(mut walked) = history::walk(&self.root, from.as_deref(), &self.config.limits) else {
            self.history = HistoryState::Skipped(HistorySkip::NotARepository);
            return;
        };
        let mut deleted = Vec::new();
        for event in &walked.events {
            if let history::Event::Deleted { before, text, .. } = event {
                let id = self.sources.add(SourceFile::new(
                    before.file.clone(),
                    format!("{display_prefix}{}", before.file),
                    Arc::from(text.as_str()),
                ));
                deleted.push(id);
            }
        }
        walked.deleted_sources = deleted;
        self.hidden = self.hidden_by_exclude(&walked.record_files, display_prefix);
        self.report_commits = reports::check(self, from.as_deref());
        self.unauthenticated = trust::check(self, &walked);
        self.history = HistoryState::Read(Box::new(walked));
    }

    /// The `exclude` globs matching files that held records in the history (one pass over
    /// the files, each matched against every glob at once).
    fn hidden_by_exclude(
        &mut self,
        record_files: &std::collections::BTreeSet<String>,
        display_prefix: &str,
    ) -> Vec<Hidden> {
        let globs = &self.config.exclude;
        if globs.is_empty() || record_files.is_empty() {
            return Vec::new();
        }
        let mut builder = globset::GlobSetBuilder::new();
        // The glob each entry of the set stands for (`dir/**` also matches the folder).
        let mut owner = Vec::new();
        for (i, glob) in globs.iter().enumerate() {
            if let Ok(g) = globset::Glob::new(glob) {
                builder.add(g);
                owner.push(i);
            }
        }
        let Ok(set) = builder.build() else { return Vec::new() };
        let mut files: Vec<Vec<String>> = vec![Vec::new(); globs.len()];
        for path in record_files {
            let mut matched: Vec<usize> =
                set.matches(path.as_str()).into_iter().filter_map(|m| owner.get(m).copied()).collect();
            matched.dedup();
            for i in matched {
                files[i].push(path.clone());
            }
        }
        if files.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let file = self.sources.add(SourceFile::new(
            CONFIG_FILE.to_owned(),
            format!("{display_prefix}{CONFIG_FILE}"),
            std::sync::Arc::clone(&self.config.text),
        ));
        globs
            .iter()
            .zip(files)
            .zip(&self.config.exclude_spans)
            .filter(|((_, files), _)| !files.is_empty())
            .map(|((glob, files), at)| Hidden { glob: glob.clone(), span: Span::new(file, at.start, at.end), files })
            .collect()
    }

    /// The SHA-256 of this run's inputs: the configuration in use and every record file read
    /// ([`digest::inputs_digest`]).
    pub fn inputs_sha256(&self) -> String {
        digest::digest(
            &self.config.text,
            self.sources.iter().take(self.loaded).map(|(_, f)| (f.path.as_str(), &*f.text)),
        )
    }

    pub fn file_count(&self) -> usize {
        self.sources.len()
    }
}

/// Re-read offset-less timestamps in the zone records.md names: the Sla's for incidents,
/// the Engagement's for everything else. Returns the zone used first in each file.
fn fix_floating_times(loaded: &mut [documents::Loaded]) -> Vec<(usize, String)> {
    use std::collections::HashMap;
    let mut engagement_tz: HashMap<String, (String, jiff::tz::TimeZone)> = HashMap::new();
    let mut sla_tz: HashMap<(Option<String>, String), (String, jiff::tz::TimeZone)> = HashMap::new();
    let mut engagements = 0;
    for l in loaded.iter() {
        match &l.record {
            Record::Engagement(e) => {
                engagements += 1;
                engagement_tz.entry(e.id.value.clone()).or_insert((e.timezone_name().to_owned(), e.tz()));
            }
            Record::Sla(s) => {
                let key = (s.engagement.as_ref().map(|e| e.value.clone()), s.service.value.clone());
                sla_tz.entry(key).or_insert((s.timezone.name.clone(), s.timezone.zone.clone()));
            }
            _ => {}
        }
    }
    let only_engagement = (engagements == 1).then(|| engagement_tz.keys().next().cloned()).flatten();
    // A record without `engagement:` belongs to its parent's (RestoreTest → BackupPolicy).
    let wanted: std::collections::HashSet<(crate::model::Kind, String)> = loaded
        .iter()
        .filter(|l| l.floating_times && l.record.engagement().is_none())
        .filter_map(|l| l.record.parent().map(|(k, id)| (k, id.value.clone())))
        .collect();
    let parent_engagement: HashMap<(crate::model::Kind, String), String> = if wanted.is_empty() {
        HashMap::new()
    } else {
        loaded
            .iter()
            .filter_map(|l| {
                let key = (l.record.kind(), l.record.id().value.clone());
                let e = l.record.engagement()?;
                wanted.contains(&key).then(|| (key, e.value.clone()))
            })
            .collect()
    };
    let mut zones: Vec<(usize, String)> = Vec::new();
    for l in loaded.iter_mut().filter(|l| l.floating_times) {
        let parent = l.record.parent().and_then(|(k, id)| parent_engagement.get(&(k, id.value.clone())).cloned());
        let engagement = l.record.engagement().map(|e| e.value.clone()).or(parent).or_else(|| only_engagement.clone());
        let zone = match l.record.time_basis() {
            TimeBasis::SlaOf(service) => sla_tz
                .get(&(engagement.clone(), service.to_owned()))
                .or_else(|| sla_tz.get(&(None, service.to_owned())))
                .cloned(),
            TimeBasis::Engagement => None,
        }
        .or_else(|| engagement.and_then(|e| engagement_tz.get(&e).cloned()));
        let (name, tz) = zone
            .unwrap_or_else(|| (crate::model::scalar::DEFAULT_TIMEZONE.to_owned(), crate::model::scalar::default_tz()));
        l.record.fix_times(&tz);
        let file = l.record.span().file.0 as usize;
        if !zones.iter().any(|(f, _)| *f == file) {
            zones.push((file, name));
        }
    }
    zones
}
