//! The digest of a run's inputs (assurance.md): what a report's `inputs_sha256` and GIT-004
//! compare.

use sha2::{Digest, Sha256};

use crate::model::SourceMap;

/// SHA-256 over `itos.toml` and every record file, in path order: for each, its path, a NUL,
/// its length in bytes, a NUL and its text. Text is hashed as decoded (UTF-8), so a file
/// re-saved from UTF-16 to UTF-8 keeps its digest.
pub fn inputs_digest(config_text: &str, sources: &SourceMap) -> String {
    digest(config_text, sources.iter().map(|(_, f)| (f.path.as_str(), &*f.text)))
}

/// [`inputs_digest`] over `(path, text)` pairs in any order.
pub fn digest<'a>(config_text: &str, files: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut files: Vec<(&str, &str)> = files.collect();
    files.sort_unstable();
    let mut hash = Sha256::new();
    for (path, text) in std::iter::once(("itos.toml", config_text)).chain(files) {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update(text.len().to_string().as_bytes());
        hash.update([0]);
        hash.update(text.as_bytes());
    }
    hex(&hash.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
