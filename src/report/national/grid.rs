//! The audit read once for the national report: its locations in id order,
//! the enabled rules in matrix order, and per (location, rule) the outcome
//! counts (from the audit's summary) and a location rule's own result; per
//! location whether anything failed. The sections (matrix, findings, pass
//! rates, at risk, summary) read this grid by position, never the results
//! again.
//!
//! Cost: one pass over the summary rows and one over the results, each a
//! hash look-up (O(summary + results)), a sort of the locations
//! (O(locations log locations)) and a grid of locations x rules counts (the
//! size of the matrix the report shows).

use foldhash::{HashMap, HashMapExt};

use super::model::Counts;
use crate::results::{Audit, LocationEntry, Outcome, RuleResult};
use crate::rulebook::RuleConfig;

/// The audit grouped by location and rule.
pub struct Grid<'a> {
    /// The audit's as-of date (measured values in words count days from it).
    pub as_of: chrono::NaiveDate,
    /// Every location, by id (as listed when two share an id).
    pub locations: Vec<&'a LocationEntry>,
    /// The enabled rules, location rules first, each group by id.
    pub rules: Vec<&'a RuleConfig>,
    /// Per location (of `locations`), the slot of its id in `counts` and `own`.
    slots: Vec<usize>,
    /// Per slot and rule: `slot * rules.len() + rule`.
    counts: Vec<Counts>,
    own: Vec<Option<&'a RuleResult>>,
    /// Per slot: some result of the location failed (unwaived), any rule.
    failing: Vec<bool>,
}

impl<'a> Grid<'a> {
    /// Reads the audit once. `rules` are the matrix's columns.
    pub fn new(audit: &'a Audit, rules: Vec<&'a RuleConfig>) -> Grid<'a> {
        let mut locations: Vec<&LocationEntry> = audit.locations.iter().collect();
        locations.sort_by(|a, b| a.location_id.cmp(&b.location_id));
        let mut slot_of: HashMap<&str, usize> = HashMap::with_capacity(locations.len());
        let slots: Vec<usize> = locations
            .iter()
            .map(|l| {
                let next = slot_of.len();
                *slot_of.entry(l.location_id.as_str()).or_insert(next)
            })
            .collect();
        let rule_of: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let width = rules.len();
        let cells = slot_of.len() * width;
        let mut counts = vec![Counts::default(); cells];
        let mut own = vec![None; cells];
        let mut failing = vec![false; slot_of.len()];
        let at = |loc: &str, rule: &str| Some(slot_of.get(loc)? * width + rule_of.get(rule)?);
        // A later row or result of the same (location, rule) replaces an earlier one.
        for s in &audit.summary {
            if let Some(i) = at(&s.location_id, &s.rule_id) {
                counts[i] = s.counts;
            }
        }
        for r in &audit.results {
            if r.outcome == Outcome::Fail
                && let Some(slot) = slot_of.get(r.location_id.as_str())
            {
                failing[*slot] = true;
            }
            if r.subject_id.is_none()
                && let Some(i) = at(&r.location_id, &r.rule_id)
            {
                own[i] = Some(r);
            }
        }
        Grid { as_of: audit.as_of, locations, rules, slots, counts, own, failing }
    }

    fn index(&self, location: usize, rule: usize) -> Option<usize> {
        let slot = *self.slots.get(location)?;
        (rule < self.rules.len()).then(|| slot * self.rules.len() + rule)
    }

    /// The outcome counts of location `location` (its place in `locations`) and rule `rule` (its column).
    pub fn counts(&self, location: usize, rule: usize) -> Counts {
        self.index(location, rule).and_then(|i| self.counts.get(i)).copied().unwrap_or_default()
    }

    /// A location rule's own result at a location (none for a trajectory rule).
    pub fn own(&self, location: usize, rule: usize) -> Option<&'a RuleResult> {
        self.index(location, rule).and_then(|i| self.own.get(i)).copied().flatten()
    }

    /// Whether some result of the location failed (unwaived).
    pub fn failing(&self, location: usize) -> bool {
        self.slots.get(location).and_then(|s| self.failing.get(*s)).copied().unwrap_or(false)
    }

    /// The column of a rule, by id.
    pub fn column_of(&self, rule_id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == rule_id)
    }
}
