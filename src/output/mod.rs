//! Rendering results for people and machines: one file per format. Nothing here decides
//! what is wrong; it only shows findings and figures computed by the layers above.
//!
//! The findings of `itos validate` are shown by one [`FindingsFormat`] per format, all
//! listed in [`FORMATS`]; record text is escaped with [`escape`].

pub mod csv;
pub mod doc;
pub mod docs;
pub mod escape;
pub mod gaps;
pub mod github;
pub mod handover;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod scaffold;
pub mod sla_report;

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
                format!("{};共 {} 条记录({} 个文件)", parts.join(","), self.records, self.files)
            }
        }
    }
}

/// Write `bytes` to `path` atomically: a temporary file beside it, then a rename, so a
/// reader never sees half a report.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.itos-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
