//! JUnit XML (`--format junit`) for GitLab, Jenkins and other test-report readers: one
//! testsuite per rule family, one testcase per rule and record with findings (a failure for
//! errors; warnings in `system-out`; waived findings skipped), and one passing testcase per
//! rule for the subjects it checked without finding anything.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Finding, Lang, Severity, SourceMap};
use crate::rules;

/// Text safe in XML content and attributes (characters XML 1.0 forbids are dropped).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

struct Case {
    name: String,
    classname: String,
    /// (kind: "failure" | "skipped" | "warning", message, text)
    outcome: Option<(&'static str, String, String)>,
}

/// `evaluated`: (rule id, subjects the rule checked) from the run.
pub fn render(findings: &[Finding], sources: &SourceMap, evaluated: &[(&'static str, usize)], lang: Lang) -> String {
    let locate = |f: &Finding| {
        sources.locate(f.span).map_or(String::new(), |(file, lc, _)| format!("{}:{}:{}", file.display, lc.line, lc.col))
    };
    // family → cases, in rule order.
    let mut suites: BTreeMap<&'static str, Vec<Case>> = BTreeMap::new();
    for rule in rules::all() {
        let m = rule.meta();
        let Some(&(_, checked)) = evaluated.iter().find(|(id, _)| *id == m.id) else { continue };
        let classname = format!("itos.{}.{}", m.family(), m.id);
        let mut groups: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
        for f in findings.iter().filter(|f| f.rule == m.id) {
            let subject = match &f.record {
                Some(r) => format!("{}/{}", r.kind.name(), r.id),
                None => sources.get(f.span.file).map_or_else(String::new, |s| s.path.clone()),
            };
            groups.entry(subject).or_default().push(f);
        }
        let cases = suites.entry(m.family()).or_default();
        for (subject, list) in &groups {
            let text: String = list.iter().map(|f| format!("{} {}\n", locate(f), f.message.get(lang))).collect();
            let first = list.first().map(|f| format!("{}: {}", locate(f), f.message.get(lang))).unwrap_or_default();
            let outcome = if list.iter().any(|f| f.waived_by.is_none() && f.severity == Severity::Error) {
                ("failure", first, text)
            } else if list.iter().all(|f| f.waived_by.is_some()) {
                let by = list.iter().filter_map(|f| f.waived_by.clone()).collect::<Vec<_>>().join(", ");
                ("skipped", format!("waived by {by}"), text)
            } else {
                ("warning", first, text)
            };
            cases.push(Case {
                name: format!("{} {subject}", m.id),
                classname: classname.clone(),
                outcome: Some(outcome),
            });
        }
        if checked > groups.len() || groups.is_empty() {
            cases.push(Case { name: format!("{} {}", m.id, m.title(lang)), classname, outcome: None });
        }
    }
    let count =
        |cases: &[Case], kind: &str| cases.iter().filter(|c| c.outcome.as_ref().is_some_and(|o| o.0 == kind)).count();
    let all: Vec<&Case> = suites.values().flatten().collect();
    let total_fail = all.iter().filter(|c| c.outcome.as_ref().is_some_and(|o| o.0 == "failure")).count();
    let total_skip = all.iter().filter(|c| c.outcome.as_ref().is_some_and(|o| o.0 == "skipped")).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"itos\" tests=\"{}\" failures=\"{total_fail}\" errors=\"0\" skipped=\"{total_skip}\" time=\"0\">",
        all.len()
    );
    for (family, cases) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"itos.{family}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
            cases.len(),
            count(cases, "failure"),
            count(cases, "skipped")
        );
        for c in cases {
            let _ =
                write!(out, "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", xml(&c.name), xml(&c.classname));
            match &c.outcome {
                None => out.push_str("/>\n"),
                Some(("failure", message, text)) => {
                    let _ = write!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"error\">{}</failure>\n    </testcase>\n",
                        xml(message),
                        xml(text)
                    );
                }
                Some(("skipped", message, _)) => {
                    let _ = write!(out, ">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml(message));
                }
                Some((_, _, text)) => {
                    let _ = write!(out, ">\n      <system-out>warning: {}</system-out>\n    </testcase>\n", xml(text));
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
