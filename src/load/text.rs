//! Bytes → text. Records must be UTF-8; a UTF-8 or UTF-16 byte-order mark is honoured, and
//! anything else (invalid UTF-8, NUL bytes, UTF-16 without a mark) is explained at the
//! first offending byte.

use crate::model::Msg;
use crate::msg;

/// A problem that stops a file from being read as text, at a byte offset of `text`.
#[derive(Debug)]
pub struct TextError {
    pub offset: usize,
    pub message: Msg,
}

/// Decode a file's bytes. On error, the returned text is a lossy rendering for snippets.
pub fn decode(bytes: &[u8]) -> (String, Option<TextError>) {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Some(offset) = text.find('\0') {
                let looks_utf16 = bytes.len() >= 4 && (bytes[0] == 0 || bytes[1] == 0);
                let message = if looks_utf16 {
                    msg!(
                        "the file looks like UTF-16 without a byte-order mark; save it as UTF-8",
                        "文件似乎是没有字节顺序标记（BOM）的 UTF-16 编码；请另存为 UTF-8"
                    )
                } else {
                    msg!("NUL byte in a text file", "文本文件中出现 NUL 字节")
                };
                let lossy = text.replace('\0', " ");
                return (lossy, Some(TextError { offset, message }));
            }
            (text.to_owned(), None)
        }
        Err(e) => {
            let offset = e.valid_up_to();
            let byte = bytes.get(offset).copied().unwrap_or(0);
            let message = msg!(
                "not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8",
                "不是有效的 UTF-8 编码（字节 0x{byte:02X}）；请将文件另存为 UTF-8"
            );
            (String::from_utf8_lossy(bytes).into_owned(), Some(TextError { offset, message }))
        }
    }
}

fn utf16(bytes: &[u8], to_u16: fn([u8; 2]) -> u16) -> (String, Option<TextError>) {
    let units = bytes.chunks(2).map(|c| to_u16([c[0], c.get(1).copied().unwrap_or(0)]));
    let mut text = String::with_capacity(bytes.len());
    for unit in char::decode_utf16(units) {
        match unit {
            Ok('\0') | Err(_) => {
                let offset = text.len();
                let message = msg!(
                    "invalid UTF-16 text (or a NUL character); save the file as UTF-8",
                    "无效的 UTF-16 文本（或含 NUL 字符）；请将文件另存为 UTF-8"
                );
                return (text, Some(TextError { offset, message }));
            }
            Ok(c) => text.push(c),
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_plain() {
        assert_eq!(decode(b"a: 1\n").0, "a: 1\n");
        assert!(decode(b"\xEF\xBB\xBFa: 1\n").1.is_none());
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "id: 中".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, err) = decode(&bytes);
        assert!(err.is_none());
        assert_eq!(text, "id: 中");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (_, err) = decode(b"id: a\nx: \xFF\n");
        assert_eq!(err.unwrap().offset, 9);
    }

    #[test]
    fn utf16_without_bom_is_named() {
        let bytes: Vec<u8> = "id: x".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (_, err) = decode(&bytes);
        assert!(err.unwrap().message.en.contains("UTF-16"));
    }
}
