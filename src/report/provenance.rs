//! What a report is based on, so that a reader can reproduce it: the records' git commit and
//! a SHA-256 over every input file (records and itos.toml).

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// `HEAD` of the git repository holding the records, when there is one.
    pub commit: Option<String>,
    /// No commit because the records lie in a git repository without commits yet (just
    /// `git init`ed), rather than outside git or under `--no-git`.
    pub no_commits_yet: bool,
    /// Uncommitted changes below the records root: the commit alone does not reproduce the report.
    pub dirty: bool,
    /// SHA-256 (hex) over the inputs, see [`inputs_digest`].
    pub inputs: String,
    /// Number of record files hashed.
    pub files: usize,
    /// SHA-256 (hex) of the configuration file in use (empty for the defaults).
    pub config_sha256: String,
    /// The command that made the report, without `-C` and `--output` (which name places on
    /// the producer's machine) and with the day and language it ran with: `itos verify`
    /// runs it again.
    pub command: Vec<String>,
    /// The configuration in use where it departs from the defaults (assurance.md).
    pub configuration: crate::config::Disclosure,
    /// Unwaived integrity findings (GIT-*, CHG-009, CHG-010) about records of the report's
    /// period: shown first, in a banner.
    pub integrity: Vec<IntegrityNote>,
}

/// One integrity finding as a report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityNote {
    pub rule: &'static str,
    pub message: crate::model::Msg,
    /// `file:line:col`.
    pub location: String,
}

/// The rules whose findings mean the records themselves cannot be taken as they stand.
pub const INTEGRITY_RULES: &[&str] = &["GIT-001", "GIT-002", "GIT-004", "GIT-005", "CHG-009", "CHG-010"];

pub use crate::load::digest::{hex, inputs_digest};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Repository;

    #[test]
    fn digest_changes_with_any_input_and_not_with_order() {
        let a = ("a.yaml".to_owned(), "kind: Person\nid: p\nname: n\n".to_owned());
        let b = ("b.yaml".to_owned(), "kind: Person\nid: q\nname: m\n".to_owned());
        let one = Repository::from_texts(&[a.clone(), b.clone()], Config::default());
        let two = Repository::from_texts(&[b.clone(), a.clone()], Config::default());
        let d = inputs_digest("", &one.sources);
        assert_eq!(d.len(), 64);
        assert_eq!(d, inputs_digest("", &two.sources));
        assert_ne!(d, inputs_digest("lang = \"en\"\n", &one.sources));
        let changed = Repository::from_texts(
            &[a, ("b.yaml".to_owned(), "kind: Person\nid: q\nname: M\n".to_owned())],
            Config::default(),
        );
        assert_ne!(d, inputs_digest("", &changed.sources));
        // The empty input has the SHA-256 of "itos.toml\0" "0\0".
        assert_eq!(inputs_digest("", &crate::model::SourceMap::default()).len(), 64);
    }
}
