//! The ranking of the locations for the national review: at risk first
//! (an `error` verdict fails), then the most failed `error` verdicts, then
//! the largest share of families with a failure, then id. One pass over the
//! verdicts and one over the results. Used by the national report and the
//! national terminal summary alike.

use std::collections::{BTreeMap, BTreeSet};

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
    let mut families: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for r in &audit.results {
        if let Some(s) = r.subject_id.as_deref() {
            let e = families.entry(r.location_id.as_str()).or_default();
            e.0.insert(s);
            if r.outcome == Outcome::Fail {
                e.1.insert(s);
            }
        }
    }
    let mut ranks: Vec<Rank<'_>> = audit
        .locations
        .iter()
        .map(|l| {
            let id = l.location_id.as_str();
            let n = error_fails.get(id).copied().unwrap_or(0);
            let share = families.get(id).map_or(0.0, |(all, failing)| {
                if all.is_empty() { 0.0 } else { failing.len() as f64 / all.len() as f64 }
            });
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
