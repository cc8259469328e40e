//! Contract (§1.4, §7.1, §8.2).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
