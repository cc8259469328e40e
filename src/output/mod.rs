//! Rendering results for people and machines: one file per format. Nothing here decides
//! what is wrong; it only shows findings and figures computed by the layers above.

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

use crate::model::{Finding, Lang, Severity};

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
