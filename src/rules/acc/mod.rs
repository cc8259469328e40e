//! Acceptance (§2.4).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
