//! itos: a compliance toolkit for IT-outsourcing engagements.
//!
//! Layers, each module using only its own layer and those below it, are listed in
//! docs/architecture.md, and `tests/layers.rs` enforces them: [`model`] → [`config`] →
//! [`calendar`] → [`figures`] → [`load`] → [`context`] and [`exit`](mod@exit) → [`rules`] →
//! [`baseline`] and [`import`](mod@import) → [`report`] → [`output`] → [`cli`].

pub mod baseline;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod context;
pub mod exit;
pub mod figures;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod report;
pub mod rules;

// `crate::msg!`, `crate::object!` … for every module; internal, not exported.
pub(crate) use model::decode::{
    enumeration, field_decode, field_fix_times, field_required, field_schema, field_type, object,
};
pub(crate) use model::message::msg;
