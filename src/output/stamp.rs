//! The machine-readable provenance every report carries (assurance.md, "Reports that carry
//! their own proof"): in JSON the `provenance` object, in HTML a `<meta name="itos-provenance">`,
//! in Markdown and CSV a final comment line. `itos verify` reads it back with [`extract`].

use serde_json::{Value, json};

use crate::report::provenance::Provenance;

const MARK: &str = "itos-provenance";

/// The `provenance` object of a report's JSON, and the stamp of every other format.
pub fn json(p: &Provenance) -> Value {
    json!({
        "commit": p.commit,
        "no_commits_yet": p.no_commits_yet,
        "uncommitted_changes": p.dirty,
        "inputs_sha256": p.inputs,
        "files": p.files,
        "config_sha256": p.config_sha256,
        "command": p.command,
        "itos_version": env!("CARGO_PKG_VERSION"),
    })
}

/// How a text report carries its stamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carrier {
    Html,
    Markdown,
    Csv,
}

/// `text` with the stamp of `p` embedded.
pub fn embed(text: String, carrier: Carrier, p: &Provenance) -> String {
    let stamp = json(p).to_string();
    match carrier {
        Carrier::Html => {
            let meta = format!("<meta name=\"{MARK}\" content=\"{}\">", crate::output::escape::html(&stamp));
            match text.find("<head>") {
                Some(at) => {
                    let at = at + "<head>".len();
                    format!("{}\n{meta}\n{}", &text[..at], &text[at..].trim_start_matches('\n'))
                }
                None => format!("{meta}\n{text}"),
            }
        }
        Carrier::Markdown => format!("{}\n<!-- {MARK}: {stamp} -->\n", text.trim_end_matches('\n')),
        // RFC 4180 rows end with CRLF: so does the comment.
        Carrier::Csv => format!("{}\r\n# {MARK}: {stamp}\r\n", text.trim_end_matches(['\r', '\n'])),
    }
}

/// The stamp of a report's text, whatever its format, and the text without it.
pub fn extract(text: &str) -> Option<(Value, String)> {
    if let Ok(mut doc) = serde_json::from_str::<Value>(text) {
        let stamp = doc.get("provenance")?.clone();
        if let Some(map) = doc.as_object_mut() {
            map.remove("provenance");
        }
        return Some((stamp, doc.to_string()));
    }
    let mut stamp = None;
    let mut rest = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let found = trimmed
            .strip_prefix(&format!("<!-- {MARK}: "))
            .and_then(|s| s.strip_suffix(" -->"))
            .map(str::to_owned)
            .or_else(|| trimmed.strip_prefix(&format!("# {MARK}: ")).map(str::to_owned))
            .or_else(|| {
                trimmed
                    .strip_prefix(&format!("<meta name=\"{MARK}\" content=\""))
                    .and_then(|s| s.strip_suffix("\">"))
                    .map(unescape_html)
            });
        match found.and_then(|s| serde_json::from_str::<Value>(&s).ok()) {
            Some(v) if stamp.is_none() => stamp = Some(v),
            _ => rest.push_str(line),
        }
    }
    stamp.map(|s| (s, rest))
}

fn unescape_html(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_carrier_gives_the_stamp_back_and_the_text_without_it() {
        let p = Provenance {
            commit: Some("abc".into()),
            inputs: "d".into(),
            command: vec!["report".into(), "sla".into(), "--month".into(), "2026-10".into()],
            ..Provenance::default()
        };
        for (text, carrier) in [
            ("<html><head><title>x</title></head><body>& \"q\"</body></html>\n", Carrier::Html),
            ("# Title\n\n| a | b |\n", Carrier::Markdown),
            ("a,b\n1,2\n", Carrier::Csv),
        ] {
            let stamped = embed(text.to_owned(), carrier, &p);
            let (stamp, rest) = extract(&stamped).unwrap();
            assert_eq!(stamp, json(&p), "{carrier:?}");
            assert_eq!(rest.trim_end(), text.replace("<head>", "<head>\n").trim_end(), "{carrier:?}");
        }
        let doc = json!({"report": "sla", "provenance": json(&p)}).to_string();
        let (stamp, rest) = extract(&doc).unwrap();
        assert_eq!(stamp["command"][1], "sla");
        assert_eq!(rest, json!({"report": "sla"}).to_string());
        assert!(extract("plain text\n").is_none());
    }
}
