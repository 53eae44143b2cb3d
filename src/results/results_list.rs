//! Every result of a run, kept as the rules made them: one part per location,
//! in location order, never copied into one long list.
//!
//! A national run has millions of results (a pass of a trajectory rule is one
//! too). Gathering the locations' results into one vector copied all of them
//! once and held them twice at the end of evaluation: a quarter of the run's
//! peak memory at 15,000 locations. Readers see one sequence all the same.
//!
//! A run whose outputs read no trajectory rule's `pass` (a national run
//! without history: the national report, results.json and the terminal read
//! counts of them, never one of them) keeps a [`PassTally`] per location in
//! their place: per rule how many passes, and which subjects had a result.
//! Most results are such passes: 5.6 of 6.3 million at 15,000 locations.
//!
//! Cost: iteration O(results); `len` O(1); building from parts O(parts);
//! a tally O(results of the location log results of the location).

use foldhash::{HashSet, HashSetExt};

use super::outcome::Outcome;
use super::result::{Id, RuleResult};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    parts: Vec<Vec<RuleResult>>,
    len: usize,
    /// The passes of trajectory rules not kept, per location; `None` when every result is kept.
    tallies: Option<Vec<PassTally>>,
}

/// What a location's trajectory passes were, when they are not kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PassTally {
    pub location_id: Id,
    /// Per rule (in rule order) how many passes were left out.
    pub passes: Vec<(Id, usize)>,
    /// Every subject with a result of the location (passes included), sorted, once each.
    pub subjects: Vec<Id>,
}

impl PassTally {
    /// Takes the trajectory passes out of one location's results (sorted by
    /// rule), counting them, and notes every subject with a result.
    pub fn take_passes(results: &mut Vec<RuleResult>) -> PassTally {
        let location_id = results.first().map(|r| r.location_id.clone()).unwrap_or_default();
        // Each subject has a result per rule: gather the distinct ones first, sort only those.
        let mut seen: HashSet<&str> = HashSet::with_capacity(64);
        seen.extend(results.iter().filter_map(|r| r.subject_id.as_deref()));
        let mut subjects: Vec<Id> = seen.into_iter().map(Id::from).collect();
        subjects.sort_unstable();
        let mut passes: Vec<(Id, usize)> = Vec::new();
        results.retain(|r| {
            let pass = r.subject_id.is_some() && r.outcome == Outcome::Pass;
            if pass {
                match passes.last_mut() {
                    Some((rule, n)) if *rule == r.rule_id => *n += 1,
                    _ => passes.push((r.rule_id.clone(), 1)),
                }
            }
            !pass
        });
        results.shrink_to_fit();
        PassTally { location_id, passes, subjects }
    }

    /// This tally and another of the same location as one.
    fn join(&mut self, other: PassTally) {
        for (rule, n) in other.passes {
            match self.passes.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, m)) => *m += n,
                None => self.passes.push((rule, n)),
            }
        }
        self.subjects.extend(other.subjects);
        self.subjects.sort_unstable();
        self.subjects.dedup();
    }
}

impl Results {
    pub fn new() -> Self {
        Results::default()
    }

    /// The results of `parts`, in the order given (empty parts are dropped).
    pub fn from_parts(parts: Vec<Vec<RuleResult>>) -> Self {
        let parts: Vec<Vec<RuleResult>> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        let len = parts.iter().map(Vec::len).sum();
        Results { parts, len, tallies: None }
    }

    /// The kept results of `parts` and the tallies of the trajectory passes
    /// left out (tallies of one location id are joined into one).
    pub fn from_parts_and_tallies(parts: Vec<Vec<RuleResult>>, tallies: Vec<PassTally>) -> Self {
        // The tallies come in location order: one location's are side by side.
        let mut joined: Vec<PassTally> = Vec::with_capacity(tallies.len());
        for t in tallies.into_iter().filter(|t| !t.subjects.is_empty()) {
            match joined.last_mut() {
                Some(last) if last.location_id == t.location_id => last.join(t),
                _ => joined.push(t),
            }
        }
        Results { tallies: Some(joined), ..Results::from_parts(parts) }
    }

    /// The tallies of the trajectory passes not kept; `None` when every result is kept.
    pub fn tallies(&self) -> Option<&[PassTally]> {
        self.tallies.as_deref()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every result, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &RuleResult> + Clone {
        self.parts.iter().flatten()
    }

    /// Every result, in order, to change in place (waivers).
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut RuleResult> {
        self.parts.iter_mut().flatten()
    }

    /// The parts: each a run of results of one location.
    pub fn parts(&self) -> &[Vec<RuleResult>] {
        &self.parts
    }

    /// The result at position `i` of the whole sequence.
    pub fn get(&self, i: usize) -> Option<&RuleResult> {
        let mut rest = i;
        for part in &self.parts {
            match part.get(rest) {
                Some(r) => return Some(r),
                None => rest -= part.len(),
            }
        }
        None
    }

    pub fn first(&self) -> Option<&RuleResult> {
        self.iter().next()
    }

    /// Adds one result at the end (tests and small runs).
    pub fn push(&mut self, r: RuleResult) {
        match self.parts.last_mut() {
            Some(last) => last.push(r),
            None => self.parts.push(vec![r]),
        }
        self.len += 1;
    }
}

impl From<Vec<RuleResult>> for Results {
    fn from(all: Vec<RuleResult>) -> Self {
        Results::from_parts(vec![all])
    }
}

impl FromIterator<RuleResult> for Results {
    fn from_iter<I: IntoIterator<Item = RuleResult>>(iter: I) -> Self {
        Results::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Results {
    type Item = &'a RuleResult;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<RuleResult>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.parts.iter().flatten()
    }
}

impl<'a> IntoIterator for &'a mut Results {
    type Item = &'a mut RuleResult;
    type IntoIter = std::iter::Flatten<std::slice::IterMut<'a, Vec<RuleResult>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.parts.iter_mut().flatten()
    }
}

impl std::ops::Index<usize> for Results {
    type Output = RuleResult;

    /// The result at `i`; panics past the end (as a slice's index does: for tests).
    fn index(&self, i: usize) -> &RuleResult {
        match self.get(i) {
            Some(r) => r,
            None => panic!("no result {i} of {}", self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Outcome, Severity, Text};

    fn r(location: &str, subject: &str) -> RuleResult {
        RuleResult::new("HS-G02", location, Some((subject, 2)), Outcome::Pass, Severity::Error, Text::default())
    }

    fn with(rule: &str, location: &str, subject: Option<&str>, outcome: Outcome) -> RuleResult {
        RuleResult::new(rule, location, subject.map(|s| (s, 2)), outcome, Severity::Error, Text::default())
    }

    #[test]
    fn passes_taken_out_are_counted_per_rule_and_their_subjects_kept() {
        let mut own = vec![
            with("HS-G01", "L1", Some("G2"), Outcome::Pass),
            with("HS-G01", "L1", Some("G3"), Outcome::Fail),
            with("HS-G01", "L1", Some("G4"), Outcome::Pass),
            with("HS-G02", "L1", Some("G1"), Outcome::Pass),
            with("HS-G02", "L1", Some("G2"), Outcome::NotYetDue),
            with("HS-L01", "L1", None, Outcome::Pass),
        ];
        let tally = PassTally::take_passes(&mut own);
        assert_eq!(tally.location_id, "L1");
        assert_eq!(tally.passes, [("HS-G01".into(), 2), ("HS-G02".into(), 1)]);
        assert_eq!(tally.subjects, ["G1", "G2", "G3", "G4"]);
        // What is not a trajectory pass stays, in order (a location rule's pass too).
        let kept: Vec<(&str, Outcome)> = own.iter().map(|r| (r.rule_id.as_str(), r.outcome)).collect();
        assert_eq!(kept, [("HS-G01", Outcome::Fail), ("HS-G02", Outcome::NotYetDue), ("HS-L01", Outcome::Pass)]);

        // Tallies of one location id (two exports) are joined; empty ones are left out.
        let mut second =
            vec![with("HS-G01", "L1", Some("G9"), Outcome::Pass), with("HS-G03", "L1", Some("G2"), Outcome::Pass)];
        let other = PassTally::take_passes(&mut second);
        let mut third = vec![with("HS-G01", "L2", Some("G1"), Outcome::Pass)];
        let last = PassTally::take_passes(&mut third);
        let all = Results::from_parts_and_tallies(vec![own], vec![tally, other, PassTally::default(), last]);
        let Some([l1, l2]) = all.tallies() else { panic!("two tallies: {:?}", all.tallies()) };
        assert_eq!(l1.passes, [("HS-G01".into(), 3), ("HS-G02".into(), 1), ("HS-G03".into(), 1)]);
        assert_eq!(l1.subjects, ["G1", "G2", "G3", "G4", "G9"]);
        assert_eq!((l2.location_id.as_str(), l2.subjects.len()), ("L2", 1));
        assert_eq!(all.len(), 3);
        assert!(Results::from_parts(Vec::new()).tallies().is_none());
    }

    #[test]
    fn reads_as_one_sequence_in_the_order_of_its_parts() {
        let parts = vec![vec![r("L1", "G1"), r("L1", "G2")], vec![], vec![r("L2", "G1")]];
        let mut all = Results::from_parts(parts);
        assert_eq!((all.len(), all.is_empty(), all.parts().len()), (3, false, 2));
        let seen: Vec<(&str, &str)> =
            all.iter().map(|r| (r.location_id.as_str(), r.subject_id.as_deref().unwrap_or(""))).collect();
        assert_eq!(seen, [("L1", "G1"), ("L1", "G2"), ("L2", "G1")]);
        assert_eq!(all[2].location_id, "L2");
        assert_eq!(all.get(1).and_then(|r| r.subject_id.as_deref()), Some("G2"));
        assert!(all.get(3).is_none());
        assert_eq!(all.iter().next_back().map(|r| r.location_id.as_str()), Some("L2"));
        all.iter_mut().for_each(|r| r.outcome = Outcome::Fail);
        all.push(r("L3", "G9"));
        assert_eq!(all.len(), 4);
        assert!((&all).into_iter().take(3).all(|r| r.outcome == Outcome::Fail));
        assert_eq!(Results::from(vec![r("L1", "G1")]).len(), 1);
        assert!(Results::new().is_empty() && Results::new().first().is_none());
    }
}
