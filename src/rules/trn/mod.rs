//! Training (§3.5, §4.1).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
