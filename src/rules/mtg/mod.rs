//! Meetings (§2.3 回顾会议, §4.3 定期会议、工作例会).

pub mod mtg001;
pub mod mtg002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&mtg001::Mtg001, &mtg002::Mtg002];
