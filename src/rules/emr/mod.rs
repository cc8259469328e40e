//! Emergency plans and drills (§6.3).

pub mod emr001;
pub mod emr002;
pub mod emr003;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&emr001::Emr001, &emr002::Emr002, &emr003::Emr003];
