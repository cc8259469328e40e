//! Service-level agreements (§1.2, §1.3, §2.1, §5.1).

pub mod sla001;
pub mod sla002;
pub mod sla003;
pub mod sla004;
pub mod sla005;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[&sla001::Sla001, &sla002::Sla002, &sla003::Sla003, &sla004::Sla004, &sla005::Sla005];
