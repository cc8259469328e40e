//! Information security: data, access (§3.1, §3.2).

pub mod sec001;
pub mod sec002;
pub mod sec003;
pub mod sec004;
pub mod sec005;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&sec001::Sec001, &sec002::Sec002, &sec003::Sec003, &sec004::Sec004, &sec005::Sec005];
