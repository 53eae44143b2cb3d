//! Rulebooks and waiver files: read with every value's place, then validated.

pub mod config;

pub use config::{ParamKind, ParamValue, RuleConfig, Rulebook, Scope, SourceRef};
