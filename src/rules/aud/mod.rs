//! Information-security audits (§3.3).

pub mod aud001;
pub mod aud002;
pub mod aud003;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&aud001::Aud001, &aud002::Aud002, &aud003::Aud003];
