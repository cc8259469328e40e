//! Service reports (§1.2, §2.3).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
