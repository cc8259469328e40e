//! People (§4.1, §4.4, §4.5).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
