//! Rules: the rulebook applied to every location's tables, giving results.

pub mod context;
pub mod dates;
pub mod model;
pub mod registry;
#[cfg(test)]
pub mod testkit;
pub mod trajectory;

pub use context::{Context, Period};
