//! Acceptance (§2.4).

pub mod acc001;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&acc001::Acc001];
