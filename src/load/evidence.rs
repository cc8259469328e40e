//! Evidence files named by records (`path` fields): whether a path exists inside the records
//! repository, without ever following a symlink out of it, and the file's SHA-256.
//! Read-only.

use std::path::{Component, Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// What a repository-relative path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceState {
    /// A file inside the repository.
    File,
    /// A folder inside the repository (evidence delivered as a set of files).
    Folder,
    /// Nothing there.
    Missing,
    /// Something that is neither a regular file nor a folder (a FIFO, a device, a socket,
    /// a submodule in a revision): never opened, never evidence.
    NotRegular,
    /// A symlink (the path itself or a folder on the way) that resolves outside the
    /// repository, or a path that is absolute or climbs out with `..`.
    Escapes,
    /// The repository is in memory (rule examples): only the path's syntax was checked.
    Unchecked,
}

/// Inspect `rel` below `root`. An empty `root` means an in-memory repository.
pub fn inspect(root: &Path, rel: &str) -> EvidenceState {
    if root.as_os_str().is_empty() {
        return EvidenceState::Unchecked;
    }
    let relative = Path::new(rel);
    if relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return EvidenceState::Escapes;
    }
    let Ok(base) = root.canonicalize() else { return EvidenceState::Missing };
    // Walk component by component so that a symlinked folder on the way is caught before
    // anything below it is read.
    let mut current = base.clone();
    for part in relative.components() {
        let Component::Normal(name) = part else { continue };
        current.push(name);
        match std::fs::symlink_metadata(&current) {
            Err(_) => return EvidenceState::Missing,
            Ok(meta) if meta.file_type().is_symlink() => match current.canonicalize() {
                Ok(target) if target.starts_with(&base) => current = target,
                Ok(_) => return EvidenceState::Escapes,
                // A dangling link or a link loop: nothing usable there.
                Err(_) => return EvidenceState::Missing,
            },
            Ok(_) => {}
        }
    }
    match std::fs::metadata(&current) {
        Ok(m) if m.is_dir() => EvidenceState::Folder,
        Ok(m) if m.is_file() => EvidenceState::File,
        // Opening a FIFO blocks until a writer comes; a device may never end: not read.
        Ok(_) => EvidenceState::NotRegular,
        Err(_) => EvidenceState::Missing,
    }
}

/// [`inspect`] for a repository: in a revision read with `--at`, the revision's tree is
/// looked at, with the same answers as the work tree (`./` and `//` are ignored; a link is
/// followed while it stays inside the records folder); in memory, its own files.
pub fn inspect_in(repo: &super::Repository, rel: &str) -> EvidenceState {
    if let Some(snapshot) = &repo.snapshot {
        return resolve_snapshot(snapshot, rel).0;
    }
    match inspect(&repo.root, rel) {
        EvidenceState::Unchecked if repo.sources.iter().any(|(_, f)| f.path == rel) => EvidenceState::File,
        EvidenceState::Unchecked => EvidenceState::Missing,
        state => state,
    }
}

/// Links followed at most, as a kernel would (a loop is "missing", like a dangling link).
const MAX_LINKS: usize = 40;

/// A link's target is a path: one longer than this is not a usable link (PATH_MAX).
const MAX_LINK_BYTES: u64 = 4096;

/// What `rel` names in a revision, and the path it resolves to (links followed).
fn resolve_snapshot(snapshot: &super::git::Snapshot, rel: &str) -> (EvidenceState, String) {
    use super::git::EntryKind;
    let outcome = |state| (state, String::new());
    if Path::new(rel).components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return outcome(EvidenceState::Escapes);
    }
    let mut parts: Vec<String> = rel.split('/').filter(|p| !p.is_empty() && *p != ".").map(str::to_owned).collect();
    let mut links = 0;
    let mut i = 0;
    while i < parts.len() {
        let prefix = parts[..=i].join("/");
        match snapshot.entries.get(&prefix) {
            Some(EntryKind::Link) => {
                links += 1;
                let target = snapshot.read(&prefix, MAX_LINK_BYTES).and_then(|b| String::from_utf8(b).ok());
                let Some(target) = target.filter(|_| links <= MAX_LINKS) else {
                    return outcome(EvidenceState::Missing);
                };
                if target.starts_with('/') {
                    return outcome(EvidenceState::Escapes);
                }
                // The target is relative to the folder holding the link.
                let mut resolved: Vec<String> = parts[..i].to_vec();
                for part in target.split('/') {
                    match part {
                        "" | "." => {}
                        ".." => {
                            if resolved.pop().is_none() {
                                return outcome(EvidenceState::Escapes);
                            }
                        }
                        name => resolved.push(name.to_owned()),
                    }
                }
                resolved.extend(parts[i + 1..].iter().cloned());
                parts = resolved;
                i = 0;
            }
            Some(_) => i += 1,
            None => return outcome(EvidenceState::Missing),
        }
    }
    let path = parts.join("/");
    let state = match snapshot.entries.get(&path) {
        Some(EntryKind::File) => EvidenceState::File,
        Some(EntryKind::Folder) => EvidenceState::Folder,
        Some(EntryKind::Other) => EvidenceState::NotRegular,
        _ => EvidenceState::Missing,
    };
    (state, path)
}

/// [`sha256`] for a repository, reading the revision's blob under `--at` as a stream (a
/// packed blob, which cannot be streamed, only up to `limits.max_file_bytes`).
pub fn sha256_in(repo: &super::Repository, rel: &str) -> Option<String> {
    match &repo.snapshot {
        Some(snapshot) => {
            let (state, path) = resolve_snapshot(snapshot, rel);
            if state != EvidenceState::File {
                return None;
            }
            snapshot.sha256(&path, repo.config.limits.max_file_bytes)
        }
        None => sha256(&repo.root, rel),
    }
}

/// The resolved location of an evidence file that [`inspect`] found inside the repository.
fn resolved(root: &Path, rel: &str) -> Option<PathBuf> {
    matches!(inspect(root, rel), EvidenceState::File).then(|| root.join(rel))
}

/// SHA-256 (hex) of an evidence file inside the repository; `None` for anything else.
pub fn sha256(root: &Path, rel: &str) -> Option<String> {
    let path = resolved(root, rel)?;
    let mut file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None; // replaced since it was inspected
    }
    sha256_of(&mut file).ok()
}

/// SHA-256 (hex) of everything `reader` yields, read in 64 KiB pieces (a large export or
/// evidence file is never held whole).
pub fn sha256_of(reader: &mut impl std::io::Read) -> std::io::Result<String> {
    let mut hash = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hash.update(buffer.get(..n).unwrap_or_default());
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_folders_missing_and_escaping_links() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("exit/docs")).unwrap();
        std::fs::write(root.join("exit/docs/a.pdf"), "pdf").unwrap();
        assert_eq!(inspect(root, "exit/docs/a.pdf"), EvidenceState::File);
        assert_eq!(inspect(root, "exit/docs"), EvidenceState::Folder);
        assert_eq!(inspect(root, "exit/docs/b.pdf"), EvidenceState::Missing);
        assert_eq!(inspect(root, "../x"), EvidenceState::Escapes);
        assert_eq!(inspect(root, "/etc/passwd"), EvidenceState::Escapes);
        assert_eq!(inspect(Path::new(""), "exit/docs/a.pdf"), EvidenceState::Unchecked);
        assert_eq!(
            sha256(root, "exit/docs/a.pdf").as_deref(),
            Some("c35b21d6ca39aa7cc3b79a705d989f1a6e88b99ab43988d74048799e3db926a3")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), root.join("exit/out")).unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("exit/leak.txt")).unwrap();
            std::os::unix::fs::symlink(root.join("exit/docs/a.pdf"), root.join("exit/inside.pdf")).unwrap();
            std::os::unix::fs::symlink(root.join("exit/loop"), root.join("exit/loop")).unwrap();
            assert_eq!(inspect(root, "exit/out/secret.txt"), EvidenceState::Escapes);
            assert_eq!(inspect(root, "exit/leak.txt"), EvidenceState::Escapes);
            assert_eq!(sha256(root, "exit/leak.txt"), None, "never read through a link leaving the repository");
            assert_eq!(inspect(root, "exit/inside.pdf"), EvidenceState::File);
            assert_eq!(inspect(root, "exit/loop"), EvidenceState::Missing);
        }
    }
}
