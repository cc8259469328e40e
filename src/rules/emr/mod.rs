//! Emergency plans and drills (§6.3), and the recovery objectives they prove (§3.4).

pub mod emr001;
pub mod emr002;
pub mod emr003;
pub mod emr004;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&emr001::Emr001, &emr002::Emr002, &emr003::Emr003, &emr004::Emr004];
