//! Loaded files: their repository-relative path, text and line index, so that any
//! [`Span`] can be turned into `file:line:col` and a source snippet.

use std::sync::Arc;

use super::span::{FileId, Span};

/// One loaded file. The text is shared (`Arc`) because diagnostics quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the records root, `/`-separated (used to match globs and waivers).
    pub path: String,
    /// Path shown to users: relative to the git work tree when there is one.
    pub display: String,
    pub text: Arc<str>,
    line_starts: Vec<u32>,
}

/// 1-based line and column; the column counts characters, not bytes (what editors and
/// CI annotations expect for CJK text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl SourceFile {
    pub fn new(path: String, display: String, text: Arc<str>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        SourceFile { path, display, text, line_starts }
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1] as usize;
        let end = (offset as usize).max(start);
        let col = self.text.get(start..end).map_or(end - start, |s| s.chars().count());
        LineCol { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col + 1).unwrap_or(u32::MAX) }
    }

    /// The text a span covers (empty when the span is not on character boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

/// Every loaded file, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    /// Start and end positions of a span, or `None` for a span of an unknown file.
    pub fn locate(&self, span: Span) -> Option<(&SourceFile, LineCol, LineCol)> {
        let file = self.get(span.file)?;
        Some((file, file.line_col(span.start), file.line_col(span.end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a.yaml".into(), "a.yaml".into(), "ab\n中文: x\n".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        // "中文" is 6 bytes: ':' is the third character.
        assert_eq!(f.line_col(9), LineCol { line: 2, col: 3 });
        assert_eq!(f.line_col(1000).line, 3);
    }
}
