//! Performance appraisal (§4.2 绩效考核).

pub mod apr001;
pub mod apr002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&apr001::Apr001, &apr002::Apr002];
