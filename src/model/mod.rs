//! The record model: record kinds and their fields, scalar types, spans and findings.
//! Everything else in the crate builds on these types; this layer does no I/O.

pub mod decode;
pub mod exact;
pub mod finding;
pub mod kinds;
pub mod labels;
pub mod message;
pub mod node;
pub mod order;
pub mod scalar;
pub mod schema;
pub mod source;
pub mod span;

pub use exact::Exact;
pub use finding::{Finding, Label, Lang, Msg, RecordRef, Severity};
pub use kinds::{Kind, Record, RecordView};
pub use scalar::{Date, Dur, Percent, Ts};
pub use source::{LineCol, SourceFile, SourceMap};
pub use span::{FileId, Sp, Span};
