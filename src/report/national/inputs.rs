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
fn export_of<'a>(file: &'a str, sources: &'a BTreeSet<&'a str>) -> &'a str {
    sources
        .iter()
        .find(|s| file == **s || file.strip_prefix(**s).is_some_and(|rest| rest.starts_with(['/', '\\'])))
        .copied()
        .unwrap_or(file)
}

/// Files that could not be read at all: those with a finding about the whole file.
pub fn unreadable_files(audit: &Audit) -> Vec<String> {
    let files: BTreeSet<&str> =
        audit.input_findings.iter().filter(|f| f.sheet.is_none()).map(|f| f.file.as_str()).collect();
    files.into_iter().map(str::to_string).collect()
}

pub fn input_summary(audit: &Audit, ctx: &RenderContext) -> InputSummary {
    let sources: BTreeSet<&str> = audit.locations.iter().map(|l| l.source.as_str()).collect();
    // Per export: (number of findings, some file of it unreadable).
    let mut per_export: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    for f in &audit.input_findings {
        let entry = per_export.entry(export_of(&f.file, &sources)).or_default();
        entry.0 += 1;
        entry.1 |= f.sheet.is_none();
    }
    let exports = per_export
        .iter()
        .map(|(export, (n, unreadable))| {
            let mut locations: Vec<String> = audit
                .locations
                .iter()
                .filter(|l| l.source == *export)
                .map(|l| format!("{} {}", l.location_id, l.name))
                .collect();
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
        unreadable: unreadable_files(audit),
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
    }
}
