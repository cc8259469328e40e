//! Positions in source files: a `Span` names a byte range of one loaded file, and `Sp<T>`
//! carries a decoded value together with the span of the YAML node it came from.

use std::ops::Deref;

/// Index of a file in the [`SourceMap`](super::SourceMap).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        // Files are capped far below 4 GiB (limits.max_file_bytes), so offsets fit.
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A value with the span of the node it was decoded from.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    pub span: Span,
    pub value: T,
}

impl<T> Sp<T> {
    pub fn new(span: Span, value: T) -> Self {
        Sp { span, value }
    }

    pub fn as_ref(&self) -> Sp<&T> {
        Sp { span: self.span, value: &self.value }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq<T> for Sp<T> {
    fn eq(&self, other: &T) -> bool {
        self.value == *other
    }
}

impl PartialEq<str> for Sp<String> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<&str> for Sp<String> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Sp<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}
