#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Hostile input, generated here (no megabytes committed): every file either loads correctly
//! or gets a located, plainly worded finding; nothing panics, hangs or exhausts memory; every
//! other file is still checked; and no read command changes the records tree.

use crate::common;
use common::itos;

use std::path::Path;

const PERSON: &str = "kind: Person\nid: p-ok\nname: 正常\nrole: 工程师\njoined: 2025-07-01\n";

/// (file name, bytes, what must come of it: a rule id, or "" for a clean load)
fn corpus() -> Vec<(String, Vec<u8>, &'static str)> {
    let mut out: Vec<(String, Vec<u8>, &'static str)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: &'static str| out.push((name.to_owned(), bytes, expect));
    add("invalid-utf8.yaml", b"kind: Person\nid: p-1\nname: \xff\xfe\xfd\n".to_vec(), "GEN-001");
    let utf16 = |text: &str, le: bool, bom: bool| {
        let mut b = Vec::new();
        if bom {
            b.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    let p = |id: &str| {
        format!(
            "kind: Person\nid: {id}\nname: 编码\nrole: 工程师\njoined: 2025-07-01\nnda_signed_at: 2025-07-01\nbackground_checked_at: 2025-07-01\n"
        )
    };
    add("utf16le-bom.yaml", utf16(&p("p-le"), true, true), "");
    add("utf16be-bom.yaml", utf16(&p("p-be"), false, true), "");
    // Without a byte-order mark UTF-16 is not guessed: a plain finding says to save as UTF-8.
    add("utf16le-nobom.yaml", utf16(&p("p-le2"), true, false), "GEN-001");
    add("utf8-bom.yaml", [b"\xEF\xBB\xBF".to_vec(), p("p-bom").into_bytes()].concat(), "");
    add("nul.yaml", b"kind: Person\nid: p-nul\nname: a\x00b\n".to_vec(), "GEN-001");
    add("crlf.yaml", p("p-crlf").replace('\n', "\r\n").into_bytes(), "");
    add("tabs.yaml", b"kind: Person\nid: p-tab\n\tname: x\n".to_vec(), "GEN-001");
    add(
        "dup-keys.yaml",
        b"kind: Person\nid: p-dup\nname: a\nname: b\nrole: r\njoined: 2025-07-01\n".to_vec(),
        "GEN-001",
    );
    add(
        "yaml11-bool.yaml",
        b"kind: Person\nid: p-no\nname: no\nrole: on\njoined: 2025-07-01\nkey_staff: yes\n".to_vec(),
        "GEN-003",
    );
    add("huge-int.yaml", b"kind: BackupPolicy\nid: bp-huge\nsystem: s\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 1000000000000000000000000000000\nintegrity_check: x\n".to_vec(), "GEN-003");
    add("bad-date.yaml", b"kind: Person\nid: p-date\nname: n\nrole: r\njoined: 2026-02-30\n".to_vec(), "GEN-003");
    add("floating-time.yaml", b"kind: Feedback\nid: FB-x\nreceived_at: 2026-10-03T09:12:00\nchannel: email\nclass: general\nsummary: s\nstatus: open\n".to_vec(), "GEN-008");
    add("empty.yaml", Vec::new(), "");
    add("empty-docs.yaml", b"---\n---\n# only a comment\n---\n".to_vec(), "");
    add(
        "merge-keys.yaml",
        b"base: &b {role: r, joined: 2025-07-01, nda_signed_at: 2025-07-01, background_checked_at: 2025-07-01}\n"
            .to_vec(),
        "GEN-002",
    );
    add(
        "merge-ok.yaml",
        b"kind: Person\ndefaults: &d {role: r, joined: 2025-07-01, nda_signed_at: 2025-07-01, background_checked_at: 2025-07-01}\nitems:\n  - {<<: *d, id: p-m1, name: a}\n".to_vec(),
        "",
    );
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n",
            (b'a' + i) as char,
            (b'a' + i) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char
        ));
    }
    add("alias-bomb.yaml", bomb.into_bytes(), "GEN-001");
    add("deep.yaml", ("[".repeat(50_000) + &"]".repeat(50_000)).into_bytes(), "GEN-001");
    add(
        "deep-map.yaml",
        (0..50_000).map(|i| format!("{}k:\n", " ".repeat(i.min(200)))).collect::<String>().into_bytes(),
        "GEN-001",
    );
    let mut many = String::new();
    for i in 0..1_200 {
        many.push_str(&format!("---\nkind: Person\nid: p-many-{i}\nname: n\nrole: r\njoined: 2025-07-01\n"));
    }
    add("many-docs.yaml", many.into_bytes(), "GEN-001");
    add("unclosed.yaml", b"kind: Person\nid: [p\n".to_vec(), "GEN-001");
    add("ok.yaml", PERSON.as_bytes().to_vec(), "");
    out
}

#[test]
fn hostile_files_give_located_findings_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("itos.toml"),
        "format = 1\n\n[limits]\nmax_file_bytes = 2000000\nmax_documents_per_file = 1000\n",
    )
    .unwrap();
    std::fs::write(root.join("engagement.yaml"), itos::rules::examples::BASE).unwrap();
    for (name, bytes, _) in corpus() {
        std::fs::write(root.join(&name), bytes).unwrap();
    }
    // Over the size limit: 3 MB of a valid record's padding comment.
    std::fs::write(root.join("big.yaml"), format!("{PERSON}# {}\n", "x".repeat(3_000_000))).unwrap();
    #[cfg(unix)]
    {
        std::fs::create_dir_all(root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("outside.yaml")).unwrap();
    }
    let started = std::time::Instant::now();
    let (code, out, err) =
        itos(&["validate", "-C", root.to_str().unwrap(), "--no-git", "--as-of", "2026-10-31", "--format", "json"]);
    assert!(started.elapsed().as_secs() < 60, "no hang");
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let rules_in = |file: &str| -> Vec<String> {
        findings.iter().filter(|f| f["file"] == file).map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
    };
    for (name, _, expect) in corpus() {
        let rules = rules_in(&name);
        if expect.is_empty() {
            assert!(!rules.iter().any(|r| r.starts_with("GEN-00")), "{name} should load cleanly: {rules:?}");
        } else {
            assert!(rules.iter().any(|r| r == expect), "{name}: expected {expect}, got {rules:?}");
            for f in findings.iter().filter(|f| f["file"] == name.as_str()) {
                assert!(f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1, "{name}: located");
                assert!(!f["message"].as_str().unwrap().is_empty());
            }
        }
    }
    assert_eq!(rules_in("big.yaml"), vec!["GEN-001"]);
    #[cfg(unix)]
    assert_eq!(rules_in("outside.yaml"), vec!["GEN-001"]);
    // The well-formed files were loaded: UTF-16 people exist, and records reference them fine.
    let (_, human, _) = itos(&["validate", "-C", root.to_str().unwrap(), "--no-git", "--as-of", "2026-10-31"]);
    assert!(human.contains("records ("), "{human}");
}

#[test]
fn read_commands_never_write_into_the_records_tree() {
    fn digest(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if e.file_type().is_file() {
                out.push((rel, std::fs::read(e.path()).unwrap()));
            } else {
                out.push((rel, Vec::new()));
            }
        }
        out
    }
    for example in ["acme", "exit", "broken"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
        let r = root.to_str().unwrap();
        let before = digest(&root);
        let commands: Vec<Vec<&str>> = vec![
            vec!["validate", "-C", r],
            vec!["validate", "-C", r, "--format", "sarif"],
            vec!["report", "sla", "-C", r, "--month", "2026-10", "--format", "html"],
            vec!["report", "sla", "-C", r, "--ticket", "INC-2026-10-016"],
            vec!["report", "gaps", "-C", r, "--format", "csv"],
            vec!["report", "due", "-C", r, "--format", "ics"],
            vec!["handover", "checklist", "-C", r, "--format", "json"],
            vec!["rules"],
            vec!["explain", "GIT-002"],
        ];
        for args in commands {
            let _ = itos(&args);
        }
        assert!(before == digest(&root), "a read command changed examples/{example}");
    }
}

#[test]
fn output_files_are_written_atomically_and_a_bad_target_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    std::fs::write(&target, "old").unwrap();
    let (code, _, _) = itos(&[
        "report",
        "sla",
        "-C",
        "examples/acme",
        "--month",
        "2026-10",
        "--format",
        "html",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&target).unwrap().ends_with("</html>\n"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    let (code, _, err) =
        itos(&["validate", "-C", "examples/acme", "-o", dir.path().join("missing/dir/out.txt").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("out.txt"), "{err}");
}

#[test]
fn record_text_is_neutralised_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("engagement.yaml"), itos::rules::examples::BASE).unwrap();
    // A field error whose message quotes hostile text: escape sequences, HTML, Markdown, formulas.
    // An unknown kind is quoted in its finding: escape sequences, HTML, Markdown, a formula.
    let evil = "kind: \"\\e]0;pwned\\a\\e[31m<script>alert(1)</script>|**x**\"\nid: \"=cmd|' /C calc'!A0\"\n";
    std::fs::write(dir.path().join("evil.yaml"), evil).unwrap();
    let root = dir.path().to_str().unwrap();
    let run = |format: &str| {
        itos(&["validate", "-C", root, "--no-git", "--as-of", "2026-10-31", "--format", format, "--color", "always"]).1
    };
    let human = run("human");
    assert!(!human.contains("\u{1b}]0;"), "no terminal title escape from record text");
    assert!(!human.contains("\u{1b}[31m<script>"), "record escapes are neutralised");
    assert!(human.contains("unknown kind"), "{human}");
    let markdown = run("markdown");
    // Outside code spans no HTML survives; inside them it is shown as text.
    for (i, part) in markdown.split('`').enumerate() {
        assert!(i % 2 == 1 || !part.contains("<script>"), "{part}");
    }
    assert!(
        markdown.lines().filter(|l| l.starts_with("| ")).all(|l| l.matches(" | ").count() == 3 || l.contains("\\|")),
        "{markdown}"
    );
    let github = run("github");
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
    assert!(!github.contains('\u{1b}'), "{github}");
    let sarif = run("sarif");
    assert!(serde_json::from_str::<serde_json::Value>(&sarif).is_ok());
    let junit = run("junit");
    assert!(roxmltree::Document::parse(&junit).is_ok(), "control characters are dropped from XML");
    let (_, html, _) = itos(&[
        "report",
        "sla",
        "-C",
        root,
        "--no-git",
        "--as-of",
        "2026-10-31",
        "--month",
        "2026-10",
        "--format",
        "html",
    ]);
    assert!(!html.contains("<script>"));
}

/// Run the binary like [`itos`], killed after `limit` (a hang is a failure, not a stuck suite).
fn itos_within(args: &[&str], limit: std::time::Duration) -> Option<(i32, String)> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ITOS_LANG")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).unwrap();
            return Some((status.code().unwrap_or(-1), out));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
#[allow(clippy::print_stderr)] // tells the measured figures, or why a case is not checked
fn evidence_that_is_not_a_regular_file_is_a_finding_never_opened() {
    // Issue 15, item 3: an evidence path naming a FIFO used to block `handover checklist`
    // forever (opening a FIFO waits for a writer). Only regular files are evidence.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/exit"), root);
    let evidence = "handover/deliverables/service-reports.md";
    std::fs::remove_file(root.join(evidence)).unwrap();
    match std::process::Command::new("mkfifo").arg(root.join(evidence)).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("note: mkfifo is not available; the FIFO case is not checked here");
            return;
        }
    }
    let r = root.to_str().unwrap();
    let limit = std::time::Duration::from_secs(60);
    let (code, out) =
        itos_within(&["handover", "checklist", "-C", r, "--no-git", "--format", "json"], limit).expect("no hang");
    assert!(code == 0 || code == 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let states: Vec<(&str, &serde_json::Value)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["evidence"].as_array().unwrap())
        .filter(|e| e["path"] == evidence)
        .map(|e| (e["state"].as_str().unwrap(), &e["sha256"]))
        .collect();
    assert!(!states.is_empty());
    assert!(states.iter().all(|(s, h)| *s == "not-regular" && h.is_null()), "{states:?}");
    assert_eq!(v["complete"], false);
    // The finding, where missing evidence is reported (HND-003), in English and Chinese.
    let (_, out) = itos_within(&["validate", "-C", r, "--no-git", "--format", "json", "--rule", "HND-003"], limit)
        .expect("no hang");
    assert!(
        out.contains(&format!(
            "`{evidence}` is not a regular file (a FIFO, device, socket or submodule); it is not read as evidence"
        )),
        "{out}"
    );
    let (_, out) = itos_within(
        &["validate", "-C", r, "--no-git", "--format", "json", "--rule", "HND-003", "--lang", "zh-CN"],
        limit,
    )
    .expect("no hang");
    assert!(out.contains(&format!("`{evidence}` 不是普通文件")), "{out}");
}

// ---- Bounded on every input: each class of input that once took quadratic time or memory is
// built here at a CI-friendly size and timed against a plain input of the same size, parsed
// the same way. The bound is a ratio, not an absolute time: the machine is shared.

/// The fastest of three runs (the least disturbed by other work on the machine), in seconds.
fn fastest(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Parse `text` as one file of YAML with the default limits.
fn parse_yaml(text: &str) -> itos::load::yaml::Parsed<'_> {
    parse_with(text, &itos::config::Limits::default())
}

fn parse_with<'t>(text: &'t str, limits: &itos::config::Limits) -> itos::load::yaml::Parsed<'t> {
    itos::load::yaml::parse(text, itos::model::FileId(0), limits)
}

/// `time(hostile) / time(plain)`, asserted to be at most `k` (printed with `--nocapture`).
#[allow(clippy::print_stdout)] // the measured ratio, for the record
fn assert_ratio(name: &str, hostile: &str, plain: &str, k: f64, run: impl Fn(&str)) {
    let size = (hostile.len() as f64 / plain.len() as f64 - 1.0).abs();
    assert!(size < 0.5, "{name}: the baseline must be about as large as the hostile input");
    let (h, p) = (fastest(|| run(hostile)), fastest(|| run(plain)));
    let ratio = h / p;
    println!("{name}: hostile {h:.4}s, plain {p:.4}s, ratio {ratio:.2} (bound {k})");
    assert!(ratio <= k, "{name}: {ratio:.1}× the time of a plain input of the same size (bound {k}×)");
}

fn plain_mapping(n: usize) -> String {
    let mut s = String::from("m: {");
    for i in 0..n {
        s.push_str(&format!("k{i}: {i}, "));
    }
    s.push_str("}\n");
    s
}

#[test]
fn merge_key_with_many_keys_is_linear() {
    const N: usize = 20_000;
    // `<<:` copying N keys into a mapping: each key once, looked up in an index.
    let hostile = plain_mapping(N).replacen("m: {", "m: {<<: {", 1).replace(", }\n", "}}\n");
    let plain = plain_mapping(N);
    let p = parse_yaml(&hostile);
    assert!(p.findings.is_empty(), "{:?}", p.findings.first());
    assert_eq!(p.documents[0].get("m").unwrap().value.as_map().unwrap().len(), N);
    assert_ratio("merge", &hostile, &plain, 4.0, |t| drop(parse_yaml(t)));
}

#[test]
fn many_duplicate_keys_are_linear() {
    const N: usize = 20_000;
    // N copies of one key, then N distinct keys: every duplicate is dropped in one pass.
    let mut hostile = String::new();
    for _ in 0..N {
        hostile.push_str("dup: 0\n");
    }
    for i in 0..N {
        hostile.push_str(&format!("k{i:05}: 0\n"));
    }
    let plain: String = (0..N).map(|i| format!("a{i:05}: 0\nb{i:05}: 0\n")).collect();
    let p = parse_yaml(&hostile);
    assert_eq!(p.documents[0].as_map().unwrap().len(), N + 1);
    assert_ratio("duplicates", &hostile, &plain, 3.0, |t| drop(parse_yaml(t)));
}

#[test]
fn a_long_misspelt_name_gets_no_costly_suggestion() {
    const LEN: usize = 200_000;
    // "Did you mean" compares names only up to a small length: a long misspelt `kind:` is
    // reported without computing edit distances over it.
    let files = |text: &str| vec![("long.yaml".to_owned(), text.to_owned())];
    let config = || itos::config::Config::parse("format = 1\n", Path::new("itos.toml")).unwrap();
    let hostile = format!("kind: {}\nid: x\n", "Chang".repeat(LEN / 5));
    // The baseline: the same size, a short misspelt kind (suggested) and a long comment.
    let plain = format!("kind: Chang\nid: x\n# {}\n", "Chang".repeat(LEN / 5));
    let repo = itos::load::Repository::from_texts(&files(&hostile), config());
    let f = repo.findings.iter().find(|f| f.rule == "GEN-002").unwrap();
    assert!(f.help.as_ref().is_some_and(|h| h.en.starts_with("known kinds")), "{:?}", f.help);
    let repo = itos::load::Repository::from_texts(&files(&plain), config());
    let f = repo.findings.iter().find(|f| f.rule == "GEN-002").unwrap();
    assert!(f.help.as_ref().is_some_and(|h| h.en.contains("`Change`")), "{:?}", f.help);
    assert_eq!(itos::model::decode::closest(&"x".repeat(65), ["xx"].into_iter()), None);
    assert_eq!(itos::model::decode::closest("Chnage", ["Change"].into_iter()), Some("Change"));
    assert_ratio("long kind", &hostile, &plain, 4.0, |t| {
        drop(itos::load::Repository::from_texts(&files(t), config()));
    });
}

#[test]
fn anchors_no_alias_uses_are_not_copied() {
    const ITEMS: usize = 30_000;
    const DEPTH: usize = 250;
    // 250 anchors nested over one long list (depth allowed up to 255), none of them used by an
    // alias (one small anchor is, so the file does have aliases): nothing is copied, and the
    // tree is as large as the same nesting without anchors.
    let limits = itos::config::Limits { max_depth: 255, ..Default::default() };
    let parse = |t| parse_with(t, &limits);
    let list = format!("[{}]", vec!["x"; ITEMS].join(", "));
    let nested = |anchors: bool| {
        let open: String = (0..DEPTH).map(|i| if anchors { format!("&a{i:03} [") } else { "      [".into() }).collect();
        format!("t: &t x\nu: *t\nlist: {open}{list}{}\n", "]".repeat(DEPTH))
    };
    let (hostile, plain) = (nested(true), nested(false));
    assert_eq!(hostile.len(), plain.len());
    let (h, p) = (parse(&hostile), parse(&plain));
    assert!(h.findings.is_empty() && p.findings.is_empty(), "{:?}", h.findings.first());
    assert_eq!(h.documents[0].count(), p.documents[0].count());
    assert_eq!(h.documents[0].get("u").unwrap().value.as_scalar(), Some("x"));
    // An alias still copies, and counts the nodes it produces against the budget.
    let used = format!("{hostile}again: *a{:03}\n", DEPTH - 1);
    let r = parse(&used);
    assert!(r.findings.is_empty(), "{:?}", r.findings.first());
    assert!(
        matches!(&r.documents[0].get("again").unwrap().value.value, itos::model::node::Value::Seq(s) if s.len() == 1)
    );
    assert_eq!(r.documents[0].count(), h.documents[0].count() + ITEMS + 2);
    let small = itos::config::Limits { max_alias_expansions: ITEMS as u64, ..limits.clone() };
    let r = parse_with(&used, &small);
    assert!(r.findings.iter().any(|f| f.message.en.contains("max_alias_expansions")), "{:?}", r.findings);
    assert_ratio("unused anchors", &hostile, &plain, 3.0, |t| drop(parse_with(t, &limits)));
}

#[test]
fn findings_are_capped_per_file_with_an_and_n_more_finding() {
    use itos::model::finding::{MAX_FINDINGS_PER_FILE, MAX_FINDINGS_PER_RULE_IN_FILE};
    const N: usize = 8_000;
    // One unknown field per line (each a GEN-003 with a long help text), and N duplicate
    // keys (each a GEN-001): a few hundred kept per rule, then one "and N more" finding.
    let record = |prefix: &str| {
        let mut s = String::from("kind: Person\nid: p-1\nname: n\nrole: r\njoined: 2025-07-01\n");
        for i in 0..N {
            s.push_str(&format!("{prefix}{i:05}: 1\n"));
        }
        s
    };
    let mut hostile = record("unknown-");
    hostile.push_str(&"name: again\n".repeat(N / 4));
    let mut plain = record("x-custom");
    plain.push_str(&format!("x-pad: {}\n", "p".repeat(N / 4 * 12)));
    let load = |text: &str| {
        let config = itos::config::Config::parse("format = 1\n", Path::new("itos.toml")).unwrap();
        itos::load::Repository::from_texts(&[("many.yaml".to_owned(), text.to_owned())], config)
    };
    let repo = load(&hostile);
    assert!(repo.findings.len() <= MAX_FINDINGS_PER_FILE + 2, "{}", repo.findings.len());
    for (rule, n) in [("GEN-003", N), ("GEN-001", N / 4)] {
        let of_rule: Vec<_> = repo.findings.iter().filter(|f| f.rule == rule).collect();
        assert_eq!(of_rule.len(), MAX_FINDINGS_PER_RULE_IN_FILE + 1, "{rule}");
        let more = of_rule.iter().filter(|f| f.message.en.starts_with("and ")).collect::<Vec<_>>();
        let left = n - MAX_FINDINGS_PER_RULE_IN_FILE;
        assert_eq!(more.len(), 1, "{rule}");
        assert!(more[0].message.en.starts_with(&format!("and {left} more {rule} findings")), "{}", more[0].message.en);
        assert!(more[0].message.zh.contains(&format!("另有 {left} 条")), "{}", more[0].message.zh);
    }
    assert!(load(&plain).findings.is_empty(), "{:?}", load(&plain).findings.first());
    assert_ratio("findings", &hostile, &plain, 6.0, |t| drop(load(t)));
}

/// Issue 15, items 9 and 10: `--output` onto a device writes it directly (as root the device
/// node used to be replaced by a regular file); onto a symlink it replaces the link's target.
#[cfg(unix)]
#[test]
fn output_onto_a_device_or_a_symlink_writes_through_it() {
    use std::os::unix::fs::FileTypeExt as _;
    let (code, _, err) = itos(&["validate", "-C", "examples/acme", "--no-git", "-o", "/dev/null"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // /dev/stdout onto a pipe: written through.
    let (code, out, err) = itos(&["validate", "-C", "examples/acme", "--no-git", "-o", "/dev/stdout"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(out.contains(" in ") && out.contains("records"), "{out}{err}");
    // A FIFO: written directly, stays a FIFO.
    let fifo_dir = tempfile::tempdir().unwrap();
    let fifo = fifo_dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = itos(&["validate", "-C", "examples/acme", "--no-git", "-o", fifo.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(reader.join().unwrap().contains("records"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("out.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) =
        itos(&["validate", "-C", "examples/acme", "--no-git", "--format", "json", "-o", link.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().starts_with('{'));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
}

/// Issue 15, item 7: no record text becomes an HTML node in any Markdown output (the PR
/// comment, the SLA report, the gaps report, the handover checklist), checked with a
/// CommonMark (GFM) parser. A code span whose backtick run never closes used to leave the
/// `<img>` after it live.
#[test]
fn no_record_text_becomes_html_in_any_markdown_output() {
    use pulldown_cmark::{Event, Options, Parser};
    const HOSTILE: &[&str] = &[
        "``<img src=x onerror=alert(1)>",
        "`a``<img src=x onerror=alert(2)>",
        "`` ` <img src=x onerror=alert(3)> ```",
        "\\`<img src=x onerror=alert(4)>`",
        "<script>alert(5)</script>|<b>x</b>",
        "&lt;img src=x onerror=alert(6)&gt;",
    ];
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme");
    common::copy_dir(Path::new("examples/acme"), &root);
    let hostile = HOSTILE.join(" ");
    let quoted = serde_json::to_string(&hostile).unwrap(); // a YAML double-quoted scalar too
    let engagement = root.join("engagements/acme-core-ops.yaml");
    let text = std::fs::read_to_string(&engagement).unwrap();
    let text = text.replace("title: 江南商业银行核心系统运维外包服务", &format!("title: {quoted}"));
    std::fs::write(&engagement, text).unwrap();
    let change = root.join("changes/2026/CHG-2026-031.yaml");
    let text =
        std::fs::read_to_string(&change).unwrap().replace("title: 服务台知识库版本升级", &format!("title: {quoted}"));
    std::fs::write(&change, text).unwrap();
    for (i, h) in HOSTILE.iter().enumerate() {
        let yaml = format!("kind: {}\nid: x-{i}\n", serde_json::to_string(h).unwrap());
        std::fs::write(root.join(format!("evil-{i}.yaml")), yaml).unwrap();
    }
    let r = root.to_str().unwrap();
    let common = ["-C", r, "--no-git", "--as-of", "2026-10-31"];
    let outputs = [
        [&["validate"][..], &common, &["--format", "markdown"]].concat(),
        [&["report", "sla"][..], &common, &["--month", "2026-10", "--format", "markdown"]].concat(),
        [&["report", "gaps"][..], &common, &["--format", "markdown"]].concat(),
        [&["handover", "checklist"][..], &common, &["--format", "markdown"]].concat(),
    ];
    for args in outputs {
        let (code, out, err) = itos(&args);
        assert!(code == 0 || code == 1, "{args:?}: {err}");
        assert!(out.contains("onerror"), "{args:?}: the hostile text is shown: {out}");
        let mut html = Vec::new();
        for event in Parser::new_ext(&out, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            if let Event::Html(h) | Event::InlineHtml(h) = event {
                html.push(h.into_string());
            }
        }
        for h in &html {
            for needle in ["onerror", "script", "<b>", "<img"] {
                assert!(!h.contains(needle), "{args:?}: user text became HTML: {h:?}\n{out}");
            }
        }
    }
}

/// Issue 15, item 8: a file name, a waiver id and an engagement id carrying escape sequences
/// (OSC 0 title, OSC 52 clipboard, OSC 8 link, SGR) and `\n::error::x` reach neither the
/// terminal nor a CI log as control sequences or workflow commands, on stdout or stderr.
#[cfg(unix)]
#[test]
fn user_text_never_reaches_the_terminal_or_a_workflow_command_raw() {
    const EVIL: &str =
        "\u{1b}]0;title\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]8;;https:x\u{7}\u{1b}[31m\n::error::x\n::add-mask::y";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itos.toml"), "format = 1\n").unwrap();
    std::fs::write(dir.path().join("engagement.yaml"), itos::rules::examples::BASE).unwrap();
    let yaml_evil = serde_json::to_string(EVIL).unwrap();
    // A finding in a file whose name is hostile.
    std::fs::write(dir.path().join(format!("{EVIL}.yaml")), "kind: Nope\nid: x-1\n").unwrap();
    // A waiver with a hostile id silencing a finding.
    std::fs::write(
        dir.path().join("waiver.yaml"),
        format!(
            "kind: Waiver\nid: {yaml_evil}\nrule: GEN-008\ntarget: Feedback/FB-x\nreason: r\napproved_by: p-1\nexpires: 2026-12-31\n---\nkind: Person\nid: p-1\nname: n\nrole: r\njoined: 2025-07-01\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("feedback.yaml"),
        "kind: Feedback\nid: FB-x\nreceived_at: 2026-10-03T09:12:00\nchannel: email\nclass: general\nsummary: s\nstatus: open\n",
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let mut runs = Vec::new();
    for format in ["human", "github", "junit", "markdown", "json", "sarif"] {
        runs.push((
            format!("validate {format}"),
            itos(&["validate", "-C", root, "--no-git", "--as-of", "2026-10-31", "--format", format]),
        ));
    }
    runs.push((
        "report sla --engagement".to_owned(),
        itos(&["report", "sla", "-C", root, "--no-git", "--month", "2026-10", "--engagement", EVIL]),
    ));
    // An engagement id in the heading of the terminal gaps report.
    let gaps_dir = tempfile::tempdir().unwrap();
    std::fs::write(gaps_dir.path().join("itos.toml"), "format = 1\n").unwrap();
    let engagement = itos::rules::examples::BASE.replacen("id: ", &format!("id: {yaml_evil}\n# was: "), 1);
    std::fs::write(gaps_dir.path().join("engagement.yaml"), engagement).unwrap();
    runs.push((
        "report gaps".to_owned(),
        itos(&["report", "gaps", "-C", gaps_dir.path().to_str().unwrap(), "--no-git", "--as-of", "2026-10-31"]),
    ));
    runs.push((
        "handover --engagement".to_owned(),
        itos(&["handover", "checklist", "-C", root, "--no-git", "--engagement", EVIL]),
    ));
    // An itos.toml value quoted in an `error:` line.
    let config_dir = tempfile::tempdir().unwrap();
    let toml_evil = EVIL.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007").replace('\n', "\\n");
    std::fs::write(config_dir.path().join("itos.toml"), format!("format = 1\nlang = \"{toml_evil}\"\n")).unwrap();
    runs.push((
        "itos.toml lang".to_owned(),
        itos(&["validate", "-C", config_dir.path().to_str().unwrap(), "--no-git"]),
    ));
    assert_eq!(runs.last().unwrap().1.0, 2, "{runs:#?}");
    assert!(runs.last().unwrap().1.2.contains("?]0;title?"), "{runs:#?}");
    let github_own =
        |l: &str| ["::error ", "::warning ", "::notice ", "::group::", "::endgroup::"].iter().any(|p| l.starts_with(p));
    let mut saw = (false, false);
    for (what, (_, out, err)) in &runs {
        for (stream, text) in [("stdout", out), ("stderr", err)] {
            assert!(!text.contains('\u{1b}'), "{what}: ESC on {stream}:\n{text}");
            for l in text.lines() {
                let own = what == "validate github" && stream == "stdout" && github_own(l);
                assert!(own || !l.trim_start().starts_with("::"), "{what}: a workflow command on {stream}: {l:?}");
            }
        }
        saw.0 |= out.contains("error::x") || err.contains("error::x");
        saw.1 |= err.contains("engagement");
    }
    assert!(saw.0 && saw.1, "the hostile text is shown: {runs:#?}");
    let (_, human, _) = &runs[0].1;
    assert!(human.contains("]0;title?"), "{human}");
    assert!(human.contains("by ?]0;title??]52;c;"), "the waiver id is shown, neutralised: {human}");
}

/// Issue 15, item 22: an itos.toml symlinked out of the repository is refused without reading
/// it (its first key used to be echoed in the error), and an itos.toml is capped at 1 MiB.
#[cfg(unix)]
#[test]
fn itos_toml_leading_out_of_the_repository_or_too_large_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), "secret_token = \"hunter2\"\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.toml"), dir.path().join("itos.toml")).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, out, err) = itos(&["validate", "-C", root, "--no-git"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("itos.toml is a symlink leading out of the repository"), "{err}");
    assert!(!err.contains("secret_token") && !err.contains("hunter2"), "{err}");
    // A symlink within the repository is read.
    std::fs::remove_file(dir.path().join("itos.toml")).unwrap();
    std::fs::create_dir(dir.path().join("conf")).unwrap();
    std::fs::write(dir.path().join("conf/itos.toml"), "format = 1\n").unwrap();
    std::os::unix::fs::symlink("conf/itos.toml", dir.path().join("itos.toml")).unwrap();
    let (code, _, err) = itos(&["validate", "-C", root, "--no-git", "--as-of", "2026-10-31"]);
    assert!(code == 0 || code == 1, "{err}");
    // Larger than 1 MiB: refused before parsing.
    std::fs::remove_file(dir.path().join("itos.toml")).unwrap();
    let big = format!("format = 1\n{}", "# padding padding padding padding padding padding padding\n".repeat(20_000));
    std::fs::write(dir.path().join("itos.toml"), big).unwrap();
    let (code, _, err) = itos(&["validate", "-C", root, "--no-git"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("itos.toml is larger than 1 MiB"), "{err}");
}

proptest::proptest! {
    /// Issue 15, item 7, generalised: whatever mix of backticks, angle brackets, backslashes
    /// and pipes a text holds, `escape::md` of it makes no HTML node, in a paragraph or in a
    /// table cell.
    #[test]
    fn markdown_escaping_never_makes_html(text in "(`|``|```|<b>|<b |a|>|\\\\| |\\||&){0,16}") {
        use pulldown_cmark::{Event, Options, Parser};
        // Messages quote record text in backticks (``unknown kind `…` ``): both forms.
        for text in [text.clone(), format!("unknown kind `{text}`")] {
            let safe = itos::output::escape::md(&text);
            let doc = format!("x {safe} y\n\n| a | b |\n| --- | --- |\n| {safe} | z |\n");
            for event in Parser::new_ext(&doc, Options::ENABLE_TABLES) {
                proptest::prop_assert!(!matches!(event, Event::Html(_) | Event::InlineHtml(_)), "{text:?} → {doc}");
            }
        }
    }
}
