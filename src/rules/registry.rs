//! The registry: every rule id mapped to the code that evaluates it.

use super::context::Context;
use super::model::Location;
use crate::results::RuleResult;
use crate::rulebook::{ParamKind, RuleConfig, Scope};

/// A rule's evaluation: one location in, results for it (or its trajectories) out.
pub type RuleFn = fn(&Location, &RuleConfig, &Context) -> Vec<RuleResult>;

/// A parameter a rule reads: the rulebook must give it, with this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamKind,
    /// True when a municipality may override it.
    pub per_municipality: bool,
}

/// What the code knows of a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleSpec {
    pub id: &'static str,
    pub scope: Scope,
    pub params: &'static [ParamSpec],
    pub evaluate: RuleFn,
}

/// Every rule the code implements, by id.
pub const RULES: &[RuleSpec] = &[];

pub fn spec(id: &str) -> Option<&'static RuleSpec> {
    RULES.iter().find(|r| r.id == id)
}
