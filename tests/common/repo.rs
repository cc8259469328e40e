//! A git repository of records for the tests, built with git2.

use std::path::Path;

/// A git repository holding a copy of `examples/<name>` in `records/`, committed once.
pub struct Repo {
    pub dir: tempfile::TempDir,
    pub git: git2::Repository,
}

impl Repo {
    pub fn new(example: &str) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        super::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example),
            &dir.path().join("records"),
        );
        std::fs::write(dir.path().join("README.md"), "records of an engagement\n").unwrap();
        // The commits the example's ServiceReports record belong to this project's history;
        // the copy starts a history of its own.
        let reports = dir.path().join("records/reports/monthly.yaml");
        if let Ok(text) = std::fs::read_to_string(&reports) {
            let kept: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("commit:") && !l.trim_start().starts_with("inputs_sha256:"))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(&reports, kept).unwrap();
        }
        let git = git2::Repository::init(dir.path()).unwrap();
        let repo = Repo { dir, git };
        repo.commit("records");
        repo
    }

    /// A git repository holding `files` (path, text) in `records/`, committed once.
    pub fn from_files(files: &[(&str, String)]) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let target = dir.path().join("records").join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        let git = git2::Repository::init(dir.path()).unwrap();
        let repo = Repo { dir, git };
        repo.commit("records");
        repo
    }

    pub fn records(&self) -> String {
        self.dir.path().join("records").to_str().unwrap().to_owned()
    }

    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.path().join("records").join(rel)
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} lacks {from}");
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// Commit the whole work tree (additions and deletions) on HEAD.
    pub fn commit(&self, message: &str) -> git2::Oid {
        let mut index = self.git.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = self.git.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("赵敏", "zhao@example.invalid").unwrap();
        let parents: Vec<git2::Commit<'_>> =
            self.git.head().ok().and_then(|h| h.peel_to_commit().ok()).into_iter().collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        self.git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).unwrap()
    }

    pub fn tag(&self, name: &str, id: git2::Oid) {
        let object = self.git.find_object(id, None).unwrap();
        self.git.tag_lightweight(name, &object, false).unwrap();
    }
}
