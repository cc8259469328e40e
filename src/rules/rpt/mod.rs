//! Service reports (§1.2, §2.3).

pub mod rpt001;
pub mod rpt002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&rpt001::Rpt001, &rpt002::Rpt002];
