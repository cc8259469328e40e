//! Record text is data: before it reaches a terminal, control characters (escape sequences
//! that could recolour, retitle or rewrite the screen) are replaced, keeping byte offsets.

/// Replace control characters other than newline, carriage return and tab by characters of
/// the same UTF-8 length, so spans into the text stay valid.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            // C0 controls and DEL are one byte, C1 controls two, bidi controls three; keep the length.
            out.push_str(match c.len_utf8() {
                1 => "?",
                2 => "\u{00BF}",
                _ => "\u{FFFD}",
            });
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c)
}

/// Bidirectional overrides and isolates, which can make text display in another order than
/// it is stored ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The same for one-line texts (messages): newlines become spaces as well.
pub fn one_line(text: &str) -> String {
    terminal_safe(text).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised_keeping_length() {
        let s = "title: \u{1b}[31mred\u{9b}2J";
        let safe = terminal_safe(s);
        assert_eq!(safe.len(), s.len());
        assert!(!safe.contains('\u{1b}'));
        assert!(!safe.contains('\u{9b}'));
        let bidi = "admin\u{202E}gnp.exe";
        assert_eq!(terminal_safe(bidi).len(), bidi.len());
        assert!(!terminal_safe(bidi).contains('\u{202E}'));
    }
}
