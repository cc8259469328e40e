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

/// Whether `root` lies in a git work tree whose `HEAD` has no commit yet (just `git init`ed):
/// a report then says so instead of "no git repository".
pub fn without_commits(root: &Path) -> bool {
    open(root).is_some_and(|(repo, _)| repo.head().is_err_and(|e| e.code() == git2::ErrorCode::UnbornBranch))
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
    /// Names that are not UTF-8 are read lossily, as the work-tree walk reads them.
    pub entries: std::collections::BTreeMap<String, EntryKind>,
    /// The object of each file and link entry (read once, in the one walk of the tree).
    objects: std::collections::HashMap<String, git2::Oid>,
    repo_path: std::path::PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    Link,
    /// Anything else a tree can hold (a submodule): never evidence, never read.
    Other,
}

/// Why a revision could not be read (exit 2).
#[derive(Debug)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The size of a blob from its object header, without reading its content.
pub(crate) fn blob_size(repo: &git2::Repository, id: git2::Oid) -> Option<u64> {
    let (size, kind) = repo.odb().ok()?.read_header(id).ok()?;
    (kind == git2::ObjectType::Blob).then_some(size as u64)
}

/// The content of a blob, read only when its header says it is at most `max_bytes`.
pub(crate) fn blob_bytes(repo: &git2::Repository, id: git2::Oid, max_bytes: u64) -> Option<Vec<u8>> {
    if blob_size(repo, id)? > max_bytes {
        return None;
    }
    Some(repo.find_blob(id).ok()?.content().to_vec())
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
        let config_missing = || GitError(format!("--at {rev}: {} did not exist then", crate::config::CONFIG_FILE));
        let config_id = sub
            .get_name(crate::config::CONFIG_FILE)
            .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
            .map(|e| e.id())
            .ok_or_else(config_missing)?;
        // A configuration file is small; one over the record limit's default is not read.
        let config =
            blob_bytes(&repo, config_id, crate::config::Limits::default().max_file_bytes).ok_or_else(|| {
                GitError(format!("--at {rev}: {} is too large or unreadable", crate::config::CONFIG_FILE))
            })?;
        let config_text = String::from_utf8(config)
            .map_err(|_| GitError(format!("--at {rev}: {} is not UTF-8", crate::config::CONFIG_FILE)))?;
        // One pass over the trees below the records root: every tree object is read once.
        let mut entries = std::collections::BTreeMap::new();
        let mut objects = std::collections::HashMap::new();
        let mut pending: Vec<(String, git2::Tree<'_>)> = vec![(String::new(), sub)];
        while let Some((dir, tree)) = pending.pop() {
            for entry in tree.iter() {
                let rel = format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
                let kind = match (entry.kind(), entry.filemode()) {
                    (Some(git2::ObjectType::Tree), _) => EntryKind::Folder,
                    (_, 0o120000) => EntryKind::Link,
                    (Some(git2::ObjectType::Blob), _) => EntryKind::File,
                    _ => EntryKind::Other,
                };
                match kind {
                    EntryKind::Folder => {
                        if let Ok(t) = repo.find_tree(entry.id()) {
                            pending.push((format!("{rel}/"), t));
                        }
                    }
                    EntryKind::File | EntryKind::Link => {
                        objects.insert(rel.clone(), entry.id());
                    }
                    EntryKind::Other => {}
                }
                entries.insert(rel, kind);
            }
        }
        let repo_path = repo.path().to_path_buf();
        Ok(Snapshot { commit: commit.id().to_string(), config_text, entries, objects, repo_path })
    }

    /// The record files (`*.yaml`, `*.yml`) the working-tree walk would load, in path order:
    /// hidden folders, `target/` and `exclude` globs skipped. A blob's size is taken from its
    /// object header; one over `max_bytes` is not read.
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
            if !matches!(kind, EntryKind::File | EntryKind::Link) || !super::walk::is_yaml(name) || skipped(rel) {
                continue;
            }
            if *kind == EntryKind::Link {
                out.push(TreeFile::Link { rel: rel.clone() });
                continue;
            }
            let Some(&id) = self.objects.get(rel) else { continue };
            let Some(size) = blob_size(&repo, id) else { continue };
            if size > max_bytes {
                out.push(TreeFile::TooLarge { rel: rel.clone(), size: usize::try_from(size).unwrap_or(usize::MAX) });
            } else if let Ok(blob) = repo.find_blob(id) {
                out.push(TreeFile::Blob { rel: rel.clone(), bytes: blob.content().to_vec() });
            }
        }
        out
    }

    /// The bytes of a small entry at the revision (a link's target), at most `max_bytes`.
    pub fn read(&self, rel: &str, max_bytes: u64) -> Option<Vec<u8>> {
        let repo = git2::Repository::open(&self.repo_path).ok()?;
        blob_bytes(&repo, *self.objects.get(rel)?, max_bytes)
    }

    /// SHA-256 (hex) of a file at the revision, read as a stream where the object database
    /// can stream it (loose objects). A packed object cannot be streamed: it is read whole
    /// only when its header says it is at most `max_in_memory` bytes, else `None`.
    pub fn sha256(&self, rel: &str, max_in_memory: u64) -> Option<String> {
        use sha2::Digest as _;
        let repo = git2::Repository::open(&self.repo_path).ok()?;
        let id = *self.objects.get(rel)?;
        let odb = repo.odb().ok()?;
        let mut hash = sha2::Sha256::new();
        match odb.reader(id) {
            Ok((mut reader, _, git2::ObjectType::Blob)) => {
                let mut buffer = vec![0u8; 64 * 1024];
                loop {
                    let n = std::io::Read::read(&mut reader, &mut buffer).ok()?;
                    if n == 0 {
                        break;
                    }
                    hash.update(buffer.get(..n)?);
                }
            }
            Ok(_) => return None,
            Err(_) => hash.update(blob_bytes(&repo, id, max_in_memory)?),
        }
        Some(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
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

pub fn changed_since(root: &Path, rev: &str, max_bytes: u64) -> Result<Changes, GitError> {
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
        // A blob over the size limit is not read: its records are not looked for.
        if old.exists()
            && let (Some(rel), Some(bytes)) = (old.path().and_then(strip), blob_bytes(&repo, old.id(), max_bytes))
        {
            out.before.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
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

/// Where a commit stands relative to HEAD of the repository holding `root`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// HEAD or one of its ancestors.
    Ancestor,
    /// In the repository, but not in the history of HEAD (rewritten away).
    NotAncestor,
    /// Not in the repository, or not a commit.
    Missing,
}

/// How `commit` (an id, full or abbreviated) relates to HEAD.
pub fn relation(root: &Path, commit: &str) -> Relation {
    let Some((repo, _)) = open(root) else { return Relation::Missing };
    let Some(id) = repo.revparse_single(commit).ok().and_then(|o| o.peel_to_commit().ok()).map(|c| c.id()) else {
        return Relation::Missing;
    };
    let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok()).map(|c| c.id());
    match head {
        Some(h) if h == id || repo.graph_descendant_of(h, id).unwrap_or(false) => Relation::Ancestor,
        _ => Relation::NotAncestor,
    }
}
