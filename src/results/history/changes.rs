//! Changes between two audits: per location and rule present in both, each
//! failure now or then is `new` (fails now, not then), `persisting` (then
//! and now) or `fixed` (then, and passes or is waived now). A location or
//! rule in only one of the two gets a note instead. Cost: one pass over
//! both audits' listed outcomes.

use std::collections::BTreeSet;

use super::snapshot::Snapshot;
use crate::results::Outcome;

/// The changes of one rule at one location.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    pub location_id: String,
    pub rule_id: String,
    /// True for a rule about the location itself (no subjects listed).
    pub location_rule: bool,
    pub new: Vec<String>,
    pub persisting: Vec<String>,
    pub fixed: Vec<String>,
    /// Counts (for location rules, 0 or 1 each).
    pub new_count: usize,
    pub persisting_count: usize,
    pub fixed_count: usize,
}

/// What could not be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// The location is in this audit only.
    LocationOnlyNow,
    /// The location was in the earlier audit only.
    LocationOnlyThen,
    /// The rule is in this audit only (new, or enabled since).
    RuleOnlyNow,
    /// The rule was in the earlier audit only (disabled or removed since).
    RuleOnlyThen,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::LocationOnlyNow => "location_not_in_previous",
            NoteKind::LocationOnlyThen => "location_not_in_current",
            NoteKind::RuleOnlyNow => "rule_not_in_previous",
            NoteKind::RuleOnlyThen => "rule_not_in_current",
        }
    }
}

/// A location or rule without changes, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub kind: NoteKind,
    /// The location's or the rule's id.
    pub id: String,
}

/// What changed between an earlier audit and this one.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every earlier audit given, oldest first.
    pub previous: Vec<Snapshot>,
    /// The index in `previous` of the audit compared with (the latest).
    pub against: usize,
    /// Per location and rule present in both, with some failure then or now.
    pub changes: Vec<Change>,
    pub notes: Vec<Note>,
}

impl Comparison {
    /// The earlier audit the changes are counted against.
    pub fn against(&self) -> Option<&Snapshot> {
        self.previous.get(self.against)
    }

    /// The changes of one rule at one location.
    pub fn change(&self, location: &str, rule: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.location_id == location && c.rule_id == rule)
    }
}

/// The changes from `then` to `now`.
pub fn compare(then: &Snapshot, now: &Snapshot) -> (Vec<Change>, Vec<Note>) {
    let mut notes = Vec::new();
    let only = |a: &Snapshot, b: &Snapshot| -> Vec<String> {
        a.locations.keys().filter(|k| !b.locations.contains_key(*k)).cloned().collect()
    };
    notes.extend(only(now, then).into_iter().map(|id| Note { kind: NoteKind::LocationOnlyNow, id }));
    notes.extend(only(then, now).into_iter().map(|id| Note { kind: NoteKind::LocationOnlyThen, id }));
    notes.extend(now.rules.difference(&then.rules).map(|id| Note { kind: NoteKind::RuleOnlyNow, id: id.clone() }));
    notes.extend(then.rules.difference(&now.rules).map(|id| Note { kind: NoteKind::RuleOnlyThen, id: id.clone() }));
    notes.sort();

    let (fails_then, fails_now) = (then.failures(), now.failures());
    let pairs: BTreeSet<&(String, String)> = fails_then.keys().chain(fails_now.keys()).collect();
    let empty = BTreeSet::new();
    let mut changes = Vec::new();
    for pair @ (loc, rule) in pairs {
        let in_both = then.locations.contains_key(loc)
            && now.locations.contains_key(loc)
            && then.rules.contains(rule)
            && now.rules.contains(rule);
        if !in_both {
            continue;
        }
        let (a, b) = (fails_then.get(pair).unwrap_or(&empty), fails_now.get(pair).unwrap_or(&empty));
        let fixed: Vec<&Option<String>> = a.difference(b).filter(|s| is_fixed(now, loc, rule, s)).collect();
        let new: Vec<&Option<String>> = b.difference(a).collect();
        let persisting: Vec<&Option<String>> = b.intersection(a).collect();
        if new.is_empty() && persisting.is_empty() && fixed.is_empty() {
            continue;
        }
        let ids = |v: &[&Option<String>]| v.iter().filter_map(|s| s.as_ref().cloned()).collect::<Vec<_>>();
        changes.push(Change {
            location_id: loc.clone(),
            rule_id: rule.clone(),
            location_rule: now.location_rules.contains(rule) || then.location_rules.contains(rule),
            new: ids(&new),
            persisting: ids(&persisting),
            fixed: ids(&fixed),
            new_count: new.len(),
            persisting_count: persisting.len(),
            fixed_count: fixed.len(),
        });
    }
    (changes, notes)
}

/// A failure of then is fixed when the subject passes or is waived now. A
/// `results.json` lists no passes of trajectory rules: there, a subject of
/// a trajectory rule not listed now passes.
fn is_fixed(now: &Snapshot, loc: &str, rule: &str, subject: &Option<String>) -> bool {
    match now.outcome(loc, rule, subject) {
        Some(o) => matches!(o, Outcome::Pass | Outcome::Waived),
        None => !now.passes_listed && subject.is_some(),
    }
}

/// The comparison of `now` with the latest of `previous` (latest `as_of`,
/// then latest period end, then the last given); `None` without any.
pub fn compare_with_latest(mut previous: Vec<Snapshot>, now: &Snapshot) -> Option<Comparison> {
    // Oldest first; a stable sort keeps the order given among equals.
    previous.sort_by_key(Snapshot::when);
    let against = previous.len().checked_sub(1)?;
    let (changes, notes) = compare(previous.get(against)?, now);
    Some(Comparison { previous, against, changes, notes })
}
