//! The audit: everything one `check` run found, the model every output reads.
//!
//! Cost: the headline figures of every location come from one pass over the
//! results (O(results)), never a scan of all results per location.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::facts::TrajectoryFacts;
use super::outcome::{Outcome, Severity};
use super::result::RuleResult;
use super::results_list::Results;
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

#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub tool_version: String,
    pub rulebook_id: String,
    pub rulebook_version: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub as_of: NaiveDate,
    pub locations: Vec<LocationEntry>,
    /// Every result, passes of trajectory rules included, grouped by location
    /// (sorted by location, rule and subject, as `rules::evaluate` makes them).
    pub results: Results,
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
    /// Headline figures of every location in one pass: location id to figures.
    /// `metric_rules` pairs a rule id with the figure its measurement gives.
    pub fn metrics_by_location<'r>(
        results: &'r Results,
        metric_rules: &[(&str, &str)],
    ) -> HashMap<&'r str, BTreeMap<String, f64>> {
        let metric_of: HashMap<&str, &str> = metric_rules.iter().copied().collect();
        // The first result of a rule at a location gives the figure (or none), as in `metrics_for`.
        let mut first: HashMap<(&str, &str), Option<f64>> = HashMap::new();
        for r in results.iter().filter(|r| r.subject_id.is_none()) {
            if let Some(metric) = metric_of.get(r.rule_id.as_str()) {
                first.entry((r.location_id.as_str(), metric)).or_insert(r.measured);
            }
        }
        let mut out: HashMap<&str, BTreeMap<String, f64>> = HashMap::new();
        for ((location, metric), measured) in first {
            if let Some(m) = measured {
                out.entry(location).or_default().insert(metric.to_string(), m);
            }
        }
        out
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
