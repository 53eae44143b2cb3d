//! The registry: every rule id mapped to the code that evaluates it.

use super::context::Context;
use super::model::Location;
use super::{location, trajectory};
use crate::results::RuleResult;
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};

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
    /// What its measured value (for a trajectory rule: each result, one
    /// family) counts; the privacy policy of municipality outputs goes by it.
    pub counts: Counts,
}

/// Every rule the code implements, by id: one line a rule.
pub const RULES: &[RuleSpec] = &[
    location::hs_l01_paid_coordination::SPEC,
    location::hs_l02_coordinator_education::SPEC,
    location::hs_l03_trained_volunteers::SPEC,
    location::hs_l04_min_families::SPEC,
    location::hs_l05_max_families::SPEC,
    location::hs_l06_hours_per_family::SPEC,
    location::hs_l07_licence_valid::SPEC,
    location::hs_l08_cost::SPEC,
    trajectory::hs_g01_target_group::SPEC,
    trajectory::hs_g02_duration::SPEC,
    trajectory::hs_g03_intake_before_match::SPEC,
    trajectory::hs_g04_first_check::SPEC,
    trajectory::hs_g05_evaluation_gaps::SPEC,
    trajectory::hs_g06_final_evaluation::SPEC,
    trajectory::hs_g07_volunteer_debrief::SPEC,
    trajectory::hs_g08_follow_up::SPEC,
    trajectory::hs_g09_referrer_informed::SPEC,
    trajectory::hs_g10_volunteer_trained::SPEC,
    trajectory::hs_g11_weekly_visits::SPEC,
    trajectory::hs_g12_outcome_measured::SPEC,
];

pub fn spec(id: &str) -> Option<&'static RuleSpec> {
    RULES.iter().find(|r| r.id == id)
}
