//! One audit as history needs it: when it was, which locations and rules it
//! had, each location's metrics and outcome counts, and the outcome of every
//! subject it lists. Cost: one pass over the audit's results.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::results::{Audit, Outcome, OutcomeCounts};

/// (location, rule, subject): how a failure is matched across audits.
pub type SubjectKey = (String, String, Option<String>);

/// An audit, this run's or an earlier one read from its `results.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The file it was read from (empty for this run).
    pub source: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub as_of: NaiveDate,
    pub rulebook_version: String,
    /// Per location id, its name and metrics.
    pub locations: BTreeMap<String, (String, BTreeMap<String, f64>)>,
    /// The rules the audit evaluated (its summary's rules).
    pub rules: BTreeSet<String>,
    /// Rules with a result about the location itself (location rules).
    pub location_rules: BTreeSet<String>,
    /// Per (location, rule), the outcome counts.
    pub summary: BTreeMap<(String, String), OutcomeCounts>,
    /// Every listed result's outcome.
    pub outcomes: BTreeMap<SubjectKey, Outcome>,
    /// True when passes of trajectory rules are listed too (this run's
    /// audit); a `results.json` leaves them out.
    pub passes_listed: bool,
}

impl Snapshot {
    /// This run's audit, with every result (passes included).
    pub fn of_audit(audit: &Audit) -> Snapshot {
        let mut outcomes = BTreeMap::new();
        let mut location_rules = BTreeSet::new();
        for r in &audit.results {
            if r.subject_id.is_none() {
                location_rules.insert(r.rule_id.to_string());
            }
            outcomes.insert(
                (r.location_id.to_string(), r.rule_id.to_string(), r.subject_id.as_deref().map(str::to_string)),
                r.outcome,
            );
        }
        Snapshot {
            source: String::new(),
            period_start: audit.period_start,
            period_end: audit.period_end,
            as_of: audit.as_of,
            rulebook_version: audit.rulebook_version.clone(),
            locations: audit
                .locations
                .iter()
                .map(|l| (l.location_id.clone(), (l.name.clone(), l.metrics.clone())))
                .collect(),
            rules: audit.summary.iter().map(|s| s.rule_id.to_string()).collect(),
            location_rules,
            summary: audit
                .summary
                .iter()
                .map(|s| ((s.location_id.to_string(), s.rule_id.to_string()), s.counts))
                .collect(),
            outcomes,
            passes_listed: true,
        }
    }

    /// Per (location, rule), the subjects with outcome `fail`.
    pub fn failures(&self) -> BTreeMap<(String, String), BTreeSet<Option<String>>> {
        let mut out: BTreeMap<(String, String), BTreeSet<Option<String>>> = BTreeMap::new();
        for ((l, r, s), o) in &self.outcomes {
            if *o == Outcome::Fail {
                out.entry((l.clone(), r.clone())).or_default().insert(s.clone());
            }
        }
        out
    }

    /// The outcome of a subject, when listed.
    pub fn outcome(&self, location: &str, rule: &str, subject: &Option<String>) -> Option<Outcome> {
        self.outcomes.get(&(location.to_string(), rule.to_string(), subject.clone())).copied()
    }

    /// Ordering of audits in time: the latest `as_of`, then the latest period end.
    pub fn when(&self) -> (NaiveDate, NaiveDate) {
        (self.as_of, self.period_end)
    }
}
