//! Assembling one export: raw sheets matched to the contract's sheets, typed,
//! tied to their locations, and checked across sheets.
//!
//! Cost: O(cells) to type (the sheets in parallel), O(rows) to tie and group rows by location (hash
//! sets and maps, no scan per location), O(f log f) to sort f findings and
//! index them by cell.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;

use super::build::build_table;
use super::checks::check_all;
use super::export::{Export, FindingKey, LocationInfo, SheetSummary};
use super::schema::SheetKind;
use super::table::Table;
use crate::findings::{FindingKind, InputFinding};
use crate::ingest::RawExport;
use crate::ingest::csv_stream::StreamedFile;

/// Turns what was read of one export into typed tables and findings.
pub fn assemble(raw: RawExport) -> Export {
    let mut findings = raw.findings;
    let readable = !findings.iter().any(InputFinding::is_fatal) || !raw.sheets.is_empty();
    let names = raw.sheets.iter().map(|s| (s.name.as_str(), s.file.as_str()));
    let (picked, seen) = pick_sheets(names, &mut findings);
    // The sheets are typed in parallel, each with its own findings (sorted below).
    let built: Vec<Built> = {
        use rayon::prelude::*;
        picked
            .into_par_iter()
            .filter_map(|(i, kind)| raw.sheets.get(i).map(|sheet| (kind, sheet)))
            .map(|(kind, sheet)| {
                let mut own = Vec::new();
                let table = build_table(kind, sheet, &mut own);
                (kind, table, own)
            })
            .collect()
    };
    finish(raw.source, readable, findings, &seen, built)
}

/// As [`assemble`], for an export whose files were typed as they were read:
/// each file's table (`None` without a header row) and its findings, by the
/// name of the sheet it stands for. `findings`: about the files not read.
pub fn assemble_typed(source: String, mut findings: Vec<InputFinding>, files: Vec<StreamedFile<Typed>>) -> Export {
    let readable = !findings.iter().any(InputFinding::is_fatal) || !files.is_empty();
    let (picked, seen) = pick_sheets(files.iter().map(|f| (f.name.as_str(), f.display.as_str())), &mut findings);
    let mut files: Vec<Option<Typed>> = files.into_iter().map(|f| Some(f.output)).collect();
    let built = picked
        .into_iter()
        .filter_map(|(i, kind)| files.get_mut(i).and_then(Option::take).map(|(table, own)| (kind, table, own)))
        .collect();
    finish(source, readable, findings, &seen, built)
}

/// One file typed as it was read: its table and its own findings.
pub type Typed = (Option<Table>, Vec<InputFinding>);

/// One sheet typed: its kind, its table, its own findings.
type Built = (SheetKind, Option<Table>, Vec<InputFinding>);

/// The sheets that stand for a sheet of the contract, by (name as spelled,
/// file): their index and kind, the first of each kind only (the others get
/// a finding); and the name that stood for each kind.
fn pick_sheets<'a>(
    sheets: impl Iterator<Item = (&'a str, &'a str)>,
    findings: &mut Vec<InputFinding>,
) -> (Vec<(usize, SheetKind)>, BTreeMap<SheetKind, String>) {
    let mut seen: BTreeMap<SheetKind, String> = BTreeMap::new();
    let mut picked = Vec::new();
    for (i, (name, file)) in sheets.enumerate() {
        let Some(kind) = SheetKind::named(name) else { continue };
        if seen.contains_key(&kind) {
            let f = FindingKind::DuplicateSheet { other: name.to_string() };
            findings.push(InputFinding::sheet(file, kind.name(), None, f));
            continue;
        }
        seen.insert(kind, name.to_string());
        picked.push((i, kind));
    }
    (picked, seen)
}

/// The typed sheets become an export: missing sheets, rows tied to their
/// locations, checks across sheets, findings sorted and indexed by cell.
fn finish(
    source: String,
    readable: bool,
    mut findings: Vec<InputFinding>,
    seen: &BTreeMap<SheetKind, String>,
    built: Vec<Built>,
) -> Export {
    let mut tables: BTreeMap<SheetKind, Table> = BTreeMap::new();
    for (kind, table, own) in built {
        findings.extend(own);
        if let Some(t) = table {
            tables.insert(kind, t);
        }
    }
    if readable {
        for kind in SheetKind::ALL.into_iter().filter(|k| k.spec().required && !seen.contains_key(k)) {
            let spec = kind.spec();
            let f =
                FindingKind::MissingSheet { expected: spec.name.to_string(), aliases: vec![spec.alias.to_string()] };
            findings.push(InputFinding::sheet(&source, spec.name, None, f));
        }
    }
    let locations = tie_locations(&mut tables, &mut findings);
    for t in tables.values_mut() {
        t.index_locations();
    }
    check_all(&tables, &mut findings);
    findings.sort();
    findings.dedup();
    let finding_at = index_findings(&findings);
    let sheets = tables
        .values()
        .map(|t| SheetSummary {
            kind: t.kind,
            file: t.file.clone(),
            sheet_name: t.sheet_name.clone(),
            columns: t.matched.iter().map(|m| (m.column.to_string(), m.header.clone())).collect(),
            rows: t.len(),
        })
        .collect();
    let latest = super::export::LatestDates::of(&tables);
    Export { source, readable, locations, sheets, findings, latest, tables, finding_at }
}

/// Reads the locations, and gives every row of every sheet its location.
fn tie_locations(tables: &mut BTreeMap<SheetKind, Table>, findings: &mut Vec<InputFinding>) -> Vec<LocationInfo> {
    let mut locations = Vec::new();
    if let Some(loc) = tables.get(&SheetKind::Locatie) {
        let mut seen: HashSet<&str> = HashSet::new();
        for i in 0..loc.len() {
            if let Some(id) = loc.text("locatie_id", i)
                && seen.insert(id)
            {
                let name = loc.text("naam", i).unwrap_or("").to_string();
                locations.push(LocationInfo { id: id.to_string(), name });
            }
        }
        if locations.is_empty() {
            findings.push(InputFinding::sheet(&loc.file, SheetKind::Locatie.name(), None, FindingKind::NoLocation));
        }
    }
    match locations.as_slice() {
        [only] => {
            for t in tables.values_mut() {
                t.fill_location(&only.id);
            }
        }
        [] => {}
        _ => {
            for t in tables.values().filter(|t| t.kind != SheetKind::Locatie) {
                if !t.matched.iter().any(|m| m.column == "locatie_id") {
                    let f = FindingKind::LocationColumnNeeded;
                    findings.push(InputFinding::sheet(&t.file, t.kind.name(), Some("locatie_id"), f));
                    continue;
                }
                let Some(ids) = t.column("locatie_id") else { continue };
                for i in 0..t.len() {
                    if ids.value(i).is_empty() && !ids.is_unreadable(i) {
                        let f = FindingKind::MissingValue;
                        findings.push(InputFinding::cell(
                            &t.file,
                            t.kind.name(),
                            t.row_number(i),
                            Some("locatie_id"),
                            None,
                            f,
                        ));
                    }
                }
            }
        }
    }
    locations
}

/// The first finding (in sorted order) of every cell, for reasons by place.
fn index_findings(findings: &[InputFinding]) -> HashMap<FindingKey, usize> {
    let mut at = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let (Some(sheet), Some(row), Some(column)) = (&f.sheet, f.row, &f.column) {
            at.entry((sheet.clone(), row, column.clone())).or_insert(i);
        }
    }
    at
}
