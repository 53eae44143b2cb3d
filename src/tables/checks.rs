//! Checks across rows and sheets: duplicate ids, ids that refer to nothing,
//! `einde` before `start`, and coordinators without hours.
//!
//! Cost: O(rows) per check, with hash maps and sets of borrowed ids (rows
//! of a location not in `locatie` through the table's location index,
//! O(locations)); the checks run in parallel.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeMap;

use super::schema::SheetKind;
use super::table::Table;
use crate::findings::{FindingKind, InputFinding};

type Tables = BTreeMap<SheetKind, Table>;

/// Runs every cross-row check and appends the findings (the checks run in
/// parallel, each into its own list; the export's findings are sorted after).
pub fn check_all(tables: &Tables, findings: &mut Vec<InputFinding>) {
    use rayon::prelude::*;
    type Check<'a> = Box<dyn Fn(&mut Vec<InputFinding>) + Send + Sync + 'a>;
    let mut checks: Vec<Check<'_>> = Vec::new();
    for (kind, id) in [
        (SheetKind::Locatie, "locatie_id"),
        (SheetKind::Coordinatoren, "coordinator_id"),
        (SheetKind::Vrijwilligers, "vrijwilliger_id"),
        (SheetKind::Gezinnen, "gezin_id"),
    ] {
        if let Some(t) = tables.get(&kind) {
            checks.push(Box::new(move |out| duplicate_ids(t, id, out)));
        }
    }
    for (from, column, to, key) in [
        (SheetKind::Contacten, "gezin_id", SheetKind::Gezinnen, "gezin_id"),
        (SheetKind::Metingen, "gezin_id", SheetKind::Gezinnen, "gezin_id"),
        (SheetKind::Gezinnen, "vrijwilliger_id", SheetKind::Vrijwilligers, "vrijwilliger_id"),
    ] {
        if let (Some(f), Some(t)) = (tables.get(&from), tables.get(&to)) {
            checks.push(Box::new(move |out| dangling_ids(f, column, t, key, out)));
        }
    }
    if let Some(loc) = tables.get(&SheetKind::Locatie) {
        checks.push(Box::new(move |out| {
            let known: HashSet<&str> = (0..loc.len()).filter_map(|i| loc.text("locatie_id", i)).collect();
            for t in tables.values().filter(|t| t.kind != SheetKind::Locatie) {
                dangling_locations(t, &known, out);
            }
        }));
    }
    for kind in [SheetKind::Coordinatoren, SheetKind::Vrijwilligers, SheetKind::Gezinnen] {
        if let Some(t) = tables.get(&kind) {
            checks.push(Box::new(move |out| end_before_start(t, out)));
        }
    }
    if let Some(t) = tables.get(&SheetKind::Coordinatoren) {
        checks.push(Box::new(move |out| coordinators_without_hours(t, out)));
    }
    let found: Vec<Vec<InputFinding>> = checks
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(&mut out);
            out
        })
        .collect();
    findings.extend(found.into_iter().flatten());
}

/// The key an id is unique under: the row's location and the id. Rows
/// without a location (already a finding) are left out of these checks.
/// The two columns are found once, then read row by row.
fn keys<'t>(t: &'t Table, column: &str) -> impl Fn(usize) -> Option<(&'t str, &'t str)> + 't {
    let (ids, locs) = (t.column(column), t.column("locatie_id"));
    move |i| Some((locs?.text(i)?, ids?.text(i)?))
}

fn duplicate_ids(t: &Table, column: &'static str, findings: &mut Vec<InputFinding>) {
    let key = keys(t, column);
    let mut first_rows: HashMap<(&str, &str), u32> = HashMap::with_capacity(t.len());
    for i in 0..t.len() {
        let Some(k) = key(i) else { continue };
        let row = t.row_number(i);
        match first_rows.get(&k) {
            Some(&first_row) => findings.push(InputFinding::cell(
                &t.file,
                t.kind.name(),
                row,
                Some(column),
                Some(k.1),
                FindingKind::DuplicateId { first_row },
            )),
            None => {
                first_rows.insert(k, row);
            }
        }
    }
}

fn dangling_ids(from: &Table, column: &'static str, to: &Table, key_column: &str, findings: &mut Vec<InputFinding>) {
    if !from.has_column(column) || !to.has_column(key_column) {
        return;
    }
    let known: HashSet<(&str, &str)> = (0..to.len()).filter_map(keys(to, key_column)).collect();
    let key = keys(from, column);
    // Rows come in runs of one key (a family's contacts): looked up once a run.
    let mut last: Option<((&str, &str), bool)> = None;
    for i in 0..from.len() {
        let Some(k) = key(i) else { continue };
        let found = match last {
            Some((prev, found)) if prev == k => found,
            _ => known.contains(&k),
        };
        last = Some((k, found));
        if !found {
            let f = FindingKind::DanglingReference { target_sheet: to.kind.name().to_string() };
            findings.push(InputFinding::cell(
                &from.file,
                from.kind.name(),
                from.row_number(i),
                Some(column),
                Some(k.1),
                f,
            ));
        }
    }
}

/// Rows whose location is not in `locatie`: each location of the table
/// (from its index, [`Table::rows_of`]) is looked up once, not each row.
fn dangling_locations(t: &Table, known: &HashSet<&str>, findings: &mut Vec<InputFinding>) {
    for (loc, rows) in &t.by_location {
        if known.contains(loc.as_str()) {
            continue;
        }
        for &i in rows {
            let f = FindingKind::DanglingReference { target_sheet: SheetKind::Locatie.name().to_string() };
            findings.push(InputFinding::cell(
                &t.file,
                t.kind.name(),
                t.row_number(i),
                Some("locatie_id"),
                Some(loc),
                f,
            ));
        }
    }
}

fn end_before_start(t: &Table, findings: &mut Vec<InputFinding>) {
    let (Some(starts), Some(ends)) = (t.column("start"), t.column("einde")) else { return };
    for i in 0..t.len() {
        if let (Some(start), Some(end)) = (starts.date(i), ends.date(i))
            && end < start
        {
            let f = FindingKind::EndBeforeStart { start: start.format("%Y-%m-%d").to_string() };
            let shown = end.format("%Y-%m-%d").to_string();
            findings.push(InputFinding::cell(&t.file, t.kind.name(), t.row_number(i), Some("einde"), Some(&shown), f));
        }
    }
}

fn coordinators_without_hours(t: &Table, findings: &mut Vec<InputFinding>) {
    if !t.has_column("fte") && !t.has_column("uren_per_week") {
        return; // already a missing-column finding
    }
    for i in 0..t.len() {
        let empty = |c: &str| t.value(c, i).is_empty() && !t.is_unreadable(i, c);
        if empty("fte") && empty("uren_per_week") {
            let column = if t.has_column("fte") { "fte" } else { "uren_per_week" };
            let f = FindingKind::CoordinatorWithoutHours;
            findings.push(InputFinding::cell(&t.file, t.kind.name(), t.row_number(i), Some(column), None, f));
        }
    }
}
