//! `itos verify FILE` (assurance.md): read the provenance a report carries, check that its
//! commit is still in the history of HEAD, run the recorded command again at that commit and
//! compare inputs, configuration and figures. Exit 0 verified, 1 differs (every difference
//! listed), 2 cannot verify (and why).

use std::path::Path;

use clap::Parser as _;
use serde_json::Value;

use super::args::{Cli, VerifyArgs};
use super::{ExitStatus, Fatal, records_root, say};
use crate::output::stamp;

/// Reports are a few MiB at most; a larger file is not a report.
const MAX_REPORT_BYTES: u64 = 256 << 20;
/// Differing lines shown before "… and N more".
const SHOWN: usize = 20;

pub fn run(cli: &Cli, args: &VerifyArgs) -> Result<ExitStatus, Fatal> {
    let shown = args.file.display().to_string();
    let text = read(&args.file)?;
    let Some((recorded, body)) = stamp::extract(&text) else {
        return Err(Fatal(format!(
            "{shown}: no itos provenance in it; only reports of `itos report sla` and `itos report monthly` (JSON, HTML, Markdown, CSV) carry one"
        )));
    };
    let command: Vec<String> =
        recorded["command"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    if command.is_empty() {
        return Err(Fatal(format!(
            "{shown}: its provenance records no command (made by an itos before 0.1.0's `verify`)"
        )));
    }
    let Some(commit) = recorded["commit"].as_str() else {
        return Err(Fatal(format!("{shown}: made outside git (no commit recorded), so no commit can reproduce it")));
    };
    if recorded["uncommitted_changes"] == Value::Bool(true) {
        return Err(Fatal(format!(
            "{shown}: made from uncommitted changes of commit {commit}: no commit holds its inputs"
        )));
    }
    let root = records_root(cli)?;
    let mut differences = Vec::new();
    match crate::load::git::relation(&root, commit) {
        crate::load::git::Relation::Missing => {
            return Err(Fatal(format!(
                "{shown}: commit {commit} is not in this clone of the records (fetch the full history, or the history was rewritten and collected)"
            )));
        }
        crate::load::git::Relation::NotAncestor => differences.push(format!(
            "commit {commit} is not an ancestor of HEAD: the history was rewritten after the report was made"
        )),
        crate::load::git::Relation::Ancestor => {}
    }

    // The recorded command again, at that commit, into a private temporary folder.
    let work = tempfile::tempdir().map_err(|e| Fatal(format!("a temporary folder: {e}")))?;
    let extension = args.file.extension().and_then(|e| e.to_str()).unwrap_or("txt");
    let again = work.path().join(format!("again.{extension}"));
    let mut argv: Vec<String> = vec!["itos".into()];
    argv.extend(command.iter().cloned());
    argv.extend(["-C".into(), root.display().to_string(), "--at".into(), commit.to_owned(), "--quiet".into()]);
    argv.extend(["--output".into(), again.display().to_string()]);
    if let Some(config) = &cli.config {
        argv.extend(["--config".into(), config.display().to_string()]);
    }
    let rerun = Cli::try_parse_from(&argv)
        .map_err(|e| Fatal(format!("{shown}: the recorded command is not one this itos runs: {}", e.kind())))?;
    super::run(rerun)?;
    let text_again = read(&again)?;
    let Some((now, body_again)) = stamp::extract(&text_again) else {
        return Err(Fatal(format!("{shown}: the report made again carries no provenance")));
    };
    for (field, what) in [("inputs_sha256", "inputs (SHA-256)"), ("config_sha256", "configuration (SHA-256)")] {
        if recorded[field] != now[field] {
            differences.push(format!(
                "{what}: the report says {}, commit {commit} gives {}",
                recorded[field].as_str().unwrap_or("(none)"),
                now[field].as_str().unwrap_or("(none)")
            ));
        }
    }
    differences.extend(figures(&body, &body_again));
    if differences.is_empty() {
        say(&format!("verified: {shown} is what `itos {}` gives at commit {commit}", command.join(" ")));
        return Ok(ExitStatus::Clean);
    }
    say(&format!("{shown} differs from what `itos {}` gives at commit {commit}:", command.join(" ")));
    for d in &differences {
        say(&format!("  - {d}"));
    }
    Ok(ExitStatus::Findings)
}

fn read(path: &Path) -> Result<String, Fatal> {
    use std::io::Read as _;
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_REPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Fatal(format!("{shown}: {e}")))?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(Fatal(format!("{shown}: larger than 256 MiB; not a report of itos")));
    }
    if bytes.starts_with(b"PK") {
        return Err(Fatal(format!(
            "{shown}: a Word report is not verified yet; verify the JSON, HTML or Markdown of the same report"
        )));
    }
    String::from_utf8(bytes).map_err(|_| Fatal(format!("{shown}: not UTF-8 text; not a report of itos")))
}

/// The differences of the figures: JSON by path, other formats by line.
fn figures(report: &str, again: &str) -> Vec<String> {
    if let (Ok(a), Ok(b)) = (serde_json::from_str::<Value>(report), serde_json::from_str::<Value>(again)) {
        let mut out = Vec::new();
        json_differences(&a, &b, String::new(), &mut out);
        return limit(out);
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (report.lines().collect(), again.lines().collect());
    let mut out: Vec<String> = a
        .iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("line {}: the report says {:?}, the records give {:?}", i + 1, x.trim(), y.trim()))
        .collect();
    if a.len() != b.len() {
        out.push(format!("the report has {} lines, the records give {}", a.len(), b.len()));
    }
    limit(out)
}

fn json_differences(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let here = format!("{path}/{k}");
                match (x.get(k), y.get(k)) {
                    (Some(v), Some(w)) => json_differences(v, w, here, out),
                    _ => out.push(format!("{here}: present on one side only")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                json_differences(v, w, format!("{path}/{i}"), out);
            }
        }
        _ if a != b => out
            .push(format!("{}: the report says {a}, the records give {b}", if path.is_empty() { "/" } else { &path })),
        _ => {}
    }
}

fn limit(mut out: Vec<String>) -> Vec<String> {
    if out.len() > SHOWN {
        let more = out.len() - SHOWN;
        out.truncate(SHOWN);
        out.push(format!("… and {more} more"));
    }
    out
}
