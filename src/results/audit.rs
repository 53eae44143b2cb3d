//! The audit: everything one `check` run found, the model every output reads.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::facts::TrajectoryFacts;
use super::outcome::{Outcome, Severity};
use super::result::RuleResult;
use super::summary::SummaryRow;
use super::verdicts::Verdict;
use super::waivers::WaiverReport;
use crate::findings::InputFinding;

/// One audited location and its headline figures.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationEntry {
    pub location_id: String,
    pub name: String,
    pub source: String,
    /// `coordinator_fte`, `trained_volunteers`, `families`, `hours_per_family_year`, ...
    pub metrics: BTreeMap<String, f64>,
}

/// Which rule's measurement gives which headline figure.
pub const METRIC_RULES: &[(&str, &str)] = &[
    ("HS-L01", "coordinator_fte"),
    ("HS-L03", "trained_volunteers"),
    ("HS-L04", "families"),
    ("HS-L06", "hours_per_family_year"),
    ("HS-L08", "cost"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub tool_version: String,
    pub rulebook_id: String,
    pub rulebook_version: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub as_of: NaiveDate,
    pub locations: Vec<LocationEntry>,
    /// Every result, passes of trajectory rules included.
    pub results: Vec<RuleResult>,
    pub summary: Vec<SummaryRow>,
    /// Per location and rule, the verdict (see `verdicts.rs`).
    pub verdicts: Vec<Verdict>,
    pub input_findings: Vec<InputFinding>,
    pub waivers: WaiverReport,
    /// What changed against earlier audits (`check --previous`).
    pub comparison: Option<super::history::Comparison>,
    /// Per trajectory, what the aggregated reports count (never written to
    /// results.json; family ids stay inside the audit).
    pub trajectories: Vec<TrajectoryFacts>,
}

impl Audit {
    /// Headline figures of a location, from its location rules' measurements.
    pub fn metrics_for(results: &[RuleResult], location_id: &str) -> BTreeMap<String, f64> {
        METRIC_RULES
            .iter()
            .filter_map(|(rule, metric)| {
                results
                    .iter()
                    .find(|r| r.location_id == location_id && r.rule_id == *rule && r.subject_id.is_none())
                    .and_then(|r| r.measured)
                    .map(|m| (metric.to_string(), m))
            })
            .collect()
    }

    /// Unwaived failures with a severity at or above `threshold` whose
    /// location's verdict on the rule is `fail` (with every tolerance 0:
    /// every such failure). Without verdicts, every such failure.
    pub fn failures_at_or_above(&self, threshold: Severity) -> impl Iterator<Item = &RuleResult> {
        let tolerated: std::collections::BTreeSet<(&str, &str)> = self
            .verdicts
            .iter()
            .filter(|v| v.outcome != Outcome::Fail)
            .map(|v| (v.location_id.as_str(), v.rule_id.as_str()))
            .collect();
        self.results.iter().filter(move |r| {
            r.outcome == Outcome::Fail
                && r.severity >= threshold
                && !tolerated.contains(&(r.location_id.as_str(), r.rule_id.as_str()))
        })
    }

    /// True when a verdict of an `error` rule on the location is `fail`.
    pub fn at_risk(&self, location_id: &str) -> bool {
        self.verdicts.iter().any(|v| v.location_id == location_id && v.puts_at_risk())
    }

    /// True when some export could not be read at all.
    pub fn has_unreadable_input(&self) -> bool {
        self.input_findings.iter().any(InputFinding::is_fatal)
    }
}
