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
    let repo = git2::Repository::discover(root).ok()?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?.id().to_string();
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let below = root.canonicalize().ok()?.strip_prefix(&workdir).ok()?.to_path_buf();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false);
    let spec = below.to_string_lossy().replace('\\', "/");
    if !spec.is_empty() {
        options.pathspec(spec);
    }
    let dirty = repo.statuses(Some(&mut options)).map(|s| !s.is_empty()).unwrap_or(true);
    Some(Head { commit, dirty })
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
    }
}
