//! Rendering results for people and machines: one file per format. Nothing here decides
//! what is wrong; it only shows findings and figures computed by the layers above.
//!
//! The findings of `itos validate` are shown by one [`FindingsFormat`] per format, all
//! listed in [`FORMATS`]; record text is escaped with [`escape`].

pub mod csv;
pub mod disclosure;
pub mod doc;
pub mod docs;
pub mod docx;
pub mod due;
pub mod escape;
pub mod gaps;
pub mod github;
pub mod handover;
pub mod home;
pub mod human;
pub mod import;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod monthly;
pub mod sarif;
pub mod scaffold;
pub mod sla_report;
pub mod stamp;

use std::io::Write as _;
use std::path::Path;

use crate::model::kinds::Waiver;
use crate::model::{Finding, Lang, Severity, SourceMap};
use crate::rules::notes::CalendarDataNote;

/// One way to show the findings of a run (`itos validate --format NAME`, `--report NAME=FILE`).
/// A new format is a file implementing this trait plus its line in [`FORMATS`].
pub trait FindingsFormat: Sync {
    /// The name on the command line.
    fn name(&self) -> &'static str;
    /// Append the whole output for `run` to `out`.
    fn render(&self, run: &RunView<'_>, out: &mut String);
}

/// Every findings format, in the order `--help` lists them.
pub const FORMATS: &[&dyn FindingsFormat] =
    &[&human::Human, &json::Json, &sarif::Sarif, &junit::Junit, &github::Github, &markdown::Markdown];

/// The format called `name` (ASCII case ignored).
pub fn findings_format(name: &str) -> Option<&'static dyn FindingsFormat> {
    FORMATS.iter().copied().find(|f| f.name().eq_ignore_ascii_case(name))
}

/// What every findings format may show of a run.
#[derive(Clone, Copy)]
pub struct RunView<'a> {
    /// The findings shown, in order (after `--changed-since`, PATHS and `--baseline`).
    pub findings: &'a [Finding],
    pub sources: &'a SourceMap,
    pub summary: Summary,
    pub lang: Lang,
    /// The as-of day, `YYYY-MM-DD`.
    pub as_of: &'a str,
    /// Calendars whose holiday data misses a year the run counts in.
    pub notes: &'a [CalendarDataNote],
    /// (rule id, subjects it checked) of every rule that ran.
    pub evaluated: &'a [(&'static str, usize)],
    /// The waivers of the repository (their reasons justify suppressed findings).
    pub waivers: &'a [Waiver],
    /// `--deny warnings`: an unwaived warning fails the run.
    pub deny_warnings: bool,
    /// Colour for a terminal (the human format only).
    pub color: bool,
    /// `--quiet`: the findings only, no summary line (the human format only).
    pub quiet: bool,
    /// The configuration in use, where it departs from the defaults.
    pub configuration: &'a crate::config::Disclosure,
}

impl RunView<'_> {
    /// The reason of the waiver `id`.
    pub fn waiver_reason(&self, id: &str) -> Option<&str> {
        self.waivers.iter().find(|w| w.id.value == id).map(|w| w.reason.value.as_str())
    }
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub waived: usize,
    pub records: usize,
    pub files: usize,
}

impl Summary {
    pub fn of(findings: &[Finding], records: usize, files: usize) -> Summary {
        let mut s = Summary { records, files, ..Summary::default() };
        for f in findings {
            if f.waived_by.is_some() {
                s.waived += 1;
            } else if f.severity == Severity::Error {
                s.errors += 1;
            } else {
                s.warnings += 1;
            }
        }
        s
    }

    /// `3 errors, 1 warning, 2 waived in 214 records (57 files)`.
    pub fn line(&self, lang: Lang) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match lang {
            Lang::En => {
                let mut parts =
                    vec![plural(self.errors, "error", "errors"), plural(self.warnings, "warning", "warnings")];
                if self.waived > 0 {
                    parts.push(format!("{} waived", self.waived));
                }
                format!(
                    "{} in {} ({})",
                    parts.join(", "),
                    plural(self.records, "record", "records"),
                    plural(self.files, "file", "files")
                )
            }
            Lang::ZhCn => {
                let mut parts = vec![format!("{} 个错误", self.errors), format!("{} 个警告", self.warnings)];
                if self.waived > 0 {
                    parts.push(format!("{} 个已豁免", self.waived));
                }
                format!("{}；共 {} 条记录（{} 个文件）", parts.join("，"), self.records, self.files)
            }
        }
    }
}

/// Write `bytes` to `path` atomically: an exclusively created, randomly named temporary file
/// beside the target, then a rename, so a reader never sees half a report and a symlink
/// planted at a guessable temporary name is never written through. A symlink at `path` is
/// resolved and its target replaced; a target that is not a regular file (a device, a FIFO,
/// `/dev/stdout`) is written directly, never replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // What the kernel opens at `path` (it follows /dev/stdout → /proc/self/fd/1 → a pipe, which
    // reading the links by hand cannot): not a regular file, or a path under /dev or /proc,
    // is written in place.
    let opened = std::fs::metadata(path).ok();
    let special = path.starts_with("/dev") || path.starts_with("/proc");
    if special || opened.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
        return file.write_all(bytes).and_then(|()| file.flush());
    }
    let target = resolve_symlinks(path)?;
    let existing = std::fs::metadata(&target).ok();
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".itos.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // tempfile creates 0600; a report keeps the mode of the file it replaces, else 0644.
        let mode = existing.as_ref().map_or(0o644, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Replace the file at `path` atomically without following a link there: an exclusive
/// temporary file beside it, renamed over whatever `path` names (a link is replaced, never
/// written through). For files a command owns (`itos import`).
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".itos.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `path` with every symlink in its last component followed (a dangling one included, so
/// writing creates its target); at most 40 links, like the kernel.
fn resolve_symlinks(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(d) => d.join(link),
                    None => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::write_atomically;

    #[test]
    fn a_symlink_planted_at_the_old_predictable_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        for name in [format!(".report.md.itos-{}.tmp", std::process::id()), ".report.md.itos.tmp".to_owned()] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        let out = dir.path().join("report.md");
        write_atomically(&out, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert!(!std::fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        // Only the report, the victim and the two planted links: no temporary file left.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    }

    #[test]
    fn a_symlinked_target_is_written_through_atomically_and_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/report.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("report.md");
        std::os::unix::fs::symlink("real/report.md", &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // A dangling link creates its target.
        let dangling = dir.path().join("later.md");
        std::os::unix::fs::symlink("real/later.md", &dangling).unwrap();
        write_atomically(&dangling, b"x").unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("real/later.md")).unwrap(), "x");
        assert_eq!(std::fs::read_dir(dir.path().join("real")).unwrap().count(), 2);
    }

    #[test]
    fn a_device_is_written_directly_and_stays_a_device() {
        use std::os::unix::fs::FileTypeExt as _;
        write_atomically(std::path::Path::new("/dev/null"), b"discarded").unwrap();
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}
