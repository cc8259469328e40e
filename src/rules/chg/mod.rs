//! Change management (§2.3, §6.1, §6.2, §6.5).

pub mod chg004;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&chg004::Chg004];
