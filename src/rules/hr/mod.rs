//! People (§4.1, §4.4, §4.5).

pub mod hr001;
pub mod hr002;
pub mod hr003;
pub mod hr004;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&hr001::Hr001, &hr002::Hr002, &hr003::Hr003, &hr004::Hr004];
