//! The ranking of the locations for the national review: at risk first
//! (an `error` verdict fails), then the most failed `error` verdicts, then
//! the largest share of families with a failure, then id. Used by the
//! national report and the national terminal summary alike.
//!
//! Cost: one pass over the verdicts and one over the results, a hash
//! look-up per verdict and per change of location among the results (they
//! come grouped by location; any order gives the same ranking), then each
//! location's subjects sorted: O(results log families per location), and
//! the locations sorted: O(locations log locations). Where passes were kept
//! only as counts, each location's families with a result come from its
//! tally (one hash map over the locations).

use foldhash::{HashMap, HashMapExt};

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
    let mut error_fails: HashMap<&str, usize> = HashMap::new();
    for v in audit.verdicts.iter().filter(|v| v.puts_at_risk()) {
        *error_fails.entry(v.location_id.as_str()).or_default() += 1;
    }
    // Per location (by first appearance): its subjects, each with whether it failed.
    let mut slot_of: HashMap<&str, usize> = HashMap::new();
    let mut subjects: Vec<Vec<(&str, bool)>> = Vec::new();
    let mut last: Option<(&str, usize)> = None;
    for r in &audit.results {
        let Some(s) = r.subject_id.as_deref() else { continue };
        let loc = r.location_id.as_str();
        let slot = match last {
            Some((l, slot)) if l == loc => slot,
            _ => {
                let next = subjects.len();
                let slot = *slot_of.entry(loc).or_insert(next);
                if slot == next {
                    subjects.push(Vec::new());
                }
                last = Some((loc, slot));
                slot
            }
        };
        subjects[slot].push((s, r.outcome == Outcome::Fail));
    }
    // Families with a result, and those with a failure: distinct subjects.
    let count = |list: &mut Vec<(&str, bool)>| {
        // A failing entry sorts after a passing one of the same subject: the last of each subject decides.
        list.sort_unstable();
        let (mut all, mut failing) = (0usize, 0usize);
        for (i, (s, fail)) in list.iter().enumerate() {
            if list.get(i + 1).is_none_or(|(next, _)| next != s) {
                all += 1;
                failing += usize::from(*fail);
            }
        }
        (all, failing)
    };
    let counted: Vec<(usize, usize)> = subjects.iter_mut().map(count).collect();
    // Passes not kept: every subject with a result is in the location's tally.
    let with_result: HashMap<&str, usize> = audit
        .results
        .tallies()
        .unwrap_or_default()
        .iter()
        .map(|t| (t.location_id.as_str(), t.subjects.len()))
        .collect();
    let share_of = |id: &str| {
        let (all, failing) = slot_of.get(id).and_then(|slot| counted.get(*slot)).copied().unwrap_or((0, 0));
        let all = with_result.get(id).copied().unwrap_or(all);
        if all == 0 { 0.0 } else { failing as f64 / all as f64 }
    };
    let mut ranks: Vec<Rank<'_>> = audit
        .locations
        .iter()
        .map(|l| {
            let id = l.location_id.as_str();
            let n = error_fails.get(id).copied().unwrap_or(0);
            let share = share_of(id);
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
