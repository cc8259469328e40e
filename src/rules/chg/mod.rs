//! Change management (§2.3, §6.1, §6.2, §6.5).

pub mod chg001;
pub mod chg002;
pub mod chg003;
pub mod chg004;
pub mod chg005;
pub mod chg006;
pub mod chg007;
pub mod chg008;
pub mod chg009;
pub mod chg010;
pub mod chg011;
pub mod chg012;
pub mod chg013;
pub mod chg014;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[
    &chg001::Chg001,
    &chg002::Chg002,
    &chg003::Chg003,
    &chg004::Chg004,
    &chg005::Chg005,
    &chg006::Chg006,
    &chg007::Chg007,
    &chg008::Chg008,
    &chg009::Chg009,
    &chg010::Chg010,
    &chg011::Chg011,
    &chg012::Chg012,
    &chg013::Chg013,
    &chg014::Chg014,
];
