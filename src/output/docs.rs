//! Documentation generated from the registry and the record declarations
//! (docs/rules.md); a test keeps the committed copy in sync.

use std::fmt::Write as _;

use crate::rules::ALL;

/// docs/rules.md: the catalogue, then every rule in full.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "# Rule catalogue / 规则目录\n\n\
Generated from the rule registry (`src/rules/`); `cargo test` fails when this file is out of date \
(refresh it with `ITOS_BLESS=1 cargo test --test generated`). The same text is shown by \
`itos explain ID`, whose output also includes what the failing example reports.\n\n\
Severities: `error` fails `itos validate` (exit 1); `warning` does not, unless `--deny warnings`. \
Rules marked *always on* cannot be switched off or changed in `[rules]` of itos.toml.\n\n\
| ID | Severity | Section | Title | 标题 |\n| --- | --- | --- | --- | --- |\n",
    );
    for rule in ALL {
        let m = rule.meta();
        let _ = writeln!(
            out,
            "| [{id}](#{anchor}) | {sev} | {sec} | {en} | {zh} |",
            id = m.id,
            anchor = m.id.to_lowercase(),
            sev = m.severity.as_str(),
            sec = m.section,
            en = m.title_en.replace('|', "\\|"),
            zh = m.title_zh.replace('|', "\\|"),
        );
    }
    for rule in ALL {
        let m = rule.meta();
        let params = if m.params.is_empty() {
            "none".to_owned()
        } else {
            m.params.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(
            out,
            "\n## {id}\n\n**{en}**  \n**{zh}**\n\n\
- Severity: `{sev}`{always}\n- Manual: {sec}\n- Policy parameters: {params}\n\n\
{exp_en}\n\n{exp_zh}\n\n\
Failing example:\n\n```yaml\n{failing}```\n\nPassing example:\n\n```yaml\n{passing}```\n",
            id = m.id,
            en = m.title_en,
            zh = m.title_zh,
            sev = m.severity.as_str(),
            always = if m.configurable { "" } else { " (always on)" },
            sec = m.section,
            exp_en = m.explanation_en,
            exp_zh = m.explanation_zh,
            failing = m.failing,
            passing = m.passing,
        );
    }
    out
}
