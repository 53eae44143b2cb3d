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
use super::normalize::normalize_name;
use super::schema::SheetKind;
use super::table::Table;
use crate::findings::{FindingKind, InputFinding};
use crate::ingest::RawExport;

fn sheet_kind(name: &str) -> Option<SheetKind> {
    let n = normalize_name(name);
    SheetKind::ALL.into_iter().find(|k| normalize_name(k.spec().name) == n || normalize_name(k.spec().alias) == n)
}

/// Turns what was read of one export into typed tables and findings.
pub fn assemble(raw: RawExport) -> Export {
    let mut findings = raw.findings;
    let readable = !findings.iter().any(InputFinding::is_fatal) || !raw.sheets.is_empty();
    let mut seen: BTreeMap<SheetKind, String> = BTreeMap::new();
    let mut to_build = Vec::new();
    for sheet in &raw.sheets {
        let Some(kind) = sheet_kind(&sheet.name) else { continue };
        if seen.contains_key(&kind) {
            let f = FindingKind::DuplicateSheet { other: sheet.name.clone() };
            findings.push(InputFinding::sheet(&sheet.file, kind.name(), None, f));
            continue;
        }
        seen.insert(kind, sheet.name.clone());
        to_build.push((kind, sheet));
    }
    // The sheets are typed in parallel, each with its own findings (sorted below).
    let built: Vec<(SheetKind, Option<Table>, Vec<InputFinding>)> = {
        use rayon::prelude::*;
        to_build
            .into_par_iter()
            .map(|(kind, sheet)| {
                let mut own = Vec::new();
                let table = build_table(kind, sheet, &mut own);
                (kind, table, own)
            })
            .collect()
    };
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
            findings.push(InputFinding::sheet(&raw.source, spec.name, None, f));
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
    Export { source: raw.source, readable, locations, sheets, findings, tables, finding_at }
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
