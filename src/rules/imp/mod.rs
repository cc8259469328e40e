//! Improvement (§2.5, §5.4, §5.5).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
