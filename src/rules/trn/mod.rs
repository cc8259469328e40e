//! Training (§3.5, §4.1).

pub mod trn001;
pub mod trn002;
mod util;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&trn001::Trn001, &trn002::Trn002];
