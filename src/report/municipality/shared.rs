//! Families per location and municipality, suppressed once for all
//! municipality reports of an audit.
//!
//! Every municipality report shows its families per serving location, its
//! total, and each serving location's own number of families (HS-L04). Put
//! side by side, the reports form one table: locations by municipalities,
//! whose row totals are the locations' numbers. Suppressing each report on
//! its own would let two reports be worked against a location's number (28
//! at the location, 19 in one report and 5 in another: the third
//! municipality has 4). So the whole table is suppressed at once and every
//! report takes its column from it; the same audit gives every report the
//! same marks.
//!
//! The table: a cell per (location, municipality) with at least one family of
//! that municipality at that location (other cells are zeros every reader
//! knows: the location is not in that report); families without a
//! municipality in a cell per location shown nowhere; a line per location
//! (its total is published in every report it appears in, so it is hidden
//! as a secondary only when nothing else will do, and then in every report)
//! and per municipality (its total); and, since each report's age and
//! duration tables add up to that same total, a line for each of them, so
//! that the three tables of a report cannot be worked against each other.
//! No grand total is shown in any municipality report.

use std::collections::{BTreeMap, BTreeSet};

use super::attack::exposed;
use super::families::categories;
use super::suppress::{Flat, Mark, Member, protect};
use crate::results::Audit;
use crate::results::facts::TrajectoryFacts;
use crate::rulebook::{Counts, Privacy, Scope};
use crate::rules::registry::spec;
use crate::tables::normalize::normalize_name;

/// How each municipality's counts are shown: per (location, municipality
/// key), per municipality key (its total), and per location its own number of
/// families (HS-L04's measurement). Keys are normalised names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedMarks {
    pub cells: BTreeMap<(String, String), Mark>,
    /// Per (municipality key, table `age` or `duration`, row key) of the
    /// municipality's age and duration tables.
    pub categories: BTreeMap<(String, &'static str, &'static str), Mark>,
    pub totals: BTreeMap<String, Mark>,
    pub locations: BTreeMap<String, Mark>,
    /// Suppression ran out of counts to hide while a small count could
    /// still be worked out (a shape the module of `suppress` describes).
    pub unresolved: bool,
}

/// A trajectory's municipality key; `None` without a (usable) municipality.
pub fn municipality_key(f: &TrajectoryFacts) -> Option<String> {
    f.gemeente.as_deref().map(normalize_name).filter(|k| !k.is_empty())
}

/// Suppresses the location-by-municipality table of the whole audit.
pub fn shared_marks(audit: &Audit, policy: Privacy) -> SharedMarks {
    let mut serving: BTreeSet<(&str, Option<String>)> = BTreeSet::new();
    let mut supported: BTreeMap<(&str, Option<String>), u64> = BTreeMap::new();
    let mut by_municipality: BTreeMap<String, Vec<&TrajectoryFacts>> = BTreeMap::new();
    for f in &audit.trajectories {
        let key = municipality_key(f);
        serving.insert((f.location_id.as_str(), key.clone()));
        if f.active_in_period {
            *supported.entry((f.location_id.as_str(), key.clone())).or_default() += 1;
            if let Some(k) = key {
                by_municipality.entry(k).or_default().push(f);
            }
        }
    }

    let mut flat = Flat { policy, ..Flat::default() };
    let mut unpublished = Vec::new();
    let mut rows: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut columns: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let location_index: BTreeMap<&str, usize> =
        serving.iter().map(|(l, _)| *l).collect::<BTreeSet<_>>().into_iter().zip(0..).collect();
    let municipality_index: BTreeMap<&str, usize> =
        serving.iter().filter_map(|(_, k)| k.as_deref()).collect::<BTreeSet<_>>().into_iter().zip(0..).collect();
    let mut cell_of: Vec<((String, String), usize)> = Vec::new();
    for (location, key) in &serving {
        let value = supported.get(&(*location, key.clone())).copied().unwrap_or(0);
        let r = location_index.get(location).copied().unwrap_or(0);
        match key.as_deref() {
            Some(k) => {
                let c = municipality_index.get(k).copied().unwrap_or(0);
                let i = flat.push(Member::Cell(r, c), value, false);
                rows.entry(location).or_default().push(i);
                columns.entry(k).or_default().push(i);
                cell_of.push(((location.to_string(), k.to_string()), i));
            }
            None if value > 0 => {
                let c = municipality_index.len();
                let i = flat.push(Member::Cell(r, c), value, false);
                rows.entry(location).or_default().push(i);
                unpublished.push(i);
            }
            None => {}
        }
    }
    let mut location_of = Vec::new();
    for (location, cells) in rows {
        let total: u64 = cells.iter().map(|&i| flat.values[i]).sum();
        let r = location_index.get(location).copied().unwrap_or(0);
        let t = flat.push(Member::RowTotal(r), total, true);
        flat.lines.push((cells, t));
        // A number the reports do not show as this sum tells a reader nothing exact.
        if published_families(audit, location) != Some(total) {
            unpublished.push(t);
        }
        location_of.push((location.to_string(), t));
    }
    let mut total_of = Vec::new();
    let mut category_of = Vec::new();
    // Category cells get rows of their own, below the locations.
    let mut next_row = location_index.len();
    for (key, cells) in columns {
        let total = cells.iter().map(|&i| flat.values[i]).sum();
        let c = municipality_index.get(key).copied().unwrap_or(0);
        let t = flat.push(Member::ColumnTotal(c), total, false);
        flat.lines.push((cells, t));
        total_of.push((key.to_string(), t));
        // The age and the duration table of the municipality share its total.
        let Some(facts) = by_municipality.get(key) else { continue };
        let ((age_keys, ages), (duration_keys, durations)) = categories(facts);
        for (table, keys, counts) in [("age", age_keys, ages), ("duration", duration_keys, durations)] {
            let mut line = Vec::new();
            for (row, n) in keys.into_iter().zip(counts) {
                let i = flat.push(Member::Cell(next_row, c), n, false);
                next_row += 1;
                line.push(i);
                category_of.push(((key.to_string(), table, row), i));
            }
            flat.lines.push((line, t));
        }
    }

    let marks = protect(&flat, &[], &unpublished);
    let unresolved = exposed(&flat, &marks).iter().any(|&i| policy.is_small(flat.values[i]));
    SharedMarks {
        unresolved,
        cells: cell_of.into_iter().map(|(k, i)| (k, marks[i])).collect(),
        categories: category_of.into_iter().map(|(k, i)| (k, marks[i])).collect(),
        totals: total_of.into_iter().map(|(k, i)| (k, marks[i])).collect(),
        locations: location_of.into_iter().map(|(k, i)| (k, marks[i])).collect(),
    }
}

/// A location's number of families supported as its location rules that
/// count families (declared [`Counts::Families`]: HS-L04, HS-L05) measure it.
pub fn published_families(audit: &Audit, location_id: &str) -> Option<u64> {
    audit
        .results
        .iter()
        .filter(|r| r.location_id == location_id && r.subject_id.is_none())
        .filter(|r| spec(&r.rule_id).is_some_and(|s| s.scope == Scope::Location && s.counts == Counts::Families))
        .find_map(|r| r.measured.filter(|m| m.is_finite() && *m >= 0.0 && m.fract() == 0.0).map(|m| m as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Outcome, RuleResult, Severity, Text, WaiverReport};

    fn family(location: &str, n: usize, gemeente: &str) -> TrajectoryFacts {
        TrajectoryFacts {
            location_id: location.into(),
            subject_id: format!("G-{n:04}"),
            gemeente: Some(gemeente.into()),
            active_in_period: true,
            closed_in_period: false,
            hours: Some(10.0),
            age_group: None,
            duration_days: Some(100),
            outcome_change: BTreeMap::new(),
        }
    }

    /// One location: 19 families from A, 5 from B, 4 from C, and its number (28) in every report.
    fn audit() -> Audit {
        let counts = [("Amstelveen", 19), ("Ouder-Amstel", 5), ("Aalsmeer", 4)];
        let mut trajectories = Vec::new();
        for (name, n) in counts {
            for _ in 0..n {
                trajectories.push(family("L001", trajectories.len(), name));
            }
        }
        let l04 = RuleResult::new("HS-L04", "L001", None, Outcome::Pass, Severity::Error, Text::default())
            .measured(28.0, ">= 25");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        Audit {
            tool_version: "0".into(),
            rulebook_id: "homestart-nl".into(),
            rulebook_version: "1".into(),
            period_start: date,
            period_end: date,
            as_of: date,
            locations: Vec::new(),
            results: vec![l04].into(),
            summary: Vec::new(),
            verdicts: Vec::new(),
            comparison: None,
            input_findings: Vec::new(),
            waivers: WaiverReport::default(),
            trajectories,
        }
    }

    #[test]
    fn reports_side_by_side_do_not_give_a_small_count_away() {
        let marks = shared_marks(&audit(), Privacy::default());
        let cell = |k: &str| marks.cells.get(&("L001".to_string(), k.to_string())).copied();
        assert_eq!(cell("aalsmeer"), Some(Mark::Withheld), "<5, as its total is");
        // 28 - 19 - 5 would be Aalsmeer's 4: one more number goes. Each
        // municipality's only location holds all its families, so hiding a
        // cell would hide its total too; the location's number goes instead.
        assert_eq!(marks.locations.get("L001"), Some(&Mark::Hidden));
        assert_eq!(cell("amstelveen"), Some(Mark::Shown));
        assert_eq!(marks.totals.get("amstelveen"), Some(&Mark::Shown));
        assert_eq!(marks.totals.get("ouderamstel"), Some(&Mark::Shown));
    }

    #[test]
    fn the_same_audit_gives_every_report_the_same_marks() {
        assert_eq!(shared_marks(&audit(), Privacy::default()), shared_marks(&audit(), Privacy::default()));
    }
}
