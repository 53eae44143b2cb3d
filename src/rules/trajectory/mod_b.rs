//! Trajectory rules HS-G05..HS-G09, HS-G11 and HS-G12, one file each, and
//! their shared helpers. The `#[path]` attributes let these files sit beside
//! `mod.rs` while declared here; they stay correct when these lines move into
//! `mod.rs`.

use crate::rules::registry::RuleSpec;

#[path = "common_b.rs"]
pub mod common_b;
#[path = "hs_g05_evaluation_gaps.rs"]
pub mod hs_g05_evaluation_gaps;
#[path = "hs_g06_final_evaluation.rs"]
pub mod hs_g06_final_evaluation;
#[path = "hs_g07_volunteer_debrief.rs"]
pub mod hs_g07_volunteer_debrief;
#[path = "hs_g08_follow_up.rs"]
pub mod hs_g08_follow_up;
#[path = "hs_g09_referrer_informed.rs"]
pub mod hs_g09_referrer_informed;
#[path = "hs_g11_weekly_visits.rs"]
pub mod hs_g11_weekly_visits;
#[path = "hs_g12_outcome_measured.rs"]
pub mod hs_g12_outcome_measured;

/// The rules of this part, in id order.
pub const SPECS_B: &[RuleSpec] = &[
    hs_g05_evaluation_gaps::SPEC,
    hs_g06_final_evaluation::SPEC,
    hs_g07_volunteer_debrief::SPEC,
    hs_g08_follow_up::SPEC,
    hs_g09_referrer_informed::SPEC,
    hs_g11_weekly_visits::SPEC,
    hs_g12_outcome_measured::SPEC,
];
