//! The records an import writes: one batch file per month of `opened_at` (in the Sla's zone),
//! items sorted by `opened_at` then `id`, keys in records.md order, timestamps RFC 3339 to the
//! second in the Sla zone's offset, and a first line naming the inputs by SHA-256 (no time of
//! day: the same inputs give the same bytes). A month larger than `[limits]` allows is split
//! into `YYYY-MM.1.yaml`, `YYYY-MM.2.yaml` … so every file loads.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::mapping::FIELDS;
use super::{Ticket, Value};

/// How every file import writes begins; import deletes only files that begin so.
pub const HEADER_PREFIX: &str = "# Written by `itos import`";

/// What the batch files share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Defaults {
    pub engagement: Option<String>,
    pub service: Option<String>,
}

/// The header line: source files and mapping by name and SHA-256.
pub fn header(sources: &[(String, String)], mapping: &(String, String)) -> String {
    let files: Vec<String> = sources.iter().map(|(name, sha)| format!("{name} (sha256 {sha})")).collect();
    format!(
        "{HEADER_PREFIX} from {}; mapping {} (sha256 {}). Generated: correct the mapping or the ITSM tool and import again, never this file.\n",
        files.join(", "),
        mapping.0,
        mapping.1
    )
}

/// The month files (name → text) of `tickets`. `zone_of` gives a ticket's Sla zone.
pub fn month_files(
    tickets: &[Ticket],
    zone_of: &dyn Fn(&Ticket) -> TimeZone,
    header: &str,
    defaults: &Defaults,
    max_items: usize,
    max_bytes: usize,
) -> BTreeMap<String, String> {
    let mut months: BTreeMap<String, Vec<(&Ticket, TimeZone)>> = BTreeMap::new();
    for t in tickets {
        let zone = zone_of(t);
        months.entry(month(t.opened_at, &zone)).or_default().push((t, zone));
    }
    let mut files = BTreeMap::new();
    for (month, mut items) in months {
        items.sort_by(|a, b| (a.0.opened_at, &a.0.id).cmp(&(b.0.opened_at, &b.0.id)));
        let mut parts: Vec<String> = Vec::new();
        let mut body = String::new();
        let mut count = 0;
        for (ticket, zone) in &items {
            let item = render_item(ticket, zone, defaults);
            if count > 0 && (count >= max_items || body.len() + item.len() + header.len() + 200 > max_bytes) {
                parts.push(std::mem::take(&mut body));
                count = 0;
            }
            body.push_str(&item);
            count += 1;
        }
        parts.push(body);
        let single = parts.len() == 1;
        for (i, items) in parts.into_iter().enumerate() {
            let name = if single { format!("{month}.yaml") } else { format!("{month}.{}.yaml", i + 1) };
            let mut text = String::with_capacity(items.len() + 256);
            text.push_str(header);
            text.push_str("kind: Incident\n");
            let mut shared = Vec::new();
            if let Some(e) = &defaults.engagement {
                shared.push(format!("engagement: {}", scalar(e)));
            }
            if let Some(s) = &defaults.service {
                shared.push(format!("service: {}", scalar(s)));
            }
            if !shared.is_empty() {
                text.push_str(&format!("defaults: {{{}}}\n", shared.join(", ")));
            }
            text.push_str("items:\n");
            text.push_str(&items);
            files.insert(name, text);
        }
    }
    files
}

/// Whether `name` is a month file import may have written (`2026-09.yaml`, `2026-09.2.yaml`),
/// and its month.
pub fn month_of_file(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".yaml")?;
    let month = stem.get(..7)?;
    let rest = &stem[7..];
    let month_ok = month.as_bytes()[4] == b'-' && month.bytes().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit());
    let rest_ok = rest.is_empty()
        || rest.strip_prefix('.').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    (month_ok && rest_ok).then_some(month)
}

/// RFC 3339 to the second in `zone`'s offset at that instant (written by hand: strftime is
/// the slowest part of writing a hundred thousand tickets).
fn time(ts: Timestamp, zone: &TimeZone) -> String {
    let offset = zone.to_offset(ts);
    let dt = offset.to_datetime(ts);
    let secs = offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{h:02}:{m:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// `YYYY-MM` of `ts` in `zone`.
pub fn month(ts: Timestamp, zone: &TimeZone) -> String {
    let dt = zone.to_offset(ts).to_datetime(ts);
    format!("{:04}-{:02}", dt.year(), dt.month())
}

fn render_item(t: &Ticket, zone: &TimeZone, defaults: &Defaults) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(&format!("  - id: {}\n", scalar(&t.id)));
    let mut line = |key: &str, value: String| out.push_str(&format!("    {key}: {value}\n"));
    if defaults.service.as_deref() != Some(t.service.as_str()) {
        line("service", scalar(&t.service));
    }
    line("priority", scalar(&t.priority));
    let value = |v: &Value| match v {
        Value::Text(s) => scalar(s),
        Value::Time(ts) => time(*ts, zone),
        Value::Bool(b) => b.to_string(),
    };
    // records.md order: the simple fields up to `closed_at`, the lists, then the rest.
    let split = FIELDS.iter().position(|f| *f == "closed_at").map_or(FIELDS.len(), |i| i + 1);
    let (before_lists, after_lists) = FIELDS.split_at(split);
    for &key in before_lists.iter().filter(|f| !matches!(**f, "id" | "priority")) {
        if key == "opened_at" {
            line("opened_at", time(t.opened_at, zone));
        } else if let Some(v) = t.get(key) {
            line(key, value(v));
        }
    }
    if !t.paused.is_empty() {
        out.push_str("    paused:\n");
        for (from, to, reason) in &t.paused {
            let to = to.map_or_else(String::new, |to| format!(", to: {}", time(to, zone)));
            out.push_str(&format!("      - {{from: {}{to}, reason: {}}}\n", time(*from, zone), reason.as_str()));
        }
    }
    if !t.priority_changes.is_empty() {
        out.push_str("    priority_changes:\n");
        for (at, to) in &t.priority_changes {
            out.push_str(&format!("      - {{at: {}, to: {}}}\n", time(*at, zone), scalar(to)));
        }
    }
    if !t.reopened.is_empty() {
        out.push_str("    reopened:\n");
        for (at, resolved) in &t.reopened {
            let resolved = resolved.map_or_else(String::new, |r| format!(", resolved_at: {}", time(r, zone)));
            out.push_str(&format!("      - {{at: {}{resolved}}}\n", time(*at, zone)));
        }
    }
    for &key in after_lists {
        if let Some(v) = t.get(key) {
            out.push_str(&format!("    {key}: {}\n", value(v)));
        }
    }
    let itsm = &t.itsm;
    let mut parts = Vec::new();
    if let Some(v) = itsm.made_sla {
        parts.push(format!("made_sla: {v}"));
    }
    if let Some(v) = itsm.response_remaining_minutes {
        parts.push(format!("response_remaining_minutes: {v}"));
    }
    if let Some(v) = itsm.resolution_remaining_minutes {
        parts.push(format!("resolution_remaining_minutes: {v}"));
    }
    if let Some(v) = itsm.paused_minutes {
        parts.push(format!("paused_minutes: {v}"));
    }
    if !parts.is_empty() {
        out.push_str(&format!("    x-itsm: {{{}}}\n", parts.join(", ")));
    }
    out
}

/// A YAML scalar: plain when it cannot be read as anything but this text, else double-quoted.
pub fn scalar(s: &str) -> String {
    let plain_safe = !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ' ')
                || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
        })
        && !s.starts_with([' ', '-', '.', '/'])
        && !s.ends_with(' ')
        && !looks_typed(s);
    if plain_safe {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain scalar YAML 1.1 or 1.2 would read as something else than text.
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    matches!(lower.as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~")
        || s.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'+')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn scalars_are_quoted_when_needed() {
        assert_eq!(scalar("INC0010001"), "INC0010001");
        assert_eq!(scalar("网络故障"), "网络故障");
        assert_eq!(scalar("Network / LAN"), "Network / LAN");
        assert_eq!(scalar("1 - Critical"), "\"1 - Critical\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("#1"), "\"#1\"");
        assert_eq!(scalar("x\"y\n"), "\"x\\\"y\\n\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn month_file_names() {
        assert_eq!(month_of_file("2026-09.yaml"), Some("2026-09"));
        assert_eq!(month_of_file("2026-09.2.yaml"), Some("2026-09"));
        assert_eq!(month_of_file("2026-9.yaml"), None);
        assert_eq!(month_of_file("notes.yaml"), None);
        assert_eq!(month_of_file("2026-09.x.yaml"), None);
    }
}
