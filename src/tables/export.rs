//! One location export, read and typed: the public face of the tables stage.
//!
//! Cost: exports are read and typed in parallel, each in O(cells).

use foldhash::HashMap;
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::schema::SheetKind;
use super::table::Table;
use crate::findings::InputFinding;

/// A location named in the export's `locatie` sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationInfo {
    pub id: String,
    pub name: String,
}

/// What `inspect` shows of one sheet: how it was found and how many rows it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSummary {
    pub kind: SheetKind,
    /// The file the sheet was read from (for CSV, the `.csv` file).
    pub file: String,
    /// The sheet's name as the file spells it.
    pub sheet_name: String,
    /// (canonical column, header as spelled) for every matched column.
    pub columns: Vec<(String, String)>,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
}

/// One export: a workbook, or a folder of CSV files.
#[derive(Debug, Clone)]
pub struct Export {
    /// The workbook's path, or the CSV folder's, as findings show it.
    pub source: String,
    /// False when the export could not be read at all (its findings say why).
    pub readable: bool,
    pub locations: Vec<LocationInfo>,
    pub sheets: Vec<SheetSummary>,
    /// Every input finding about this export, sorted by place.
    pub findings: Vec<InputFinding>,
    /// The latest dates the export holds (which year an audit without a period is about).
    pub latest: LatestDates,
    pub(crate) tables: BTreeMap<SheetKind, Table>,
    /// The index in `findings` of the first finding of each cell.
    pub(crate) finding_at: HashMap<FindingKey, usize>,
}

/// The latest dates of an export, kept when its tables go: the latest contact (`contacten.datum`), and the latest
/// of a trajectory's dates (`gezinnen`: `aanmelding`, `start`, `einde`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LatestDates {
    pub contact: Option<chrono::NaiveDate>,
    pub trajectory: Option<chrono::NaiveDate>,
}

impl LatestDates {
    /// The latest dates of the tables: one pass over four date columns.
    pub(crate) fn of(tables: &BTreeMap<SheetKind, Table>) -> LatestDates {
        let latest = |kind: SheetKind, columns: &[&str]| {
            let table = tables.get(&kind)?;
            columns.iter().flat_map(|c| (0..table.len()).filter_map(move |i| table.value(c, i).as_date())).max()
        };
        LatestDates {
            contact: latest(SheetKind::Contacten, &["datum"]),
            trajectory: latest(SheetKind::Gezinnen, &["aanmelding", "start", "einde"]),
        }
    }
}

/// A cell's place: (canonical sheet, row, canonical column).
pub(crate) type FindingKey = (String, u32, String);

impl Export {
    /// The typed table of a sheet, when the export has it.
    pub fn table(&self, kind: SheetKind) -> Option<&Table> {
        self.tables.get(&kind)
    }

    /// Frees the typed tables and the index of findings by cell, once the
    /// model is built from them; the findings and the sheet summaries stay.
    pub fn release_tables(&mut self) {
        self.tables = BTreeMap::new();
        self.finding_at = HashMap::default();
    }

    /// The first finding about one cell (canonical sheet and column names).
    pub fn finding_at(&self, sheet: &str, row: u32, column: &str) -> Option<&InputFinding> {
        let i = self.finding_at.get(&(sheet.to_string(), row, column.to_string()))?;
        self.findings.get(*i)
    }
}

/// Reads every export found under the given paths (a workbook, a CSV folder,
/// or a folder of exports), in parallel, sorted by source.
pub fn read_paths(paths: &[PathBuf]) -> Vec<Export> {
    read_paths_with_progress(paths, &|_| {}, &|| {})
}

/// As [`read_paths`], telling `found` how many exports there are and calling
/// `done` after each one is read (for a progress bar).
pub fn read_paths_with_progress(paths: &[PathBuf], found: &dyn Fn(usize), done: &(dyn Fn() + Sync)) -> Vec<Export> {
    read_paths_then(paths, found, done, &|_| ()).into_iter().map(|(export, ())| export).collect()
}

/// As [`read_paths_with_progress`], with `then` applied to each export as soon as it is read, on the thread that
/// read it (before `done`): what it returns comes back beside the export.
pub fn read_paths_then<T: Send>(
    paths: &[PathBuf],
    found: &dyn Fn(usize),
    done: &(dyn Fn() + Sync),
    then: &(dyn Fn(&mut Export) -> T + Sync),
) -> Vec<(Export, T)> {
    use rayon::prelude::*;
    let sources = crate::ingest::discover(paths);
    found(sources.len());
    sources
        .par_iter()
        .map(|s| {
            let mut export = super::read::read_export(s);
            let after = then(&mut export);
            done();
            (export, after)
        })
        .collect()
}
