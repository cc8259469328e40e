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
pub fn last_changes(root: &Path, paths: &[&str]) -> std::collections::HashMap<String, LastChange> {
    let mut out = std::collections::HashMap::new();
    let Some((repo, below)) = open(root) else { return out };
    let in_tree = |tree: &git2::Tree<'_>, rel: &str| -> Option<git2::Oid> {
        tree.get_path(&below.join(rel)).ok().map(|e| e.id())
    };
    let Some(head) = repo.head().ok().and_then(|h| h.peel_to_commit().ok()) else { return out };
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
fn open(root: &Path) -> Option<(git2::Repository, std::path::PathBuf)> {
    let repo = git2::Repository::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let below = root.canonicalize().ok()?.strip_prefix(&workdir).ok()?.to_path_buf();
    Some((repo, below))
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
        let changes = last_changes(&dir.path().join("records"), &["a.yaml", "b.yaml", "untracked.txt", "."]);
        assert_eq!(changes["a.yaml"].commit, id.to_string());
        assert_eq!(changes["b.yaml"].commit, second.to_string());
        assert_eq!(changes["b.yaml"].author, "t");
        assert!(!changes.contains_key("untracked.txt"));
    }
}
