#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The layers of docs/architecture.md, enforced: every `crate::…` path in a module of `src/`
//! names a module of its own layer or of a layer below it. Unit tests at the end of a file
//! (after `#[cfg(test)]`) may reach anywhere.

use std::collections::BTreeMap;
use std::path::Path;

/// Module → layer number, from the table of docs/architecture.md (rows `| N | `module` … |`).
fn layers() -> BTreeMap<String, u32> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 {
            continue;
        }
        let Ok(layer) = cells[1].parse::<u32>() else { continue };
        // Rows of the layer table name modules in code spans (the exit-code table does not).
        if !cells[2].starts_with('`') {
            continue;
        }
        for module in cells[2].split(',') {
            let module = module.trim().trim_matches('`');
            if !module.is_empty() {
                out.insert(module.to_owned(), layer);
            }
        }
    }
    out
}

/// The top-level modules of the crate: folders and files of `src/` but `lib.rs` and `main.rs`.
fn modules(src: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?.to_owned();
            let ok = p.is_dir() || p.extension().is_some_and(|e| e == "rs");
            (ok && name != "lib" && name != "main").then_some(name)
        })
        .collect();
    out.sort();
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_owned());
        return;
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_module_imports_only_its_own_layer_or_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers = layers();
    let mut problems = Vec::new();
    for module in modules(&src) {
        let Some(&own) = layers.get(&module) else {
            problems.push(format!("module `{module}` is not in the layer table of docs/architecture.md"));
            continue;
        };
        let mut files = Vec::new();
        let dir = src.join(&module);
        let path = if dir.is_dir() { dir } else { src.join(format!("{module}.rs")) };
        rust_files(&path, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let mut rest = line;
                while let Some(at) = rest.find("crate::") {
                    rest = &rest[at + 7..];
                    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    // Macros exported at the crate root (`crate::msg!`) are not modules.
                    if let Some(&layer) = layers.get(&name)
                        && layer > own
                    {
                        let shown = file.strip_prefix(&src).unwrap_or(&file).display().to_string();
                        problems.push(format!(
                            "src/{shown}:{}: `{module}` (layer {own}) uses `{name}` (layer {layer}), a layer above it",
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_table_names_every_module_and_nothing_else() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let listed: Vec<String> = layers().into_keys().collect();
    assert_eq!(listed, modules(&src));
}
