//! Rules: the rulebook applied to every location's tables, giving results.

pub mod build_model;
pub mod context;
pub mod dates;
pub mod evaluate;
pub mod facts;
pub mod location;
pub mod model;
pub mod registry;
#[cfg(test)]
pub mod testkit;
pub mod trajectory;

pub use context::{Context, Period};
pub use evaluate::{evaluate, evaluate_releasing};
