//! CSV writing (RFC 4180, CRLF line ends). Text cells are escaped and made formula-safe by
//! [`super::escape::csv_cell`]; numbers are written as they are.

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
    fn numbers_are_not_neutralised() {
        assert_eq!(number(-3), "-3");
    }
}
