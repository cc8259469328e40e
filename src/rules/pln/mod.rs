//! Service planning (§2.2 服务计划与资源规划).

pub mod pln001;
pub mod pln002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&pln001::Pln001, &pln002::Pln002];
