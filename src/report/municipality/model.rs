//! The municipality report's model: only aggregates, already suppressed. It is
//! what the templates and the workbook render, and what `results.json` holds
//! for this audience; nothing in it names or counts a single family.

use serde::{Serialize, Serializer};

use super::suppress::Mark;
use crate::rulebook::{Counts, Privacy};

/// The marker of a count hidden so that a small one cannot be worked back.
pub const HIDDEN: &str = "x";
/// The marker of a sum or mean computed from fewer than `min_count` families.
pub const TOO_FEW: &str = "too_few";

/// A count as shown: a number (0, or at least `min_count` rounded to a
/// multiple of `round_to`), `<min_count` (the `u64` is `min_count`) or `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Shown(u64),
    Small(u64),
    Hidden,
}

impl Count {
    /// The count `n` of a figure that counts `kind`, as the suppression
    /// marked it, under the policy: a count of families is rounded, or shown
    /// as `<min_count` or `x`; any other count is shown as it is.
    pub fn new(n: u64, mark: Mark, kind: Counts, policy: &Privacy) -> Count {
        if !matches!(kind, Counts::Families) {
            return Count::Shown(n);
        }
        match mark {
            Mark::Shown => Count::Shown(policy.round(n)),
            Mark::Small | Mark::Withheld => Count::Small(policy.min_count),
            Mark::Hidden => Count::Hidden,
        }
    }

    pub fn value(self) -> Option<u64> {
        match self {
            Count::Shown(n) => Some(n),
            _ => None,
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Shown(n) => s.serialize_u64(*n),
            Count::Small(m) => s.serialize_str(&format!("<{m}")),
            Count::Hidden => s.serialize_str(HIDDEN),
        }
    }
}

/// A sum, mean or share as shown: a number, `too_few` (fewer than
/// `min_count` families), `x` (hidden to protect another figure), or `null` (nothing to
/// compute it from).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Shown(f64),
    TooFew,
    Hidden,
    NoData,
}

impl Figure {
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Shown(x) => Some(x),
            _ => None,
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Figure::Shown(x) if x.is_finite() => s.serialize_f64(*x),
            Figure::Shown(_) | Figure::NoData => s.serialize_none(),
            Figure::TooFew => s.serialize_str(TOO_FEW),
            Figure::Hidden => s.serialize_str(HIDDEN),
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityReport {
    pub schema_version: u32,
    pub report: &'static str,
    pub tool: Tool,
    pub lang: &'static str,
    pub title: String,
    /// The municipality as the data spells it (as asked when no family matched).
    pub municipality: String,
    pub period: Period,
    pub as_of: String,
    pub rulebook: RulebookRef,
    /// The privacy policy the counts are shown under.
    pub privacy: PrivacyRef,
    /// False: no family of this municipality in the exports; the report says so.
    pub has_families: bool,
    pub locations: Vec<LocationConditions>,
    pub families: FamiliesTable,
    pub age_groups: CategoryTable,
    pub duration: CategoryTable,
    pub timeliness: Vec<TimelinessRow>,
    /// Empty when no export has `metingen` for these families.
    pub outcomes: Vec<OutcomeRow>,
    /// The figures per period with the earlier outputs (`--previous`); absent without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trends: Option<super::trends::Trends>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub start: String,
    pub end: String,
}

/// The rulebook's `[privacy]` policy, as applied.
#[derive(Debug, Clone, Serialize)]
pub struct PrivacyRef {
    pub min_count: u64,
    pub round_to: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RulebookRef {
    pub id: String,
    pub version: String,
    pub title: String,
}

/// A location serving the municipality and its location rules' outcomes.
#[derive(Debug, Clone, Serialize)]
pub struct LocationConditions {
    pub location_id: String,
    pub name: String,
    /// Every `error` location rule passes (or is waived).
    pub meets_conditions: bool,
    /// The `error` location rules that fail.
    pub missed: Vec<String>,
    pub rules: Vec<ConditionRow>,
}

/// One location rule at one location.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionRow {
    pub rule_id: String,
    pub title: String,
    pub severity: &'static str,
    pub outcome: &'static str,
    /// The measurement, written out in the report's language; for a rule
    /// that counts families `<min_count` below `min_count` and else rounded,
    /// `too_few` for a mean over fewer than `min_count` families.
    pub measured: Option<String>,
    /// The norm, written out: `≥ 0,55`.
    pub norm: Option<String>,
}

/// Families supported and volunteer hours, per location and in total.
#[derive(Debug, Clone, Serialize)]
pub struct FamiliesTable {
    pub rows: Vec<FamiliesRow>,
    pub total: FamiliesRow,
}

/// The privacy kinds of the figures (see [`Counts`]): the numbers of families
/// of every table are counts of families; hours, hours per family, shares and
/// mean changes are figures over the families.
pub mod kinds {
    use crate::rulebook::Counts;

    /// [`super::FamiliesRow::families`], [`super::CategoryRow::families`],
    /// the counts of [`super::TimelinessRow`], [`super::OutcomeRow::families`].
    pub const FAMILIES: Counts = Counts::Families;
    /// [`super::FamiliesRow::hours`], [`super::FamiliesRow::hours_per_family`],
    /// [`super::OutcomeRow::mean_change`]: shown over at least `min_count` families.
    pub const OVER_FAMILIES: Counts = Counts::PerFamily;
}

#[derive(Debug, Clone, Serialize)]
pub struct FamiliesRow {
    /// A location's id; empty for the total.
    pub location_id: String,
    /// The location's name, or the label of the total.
    pub label: String,
    /// Families of the municipality active in the period.
    pub families: Count,
    /// Volunteer hours given to them in the period.
    pub hours: Figure,
    /// Hours per family, over the families with hours filled in.
    pub hours_per_family: Figure,
}

/// Families by category (age group, duration), with the total.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryTable {
    pub rows: Vec<CategoryRow>,
    pub total: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryRow {
    pub key: &'static str,
    pub label: String,
    pub families: Count,
    /// Share of the total (0..1).
    pub share: Figure,
}

/// A timeliness rule: how these families' results came out.
#[derive(Debug, Clone, Serialize)]
pub struct TimelinessRow {
    pub rule_id: String,
    pub title: String,
    pub pass: Count,
    pub fail: Count,
    pub not_yet_due: Count,
    /// Not applicable, not evaluated or waived.
    pub other: Count,
    pub total: Count,
    /// pass / (pass + fail).
    pub on_time: Figure,
}

/// Outcome change in one domain of the parents' ratings.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeRow {
    pub domain: String,
    pub label: String,
    /// Families with a start and an end score in this domain.
    pub families: Count,
    /// Mean of (end score - start score), on the 0..5 scale.
    pub mean_change: Figure,
}
