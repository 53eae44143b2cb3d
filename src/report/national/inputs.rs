//! Input findings summarised per export: how many each export has, and
//! which files could not be read at all. Only counts and file names: a
//! finding's row and value (which may be a family id) are never shown.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{ExportFindings, InputSummary};
use super::text::counted;
use crate::report::RenderContext;
use crate::results::Audit;

/// The export a finding's file belongs to: the source of a location read
/// from it (a workbook, or the CSV folder holding the file), else the file.
/// When several sources hold it, the first by name. Looks up the file and
/// each folder above it: O(path length x log sources).
fn export_of<'a>(file: &'a str, sources: &BTreeSet<&'a str>) -> &'a str {
    let folders = file.char_indices().filter(|(_, c)| matches!(c, '/' | '\\')).map(|(i, _)| &file[..i]);
    std::iter::once(file).chain(folders).filter(|s| sources.contains(s)).min().unwrap_or(file)
}

/// Input findings per export, and the files that could not be read.
///
/// Cost: one pass over the input findings (O(findings x path length x log
/// sources)) and one over the locations (O(locations log locations)).
pub fn input_summary(audit: &Audit, ctx: &RenderContext) -> InputSummary {
    let sources: BTreeSet<&str> = audit.locations.iter().map(|l| l.source.as_str()).collect();
    // Per export: (number of findings, some file of it unreadable).
    let mut per_export: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    // Files that could not be read at all: those with a finding about the whole file.
    let mut unreadable: BTreeSet<&str> = BTreeSet::new();
    for f in &audit.input_findings {
        let entry = per_export.entry(export_of(&f.file, &sources)).or_default();
        entry.0 += 1;
        entry.1 |= f.sheet.is_none();
        if f.sheet.is_none() {
            unreadable.insert(f.file.as_str());
        }
    }
    // The locations read from each export with findings, sorted.
    let mut read_from: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for l in audit.locations.iter().filter(|l| per_export.contains_key(l.source.as_str())) {
        read_from.entry(l.source.as_str()).or_default().push(format!("{} {}", l.location_id, l.name));
    }
    let exports = per_export
        .iter()
        .map(|(export, (n, unreadable))| {
            let mut locations = read_from.remove(export).unwrap_or_default();
            locations.sort();
            ExportFindings {
                export: export.to_string(),
                locations: locations.join(", "),
                findings: counted(ctx, *n, "nat_finding_one", "nat_finding_many"),
                unreadable: *unreadable,
            }
        })
        .collect();
    let clean = sources.iter().filter(|s| !per_export.contains_key(**s)).count();
    InputSummary {
        unreadable: unreadable.into_iter().map(str::to_string).collect(),
        exports,
        clean: counted(ctx, clean, "nat_inputs_clean_one", "nat_inputs_clean_many"),
        total: audit.input_findings.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_file_belongs_to_its_folder_export() {
        let sources: BTreeSet<&str> = ["exports/L001", "exports/L001.xlsx", "exports/L01"].into_iter().collect();
        assert_eq!(export_of("exports/L001/gezinnen.csv", &sources), "exports/L001");
        assert_eq!(export_of("exports/L001.xlsx", &sources), "exports/L001.xlsx");
        assert_eq!(export_of("exports/kapot.xlsx", &sources), "exports/kapot.xlsx");
        // Nested sources: the first by name, as a search in name order finds it.
        let nested: BTreeSet<&str> = ["a/b", "a"].into_iter().collect();
        assert_eq!(export_of("a/b/c.csv", &nested), "a");
        assert_eq!(export_of("a\\b\\c.csv", &nested), "a");
    }
}
