//! itos: a compliance toolkit for IT-outsourcing engagements.
//!
//! Layers, each using only those above it (docs/architecture.md; a test enforces it).
//! [`load`] → [`rules`] → [`baseline`] → [`report`] → [`output`] → [`cli`].

#[macro_use]
pub mod model;
pub mod baseline;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod context;
pub mod exit;
pub mod figures;
pub mod load;
pub mod output;
pub mod report;
pub mod rules;
