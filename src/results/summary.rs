//! Per rule and location, how many subjects got each outcome.
//!
//! Cost: one pass over the results with a hash map by (location, rule),
//! looked up once per run of results of the same pair, then one sort of the
//! rows: O(results + rows log rows). Passes kept only as counts
//! (`PassTally`) add one look-up per location and rule.

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use super::outcome::Outcome;
use super::result::{Id, RuleResult};
use super::results_list::{PassTally, Results};

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
    pub rule_id: Id,
    pub location_id: Id,
    #[serde(flatten)]
    pub counts: OutcomeCounts,
}

/// Counts all outcomes per (location, rule). Rules that gave a location no
/// result at all (nothing covered) get a row of zeros when listed in `rule_ids`.
pub fn summarize<'a>(
    results: impl IntoIterator<Item = &'a RuleResult>,
    location_ids: &'a [String],
    rule_ids: &'a [String],
) -> Vec<SummaryRow> {
    summarize_with_tallies(results, &[], location_ids, rule_ids)
}

/// As [`summarize`], for a run's [`Results`]: the trajectory passes it did
/// not keep are counted from its tallies.
pub fn summarize_results<'a>(
    results: &'a Results,
    location_ids: &'a [String],
    rule_ids: &'a [String],
) -> Vec<SummaryRow> {
    summarize_with_tallies(results, results.tallies().unwrap_or_default(), location_ids, rule_ids)
}

fn summarize_with_tallies<'a>(
    results: impl IntoIterator<Item = &'a RuleResult>,
    tallies: &'a [PassTally],
    location_ids: &'a [String],
    rule_ids: &'a [String],
) -> Vec<SummaryRow> {
    // A row per location and rule, made up front (room for all of them at once).
    let rows_expected = location_ids.len().saturating_mul(rule_ids.len());
    let mut rows: Vec<SummaryRow> = Vec::with_capacity(rows_expected);
    let mut at: HashMap<(&str, &str), usize> = HashMap::with_capacity(rows_expected);
    for loc in location_ids {
        for rule in rule_ids {
            row_of(&mut rows, &mut at, loc, rule);
        }
    }
    // Results come grouped by location and rule: one lookup per run of them.
    let mut last: Option<(&str, &str, usize)> = None;
    for r in results {
        let i = match last {
            Some((l, rule, i)) if l == r.location_id && rule == r.rule_id => i,
            _ => row_of(&mut rows, &mut at, &r.location_id, &r.rule_id),
        };
        last = Some((&r.location_id, &r.rule_id, i));
        if let Some(row) = rows.get_mut(i) {
            row.counts.add_one(r.outcome);
        }
    }
    for t in tallies {
        for (rule, n) in &t.passes {
            let i = row_of(&mut rows, &mut at, &t.location_id, rule);
            if let Some(row) = rows.get_mut(i) {
                row.counts.pass += n;
            }
        }
    }
    rows.sort_by(|a, b| (&a.location_id, &a.rule_id).cmp(&(&b.location_id, &b.rule_id)));
    rows
}

/// The index of the row of (location, rule), made empty when new.
fn row_of<'a>(
    rows: &mut Vec<SummaryRow>,
    at: &mut HashMap<(&'a str, &'a str), usize>,
    location: &'a str,
    rule: &'a str,
) -> usize {
    *at.entry((location, rule)).or_insert_with(|| {
        rows.push(SummaryRow { rule_id: rule.into(), location_id: location.into(), ..Default::default() });
        rows.len() - 1
    })
}
