#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stderr)]

//! The ways itos is installed (README "Install"), run here as far as this machine can:
//! the release archive and its checksums (scripts/package-release.sh), the installer
//! (scripts/install.sh), the GitHub Action's own steps (action.yml) and the GitLab snippet
//! `itos init` writes, each fetching a release served from a folder on this machine. The
//! release workflow's build matrix is checked against the targets the installer knows.
//! (`cargo install --locked --path .` and the offline bundle build itos from scratch, which
//! takes minutes: bench/install.sh runs them.)

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use itos::config::Limits;
use itos::load::yaml;
use itos::model::node::{Node, Value};
use itos::model::span::FileId;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const ITOS: &str = env!("CARGO_BIN_EXE_itos");
/// The archive this machine's installer picks (tests run on Linux x86_64).
const TARGET: &str = "x86_64-unknown-linux-musl";

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// The tools every test here needs; without them a test says it skipped.
fn tools_missing(tools: &[&str]) -> bool {
    let missing: Vec<&&str> = tools.iter().filter(|t| !have(t)).collect();
    if !missing.is_empty() {
        eprintln!("SKIPPED: needs {missing:?} on PATH");
    }
    !missing.is_empty()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A release folder as the release workflow makes it: the archive of the test binary for
/// [`TARGET`], install.sh, SHA256SUMS.
fn release(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    let script = Path::new(ROOT).join("scripts/package-release.sh");
    let out = Command::new("sh").arg(&script).args(["archive", TARGET, ITOS]).arg(&dist).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    std::fs::copy(Path::new(ROOT).join("scripts/install.sh"), dist.join("install.sh")).unwrap();
    let out = Command::new("sh").arg(&script).arg("checksums").arg(&dist).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    dist
}

fn install(dist: &Path, into: &Path) -> Output {
    Command::new("sh")
        .arg(Path::new(ROOT).join("scripts/install.sh"))
        .env("ITOS_DOWNLOAD_URL", format!("file://{}", dist.display()))
        .env("ITOS_INSTALL_DIR", into)
        .env("ITOS_TARGET", TARGET)
        .output()
        .unwrap()
}

#[test]
fn a_release_archive_installs_after_its_checksum_is_checked_and_runs() {
    if tools_missing(&["curl", "tar", "sha256sum"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = release(tmp.path());
    let sums = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    let names: Vec<&str> = sums.lines().map(|l| l.split_once("  ").unwrap().1).collect();
    assert_eq!(names, ["install.sh", format!("itos-{TARGET}.tar.gz").as_str()]);

    let bin = tmp.path().join("bin");
    let out = install(&dist, &bin);
    assert!(out.status.success(), "{}", text(&out));
    let version = Command::new(bin.join("itos")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("itos {}", env!("CARGO_PKG_VERSION")));
    let run = Command::new(bin.join("itos"))
        .args(["validate", "--no-git", "-C"])
        .arg(Path::new(ROOT).join("examples/acme"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
}

#[test]
fn a_tampered_archive_or_a_missing_checksum_installs_nothing() {
    if tools_missing(&["curl", "tar", "sha256sum"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = release(tmp.path());
    let archive = dist.join(format!("itos-{TARGET}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&archive, &bytes).unwrap();
    let bin = tmp.path().join("bin");
    let out = install(&dist, &bin);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("does not match SHA256SUMS"), "{}", text(&out));
    assert!(!bin.join("itos").exists());

    let sums = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    let other: String = sums.lines().filter(|l| !l.contains(".tar.gz")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dist.join("SHA256SUMS"), other).unwrap();
    let out = install(&dist, &bin);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains(&format!("SHA256SUMS at file://{} lists no itos-{TARGET}.tar.gz", dist.display())),
        "{}",
        text(&out)
    );
    assert!(!bin.join("itos").exists());
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 for the rest of the test process.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                    break;
                }
            }
            let name = request.split(' ').nth(1).unwrap_or("/").rsplit('/').next().unwrap_or("");
            let mut stream = &stream;
            match std::fs::read(dir.join(name)) {
                Ok(body) if !name.is_empty() => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(&body);
                }
                _ => {
                    let _ = write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
            }
        }
    });
    format!("http://{address}")
}

/// The YAML file at `path`, parsed by itos's own YAML reader.
fn yaml_file(path: &Path) -> Node<'static> {
    let text: &'static str = Box::leak(std::fs::read_to_string(path).unwrap().into_boxed_str());
    let parsed = yaml::parse(text, FileId(0), &Limits::default());
    assert!(parsed.findings.is_empty(), "{}: {:?}", path.display(), parsed.findings);
    parsed.documents.into_iter().next().unwrap()
}

fn at<'n>(node: &'n Node<'static>, path: &[&str]) -> &'n Node<'static> {
    path.iter().fold(node, |n, key| &n.get(key).unwrap_or_else(|| panic!("no `{key}` in {path:?}")).value)
}

fn scalar<'n>(node: &'n Node<'static>, path: &[&str]) -> &'n str {
    at(node, path).as_scalar().unwrap_or_else(|| panic!("{path:?} is not a scalar"))
}

fn items<'n>(node: &'n Node<'static>) -> &'n [Node<'static>] {
    match &node.value {
        Value::Seq(items) => items,
        _ => panic!("not a list"),
    }
}

/// The files `itos init` writes.
fn scaffold(dir: &Path) -> PathBuf {
    let records = dir.join("records");
    let out = Command::new(ITOS).arg("init").arg(&records).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    records
}

#[test]
fn the_ci_files_of_init_download_the_release_and_compile_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let records = scaffold(tmp.path());
    for file in [".github/workflows/itos.yml", ".gitlab/itos-ci.yml"] {
        let written = std::fs::read_to_string(records.join(file)).unwrap();
        for compiler in ["cargo", "rustup", "rust-toolchain", "rust:"] {
            assert!(!written.contains(compiler), "{file} mentions {compiler}");
        }
    }
    let workflow = yaml_file(&records.join(".github/workflows/itos.yml"));
    let steps = items(at(&workflow, &["jobs", "validate", "steps"]));
    let uses: Vec<&str> = steps.iter().filter_map(|s| s.get("uses").and_then(|e| e.value.as_scalar())).collect();
    assert!(uses.contains(&format!("itos-dev/itos@v{}", env!("CARGO_PKG_VERSION")).as_str()), "{uses:?}");
    // The action and the repository it names are this one.
    assert!(Path::new(ROOT).join("action.yml").is_file());
    assert_eq!(env!("CARGO_PKG_REPOSITORY"), "https://github.com/itos-dev/itos");
}

#[test]
fn the_gitlab_snippet_of_init_runs_the_checked_release_binary() {
    if tools_missing(&["wget", "tar", "sha256sum", "grep"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = release(tmp.path());
    let records = scaffold(tmp.path());
    let snippet = yaml_file(&records.join(".gitlab/itos-ci.yml"));
    let script: Vec<&str> = items(at(&snippet, &["itos", "script"])).iter().map(|n| n.as_scalar().unwrap()).collect();
    let archive = scalar(&snippet, &["itos", "variables", "ITOS_ARCHIVE"]);
    assert_eq!(archive, format!("itos-{TARGET}.tar.gz"));
    let url = scalar(&snippet, &["itos", "variables", "ITOS_DOWNLOAD_URL"]);
    assert_eq!(url, format!("https://github.com/itos-dev/itos/releases/download/v{}", env!("CARGO_PKG_VERSION")));

    // Run the job's script as GitLab would (each line must succeed) in a checkout of the
    // records, against a server on this machine.
    let base = serve(dist.clone());
    let job = |checkout: &Path| {
        Command::new("sh")
            .args(["-e", "-c", &script.join("\n")])
            .current_dir(checkout)
            .env("ITOS_DOWNLOAD_URL", &base)
            .env("ITOS_ARCHIVE", archive)
            .output()
            .unwrap()
    };
    let out = job(&records);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(records.join("itos-junit.xml").is_file());

    let archive_path = dist.join(archive);
    let mut bytes = std::fs::read(&archive_path).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&archive_path, &bytes).unwrap();
    let other = tempfile::tempdir().unwrap();
    let records = scaffold(other.path());
    let out = job(&records);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out).contains(&format!("{archive}: FAILED")), "{}", text(&out));
    assert!(!records.join(format!("itos-{TARGET}")).exists());
    assert!(!records.join("itos-junit.xml").exists());
}

/// The `run` script and `env` of the step of action.yml named `name`.
fn action_step(action: &Node<'static>, name: &str) -> (String, Vec<(String, String)>) {
    let steps = items(at(action, &["runs", "steps"]));
    let step = steps.iter().find(|s| s.get("name").and_then(|e| e.value.as_scalar()) == Some(name)).unwrap();
    assert_eq!(scalar(step, &["shell"]), "bash");
    let env = step
        .get("env")
        .and_then(|e| e.value.as_map())
        .unwrap_or_default()
        .iter()
        .map(|e| (e.key.to_string(), e.value.as_scalar().unwrap().to_owned()))
        .collect();
    (scalar(step, &["run"]).to_owned(), env)
}

#[test]
fn the_action_installs_the_checked_release_and_runs_validate() {
    if tools_missing(&["bash", "curl", "tar", "sha256sum"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = release(tmp.path());
    let action = yaml_file(&Path::new(ROOT).join("action.yml"));
    assert_eq!(scalar(&action, &["runs", "using"]), "composite");
    let runner_temp = tmp.path().join("runner-temp");
    std::fs::create_dir(&runner_temp).unwrap();
    let github_path = tmp.path().join("github-path");
    let github_output = tmp.path().join("github-output");
    let summary = tmp.path().join("summary.md");

    // Step 1 as the runner runs it, with the action checked out at …/_actions/OWNER/NAME/REF.
    let (run, env) = action_step(&action, "Install itos");
    let names: Vec<&str> = env.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["ITOS_VERSION", "ITOS_DOWNLOAD_URL", "ACTION_REPOSITORY", "ACTION_REF"]);
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run])
        .env("ITOS_VERSION", "")
        .env("ITOS_DOWNLOAD_URL", format!("file://{}", dist.display()))
        .env("ACTION_REPOSITORY", "")
        .env("ACTION_REF", "")
        .env("ITOS_TARGET", TARGET)
        .env("GITHUB_ACTION_PATH", ROOT)
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_PATH", &github_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let bin_dir = std::fs::read_to_string(&github_path).unwrap().trim().to_owned();
    assert!(text(&out).contains("installed itos"), "{}", text(&out));
    assert_eq!(Path::new(&bin_dir), runner_temp.join("itos-bin"));

    // Step 2 on the broken example: findings as annotations, SARIF, the summary, exit code 1.
    let (run, _) = action_step(&action, "itos validate");
    let path = format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run])
        .current_dir(Path::new(ROOT).join("examples/broken"))
        .env("PATH", path)
        .env("ITOS_ARGS", "--no-git --as-of 2026-10-31")
        .env("SARIF", runner_temp.join("itos.sarif"))
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::error file="), "{}", text(&out));
    let outputs = std::fs::read_to_string(&github_output).unwrap();
    assert_eq!(outputs, format!("exit-code=1\nsarif={}\n", runner_temp.join("itos.sarif").display()));
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(runner_temp.join("itos.sarif")).unwrap()).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(std::fs::read_to_string(&summary).unwrap().contains("GEN-003"));
}

#[test]
fn the_release_workflow_builds_every_target_the_installer_takes() {
    let workflow = yaml_file(&Path::new(ROOT).join(".github/workflows/release.yml"));
    let built: Vec<&str> = items(at(&workflow, &["jobs", "build", "strategy", "matrix", "include"]))
        .iter()
        .map(|t| scalar(t, &["target"]))
        .collect();
    let installer = std::fs::read_to_string(Path::new(ROOT).join("scripts/install.sh")).unwrap();
    let taken: Vec<&str> =
        installer.lines().filter_map(|l| l.split_once(") target=")).map(|(_, t)| t.trim_end_matches(" ;;")).collect();
    let mut a = built.clone();
    let mut b = taken.clone();
    a.sort_unstable();
    b.sort_unstable();
    b.dedup();
    assert_eq!(a, b, "release.yml builds {built:?}; install.sh takes {taken:?}");
    assert!(built.contains(&TARGET));
}

#[test]
fn the_action_downloads_the_release_of_the_tag_it_is_used_at() {
    let tmp = tempfile::tempdir().unwrap();
    // The runner checks an action out at …/_actions/OWNER/NAME/REF.
    let checkout = tmp.path().join("_actions/acme-bank/itos/v9.8.7");
    std::fs::create_dir_all(checkout.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(ROOT, &checkout).unwrap();
    // A `curl` that records what it was asked for and fails, so nothing leaves this machine.
    let fake = tmp.path().join("fake-bin");
    std::fs::create_dir(&fake).unwrap();
    let asked = tmp.path().join("asked");
    std::fs::write(
        fake.join("curl"),
        format!("#!/bin/sh\nfor a; do last=$a; done\necho \"$last\" >>'{}'\nexit 22\n", asked.display()),
    )
    .unwrap();
    std::fs::set_permissions(fake.join("curl"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let action = yaml_file(&Path::new(ROOT).join("action.yml"));
    let (run, _) = action_step(&action, "Install itos");
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run])
        .env("PATH", format!("{}:{}", fake.display(), std::env::var("PATH").unwrap_or_default()))
        .env("ITOS_VERSION", "")
        .env("ITOS_DOWNLOAD_URL", "")
        .env("ACTION_REPOSITORY", "")
        .env("ACTION_REF", "")
        .env("ITOS_TARGET", TARGET)
        .env("GITHUB_ACTION_PATH", &checkout)
        .env("RUNNER_TEMP", tmp.path())
        .env("GITHUB_PATH", tmp.path().join("github-path"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let url = format!("https://github.com/acme-bank/itos/releases/download/v9.8.7/itos-{TARGET}.tar.gz");
    assert_eq!(std::fs::read_to_string(&asked).unwrap(), format!("{url}\n"));
    assert!(text(&out).contains(&format!("could not download {url}")), "{}", text(&out));
}
