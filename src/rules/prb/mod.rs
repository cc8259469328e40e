//! Problem management (§2.3, §5.2).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
