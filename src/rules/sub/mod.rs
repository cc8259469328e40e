//! Subcontractors (分包管理; banking outsourcing regulation, good practice elsewhere).

pub mod sub001;
pub mod sub002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&sub001::Sub001, &sub002::Sub002];
