//! Information security: data, access (§3.1, §3.2).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
