//! Trajectory rules (subject: one row of `gezinnen`), one file per rule.
//!
//! Shared helpers: `common_a` (coverage, match date, cell reading) and
//! `common_b` (closure coverage, contact windows).

pub mod common_a;
pub mod common_b;
pub mod hs_g01_target_group;
pub mod hs_g02_duration;
pub mod hs_g03_intake_before_match;
pub mod hs_g04_first_check;
pub mod hs_g05_evaluation_gaps;
pub mod hs_g06_final_evaluation;
pub mod hs_g07_volunteer_debrief;
pub mod hs_g08_follow_up;
pub mod hs_g09_referrer_informed;
pub mod hs_g10_volunteer_trained;
pub mod hs_g11_weekly_visits;
pub mod hs_g12_outcome_measured;
