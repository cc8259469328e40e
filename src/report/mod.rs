//! Reports: figures computed from records and findings, ready to be rendered by `output`.

pub mod due;
pub mod gaps;
pub mod handover;
pub mod ledger;
pub mod monthly;
pub mod provenance;
pub mod reconcile;
pub mod sla_report;
