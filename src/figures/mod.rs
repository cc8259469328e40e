//! SLA figures (sla.md), computed from records without I/O: ticket clocks, availability,
//! MTTR / MTBF, satisfaction and service credits.

pub mod availability;
pub mod changes;
pub mod clock;
pub mod credits;
pub mod figure;
pub mod month;
pub mod satisfaction;
pub mod service;
pub mod tickets;
