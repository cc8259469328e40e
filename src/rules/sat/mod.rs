//! Satisfaction (§5.1, §5.3).

pub mod sat001;
pub mod sat002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&sat001::Sat001, &sat002::Sat002];
