//! The national report's model: what every format (HTML, Markdown, XLSX)
//! shows, already in the report's language. It holds locations, rules and
//! counts only: no family id, row or date of a family.

use serde::Serialize;

use crate::results::Outcome;

/// The whole national report.
#[derive(Debug, Clone, Serialize)]
pub struct NationalModel {
    pub title: String,
    /// The stylesheet, inlined into the HTML.
    pub css: String,
    pub header: Header,
    pub summary: Summary,
    /// Locations with an unwaived failed `error` rule, by location id.
    pub at_risk: Vec<RiskLocation>,
    /// Per error rule failed somewhere: what to do, and at how many locations.
    pub risk_actions: Vec<RiskAction>,
    /// The matrix's columns: enabled rules, location rules first, each by id.
    pub rules: Vec<RuleColumn>,
    /// How many of `rules` are location rules (they come first).
    pub location_rule_count: usize,
    pub trajectory_rule_count: usize,
    pub matrix: Vec<MatrixRow>,
    /// What each symbol of the matrix means.
    pub legend: Vec<LegendItem>,
    pub distributions: Vec<Distribution>,
    pub pass_rates: Vec<PassRate>,
    pub pass_rate_svg: String,
    pub inputs: InputSummary,
    /// Against earlier audits (`check --previous`), when given.
    pub trends: Option<super::trends::Trends>,
    /// Every location-rule result and per-rule counts (the XLSX findings sheet).
    #[serde(skip)]
    pub findings: Vec<FindingRow>,
}

/// What the report covers.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// `1 januari 2026 t/m 31 december 2026`.
    pub period: String,
    pub as_of: String,
    pub rulebook_id: String,
    pub rulebook_version: String,
    pub rulebook_title: String,
    pub locations: String,
    /// Files that could not be read at all (input findings without a sheet).
    pub unreadable: String,
    pub tool_version: String,
}

/// The headline: how many locations meet everything, and how many are at risk.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub total: usize,
    pub meets_all: usize,
    /// Unwaived failures, none of severity `error`.
    pub attention: usize,
    pub at_risk: usize,
    /// The three counts as sentences.
    pub lines: Vec<String>,
    /// The three counts with a short label, for the boxes at the top of the HTML.
    pub boxes: Vec<SummaryBox>,
}

/// One count of the summary, as a box: `12` / `van de 150` / `lopen risico`.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryBox {
    pub status: Status,
    pub n: String,
    pub of_total: String,
    pub label: String,
}

/// A location's overall standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No unwaived failure of any rule.
    MeetsAll,
    /// Unwaived failures, but none of an `error` rule.
    Attention,
    /// An unwaived failure of an `error` rule.
    AtRisk,
}

/// A location at risk and the error rules it fails; ranked (see [`super::ranking`]).
#[derive(Debug, Clone, Serialize)]
pub struct RiskLocation {
    pub location_id: String,
    pub name: String,
    /// Place in the ranking (1: most at risk).
    pub rank: usize,
    /// Failing `error` verdicts, written out.
    pub error_fails: String,
    /// Share of the location's families with a failure (`12%`).
    pub family_share: String,
    pub rules: Vec<RiskRule>,
}

/// One failed error rule of a location at risk.
#[derive(Debug, Clone, Serialize)]
pub struct RiskRule {
    pub id: String,
    pub title: String,
    /// What to do: the rule's action text from the rulebook.
    pub action: String,
    /// For a trajectory rule, how many trajectories fail (`3 trajecten`); empty for a location rule.
    pub extent: String,
    /// For a trajectory rule, the number of failing trajectories.
    pub fails: usize,
    pub trajectory: bool,
    /// For a location rule, its message (`De licentie was geldig tot ...`); empty for a trajectory rule.
    pub detail: String,
}

/// What to do about an error rule that locations fail.
#[derive(Debug, Clone, Serialize)]
pub struct RiskAction {
    pub id: String,
    pub title: String,
    pub action: String,
    /// `4 locaties`.
    pub locations: String,
}

/// One rule as a matrix column.
#[derive(Debug, Clone, Serialize)]
pub struct RuleColumn {
    pub id: String,
    /// The id split after its first `-` (`HS-`, `L01`), for a narrow column heading.
    pub id_head: String,
    pub id_tail: String,
    pub title: String,
    pub trajectory: bool,
    pub scope_label: String,
    pub severity: &'static str,
    pub severity_label: String,
}

/// One location as a matrix row.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub location_id: String,
    pub name: String,
    pub status: Status,
    pub status_label: String,
    pub cells: Vec<MatrixCell>,
}

/// One location x rule cell.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// `pass`, `fail`, `waived`, `not_yet_due`, `not_applicable`, `not_evaluated` or `empty`.
    pub state: &'static str,
    /// What the cell shows: a symbol, or the number of failing trajectories.
    pub text: String,
    /// The outcome counts written out (a tooltip on screen).
    pub detail: String,
    /// The outcome that decides the cell's state (`None`: no result at all).
    #[serde(skip)]
    pub outcome: Option<Outcome>,
    #[serde(skip)]
    pub counts: Counts,
}

/// How many subjects got each outcome (the audit's own summary counts).
pub use crate::results::OutcomeCounts as Counts;

/// A symbol of the matrix and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub state: &'static str,
    pub symbol: String,
    pub text: String,
}

/// One distribution across locations, with its norm.
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub title: String,
    pub svg: String,
    /// `minimaal 0,55`, or that the rulebook has no norm.
    pub norm: String,
    /// Label and value: locations with a value, lowest, median, highest, below the norm...
    pub stats: Vec<Stat>,
    /// What the chart is drawn from: each location with a value (id and
    /// name, value), lowest first; its text alternative.
    pub values: Vec<Stat>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stat {
    pub label: String,
    pub value: String,
}

/// How often one rule is met, over every location.
#[derive(Debug, Clone, Serialize)]
pub struct PassRate {
    pub id: String,
    pub title: String,
    pub scope_label: String,
    pub severity_label: String,
    pub pass: String,
    pub fail: String,
    pub waived: String,
    /// Not yet due, not applicable and not evaluated together.
    pub not_judged: String,
    /// The pass rate as a percentage, or a dash when nothing was judged.
    pub rate: String,
    /// The pass rate as a share (`None` when nothing was judged).
    pub share: Option<f64>,
    /// Locations with an unwaived failure of the rule.
    pub locations_failing: String,
    #[serde(skip)]
    pub counts: Counts,
    #[serde(skip)]
    pub failing_locations: usize,
}

/// Input findings, counted per export.
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    /// Files that could not be read at all, by name.
    pub unreadable: Vec<String>,
    pub exports: Vec<ExportFindings>,
    /// `140 exports zonder bevindingen.`
    pub clean: String,
    pub total: usize,
}

/// The input findings of one export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportFindings {
    pub export: String,
    /// The locations read from it (`L001 Home-Start Breda`), empty when it could not be read.
    pub locations: String,
    pub findings: String,
    pub unreadable: bool,
}

/// A row of the XLSX findings sheet: a location-rule result, or a
/// trajectory rule's counts at a location.
#[derive(Debug, Clone)]
pub struct FindingRow {
    pub location_id: String,
    pub name: String,
    pub rule_id: String,
    pub title: String,
    pub scope_label: String,
    pub severity_label: String,
    pub outcome_label: String,
    pub measured: Option<f64>,
    pub expected: String,
    pub message: String,
    pub counts: Counts,
}
