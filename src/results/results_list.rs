//! Every result of a run, kept as the rules made them: one part per location,
//! in location order, never copied into one long list.
//!
//! A national run has millions of results (a pass of a trajectory rule is one
//! too). Gathering the locations' results into one vector copied all of them
//! once and held them twice at the end of evaluation: a quarter of the run's
//! peak memory at 15,000 locations. Readers see one sequence all the same.
//!
//! Cost: iteration O(results); `len` O(1); building from parts O(parts).

use super::result::RuleResult;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    parts: Vec<Vec<RuleResult>>,
    len: usize,
}

impl Results {
    pub fn new() -> Self {
        Results::default()
    }

    /// The results of `parts`, in the order given (empty parts are dropped).
    pub fn from_parts(parts: Vec<Vec<RuleResult>>) -> Self {
        let parts: Vec<Vec<RuleResult>> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        let len = parts.iter().map(Vec::len).sum();
        Results { parts, len }
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
