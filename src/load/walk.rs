//! Finding the record files: every `*.yaml` / `*.yml` below the root, skipping hidden
//! folders, `target/` and the `exclude` globs of itos.toml, in a stable order. Symlinked
//! folders are never followed (no loops); a symlinked file is read only if it stays
//! inside the repository.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

/// A file to load, or a path that must be reported instead of read.
#[derive(Debug, Clone)]
pub enum Candidate {
    File { rel: String, abs: PathBuf },
    Refused { rel: String, reason: Refusal },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    SymlinkOutside,
    Unreadable,
}

pub fn exclude_set(globs: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = Glob::new(g) {
            b.add(glob);
        }
        // `drafts/**` should also exclude the folder itself.
        if let Some(dir) = g.strip_suffix("/**")
            && let Ok(glob) = Glob::new(dir)
        {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

fn rel_string(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

pub fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Every record file below `root`, sorted by relative path.
pub fn walk(root: &Path, exclude: &GlobSet) -> Vec<Candidate> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let walker = WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if e.file_type().is_dir() && (name.starts_with('.') || name == "target") {
            return false;
        }
        !exclude.is_match(rel_string(root, e.path()))
    });
    for entry in walker {
        let Ok(entry) = entry else {
            continue; // unreadable folder entries are skipped by the walk itself
        };
        let name = entry.file_name().to_string_lossy();
        if !is_yaml(&name) {
            continue;
        }
        let rel = rel_string(root, entry.path());
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    out.push(Candidate::File { rel, abs: target });
                }
                Ok(target) if target.is_dir() => {}
                _ => out.push(Candidate::Refused { rel, reason: Refusal::SymlinkOutside }),
            }
        } else if entry.file_type().is_file() {
            out.push(Candidate::File { rel, abs: entry.path().to_path_buf() });
        }
    }
    out
}
