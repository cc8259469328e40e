//! Problem management (§2.3, §5.2).

pub mod prb001;
pub mod prb002;
pub mod prb003;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&prb001::Prb001, &prb002::Prb002, &prb003::Prb003];
