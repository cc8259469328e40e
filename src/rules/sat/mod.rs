//! Satisfaction (§5.1, §5.3).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
