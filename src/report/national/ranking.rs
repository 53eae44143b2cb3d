//! The ranking of the locations for the national review: at risk first
//! (an `error` verdict fails), then the most failed `error` verdicts, then
//! the largest share of families with a failure, then id. One pass over the
//! verdicts and one over the results (grouped by location): O(results). Used by the national report and the
//! national terminal summary alike.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::results::{Audit, Outcome};

/// One location's place in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank<'a> {
    pub location_id: &'a str,
    pub name: &'a str,
    pub at_risk: bool,
    pub error_fails: usize,
    /// Families with a failure / families with a result, 0 without any.
    pub family_share: f64,
}

/// Every location, most at risk first (ties by id).
pub fn ranking(audit: &Audit) -> Vec<Rank<'_>> {
    let mut error_fails: BTreeMap<&str, usize> = BTreeMap::new();
    for v in audit.verdicts.iter().filter(|v| v.puts_at_risk()) {
        *error_fails.entry(v.location_id.as_str()).or_default() += 1;
    }
    // Families with a result / with a failure, per location: the results
    // come grouped by location, so each location's families are counted in
    // one run (a set of that location's subjects only).
    let mut families: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut run: Option<&str> = None;
    let (mut all, mut failing): (HashSet<&str>, HashSet<&str>) = Default::default();
    for r in &audit.results {
        if run != Some(r.location_id.as_str()) {
            if let Some(loc) = run {
                let e = families.entry(loc).or_default();
                (e.0, e.1) = (e.0 + all.len(), e.1 + failing.len());
            }
            run = Some(r.location_id.as_str());
            all.clear();
            failing.clear();
        }
        if let Some(s) = r.subject_id.as_deref() {
            all.insert(s);
            if r.outcome == Outcome::Fail {
                failing.insert(s);
            }
        }
    }
    if let Some(loc) = run {
        let e = families.entry(loc).or_default();
        (e.0, e.1) = (e.0 + all.len(), e.1 + failing.len());
    }
    let mut ranks: Vec<Rank<'_>> = audit
        .locations
        .iter()
        .map(|l| {
            let id = l.location_id.as_str();
            let n = error_fails.get(id).copied().unwrap_or(0);
            let share = families.get(id).map_or(
                0.0,
                |&(all, failing)| {
                    if all == 0 { 0.0 } else { failing as f64 / all as f64 }
                },
            );
            Rank { location_id: id, name: &l.name, at_risk: n > 0, error_fails: n, family_share: share }
        })
        .collect();
    ranks.sort_by(|a, b| {
        b.at_risk
            .cmp(&a.at_risk)
            .then(b.error_fails.cmp(&a.error_fails))
            .then(b.family_share.total_cmp(&a.family_share))
            .then(a.location_id.cmp(b.location_id))
    });
    ranks
}
