//! Contract (§1.4, §7.1, §8.2).

pub mod con001;
pub mod con002;
pub mod con003;
pub mod con004;
pub mod con005;
pub mod con006;
pub mod con007;
pub mod con008;
pub mod con009;
mod util;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[
    &con001::Con001,
    &con002::Con002,
    &con003::Con003,
    &con004::Con004,
    &con005::Con005,
    &con006::Con006,
    &con007::Con007,
    &con008::Con008,
    &con009::Con009,
];
