//! Emergency plans and drills (§6.3).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
