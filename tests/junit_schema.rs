#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! `--format junit` against junit-10.xsd, the schema the Jenkins xUnit plugin validates
//! reports with (vendored unchanged in tests/schemas/, MIT). No well-kept Rust crate validates
//! XSD offline without a system libxml2, so this reads the schema itself: its element
//! declarations — allowed and required attributes, allowed children, text or not — and the
//! attribute types it restricts, and checks every element of the report against them
//! (docs/decisions.md, "JUnit checked against junit-10.xsd").

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::itos;
use roxmltree::{Document, Node};

const XSD: &str = include_str!("schemas/junit-10.xsd");
const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// One element declaration of the schema.
#[derive(Debug, Default)]
struct Decl {
    /// name → (type, required).
    attributes: BTreeMap<String, (String, bool)>,
    children: BTreeSet<String>,
    /// Text allowed beside child elements.
    mixed: bool,
    /// `type="xs:string"`: text only, no attributes, no children.
    text_only: bool,
}

fn xs<'a, 'i>(node: Node<'a, 'i>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(XS)
}

fn complex(ct: Node<'_, '_>) -> Decl {
    let mut decl = Decl { mixed: ct.attribute("mixed") == Some("true"), ..Decl::default() };
    for n in ct.descendants() {
        if xs(n, "attribute") {
            let name = n.attribute("name").unwrap().to_owned();
            let ty = n.attribute("type").unwrap_or("xs:string").to_owned();
            decl.attributes.insert(name, (ty, n.attribute("use") == Some("required")));
        } else if xs(n, "element") && n != ct {
            decl.children.insert(n.attribute("ref").or(n.attribute("name")).unwrap().to_owned());
        }
    }
    decl
}

/// Every top-level element of the schema, and the patterns of its simple types.
fn schema(doc: &Document<'_>) -> (BTreeMap<String, Decl>, BTreeMap<String, String>) {
    let root = doc.root_element();
    assert!(xs(root, "schema"));
    let named: BTreeMap<&str, Node<'_, '_>> =
        root.children().filter(|n| xs(*n, "complexType")).map(|n| (n.attribute("name").unwrap(), n)).collect();
    let mut patterns = BTreeMap::new();
    for st in root.children().filter(|n| xs(*n, "simpleType")) {
        let pattern = st.descendants().find(|n| xs(*n, "pattern")).unwrap();
        patterns.insert(st.attribute("name").unwrap().to_owned(), pattern.attribute("value").unwrap().to_owned());
    }
    let mut decls = BTreeMap::new();
    for el in root.children().filter(|n| xs(*n, "element")) {
        let name = el.attribute("name").unwrap().to_owned();
        let decl = match el.attribute("type") {
            Some("xs:string") => Decl { text_only: true, ..Decl::default() },
            Some(ty) => complex(*named.get(ty).unwrap_or_else(|| panic!("type {ty}"))),
            None => complex(el.children().find(|n| xs(*n, "complexType")).unwrap()),
        };
        decls.insert(name, decl);
    }
    (decls, patterns)
}

/// SUREFIRE_TIME, `(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?`: digits grouped by
/// commas, then an optional fraction of at most three digits. Checked by hand (no regex crate), and the pattern is asserted
/// unchanged so the hand check cannot drift from it.
fn surefire_time(value: &str) -> bool {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !whole.starts_with(',')
        && whole.split(',').skip(1).all(|g| g.len() == 3)
        && fraction.len() <= 3
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// Every way `xml` breaks the schema, one line each.
fn violations(xml: &str) -> Vec<String> {
    let xsd = Document::parse(XSD).unwrap();
    let (decls, patterns) = schema(&xsd);
    assert_eq!(
        patterns.get("SUREFIRE_TIME").map(String::as_str),
        Some(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?")
    );
    let doc = Document::parse(xml).unwrap();
    let mut out = Vec::new();
    let root = doc.root_element();
    if !["testsuites", "testsuite"].contains(&root.tag_name().name()) {
        out.push(format!("root <{}>", root.tag_name().name()));
    }
    for el in doc.descendants().filter(Node::is_element) {
        let name = el.tag_name().name();
        let Some(decl) = decls.get(name) else {
            out.push(format!("<{name}> is not declared"));
            continue;
        };
        for a in el.attributes() {
            match decl.attributes.get(a.name()) {
                None => out.push(format!("<{name}> has attribute `{}`, which the schema does not allow", a.name())),
                Some((ty, _)) if ty == "SUREFIRE_TIME" && !surefire_time(a.value()) => {
                    out.push(format!("<{name} {}=\"{}\"> is not a SUREFIRE_TIME", a.name(), a.value()));
                }
                Some(_) => {}
            }
        }
        for (attr, (_, required)) in &decl.attributes {
            if *required && el.attribute(attr.as_str()).is_none() {
                out.push(format!("<{name}> lacks required `{attr}`"));
            }
        }
        for child in el.children().filter(Node::is_element) {
            let c = child.tag_name().name();
            if decl.text_only || !decl.children.contains(c) {
                out.push(format!("<{name}> may not contain <{c}>"));
            }
        }
        let text = el.children().filter(Node::is_text).any(|t| !t.text().unwrap_or("").trim().is_empty());
        if text && !decl.mixed && !decl.text_only {
            out.push(format!("<{name}> may not contain text"));
        }
    }
    out
}

fn junit(args: &[&str]) -> String {
    let mut all = vec!["validate", "--as-of", "2026-10-31", "--no-git", "--format", "junit"];
    all.extend_from_slice(args);
    let (code, out, err) = itos(&all);
    assert!(code == 0 || code == 1, "{err}");
    out
}

#[test]
fn the_schema_is_read_as_declared() {
    let xsd = Document::parse(XSD).unwrap();
    let (decls, _) = schema(&xsd);
    let suites = &decls["testsuites"];
    assert!(suites.attributes.contains_key("failures") && !suites.attributes.contains_key("skipped"));
    assert_eq!(suites.children, BTreeSet::from(["testsuite".to_owned()]));
    assert!(decls["testsuite"].attributes["skipped"] == ("xs:string".to_owned(), false));
    assert!(decls["testsuite"].attributes["name"].1);
    assert!(decls["testcase"].children.contains("failure") && decls["system-out"].text_only);
    assert!(surefire_time("0") && surefire_time("1,234.5") && !surefire_time("1s") && !surefire_time("1,23"));
    assert!(!surefire_time("0.1234"));
}

#[test]
fn junit_reports_validate_against_junit_10_xsd() {
    // Failures, a waived (skipped) rule, warnings in system-out; then a clean run.
    for xml in [
        junit(&["-C", "examples/broken"]),
        junit(&["-C", "examples/broken", "--deny", "warnings"]),
        junit(&["-C", "examples/acme"]),
        junit(&["-C", "examples/broken", "--lang", "zh-CN"]),
    ] {
        assert!(xml.contains("<testcase"), "{xml}");
        assert_eq!(violations(&xml), Vec::<String>::new());
    }
}

#[test]
fn the_check_catches_what_jenkins_rejects() {
    let xml = junit(&["-C", "examples/broken"]);
    let bad = xml.replacen("<testsuites name=\"itos\"", "<testsuites name=\"itos\" skipped=\"1\"", 1);
    assert_eq!(violations(&bad), ["<testsuites> has attribute `skipped`, which the schema does not allow"]);
    let bad = xml.replacen(" time=\"0\">", " time=\"0s\">", 1);
    assert_eq!(violations(&bad), ["<testsuites time=\"0s\"> is not a SUREFIRE_TIME"]);
    let bad = xml.replacen("<testsuite name=", "<testsuite nam=", 1);
    assert_eq!(
        violations(&bad),
        ["<testsuite> has attribute `nam`, which the schema does not allow", "<testsuite> lacks required `name`"]
    );
}
