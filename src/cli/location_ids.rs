//! The same `locatie_id` in two exports (export-format.md *Bad input*): an input finding in each, and both are
//! still audited apart. The first export (in source order) keeps the id; each later one is audited as `ID#2`,
//! `ID#3`... (the first such id no export uses), so its results, report file and figures never merge with the
//! first's. Cost: one pass over the locations.

use std::collections::{BTreeMap, BTreeSet};

use crate::findings::{FindingKind, InputFinding};
use crate::rules::model::Location;
use crate::tables::Export;

/// Renames later duplicates and records a finding in every export involved.
pub fn keep_apart(locations: &mut [Location], exports: &mut [Export]) {
    let mut taken: BTreeSet<String> = locations.iter().map(|l| l.id.clone()).collect();
    let mut first_source: BTreeMap<String, String> = BTreeMap::new();
    for loc in locations.iter_mut() {
        let Some(first) = first_source.get(&loc.id).cloned() else {
            first_source.insert(loc.id.clone(), loc.source.clone());
            continue;
        };
        if first == loc.source {
            continue;
        }
        let original = loc.id.clone();
        add_finding(exports, &first, &original, &loc.source);
        add_finding(exports, &loc.source, &original, &first);
        let mut n = 2;
        while taken.contains(&format!("{original}#{n}")) {
            n += 1;
        }
        loc.id = format!("{original}#{n}");
        taken.insert(loc.id.clone());
    }
}

fn add_finding(exports: &mut [Export], source: &str, id: &str, other: &str) {
    if let Some(e) = exports.iter_mut().find(|e| e.source == source) {
        let kind = FindingKind::DuplicateLocation { location_id: id.to_string(), other_file: other.to_string() };
        let f = InputFinding::file(source, kind);
        if !e.findings.contains(&f) {
            e.findings.push(f);
        }
    }
}
