//! Information-security audits (§3.3).

pub mod aud001;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&aud001::Aud001];
