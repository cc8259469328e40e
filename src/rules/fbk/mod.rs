//! Feedback (§5.2).

pub mod fbk001;
pub mod fbk002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&fbk001::Fbk001, &fbk002::Fbk002];
