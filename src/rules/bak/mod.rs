//! Backup and restore (§3.4).

pub mod bak001;
pub mod bak002;
pub mod bak003;
pub mod bak004;
pub mod bak005;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&bak001::Bak001, &bak002::Bak002, &bak003::Bak003, &bak004::Bak004, &bak005::Bak005];
