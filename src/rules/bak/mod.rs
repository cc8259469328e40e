//! Backup and restore (§3.4).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
