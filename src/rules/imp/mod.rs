//! Improvement (§2.5, §5.4, §5.5).

pub mod imp001;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&imp001::Imp001];
