//! Bounded time and memory on hostile input, in their own binary so that the rest of the
//! suite does not run beside them and disturb the ratios they measure.

mod common;

mod hostile_bounds;
mod hostile_memory;
