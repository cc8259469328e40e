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
