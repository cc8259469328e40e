//! What git knows about the records: the commit they were read from and whether the working
//! tree differs from it. Read-only; never shells out to `git`.

use std::path::Path;

/// The commit of the records and whether uncommitted changes touch the records folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// Full hex id of `HEAD`.
    pub commit: String,
    /// Uncommitted (staged, unstaged or untracked) changes below the records root.
    pub dirty: bool,
}

/// `None` outside a git work tree, in a repository without commits, or when git refuses to
/// open it (e.g. owned by another user): the report then simply names no commit.
pub fn head(root: &Path) -> Option<Head> {
    let (repo, below) = open(root)?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?.id().to_string();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false);
    let spec = below.to_string_lossy().replace('\\', "/");
    if !spec.is_empty() {
        options.pathspec(spec);
    }
    let dirty = repo.statuses(Some(&mut options)).map(|s| !s.is_empty()).unwrap_or(true);
    Some(Head { commit, dirty })
}

/// The last commit that changed a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastChange {
    pub commit: String,
    /// Commit time as `YYYY-MM-DD` in UTC.
    pub date: String,
    pub author: String,
}

/// For each records-root-relative path that `HEAD` holds, the last commit that changed it
/// (for a folder: anything below it). One walk of the history, first-parent comparisons,
/// stopping as soon as every path is found. Paths git does not track are absent.
pub fn last_changes(root: &Path, paths: &[&str], from: Option<&str>) -> std::collections::HashMap<String, LastChange> {
    let mut out = std::collections::HashMap::new();
    let Some((repo, below)) = open(root) else { return out };
    let in_tree = |tree: &git2::Tree<'_>, rel: &str| -> Option<git2::Oid> {
        tree.get_path(&below.join(rel)).ok().map(|e| e.id())
    };
    let start = match from {
        Some(id) => git2::Oid::from_str(id).ok().and_then(|oid| repo.find_commit(oid).ok()),
        None => repo.head().ok().and_then(|h| h.peel_to_commit().ok()),
    };
    let Some(head) = start else { return out };
    let Ok(head_tree) = head.tree() else { return out };
    let mut pending: Vec<&str> = paths.iter().copied().filter(|p| in_tree(&head_tree, p).is_some()).collect();
    pending.sort_unstable();
    pending.dedup();
    let Ok(mut walk) = repo.revwalk() else { return out };
    if walk.push(head.id()).is_err() || walk.simplify_first_parent().is_err() {
        return out;
    }
    for oid in walk.flatten() {
        if pending.is_empty() {
            break;
        }
        let Ok(commit) = repo.find_commit(oid) else { continue };
        let Ok(tree) = commit.tree() else { continue };
        let parent_tree = commit.parent(0).ok().and_then(|p| p.tree().ok());
        pending.retain(|path| {
            let now = in_tree(&tree, path);
            let before = parent_tree.as_ref().and_then(|t| in_tree(t, path));
            if now.is_some() && now != before {
                let when = jiff::Timestamp::from_second(commit.time().seconds()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
                out.insert(
                    (*path).to_owned(),
                    LastChange {
                        commit: oid.to_string(),
                        date: when.strftime("%Y-%m-%d").to_string(),
                        author: commit.author().name().unwrap_or("").to_owned(),
                    },
                );
                false
            } else {
                true
            }
        });
    }
    out
}

/// The repository holding `root` and `root`'s path inside its work tree.
pub(crate) fn open(root: &Path) -> Option<(git2::Repository, std::path::PathBuf)> {
    let repo = git2::Repository::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let below = root.canonicalize().ok()?.strip_prefix(&workdir).ok()?.to_path_buf();
    Some((repo, below))
}

/// A file of the records tree at a revision.
#[derive(Debug)]
pub enum TreeFile {
    Blob {
        rel: String,
        bytes: Vec<u8>,
    },
    /// A symbolic link: never followed when reading a revision.
    Link {
        rel: String,
    },
    /// Over `limits.max_file_bytes`: not read.
    TooLarge {
        rel: String,
        size: usize,
    },
}

/// The records as they were at a revision.
#[derive(Debug)]
pub struct Snapshot {
    /// Full id of the commit REV names.
    pub commit: String,
    /// itos.toml at that commit.
    pub config_text: String,
    /// Every entry below the records root (files, folders, links), for evidence paths.
    pub entries: std::collections::BTreeMap<String, EntryKind>,
    repo_path: std::path::PathBuf,
    below: std::path::PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    Link,
}

/// Why a revision could not be read (exit 2).
#[derive(Debug)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Snapshot {
    /// Open `rev` of the repository holding `root`.
    pub fn open(root: &Path, rev: &str) -> Result<Snapshot, GitError> {
        let (repo, below) = open(root)
            .ok_or_else(|| GitError(format!("--at {rev}: {} is not inside a git work tree", root.display())))?;
        let commit = repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| GitError(format!("--at {rev}: no such revision ({})", e.message())))?;
        let tree = commit.tree().map_err(|e| GitError(format!("--at {rev}: {}", e.message())))?;
        let sub = subtree(&repo, &tree, &below).ok_or_else(|| {
            GitError(format!("--at {rev}: the records folder `{}` did not exist then", below.display()))
        })?;
        let config = sub
            .get_name(crate::config::CONFIG_FILE)
            .and_then(|e| e.to_object(&repo).ok())
            .and_then(|o| o.into_blob().ok())
            .ok_or_else(|| GitError(format!("--at {rev}: {} did not exist then", crate::config::CONFIG_FILE)))?;
        let config_text = String::from_utf8(config.content().to_vec())
            .map_err(|_| GitError(format!("--at {rev}: {} is not UTF-8", crate::config::CONFIG_FILE)))?;
        let mut entries = std::collections::BTreeMap::new();
        let _ = sub.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            let Ok(name) = entry.name() else { return git2::TreeWalkResult::Ok };
            let rel = format!("{dir}{name}");
            let kind = match (entry.kind(), entry.filemode()) {
                (Some(git2::ObjectType::Tree), _) => EntryKind::Folder,
                (_, 0o120000) => EntryKind::Link,
                _ => EntryKind::File,
            };
            entries.insert(rel, kind);
            git2::TreeWalkResult::Ok
        });
        let repo_path = repo.path().to_path_buf();
        Ok(Snapshot { commit: commit.id().to_string(), config_text, entries, repo_path, below })
    }

    /// The record files (`*.yaml`, `*.yml`) the working-tree walk would load, in path order:
    /// hidden folders, `target/` and `exclude` globs skipped.
    pub fn record_files(&self, exclude: &globset::GlobSet, max_bytes: u64) -> Vec<TreeFile> {
        let Ok(repo) = git2::Repository::open(&self.repo_path) else { return Vec::new() };
        let skipped = |rel: &str| {
            let parts: Vec<&str> = rel.split('/').collect();
            let dirs = &parts[..parts.len().saturating_sub(1)];
            dirs.iter().any(|d| d.starts_with('.') || *d == "target")
                || (1..=parts.len()).any(|n| exclude.is_match(parts[..n].join("/")))
        };
        let mut out = Vec::new();
        for (rel, kind) in &self.entries {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            if *kind == EntryKind::Folder || !super::walk::is_yaml(name) || skipped(rel) {
                continue;
            }
            if *kind == EntryKind::Link {
                out.push(TreeFile::Link { rel: rel.clone() });
                continue;
            }
            let Some(blob) = self.blob(&repo, rel) else { continue };
            let size = blob.size();
            if size as u64 > max_bytes {
                out.push(TreeFile::TooLarge { rel: rel.clone(), size });
            } else {
                out.push(TreeFile::Blob { rel: rel.clone(), bytes: blob.content().to_vec() });
            }
        }
        out
    }

    fn blob<'r>(&self, repo: &'r git2::Repository, rel: &str) -> Option<git2::Blob<'r>> {
        let commit = repo.find_commit(git2::Oid::from_str(&self.commit).ok()?).ok()?;
        let entry = commit.tree().ok()?.get_path(&self.below.join(rel)).ok()?;
        entry.to_object(repo).ok()?.into_blob().ok()
    }

    /// The bytes of a file at the revision (evidence hashing).
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        let repo = git2::Repository::open(&self.repo_path).ok()?;
        self.blob(&repo, rel).map(|b| b.content().to_vec())
    }
}

/// Files below the records root that differ between `rev` and the work tree: committed since,
/// staged, unstaged and untracked (records-root-relative paths), with the text of each at
/// `rev` where it existed there (what a deleted record looked like).
#[derive(Debug, Default)]
pub struct Changes {
    pub files: std::collections::BTreeSet<String>,
    pub before: Vec<(String, String)>,
}

pub fn changed_since(root: &Path, rev: &str) -> Result<Changes, GitError> {
    let (repo, below) = open(root)
        .ok_or_else(|| GitError(format!("--changed-since {rev}: {} is not inside a git work tree", root.display())))?;
    let commit = repo
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| GitError(format!("--changed-since {rev}: no such revision ({})", e.message())))?;
    let tree = commit.tree().map_err(|e| GitError(format!("--changed-since {rev}: {}", e.message())))?;
    let mut options = git2::DiffOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true).include_typechange(true);
    let spec = below.to_string_lossy().replace('\\', "/");
    if !spec.is_empty() {
        options.pathspec(spec);
    }
    let diff = repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))
        .map_err(|e| GitError(format!("--changed-since {rev}: {}", e.message())))?;
    let strip = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(&below).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    };
    let mut out = Changes::default();
    for delta in diff.deltas() {
        for file in [delta.old_file(), delta.new_file()] {
            if let Some(rel) = file.path().and_then(strip) {
                out.files.insert(rel);
            }
        }
        let old = delta.old_file();
        if old.exists()
            && let (Some(rel), Ok(blob)) = (old.path().and_then(strip), repo.find_blob(old.id()))
        {
            out.before.push((rel, String::from_utf8_lossy(blob.content()).into_owned()));
        }
    }
    Ok(out)
}

fn subtree<'r>(repo: &'r git2::Repository, tree: &git2::Tree<'r>, below: &Path) -> Option<git2::Tree<'r>> {
    if below.as_os_str().is_empty() {
        return Some(tree.clone());
    }
    tree.get_path(below).ok()?.to_object(repo).ok()?.into_tree().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_and_dirty_state_of_a_fresh_repository() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join("records")).unwrap();
        std::fs::write(dir.path().join("records/a.yaml"), "kind: Person\n").unwrap();
        assert_eq!(head(&dir.path().join("records")), None, "no commit yet");
        let mut index = repo.index().unwrap();
        index.add_path(Path::new("records/a.yaml")).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("t", "t@example.invalid").unwrap();
        let id = repo.commit(Some("HEAD"), &sig, &sig, "c", &tree, &[]).unwrap();
        let h = head(&dir.path().join("records")).unwrap();
        assert_eq!((h.commit, h.dirty), (id.to_string(), false));
        // A change outside the records folder does not make the records dirty.
        std::fs::write(dir.path().join("other.txt"), "x").unwrap();
        assert!(!head(&dir.path().join("records")).unwrap().dirty);
        std::fs::write(dir.path().join("records/b.yaml"), "x").unwrap();
        assert!(head(&dir.path().join("records")).unwrap().dirty);

        // A second commit changes b.yaml only: a.yaml's last change is still the first commit.
        index.add_path(Path::new("records/b.yaml")).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let parent = repo.find_commit(id).unwrap();
        let second = repo.commit(Some("HEAD"), &sig, &sig, "c2", &tree, &[&parent]).unwrap();
        let changes = last_changes(&dir.path().join("records"), &["a.yaml", "b.yaml", "untracked.txt", "."], None);
        assert_eq!(changes["a.yaml"].commit, id.to_string());
        assert_eq!(changes["b.yaml"].commit, second.to_string());
        assert_eq!(changes["b.yaml"].author, "t");
        assert!(!changes.contains_key("untracked.txt"));
    }
}
