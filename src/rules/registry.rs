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

/// What a rule's measurement counts, for writing it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Fte,
    Count,
    Hours,
    Days,
    Euro,
    /// Anything else: up to two decimals, no unit.
    Plain,
}

/// Which side of its norm a measurement must stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
}

/// The location report's gauge of a rule: its measurement against a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauge {
    /// The rulebook parameter holding the norm.
    pub param: &'static str,
    pub bound: Bound,
    /// Catalogue keys: the figure's name, the short name beside the gauge,
    /// and what the axis counts.
    pub label_key: &'static str,
    pub gauge_key: &'static str,
    pub axis_key: &'static str,
}

/// What outputs know of a rule's result, kept beside the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleFacts {
    /// What `measured` counts.
    pub unit: Unit,
    /// The headline figure of its location the measurement gives in
    /// results.json (`locations[].metrics`), if any.
    pub metric: Option<&'static str>,
    /// The gauge it feeds in the location report, if any.
    pub gauge: Option<Gauge>,
    /// For a passing trajectory result whose evidence `deadline` is the next
    /// thing to do: the catalogue key of what that date is (due-soon list).
    pub pass_deadline: Option<&'static str>,
}

impl RuleFacts {
    /// A rule whose measurement (if any) is a plain number and feeds nothing else.
    pub const PLAIN: RuleFacts = RuleFacts::unit(Unit::Plain);

    /// Only a unit.
    pub const fn unit(unit: Unit) -> RuleFacts {
        RuleFacts { unit, metric: None, gauge: None, pass_deadline: None }
    }
}

/// What the code knows of a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleSpec {
    pub id: &'static str,
    pub scope: Scope,
    pub params: &'static [ParamSpec],
    pub evaluate: RuleFn,
    /// Unit, headline figure, gauge and due date of its results.
    pub facts: RuleFacts,

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

/// (rule id, headline figure) for every rule whose measurement is a figure of its location.
pub fn metric_rules() -> Vec<(&'static str, &'static str)> {
    RULES.iter().filter_map(|r| r.facts.metric.map(|m| (r.id, m))).collect()
}

/// The facts of a rule; plain for an id the code does not know.
pub fn facts(id: &str) -> RuleFacts {
    spec(id).map_or(RuleFacts::PLAIN, |s| s.facts)
}
