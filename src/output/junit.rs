//! JUnit XML (`--format junit`) for GitLab, Jenkins and other test-report readers: one
//! testsuite per rule family and one testcase per rule (cli.md), failing with all of the
//! rule's findings (file:line:col, severity, message), so the report is red exactly when the
//! run fails.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Finding, Severity};
use crate::rules;

use super::escape::{one_line, xml};
use super::{FindingsFormat, RunView};

struct Case {
    name: String,
    classname: String,
    /// (kind: "failure" | "skipped" | "passed", message, text); text goes to `system-out`
    /// for a passing case (its warnings).
    outcome: (&'static str, String, String),
}

/// `--format junit`. cli.md: one test case per rule, failing with the rule's findings. Rules
/// that did not run have no case. A rule fails on an unwaived error — or on an unwaived
/// warning with `--deny warnings`, so the report fails exactly when the run does; its other
/// warnings are listed in `system-out`; a rule whose only findings are waived is skipped.
pub struct Junit;

impl FindingsFormat for Junit {
    fn name(&self) -> &'static str {
        "junit"
    }

    fn render(&self, run: &RunView<'_>, out: &mut String) {
        let (findings, sources, evaluated, lang, deny_warnings) =
            (run.findings, run.sources, run.evaluated, run.lang, run.deny_warnings);
        let locate = |f: &Finding| {
            sources
                .locate(f.span)
                .map_or(String::new(), |(file, lc, _)| format!("{}:{}:{}", one_line(&file.display), lc.line, lc.col))
        };
        // One line per finding: a line break in record text cannot start a line of the log
        // (a CI runner reads `::error` at the start of any line it prints).
        let line = |f: &Finding| {
            let waived = f.waived_by.as_ref().map_or(String::new(), |w| format!(" (waived by {})", one_line(w)));
            format!("{} {} {}{waived}\n", locate(f), f.severity.as_str(), one_line(f.message.get(lang)))
        };
        // family → cases, in rule order.
        let mut suites: BTreeMap<&'static str, Vec<Case>> = BTreeMap::new();
        for rule in rules::all() {
            let m = rule.meta();
            if !evaluated.iter().any(|(id, _)| *id == m.id) {
                continue;
            }
            let own: Vec<&Finding> = findings.iter().filter(|f| f.rule == m.id).collect();
            let open: Vec<&&Finding> = own.iter().filter(|f| f.waived_by.is_none()).collect();
            let failing = open.iter().filter(|f| f.severity == Severity::Error || deny_warnings).count();
            let text: String = own.iter().map(|f| line(f)).collect();
            let outcome = if failing > 0 {
                let first = open.iter().find(|f| f.severity == Severity::Error || deny_warnings);
                let first =
                    first.map(|f| format!("{}: {}", locate(f), one_line(f.message.get(lang)))).unwrap_or_default();
                let more = if open.len() > 1 { format!(" (and {} more)", open.len() - 1) } else { String::new() };
                ("failure", format!("{first}{more}"), text)
            } else if !own.is_empty() && open.is_empty() {
                let by = own.iter().filter_map(|f| f.waived_by.clone()).collect::<Vec<_>>().join(", ");
                ("skipped", format!("waived by {by}"), text)
            } else {
                ("passed", String::new(), text)
            };
            suites.entry(m.family()).or_default().push(Case {
                name: format!("{} {}", m.id, m.title(lang)),
                classname: format!("itos.{}", m.family()),
                outcome,
            });
        }
        let count = |cases: &[&Case], kind: &str| cases.iter().filter(|c| c.outcome.0 == kind).count();
        let all: Vec<&Case> = suites.values().flatten().collect();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        // No `skipped` here: junit-10.xsd, which the Jenkins xUnit plugin validates against,
        // allows it on <testsuite> only (tests/junit_schema.rs).
        let _ = writeln!(
            out,
            "<testsuites name=\"itos\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">",
            all.len(),
            count(&all, "failure"),
        );
        for (family, cases) in &suites {
            let cases: Vec<&Case> = cases.iter().collect();
            let _ = writeln!(
                out,
                "  <testsuite name=\"itos.{family}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
                cases.len(),
                count(&cases, "failure"),
                count(&cases, "skipped")
            );
            for c in cases {
                let _ = write!(
                    out,
                    "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"",
                    xml(&c.name),
                    xml(&c.classname)
                );
                let (kind, message, text) = &c.outcome;
                match *kind {
                    "failure" => {
                        let _ = write!(
                            out,
                            ">\n      <failure message=\"{}\" type=\"finding\">{}</failure>\n    </testcase>\n",
                            xml(message),
                            xml(text)
                        );
                    }
                    "skipped" => {
                        let _ = write!(
                            out,
                            ">\n      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n    </testcase>\n",
                            xml(message),
                            xml(text)
                        );
                    }
                    _ if text.is_empty() => out.push_str("/>\n"),
                    _ => {
                        let _ = write!(out, ">\n      <system-out>{}</system-out>\n    </testcase>\n", xml(text));
                    }
                }
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
    }
}
