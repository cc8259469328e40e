//! Incidents (§2.3, §5.1, §6.4).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
