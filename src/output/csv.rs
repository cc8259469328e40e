//! CSV writing (RFC 4180 quoting) with record text neutralised: a cell that starts with
//! `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a spreadsheet never
//! evaluates it as a formula.

/// One cell, quoted when needed and made formula-safe.
pub fn cell(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if neutral.contains([',', '"', '\n', '\r']) { format!("\"{}\"", neutral.replace('"', "\"\"")) } else { neutral }
}

/// A numeric cell (never neutralised: negative numbers must stay numbers).
pub fn number(value: impl std::fmt::Display) -> String {
    value.to_string()
}

/// Append one row.
pub fn row(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("plain 中文"), "plain 中文");
        assert_eq!(number(-3), "-3");
    }
}
