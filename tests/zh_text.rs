#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The zh-CN text users read: YAML syntax errors in Chinese, and two scans of every zh-CN
//! output (issue 17) — no untranslated English word in a Chinese sentence, no half-width
//! `,;:()` between two Chinese characters. The scans print every offender at once, grouped by
//! output, so a failure is a to-do list.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{at, run_rules};
use itos::model::Lang;
use itos::rules::{all, examples};

// ---------------------------------------------------------------------------------------------
// YAML syntax errors (GEN-001) are translated by error kind and keep their position.

/// The GEN-001 finding of `text` loaded as `a.yaml`: its place and its zh-CN message.
fn syntax(text: &str) -> ((String, String, u32, u32), String, String) {
    let (located, findings) = run_rules(&[("a.yaml", text)], "", &["GEN-001"], "2026-10-31");
    let i = findings.iter().position(|f| f.rule == "GEN-001").unwrap_or_else(|| panic!("no GEN-001: {findings:#?}"));
    (located[i].clone(), findings[i].message.get(Lang::ZhCn).to_owned(), findings[i].message.en.clone())
}

#[test]
fn unclosed_bracket_is_named_in_chinese_at_the_bracket() {
    let (place, zh, en) = syntax("kind: Person\nid: p-1\nname: [unclosed\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 3, 7));
    assert_eq!(zh, "YAML 语法错误\u{ff1a}方括号\u{201c}[\u{201d}未闭合");
    // The English text stays the parser's own.
    assert_eq!(en, "invalid YAML: unclosed bracket '['");
}

#[test]
fn unclosed_brace_and_quote_and_tab_are_translated() {
    let (place, zh, _) = syntax("kind: Person\nid: p-1\nname: {a: 1\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 3, 7));
    assert!(zh.contains("花括号\u{201c}{\u{201d}"), "{zh}");

    let (place, zh, _) = syntax("kind: Person\nid: p-1\nname: \"unclosed\n");
    assert_eq!((place.2, place.3), (3, 7), "{place:?}");
    assert_eq!(zh, "YAML 语法错误\u{ff1a}引号未闭合");

    // The tab continues the plain scalar `p-1` of line 2.
    let (place, zh, _) = syntax("kind: Person\nid: p-1\n\tname: x\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 2, 5));
    assert_eq!(zh, "YAML 语法错误\u{ff1a}不加引号的文本中出现制表符");
}

#[test]
fn mapping_value_in_the_wrong_place_is_translated() {
    let (place, zh, en) = syntax("kind: Person\nid: p-1\nname: a: b\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 3, 8));
    assert!(en.starts_with("invalid YAML: mapping values are not allowed"), "{en}");
    assert!(zh.starts_with("YAML 语法错误\u{ff1a}此处不能出现键值对"), "{zh}");
}

#[test]
fn indentation_and_anchor_errors_are_translated() {
    let (place, zh, _) = syntax("a:\n  - b\n c: d\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 3, 2));
    assert_eq!(zh, "YAML 语法错误\u{ff1a}映射中此处应为键\u{ff08}可能是缩进不一致\u{ff09}");
    let (place, zh, _) = syntax("&x a: *y\n");
    assert_eq!(place, at("GEN-001", "a.yaml", 1, 7));
    assert_eq!(zh, "YAML 语法错误\u{ff1a}引用了未定义的锚点");
}

#[test]
fn no_syntax_message_keeps_english_words() {
    for text in ["a: [1, 2\n", "a: {b: 1\n", "a: 'x\n", "- a\nb: c\n", "a:\n  - b\n c: d\n", "a: b: c\n", "&x a: *y\n"]
    {
        let (_, zh, en) = syntax(text);
        let words = english_words(&zh, &BTreeSet::new());
        assert!(words.is_empty(), "{text:?}: {en} → {zh}: {words:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The scans.

/// Abbreviations the glossary keeps in Chinese text, and currency codes.
const UNITS: &[&str] = &["SLA", "MTTR", "MTBF", "RTO", "RPO", "CAB", "IT", "CNY", "USD", "EUR", "HKD", "GBP", "JPY"];

/// Latin words a Chinese auditor writes as they are. Keep this short; every entry says why.
const ALLOWED: &[&str] = &[
    // The program's own name (`itos 的报告`).
    "itos", // The glossary's provenance wording 记录版本(Git 提交) names the tool.
    "Git",  // File formats named as such (YAML 语法错误, 导出为 JSON); no Chinese name exists.
    "YAML", "JSON", "HTML", "Markdown", "CSV", "SARIF", "JUnit",
    // Encoding names in text-decoding messages (UTF 编码, 字节顺序标记(BOM), NUL 字节).
    "UTF", "BOM", "NUL",  // The glossary's own term 服务改进计划(PDCA).
    "PDCA", // 信息技术服务标准(ITSS), the Chinese national IT-service standard, is named so.
    "ITSS", // The key type of git's commit signing (SSH 签名, SSH 公钥); no Chinese name exists.
    "SSH",
];

/// One rendered zh-CN text and how it is marked up.
struct Output {
    name: String,
    text: String,
    syntax: Syntax,
}

#[derive(Clone, Copy, PartialEq)]
enum Syntax {
    /// Terminal text: findings with source snippets, tables.
    Plain,
    /// `itos explain`: example YAML is indented by four spaces.
    Explain,
    Markdown,
    Html,
}

fn run(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_itos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ITOS_LANG")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    // Findings make `validate` exit 1; what is printed is the text either way.
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Every zh-CN output of the commands users read, over the examples and the failing fixtures.
fn outputs() -> Vec<Output> {
    let mut out = Vec::new();
    let mut cli = |args: &[&str], syntax: Syntax| {
        let mut full = args.to_vec();
        full.extend(["--lang", "zh-CN"]);
        out.push(Output { name: format!("itos {}", full.join(" ")), text: run(&full), syntax });
    };
    for ex in ["examples/acme", "examples/broken", "examples/exit"] {
        let base = ["-C", ex, "--as-of", "2026-10-31"];
        cli(&[&["validate"][..], &base].concat(), Syntax::Plain);
        for (format, syntax) in [("table", Syntax::Plain), ("markdown", Syntax::Markdown), ("html", Syntax::Html)] {
            let sla = ["report", "sla", "--month", "2026-09", "--format", format];
            cli(&[&sla[..], &base].concat(), syntax);
            cli(&[&["report", "gaps", "--format", format][..], &base].concat(), syntax);
        }
        for (format, syntax) in [("table", Syntax::Plain), ("markdown", Syntax::Markdown)] {
            cli(&[&["report", "due", "--within", "1y", "--format", format][..], &base].concat(), syntax);
        }
        for (format, syntax) in [("markdown", Syntax::Markdown), ("html", Syntax::Html)] {
            cli(&[&["report", "monthly", "--month", "2026-10", "--format", format][..], &base].concat(), syntax);
            cli(&[&["report", "monthly", "--quarter", "2026-Q3", "--format", format][..], &base].concat(), syntax);
        }
        // The checklist's table wraps its cells mid-word (`offboard` / `ing`); Markdown carries
        // the same texts unwrapped.
        cli(&[&["handover", "checklist", "--format", "markdown"][..], &base].concat(), Syntax::Markdown);
    }
    for rule in all() {
        cli(&["explain", rule.meta().id], Syntax::Explain);
    }
    // What `validate` prints for every failing fixture (run with the base engagement).
    let style = itos::output::human::Style { color: false, unicode: true, width: 200 };
    for rule in all() {
        let m = rule.meta();
        let (repo, findings) = examples::run_example(m, m.failing);
        let summary = itos::output::Summary::of(&findings, 0, 0);
        let text = itos::output::human::render(&findings, &repo.sources, &summary, Lang::ZhCn, style);
        out.push(Output { name: format!("fixtures/{}.failing.yaml", m.id), text, syntax: Syntax::Plain });
    }
    out
}

/// Words that are not ours to translate: record ids of the examples and fixtures (`id:`,
/// `service:` values), Latin words of their free texts (a value with a space or a Chinese
/// character, e.g. `VPN 账号回收`, `Oracle OCP`), the git authors quoted by history findings,
/// and rule families (`GEN`).
fn known_names() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ids = BTreeSet::new();
    for dir in ["examples", "fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in text.lines() {
                let line = line.trim_start().trim_start_matches("- ").trim_start();
                for key in ["id:", "service:", "engagement:"] {
                    if let Some(v) = line.strip_prefix(key) {
                        let v = v.trim().trim_matches(['"', '\'']);
                        if !v.is_empty() && !v.contains(' ') {
                            ids.insert(v.to_owned());
                        }
                    }
                }
                // Free texts: every `key: value` of the line whose value has a space or a
                // Chinese character.
                for part in line.split([',', '{', '}', '[', ']']) {
                    let Some((_, value)) = part.split_once(": ") else { continue };
                    let value = value.trim();
                    if value.contains(' ') || value.chars().any(is_cjk) {
                        ids.extend(
                            value.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).map(str::to_owned),
                        );
                    }
                }
            }
        }
    }
    let authors = std::process::Command::new("git")
        .args(["log", "--format=%an%n%cn"])
        .current_dir(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    ids.extend(authors.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).map(str::to_owned));
    ids.extend(all().iter().map(|r| r.meta().family().to_owned()));
    ids
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The lines of an output that are text we wrote in Chinese: markup, source snippets and
/// example YAML (record content, not ours) are dropped.
fn chinese_lines(o: &Output) -> Vec<String> {
    let text = match o.syntax {
        Syntax::Html => strip_html(&o.text),
        Syntax::Markdown => decode_entities(o.text.clone()),
        _ => o.text.clone(),
    };
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if o.syntax == Syntax::Markdown && t.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced || is_snippet(t) || (o.syntax == Syntax::Explain && line.starts_with("    ")) {
            continue;
        }
        let line = if o.syntax == Syntax::Markdown { strip_markdown_links(line) } else { line.to_owned() };
        if line.chars().any(is_cjk) {
            lines.push(line.trim().to_owned());
        }
    }
    lines
}

/// A line of a source snippet (`12 │ key: value`, `· ──┬──`, the frame): the record as written.
/// A line starting with `│` is a wrapped message or a table row: ours.
fn is_snippet(t: &str) -> bool {
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    (digits.len() < t.len() && digits.trim_start().starts_with(['│', '|', ':'])) || t.starts_with(['·', '╭', '╰'])
}

/// `[text](target)` → `text`: a link target is a URL or path.
fn strip_markdown_links(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 2..];
        match rest.find(')') {
            Some(j) => rest = &rest[j + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Text content of an HTML page: tags, style and script blocks and entities removed, one
/// line per block element.
fn strip_html(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<style") {
            "</style>"
        } else if lower.starts_with("<script") {
            "</script>"
        } else {
            ">"
        };
        match rest.find(skip_to) {
            Some(j) => {
                let tag = &rest[..j];
                if tag.starts_with("<tr") || tag.starts_with("<p") || tag.starts_with("<h") || tag.starts_with("<li") {
                    out.push('\n');
                } else {
                    out.push(' ');
                }
                rest = &rest[j + skip_to.len()..];
            }
            None => rest = "",
        }
    }
    out.push_str(rest);
    decode_entities(out)
}

fn decode_entities(mut text: String) -> String {
    for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
    {
        text = text.replace(entity, c);
    }
    text
}

/// Latin words of two or more letters in `line` that are not ids, names in backticks, units,
/// currency codes, paths, URLs, file names or allowed words.
fn english_words(line: &str, ids: &BTreeSet<String>) -> Vec<String> {
    // Names in backticks are field names and values written as in the record.
    let mut text = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            text.push_str(part);
        }
        text.push(' ');
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || "_-./:@#%+&=?~\\".contains(c);
    let mut words = Vec::new();
    for raw in text.split(|c: char| !token_char(c)) {
        // `changes/` is a folder: a path, whatever it ends with.
        let folder = raw.ends_with('/');
        let token = raw.trim_matches(|c: char| ".:-/".contains(c));
        let has_word = token.as_bytes().windows(2).any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
        if !has_word {
            continue;
        }
        let is_id = token.chars().any(|c| c.is_ascii_digit() || c == '-') || ids.contains(token);
        let is_path =
            folder || token.contains('/') || token.contains('\\') || token.contains("://") || token.contains('.');
        if is_id || is_path || UNITS.contains(&token) || ALLOWED.contains(&token) {
            continue;
        }
        words.push(token.to_owned());
    }
    words
}

fn shorten(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= 140 { line.to_owned() } else { chars[..140].iter().collect::<String>() + "…" }
}

/// Offenders grouped by output, then by word, with up to three sentences each.
type Report = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn format_report(title: &str, report: &Report) -> String {
    let total: usize = report.values().map(|words| words.values().map(Vec::len).sum::<usize>()).sum();
    let mut text = format!("{title}: {total} offending sentences in {} outputs\n", report.len());
    // The counts first, as a to-do list; then each output's words and sentences.
    for (output, words) in report {
        text.push_str(&format!("  {:>4}  {output}\n", words.values().map(Vec::len).sum::<usize>()));
    }
    for (output, words) in report {
        let n: usize = words.values().map(Vec::len).sum();
        text.push_str(&format!("\n== {output} ({n})\n"));
        for (word, sentences) in words {
            text.push_str(&format!("  {word} ({}×)\n", sentences.len()));
            for s in sentences.iter().take(3) {
                text.push_str(&format!("      {}\n", shorten(s)));
            }
        }
    }
    text
}

#[test]
fn chinese_text_has_no_untranslated_english_words() {
    let ids = known_names();
    let mut report = Report::new();
    for o in outputs() {
        for line in chinese_lines(&o) {
            let words: BTreeSet<String> = english_words(&line, &ids).into_iter().collect();
            for w in words {
                report.entry(o.name.clone()).or_default().entry(w).or_default().push(line.clone());
            }
        }
    }
    assert!(report.is_empty(), "{}", format_report("English words in zh-CN text", &report));
}

/// `,;:()` written half-width directly between two Chinese characters, outside backticks
/// (a name in backticks is quoted as the record writes it, e.g. a certificate's `证书(二级)`).
fn half_width_between_cjk(line: &str) -> Option<String> {
    let ours: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = ours.chars().collect();
    chars.windows(3).find(|w| is_cjk(w[0]) && ",;:()".contains(w[1]) && is_cjk(w[2])).map(|w| w.iter().collect())
}

#[test]
fn chinese_text_uses_full_width_punctuation() {
    let mut texts = outputs();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // In a CSV snapshot a comma between two Chinese cells is the separator, not punctuation.
        if name.contains("zh") && name.ends_with(".snap") && !name.contains("_csv") {
            let text = std::fs::read_to_string(&path).unwrap();
            texts.push(Output { name: format!("tests/snapshots/{name}"), text, syntax: Syntax::Plain });
        }
    }
    let mut report = Report::new();
    for o in &texts {
        for line in chinese_lines(o) {
            if let Some(at) = half_width_between_cjk(&line) {
                report.entry(o.name.clone()).or_default().entry(at).or_default().push(line.clone());
            }
        }
    }
    assert!(report.is_empty(), "{}", format_report("half-width punctuation between Chinese characters", &report));
}

// ---------------------------------------------------------------------------------------------
// Every message template with every enumeration value.

/// Field name → the values its schema allows, over every kind (at any depth: `approvals[].role`
/// is `role`). A field name used by two kinds with different value sets gets both.
fn enum_fields() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(schema: &serde_json::Value, out: &mut BTreeMap<String, BTreeSet<String>>) {
        let Some(obj) = schema.as_object() else { return };
        if let Some(props) = obj.get("properties").and_then(|p| p.as_object()) {
            for (name, sub) in props {
                let values = sub.get("enum").or_else(|| sub.get("items").and_then(|i| i.get("enum")));
                if let Some(values) = values.and_then(|v| v.as_array()) {
                    let set = out.entry(name.clone()).or_default();
                    set.extend(values.iter().filter_map(|v| v.as_str()).map(str::to_owned));
                }
            }
        }
        for value in obj.values() {
            match value {
                serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                other => walk(other, out),
            }
        }
    }
    let mut out = BTreeMap::new();
    for kind in itos::model::Kind::ALL {
        walk(&kind.schema(), &mut out);
    }
    out
}

/// Byte ranges of the enumeration values written in `text` (`key: value`, in block or flow
/// style, or an item of `key: [a, b]`), with the field they belong to.
fn enum_values_in(text: &str, fields: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        for (key, values) in fields {
            let pattern = format!("{key}: ");
            let mut from = 0;
            while let Some(i) = line[from..].find(&pattern) {
                let start = from + i;
                from = start + pattern.len();
                // `key` must be a whole key, not the end of a longer one.
                let before = line[..start].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &line[from..];
                let list = rest.starts_with('[');
                let body_start = from + usize::from(list);
                let body_end = if list { rest.find(']').map_or(line.len(), |j| from + j) } else { line.len() };
                let mut pos = body_start;
                for part in line[body_start..body_end].split(',') {
                    let item = part.split(['}', '#']).next().unwrap_or("");
                    let trimmed = item.trim();
                    let lead = item.len() - item.trim_start().len();
                    if values.contains(trimmed) {
                        let s = offset + pos + lead;
                        found.push((key.clone(), s..s + trimmed.len()));
                    }
                    pos += part.len() + 1;
                    if !list {
                        break;
                    }
                }
            }
        }
        offset += line.len();
    }
    found
}

/// Every zh-CN text of `findings`: messages, help and labels.
fn zh_texts(findings: &[itos::model::Finding]) -> Vec<String> {
    let mut texts = Vec::new();
    for f in findings {
        texts.push(f.message.zh.clone());
        texts.extend(f.help.as_ref().map(|h| h.zh.clone()));
        texts.extend(f.labels.iter().map(|l| l.message.zh.clone()));
    }
    texts
}

/// Each rule's failing and passing fixture, with every enumeration value written in it
/// replaced in turn by every other value its field allows, judged by every rule: no zh-CN
/// message, help or label may show an English word. This reaches the templates that print
/// an enumeration value with each value they can print.
#[test]
fn every_message_with_every_enum_value_reads_in_chinese() {
    let fields = enum_fields();
    let ids = known_names();
    let mut report = Report::new();
    let mut substituted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut runs = 0;
    for rule in all() {
        let m = rule.meta();
        if m.stage == itos::rules::Stage::History {
            continue;
        }
        for (which, text) in [("failing", m.failing), ("passing", m.passing)] {
            let mut variants = vec![text.to_owned()];
            for (key, range) in enum_values_in(text, &fields) {
                for value in &fields[&key] {
                    substituted.entry(key.clone()).or_default().insert(value.clone());
                    if *value != text[range.clone()] {
                        variants.push(format!("{}{value}{}", &text[..range.start], &text[range.end..]));
                    }
                }
            }
            for variant in variants {
                let mut files = Vec::new();
                if !variant.lines().any(|l| l.trim() == "kind: Engagement") {
                    files.push(("engagement.yaml".to_owned(), examples::BASE.to_owned()));
                }
                files.push(("example.yaml".to_owned(), variant));
                let repo = itos::load::Repository::from_texts(&files, itos::config::Config::default());
                let settings = itos::rules::Settings::new(&repo.config, &[], &[]).unwrap();
                let findings = itos::rules::run(&repo, &settings, examples::AS_OF).findings;
                runs += 1;
                for text in zh_texts(&findings) {
                    let words: BTreeSet<String> = english_words(&text, &ids).into_iter().collect();
                    let name = format!("fixtures/{}.{which}.yaml variants → {}", m.id, findings_rule(&findings, &text));
                    for w in words {
                        let sentences = report.entry(name.clone()).or_default().entry(w).or_default();
                        if !sentences.contains(&text) {
                            sentences.push(text.clone());
                        }
                    }
                    if let Some(at) = half_width_between_cjk(&text) {
                        report.entry(name.clone()).or_default().entry(at).or_default().push(text.clone());
                    }
                }
            }
        }
    }
    // Fields no fixture writes (the credit metric, an approval's party …): their first place
    // in an example repository, varied there, with the whole repository judged.
    for example in ["examples/acme", "examples/broken", "examples/exit"] {
        let (config, files) = example_files(example);
        for (key, values) in &fields {
            if substituted.contains_key(key) {
                continue;
            }
            let Some((i, range)) = files.iter().enumerate().find_map(|(i, (_, text))| {
                enum_values_in(text, &fields).into_iter().find(|(k, _)| k == key).map(|(_, r)| (i, r))
            }) else {
                continue;
            };
            substituted.insert(key.clone(), values.clone());
            for value in values {
                let mut files = files.clone();
                let text = &files[i].1;
                files[i].1 = format!("{}{value}{}", &text[..range.start], &text[range.end..]);
                let repo = itos::load::Repository::from_texts(&files, config.clone());
                let settings = itos::rules::Settings::new(&repo.config, &[], &[]).unwrap();
                let findings = itos::rules::run(&repo, &settings, examples::AS_OF).findings;
                runs += 1;
                for text in zh_texts(&findings) {
                    let name = format!("{example} with {key}: {value} → {}", findings_rule(&findings, &text));
                    for w in english_words(&text, &ids) {
                        report.entry(name.clone()).or_default().entry(w).or_default().push(text.clone());
                    }
                }
            }
        }
    }
    assert!(report.is_empty(), "{}", format_report(&format!("zh-CN messages over {runs} enum variants"), &report));
    let unreached: Vec<&String> = fields.keys().filter(|k| !substituted.contains_key(*k)).collect();
    assert!(unreached.is_empty(), "enumerated fields written in no fixture or example: {unreached:?}");
}

/// An example repository's itos.toml and its YAML files (path, text), in path order.
fn example_files(dir: &str) -> (itos::config::Config, Vec<(String, String)>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let toml = std::fs::read_to_string(root.join("itos.toml")).unwrap_or_default();
    let config = itos::config::Config::parse(&toml, std::path::Path::new("itos.toml")).unwrap();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let path = entry.path().strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            files.push((path, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    (config, files)
}

/// The rule whose finding says `text`.
fn findings_rule(findings: &[itos::model::Finding], text: &str) -> &'static str {
    findings
        .iter()
        .find(|f| {
            f.message.zh == text
                || f.help.as_ref().is_some_and(|h| h.zh == text)
                || f.labels.iter().any(|l| l.message.zh == text)
        })
        .map_or("?", |f| f.rule)
}
