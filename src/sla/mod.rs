//! SLA figures (sla.md), computed from records without I/O: ticket clocks, availability,
//! MTTR / MTBF, satisfaction and service credits.

pub mod clock;
