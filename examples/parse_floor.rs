//! The parse-only floor of `itos validate`: walk the same files, read them and parse them into
//! plain YAML node trees with the same parser, in parallel as the loader does — no records,
//! no rules. The benchmark divides validate's time by this.
//!
//! `cargo run --release --example parse_floor -- DIR`

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use rayon::prelude::*;

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        std::process::exit(2);
    };
    let root = std::path::PathBuf::from(root);
    let limits = itos::config::Limits::default();
    let files = itos::load::walk::walk(&root, &itos::load::walk::exclude_set(&[]));
    let nodes: usize = files
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let itos::load::walk::Candidate::File { abs, .. } = c else { return 0 };
            let Ok(bytes) = std::fs::read(abs) else { return 0 };
            let text = String::from_utf8_lossy(&bytes);
            let parsed = itos::load::yaml::parse(&text, itos::model::FileId(i as u32), &limits);
            parsed.documents.iter().map(|d| d.count()).sum::<usize>()
        })
        .sum();
    println!("{} files, {nodes} nodes", files.len());
}
