//! Facts per trajectory for the aggregated reports: the part of the audit
//! that counts families (supported, hours, age group, duration, outcome
//! change) without any of their dates or rows.

use std::collections::BTreeMap;

/// Age of the youngest child at registration, in the groups reports show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgeGroup {
    Pregnancy,
    Under1,
    From1To3,
    From4To6,
    From7,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 5] =
        [AgeGroup::Pregnancy, AgeGroup::Under1, AgeGroup::From1To3, AgeGroup::From4To6, AgeGroup::From7];

    /// The catalogue key of the group's label.
    pub fn key(self) -> &'static str {
        match self {
            AgeGroup::Pregnancy => "age_pregnancy",
            AgeGroup::Under1 => "age_under_1",
            AgeGroup::From1To3 => "age_1_3",
            AgeGroup::From4To6 => "age_4_6",
            AgeGroup::From7 => "age_7_plus",
        }
    }

    /// The group of a child of `years` whole years.
    pub fn of_years(years: i64) -> AgeGroup {
        match years {
            ..=0 => AgeGroup::Under1,
            1..=3 => AgeGroup::From1To3,
            4..=6 => AgeGroup::From4To6,
            _ => AgeGroup::From7,
        }
    }
}

/// What the aggregated reports need of one trajectory (no dates of birth, no
/// ids of volunteers; the family id stays inside the audit).
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryFacts {
    pub location_id: String,
    pub subject_id: String,
    pub gemeente: Option<String>,
    /// Active in the period (supported): rules.md's "active in P".
    pub active_in_period: bool,
    /// Closed with `einde` in [P.start, A].
    pub closed_in_period: bool,
    /// Volunteer hours in the period, when filled.
    pub hours: Option<f64>,
    pub age_group: Option<AgeGroup>,
    /// Days from `start` to `einde` (closed) or to W (running); none without a start.
    pub duration_days: Option<i64>,
    /// Per domain, the mean `eind` score minus the mean `start` score.
    pub outcome_change: BTreeMap<String, f64>,
}
