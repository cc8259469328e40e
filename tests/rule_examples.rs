#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Every rule's documented examples are executed: the failing one must make exactly its own
//! rule fire (and nothing else), the passing one must give no finding at all.

use itos::rules::{all, examples};

#[test]
fn failing_examples_fire_only_their_rule() {
    for rule in all() {
        let m = rule.meta();
        let (repo, findings) = examples::run_example(m, m.failing);
        let ours: Vec<_> = findings.iter().filter(|f| f.rule == m.id).collect();
        assert!(!ours.is_empty(), "{}: failing example gives no {} finding", m.id, m.id);
        let others: Vec<_> = findings.iter().filter(|f| f.rule != m.id).map(|f| (f.rule, &f.message.en)).collect();
        assert!(others.is_empty(), "{}: failing example also gives {others:?}", m.id);
        for f in ours {
            let file = repo.sources.get(f.span.file).unwrap();
            // Engagement-wide duties point at the Engagement, which may be the base one; history
            // examples name their own files.
            let named = m.stage == itos::rules::Stage::History
                && (m.failing.contains(&format!("# file {}\n", file.path))
                    || m.failing.contains(&format!("# delete {}\n", file.path)));
            assert!(
                named || file.path == examples::EXAMPLE_FILE || file.path == examples::BASE_FILE,
                "{}: finding outside the example: {}",
                m.id,
                f.message.en
            );
        }
    }
}

#[test]
fn passing_examples_are_clean() {
    for rule in all() {
        let m = rule.meta();
        let (_, findings) = examples::run_example(m, m.passing);
        let all: Vec<_> = findings.iter().filter(|f| f.waived_by.is_none()).map(|f| (f.rule, &f.message.en)).collect();
        assert!(all.is_empty(), "{}: passing example gives {all:?}", m.id);
    }
}

#[test]
fn registry_is_ordered_unique_and_complete() {
    let ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "rule ids must be unique");
    // Every rule file under src/rules/ must be listed in ALL.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for family in std::fs::read_dir(&root).unwrap() {
        let family = family.unwrap().path();
        if !family.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&family).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".rs") else { continue };
            if stem == "mod" {
                continue;
            }
            let (letters, digits): (String, String) = stem.chars().partition(|c| c.is_ascii_alphabetic());
            if digits.len() != 3 {
                continue; // a helper module of the family, not a rule
            }
            let id = format!("{}-{digits}", letters.to_uppercase());
            assert!(ids.contains(&id.as_str()), "{name} defines {id}, which is missing from its family's RULES");
        }
    }
}

/// What each rule reports on its failing fixture (`fixtures/<ID>.failing.yaml`), as `itos
/// validate` prints it (file:line:col, no colour), in English and Chinese: one snapshot a family.
#[test]
fn failing_fixture_findings() {
    use itos::model::Lang;
    use itos::output::{Summary, human};

    let style = human::Style { color: false, unicode: true, width: 100 };
    let mut families: Vec<&str> = all().iter().map(|r| r.meta().family()).collect();
    families.dedup();
    for family in families {
        let mut text = String::new();
        for m in all().iter().map(|r| r.meta()).filter(|m| m.family() == family) {
            let (repo, findings) = examples::run_example(m, m.failing);
            let summary = Summary::of(&findings, 0, 0);
            for (lang, name) in [(Lang::En, "en"), (Lang::ZhCn, "zh-CN")] {
                let rendered = human::render(&findings, &repo.sources, &summary, lang, style);
                // The summary line counts the example's records, which means nothing here.
                let body = rendered.trim_end().rsplit_once('\n').map_or("", |(body, _)| body).trim_end();
                text.push_str(&format!("===== {} ({name}) =====\n{body}\n\n", m.id));
            }
        }
        insta::assert_snapshot!(family.to_lowercase(), text);
    }
}

/// `fixtures/` holds the two examples of every rule, and nothing else.
#[test]
fn fixtures_are_the_rules_examples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut found: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    found.sort();
    let mut expected: Vec<String> = all()
        .iter()
        .flat_map(|r| ["failing", "passing"].map(|which| format!("{}.{which}.yaml", r.meta().id)))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
}
