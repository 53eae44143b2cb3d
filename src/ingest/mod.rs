//! Ingest: files to raw sheets. Workbooks through calamine, CSV folders through csv.
//!
//! A path is one export (a workbook, or a folder holding CSV files named after
//! the sheets) or a folder of exports (a national run): every workbook, other
//! file and CSV folder inside it is one export.

mod biff_claims;
pub mod budget;
mod cfb_mirror;
pub mod csv_folder;
pub mod csv_stream;
pub mod isolate;
pub mod month_first;
mod ole_scan;
pub mod raw;
pub mod workbook;
mod xlsx_lite;
mod zip_scan;

use std::path::{Path, PathBuf};

pub use raw::{CellText, RawCell, RawRow, RawSheet};

use crate::findings::{FindingKind, InputFinding, Why};
use crate::tables::schema::SheetKind;

/// One export as found on disk, before it is read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Workbook(PathBuf),
    CsvFolder(PathBuf),
    /// A file that is no spreadsheet, or a path that does not exist.
    Other(PathBuf),
}

impl Source {
    pub fn path(&self) -> &Path {
        match self {
            Source::Workbook(p) | Source::CsvFolder(p) | Source::Other(p) => p,
        }
    }

    /// The path as findings and reports show it (forward slashes).
    pub fn display(&self) -> String {
        display_path(self.path())
    }
}

/// A path with forward slashes, as every output shows it.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// What was read of one export: its raw sheets, or the finding that says why not.
#[derive(Debug, Clone)]
pub struct RawExport {
    pub source: String,
    pub sheets: Vec<RawSheet>,
    /// Findings about whole files (unreadable, encrypted, not a spreadsheet).
    pub findings: Vec<InputFinding>,
}

/// Finds the exports under the given paths, sorted and without duplicates.
///
/// A folder holding hs-audit's output manifest is a run's `--out`, never an export (the default `--out` may lie
/// inside the exports folder). A folder reached twice through links (a link to itself or to a parent) is read
/// once: folders are compared by their real path.
pub fn discover(paths: &[PathBuf]) -> Vec<Source> {
    let mut found = Vec::new();
    let mut visited = std::collections::BTreeSet::new();
    for p in paths {
        if p.is_dir() {
            if is_output_folder(p) {
                continue;
            }
            if is_csv_export(p) {
                found.push(Source::CsvFolder(p.clone()));
            } else {
                found.extend(folder_of_exports(p, 0, &mut visited));
            }
        } else if is_workbook(p) {
            found.push(Source::Workbook(p.clone()));
        } else {
            found.push(Source::Other(p.clone()));
        }
    }
    found.sort();
    found.dedup();
    // The same file or folder under two names (a link beside its target) is one export.
    let mut real = std::collections::BTreeSet::new();
    found.retain(|s| std::fs::canonicalize(s.path()).map_or(true, |r| real.insert(r)));
    found
}

/// True for a folder a run of hs-audit wrote into (it holds the output manifest).
pub fn is_output_folder(dir: &Path) -> bool {
    dir.join(crate::cli::write_out::MANIFEST).is_file()
}

/// How deep a national folder is searched for exports (regions, years...).
const MAX_DEPTH: usize = 4;

fn folder_of_exports(dir: &Path, depth: usize, visited: &mut std::collections::BTreeSet<PathBuf>) -> Vec<Source> {
    // A folder already searched (through another link) is not searched again.
    if let Ok(real) = std::fs::canonicalize(dir)
        && !visited.insert(real)
    {
        return Vec::new();
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return vec![Source::Other(dir.to_path_buf())],
    };
    entries.sort();
    let mut found = Vec::new();
    for p in entries.into_iter().filter(|p| !is_ignorable(p)) {
        if p.is_dir() {
            if is_output_folder(&p) {
                continue;
            }
            if is_csv_export(&p) {
                found.push(Source::CsvFolder(p));
            } else if depth < MAX_DEPTH {
                found.extend(folder_of_exports(&p, depth + 1, visited));
            }
        } else if is_workbook(&p) {
            found.push(Source::Workbook(p));
        } else {
            found.push(Source::Other(p));
        }
    }
    found
}

/// Hidden files and Office lock files (`~$x.xlsx`) are no exports.
fn is_ignorable(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    name.starts_with('.') || name.starts_with("~$")
}

fn is_workbook(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| workbook::WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The sheet a CSV file stands for, from its file name (`gezinnen.csv`, `Families.CSV`, or
/// `<anything>-<sheet>.csv` as LibreOffice names the sheets it saves: `demo-gezinnen.csv`).
pub fn csv_sheet_kind(p: &Path) -> Option<SheetKind> {
    csv_sheet_name(p).and_then(|n| SheetKind::named(&n))
}

/// The part of a CSV file's stem that names its sheet: the whole stem, or what follows its last `-` when only
/// that names a sheet.
fn csv_sheet_name(p: &Path) -> Option<String> {
    let ext = p.extension()?.to_str()?;
    if !ext.eq_ignore_ascii_case("csv") {
        return None;
    }
    let stem = p.file_stem()?.to_string_lossy().into_owned();
    if SheetKind::named(&stem).is_some() {
        return Some(stem);
    }
    let (_, suffix) = stem.rsplit_once('-')?;
    SheetKind::named(suffix).map(|_| suffix.to_string())
}

/// One finding for each file whose dates were read month-first, from what [`month_first`] settled for one
/// workbook or CSV folder (the files it rewrote).
fn month_first_findings(rewritten: Vec<String>, findings: &mut Vec<InputFinding>) {
    for file in rewritten {
        findings.push(InputFinding::file(&file, FindingKind::MonthFirstDates));
    }
}

/// A folder is a CSV export when it holds a CSV file named after a sheet.
fn is_csv_export(dir: &Path) -> bool {
    csv_files(dir).iter().any(|p| csv_sheet_kind(p).is_some())
}

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Reads one export's raw sheets. Never panics; failures become findings: a panic inside a reader (calamine's
/// included) is caught and becomes an `unreadable_file` finding about this export alone.
pub fn read_source(source: &Source) -> RawExport {
    isolated(source, || read_source_unguarded(source), |failed| failed)
}

/// Runs `work`, the reading of one export, as [`read_source`] runs its reader: a panic inside it is caught and
/// `failed` gets the export holding only its `unreadable_file` finding.
pub fn isolated<T>(source: &Source, work: impl FnOnce() -> T, failed: impl FnOnce(RawExport) -> T) -> T {
    let display = source.display();
    isolate::or_else(
        || {
            #[cfg(test)]
            if PANIC_ON.lock().is_ok_and(|p| p.iter().any(|end| display.ends_with(end.as_str()))) {
                panic!("a reader panics on {display}");
            }
            work()
        },
        |reason| {
            failed(RawExport {
                source: display.clone(),
                sheets: Vec::new(),
                findings: vec![InputFinding::file(
                    &display,
                    FindingKind::UnreadableFile { reason: Why::new("io_why_reader_failed", vec![("reason", reason)]) },
                )],
            })
        },
    )
}

fn refusal_finding(display: &str, r: budget::Refusal) -> InputFinding {
    match r {
        budget::Refusal::TooLarge(reason) => InputFinding::file(display, FindingKind::TooLarge { reason }),
        budget::Refusal::NotARegularFile => InputFinding::file(display, FindingKind::NotARegularFile),
    }
}

/// A sink that keeps every row: the raw sheet of one file.
struct Collect(Vec<RawRow>);

impl csv_stream::RowSink for Collect {
    type Output = Collect;
    fn row(&mut self, number: u32, cells: &mut Vec<RawCell>) {
        self.0.push(RawRow { number, cells: std::mem::take(cells) });
    }
    fn finish(self) -> Collect {
        self
    }
}

/// Tests only: a reader that panics on exports whose path ends with this text.
#[cfg(test)]
pub static PANIC_ON: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn read_source_unguarded(source: &Source) -> RawExport {
    let display = source.display();
    let mut out = RawExport { source: display.clone(), sheets: Vec::new(), findings: Vec::new() };
    match source {
        Source::Workbook(p) => match workbook::read_workbook(p, &display) {
            Ok(mut sheets) => {
                month_first_findings(month_first::settle(&mut sheets).1, &mut out.findings);
                out.sheets = sheets
            }
            Err(workbook::WorkbookError::Refused(r)) => out.findings.push(refusal_finding(&display, r)),
            Err(workbook::WorkbookError::Encrypted) => {
                out.findings.push(InputFinding::file(&display, FindingKind::EncryptedFile))
            }
            Err(workbook::WorkbookError::NotASpreadsheet) => {
                out.findings.push(InputFinding::file(&display, FindingKind::NotASpreadsheet))
            }
            Err(workbook::WorkbookError::Unreadable(reason)) => {
                out.findings.push(InputFinding::file(&display, FindingKind::UnreadableFile { reason }))
            }
        },
        Source::CsvFolder(dir) => {
            let folder = csv_stream::read_csv_folder_into(dir, &|_, _| Collect(Vec::new()));
            out.findings = folder.findings;
            out.sheets = folder
                .files
                .into_iter()
                .map(|f| RawSheet { name: f.name, file: f.display, rows: f.output.0 })
                .collect();
            // The folder's slash dates were seen as its files were read.
            month_first_findings(month_first::settle_as(&mut out.sheets, folder.evidence).1, &mut out.findings);
        }
        Source::Other(p) => {
            let kind = if budget::regular_file(p).is_err() && p.symlink_metadata().is_ok() && !p.is_dir() {
                FindingKind::NotARegularFile
            } else if p.exists() || p.symlink_metadata().is_ok() {
                FindingKind::NotASpreadsheet
            } else {
                FindingKind::PathNotFound
            };
            out.findings.push(InputFinding::file(&display, kind));
        }
    }
    out
}
