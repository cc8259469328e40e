//! Feedback (§5.2).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
