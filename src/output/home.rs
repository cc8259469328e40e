//! Where itos is published: the GitHub repository whose releases the CI files of `itos init`
//! download and whose documentation SARIF links to.

/// Cargo.toml's `repository`, the project's home.
const PACKAGE_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The repository as `owner/name`. A binary built by the release workflow names the
/// repository that built it (`ITOS_RELEASE_REPOSITORY`, so a fork's releases point at the
/// fork); any other build, Cargo.toml's `repository`.
pub fn repository() -> &'static str {
    match option_env!("ITOS_RELEASE_REPOSITORY") {
        Some(slug) if !slug.is_empty() => slug,
        _ => PACKAGE_REPOSITORY.strip_prefix("https://github.com/").unwrap_or(PACKAGE_REPOSITORY),
    }
}

/// The release tag of this build, `v` and the crate's version (`v0.1.0`).
pub fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// The repository's web page.
pub fn url() -> String {
    format!("https://github.com/{}", repository())
}

/// A file of the repository as it was at this build's release tag, e.g. `docs/rules.md`.
pub fn doc_url(path: &str) -> String {
    format!("{}/blob/{}/{path}", url(), release_tag())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_is_a_github_owner_and_name() {
        let slug = repository();
        let parts: Vec<&str> = slug.split('/').collect();
        assert_eq!(parts.len(), 2, "{slug}");
        assert!(parts.iter().all(|p| !p.is_empty()), "{slug}");
        assert_eq!(
            doc_url("docs/rules.md"),
            format!("https://github.com/{slug}/blob/v{}/docs/rules.md", env!("CARGO_PKG_VERSION"))
        );
    }
}
