//! Incidents (§2.3, §5.1, §6.4).

pub mod inc001;
pub mod inc002;
pub mod inc003;
pub mod inc004;
pub mod inc005;
pub mod inc006;
pub mod inc007;
pub mod inc008;
pub(crate) mod util;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[
    &inc001::Inc001,
    &inc002::Inc002,
    &inc003::Inc003,
    &inc004::Inc004,
    &inc005::Inc005,
    &inc006::Inc006,
    &inc007::Inc007,
    &inc008::Inc008,
];
