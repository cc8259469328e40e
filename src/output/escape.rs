//! Record text is data: every renderer escapes it for its target language with the functions
//! here, one per target, and nowhere else. Terminal ([`terminal_safe`], [`one_line`], and
//! for whole stderr messages and CI logs [`terminal_lines`], [`workflow_safe`]), SARIF URIs
//! ([`uri_path`]),
//! Markdown text ([`md`]) and code spans ([`md_code`], [`md_code_cell`]), HTML ([`html`]),
//! XML ([`xml`]), GitHub workflow commands ([`github_data`], [`github_property`]) and CSV
//! ([`csv_cell`]).

use std::borrow::Cow;

// ---------------------------------------------------------------- terminal

/// Replace control characters other than newline, carriage return and tab by characters of
/// the same UTF-8 length, so spans into the text stay valid: escape sequences could recolour,
/// retitle or rewrite the screen, bidi controls reorder what is shown.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
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
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c)
}

/// Bidirectional overrides and isolates, which can make text display in another order than
/// it is stored ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`terminal_safe`] for one-line texts (messages, table cells): newlines become spaces as well.
pub fn one_line(text: &str) -> String {
    terminal_safe(text).replace(['\n', '\r'], " ")
}

/// Text that keeps its own line breaks, made safe for a terminal and for a CI log: whatever
/// [`terminal_safe`] replaces, and a line that would start a GitHub workflow command (`::`
/// after optional blanks, as the runner reads it) gets its first `:` replaced by `\u{2236}`
/// (RATIO). Every line itos writes to standard error passes through here, and every user text
/// inside a line through [`one_line`].
pub fn terminal_lines(text: &str) -> String {
    workflow_safe(&terminal_safe(text))
}

/// Only the workflow-command part of [`terminal_lines`], for text whose escape sequences are
/// itos's own colours (the human format).
pub fn workflow_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        if body.starts_with("::") {
            out.push_str(&line[..line.len() - body.len()]);
            out.push('\u{2236}');
            out.push_str(&body[1..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

// ---------------------------------------------------------------- Markdown

/// Text safe inside a Markdown table cell or line: no line breaks, no raw HTML, no pipes, no
/// emphasis, links or entities of the record's making.
///
/// Backtick runs are paired the way CommonMark pairs them: a run of N backticks opens a code
/// span only when a later run of exactly N backticks closes it. A paired span is kept (shown
/// literally; only `|`, which GFM tables split on even there, is escaped inside); every
/// backtick of an unpaired run is escaped, so that it can neither open a span that never
/// closes nor leave the rest of the text unescaped (`` ``<img …> `` stays text).
pub fn md(text: &str) -> String {
    let chars: Vec<char> = one_line(text).chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|&&c| c == '`').count();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let n = run_at(i);
            // The first later run of exactly n backticks closes the span.
            let mut j = i + n;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = run_at(j);
                    if m == n {
                        close = Some(j);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(j) => {
                    for &c in &chars[i..j + n] {
                        if c == '|' {
                            out.push_str("\\|");
                        } else {
                            out.push(c);
                        }
                    }
                    i = j + n;
                }
                None => {
                    out.push_str(&"\\`".repeat(n));
                    i += n;
                }
            }
            continue;
        }
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The inside of a Markdown code span (`` `…` ``) outside a table: one line, and a backtick,
/// which would end the span, shown as `'`. Nothing else: a code span shows its text literally
/// (backslash escapes and entities included), so escaping more would show the escapes.
pub fn md_code(text: &str) -> String {
    one_line(text).replace('`', "'")
}

/// [`md_code`] in a GFM table cell: `|` escaped as well, since tables split cells on it even
/// inside code spans.
pub fn md_code_cell(text: &str) -> String {
    md_code(text).replace('|', "\\|")
}

// ---------------------------------------------------------------- HTML and XML

/// Text safe in HTML element content and in attribute values in either kind of quotes
/// (inline SVG included); control characters other than newline and tab become U+FFFD.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Text safe in XML 1.0 content and attribute values (characters XML 1.0 forbids are dropped).
/// A `:` that begins a line is written `&#58;`, so that a CI log printing the XML never reads
/// a workflow command (`::error`) there.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        let was_line_start = line_start;
        line_start = matches!(c, '\n' | '\r') || (line_start && matches!(c, ' ' | '\t'));
        match c {
            ':' if was_line_start => out.push_str("&#58;"),
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

// ---------------------------------------------------------------- GitHub workflow commands

/// The message part of a workflow command (`::error …::MESSAGE`): `%`, CR and LF escaped the
/// way the runner unescapes them, control characters made terminal-safe.
pub fn github_data(text: &str) -> String {
    terminal_safe(text).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value of a workflow command (`file=…,title=…`): as [`github_data`], plus `:`
/// and `,`, which end a property.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

// ---------------------------------------------------------------- URIs

/// A relative path as the path of a URI reference (SARIF `artifactLocation.uri`): every byte
/// other than an unreserved ASCII character (RFC 3986), `/` or a printable non-ASCII character
/// is percent-encoded, so `#`, `?`, `%`, spaces and controls stay part of the file name.
pub fn uri_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/') || (!c.is_ascii() && !is_unsafe(c)) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------- CSV

/// One CSV cell (RFC 4180 quoting) made formula-safe: a cell that starts with `=`, `+`, `-`,
/// `@`, tab or carriage return gets a leading `'`, and so does such a character right after a
/// separator some locale splits cells on (`,` `;` tab), so a spreadsheet never evaluates it
/// whatever separator it assumes. A cell holding any of those separators, a quote or a line
/// break is quoted. Numbers are written with `csv::number`, never through here.
pub fn csv_cell(text: &str) -> String {
    let mut neutral = String::with_capacity(text.len() + 2);
    let mut at_start = true;
    for c in text.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            neutral.push('\'');
        }
        neutral.push(c);
        at_start = matches!(c, ',' | ';' | '\t');
    }
    if neutral.contains([',', ';', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escape_sequences_are_neutralised_keeping_length() {
        let s = "title: \u{1b}[31mred\u{9b}2J";
        let safe = terminal_safe(s);
        assert_eq!(safe.len(), s.len());
        assert!(!safe.contains('\u{1b}'));
        assert!(!safe.contains('\u{9b}'));
        let bidi = "admin\u{202E}gnp.exe";
        assert_eq!(terminal_safe(bidi).len(), bidi.len());
        assert!(!terminal_safe(bidi).contains('\u{202E}'));
        assert!(matches!(terminal_safe("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\nb\r\u{7}c"), "a b ?c");
    }

    #[test]
    fn no_line_of_terminal_text_starts_a_workflow_command() {
        assert_eq!(
            terminal_lines("error: x\n::error::y\n  ::add-mask::z\u{1b}]52;c;eA==\u{7}"),
            "error: x\n\u{2236}:error::y\n  \u{2236}:add-mask::z?]52;c;eA==?"
        );
        assert_eq!(terminal_lines("a::b\n"), "a::b\n");
        assert_eq!(workflow_safe("\u{1b}[31mred\u{1b}[0m"), "\u{1b}[31mred\u{1b}[0m");
    }

    #[test]
    fn markdown_text_cannot_break_the_table_or_inject_html_links_or_emphasis() {
        assert_eq!(md("a|b\nc"), "a\\|b c");
        assert_eq!(md("<script>&amp;"), "&lt;script&gt;&amp;amp;");
        assert_eq!(md("[x](javascript:1) *b* _i_ \\"), "\\[x\\](javascript:1) \\*b\\* \\_i\\_ \\\\");
        assert_eq!(md("snake_case"), "snake\\_case");
    }

    #[test]
    fn markdown_code_spans_stay_literal_and_unpaired_backticks_open_nothing() {
        assert_eq!(md("set `post_exit_feedback_at`"), "set `post_exit_feedback_at`");
        assert_eq!(md("a `<b>` c"), "a `<b>` c");
        assert_eq!(md("x ` <script>"), "x \\` &lt;script&gt;");
        assert_eq!(md("`a|b`"), "`a\\|b`");
        // Issue 15, item 7: CommonMark pairs runs of equal length only.
        assert_eq!(md("``<img src=x onerror=alert(1)>"), "\\`\\`&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(md("`a``<b>`"), "`a``<b>`");
        assert_eq!(md("``a`<b>"), "\\`\\`a\\`&lt;b&gt;");
        assert_eq!(md("``a` <b>``"), "``a` <b>``");
    }

    #[test]
    fn markdown_code_span_contents_are_literal_and_cannot_end_the_span() {
        assert_eq!(md_code("records/change_requests/a<b>&.yaml:2:5"), "records/change_requests/a<b>&.yaml:2:5");
        assert_eq!(md_code("a`b\nc|d"), "a'b c|d");
        assert_eq!(md_code_cell("a`b\nc|d"), "a'b c\\|d");
        assert_eq!(md_code("\u{1b}[2J"), "?[2J");
    }

    #[test]
    fn html_escapes_markup_quotes_and_controls() {
        assert_eq!(
            html("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(html("a\u{1b}b\n\tc\r"), "a\u{FFFD}b\n\tc\u{FFFD}");
    }

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml("<x a=\"1\" b='2'>&</x>"), "&lt;x a=&quot;1&quot; b=&apos;2&apos;&gt;&amp;&lt;/x&gt;");
        assert_eq!(xml("a\u{0}\u{1b}b\t\n\r\u{FFFE}c"), "ab\t\n\rc");
        assert_eq!(xml("中文"), "中文");
        assert_eq!(xml("a\n ::error::x\n:b c:d"), "a\n &#58;:error::x\n&#58;b c:d");
    }

    #[test]
    fn github_commands_escape_percent_newlines_and_property_separators() {
        assert_eq!(github_data("100% done\r\nnext::x"), "100%25 done%0D%0Anext::x");
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(github_data("\u{1b}]0;x"), "?]0;x");
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(uri_path("records/a#1 %41?.yaml"), "records/a%231%20%2541%3F.yaml");
        assert_eq!(uri_path("记录/变更.yaml"), "记录/变更.yaml");
        assert_eq!(uri_path("a\u{1b}b\u{202E}"), "a%1Bb%E2%80%AE");
    }

    #[test]
    fn csv_formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("\tx"), "\"'\tx\"");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
        assert_eq!(csv_cell("plain 中文"), "plain 中文");
        // Issue 15, item 17: a separator another locale splits on starts a new cell there.
        assert_eq!(csv_cell("net;=cmd|' /C calc'!A0"), "\"net;'=cmd|' /C calc'!A0\"");
        assert_eq!(csv_cell("a,@x\t+y"), "\"a,'@x\t'+y\"");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("a-b=c"), "a-b=c");
    }
}
