//! Per rule and location, how many subjects got each outcome.

use std::collections::BTreeMap;

use serde::Serialize;

use super::outcome::Outcome;
use super::result::RuleResult;

/// How many subjects got each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OutcomeCounts {
    pub pass: usize,
    pub fail: usize,
    pub not_yet_due: usize,
    pub not_applicable: usize,
    pub not_evaluated: usize,
    pub waived: usize,
}

impl OutcomeCounts {
    pub fn get(&self, outcome: Outcome) -> usize {
        match outcome {
            Outcome::Pass => self.pass,
            Outcome::Fail => self.fail,
            Outcome::NotYetDue => self.not_yet_due,
            Outcome::NotApplicable => self.not_applicable,
            Outcome::NotEvaluated => self.not_evaluated,
            Outcome::Waived => self.waived,
        }
    }

    /// Counts one more subject with `outcome`.
    pub fn add_one(&mut self, outcome: Outcome) {
        let slot = match outcome {
            Outcome::Pass => &mut self.pass,
            Outcome::Fail => &mut self.fail,
            Outcome::NotYetDue => &mut self.not_yet_due,
            Outcome::NotApplicable => &mut self.not_applicable,
            Outcome::NotEvaluated => &mut self.not_evaluated,
            Outcome::Waived => &mut self.waived,
        };
        *slot += 1;
    }

    /// Adds another set of counts to these.
    pub fn add(&mut self, other: &OutcomeCounts) {
        self.pass += other.pass;
        self.fail += other.fail;
        self.not_yet_due += other.not_yet_due;
        self.not_applicable += other.not_applicable;
        self.not_evaluated += other.not_evaluated;
        self.waived += other.waived;
    }

    pub fn total(&self) -> usize {
        Outcome::ALL.iter().map(|o| self.get(*o)).sum()
    }
}

/// The outcome counts of one rule at one location.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SummaryRow {
    pub rule_id: String,
    pub location_id: String,
    #[serde(flatten)]
    pub counts: OutcomeCounts,
}

/// Counts all outcomes per (location, rule). Rules that gave a location no
/// result at all (nothing covered) get a row of zeros when listed in `rule_ids`.
pub fn summarize(results: &[RuleResult], location_ids: &[String], rule_ids: &[String]) -> Vec<SummaryRow> {
    let mut rows: BTreeMap<(String, String), SummaryRow> = BTreeMap::new();
    for loc in location_ids {
        for rule in rule_ids {
            rows.insert(
                (loc.clone(), rule.clone()),
                SummaryRow { rule_id: rule.clone(), location_id: loc.clone(), ..Default::default() },
            );
        }
    }
    for r in results {
        rows.entry((r.location_id.clone(), r.rule_id.clone()))
            .or_insert_with(|| SummaryRow {
                rule_id: r.rule_id.clone(),
                location_id: r.location_id.clone(),
                ..Default::default()
            })
            .counts
            .add_one(r.outcome);
    }
    rows.into_values().collect()
}
