//! Results: the one model every output reads.

pub mod outcome;
pub mod result;

pub use outcome::{Outcome, Severity, Text};
pub use result::RuleResult;
