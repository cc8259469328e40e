//! General rules (always on): the records can be read, have a kind, have the right fields,
//! unique ids, resolving references and timestamps in order.

pub mod gen001;
pub mod gen002;
pub mod gen003;
pub mod gen004;
pub mod gen005;
pub mod gen006;
pub mod gen007;
pub mod gen008;
pub mod gen009;

use super::Rule;

pub const RULES: &[&dyn Rule] = &[
    &gen001::Gen001,
    &gen002::Gen002,
    &gen003::Gen003,
    &gen004::Gen004,
    &gen005::Gen005,
    &gen006::Gen006,
    &gen007::Gen007,
    &gen008::Gen008,
    &gen009::Gen009,
];
