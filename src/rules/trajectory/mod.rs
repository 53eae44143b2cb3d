//! Trajectory rules (subject: one row of `gezinnen`), one file per rule.
//!
//! This part: HS-G01, HS-G02, HS-G03, HS-G04 and HS-G10, with their shared
//! helpers in `common_a`.

pub mod common_a;
pub mod hs_g01_target_group;
pub mod hs_g02_duration;
pub mod hs_g03_intake_before_match;
pub mod hs_g04_first_check;
pub mod hs_g10_volunteer_trained;

use super::registry::RuleSpec;

/// The rules of this part, in id order.
pub const SPECS_A: &[RuleSpec] = &[
    hs_g01_target_group::SPEC,
    hs_g02_duration::SPEC,
    hs_g03_intake_before_match::SPEC,
    hs_g04_first_check::SPEC,
    hs_g10_volunteer_trained::SPEC,
];
