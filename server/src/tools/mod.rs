//! Command-line tools: demo and benchmark seeding, benchmarks.

pub mod bench;
pub mod load;
pub mod seed;
pub mod simulate;
