//! Risk assessment (§2.2 风险评估; the yearly outsourcing risk assessment of banking regulation).

pub mod rsk001;
pub mod rsk002;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&rsk001::Rsk001, &rsk002::Rsk002];
