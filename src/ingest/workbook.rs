//! Reading workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) through calamine, within the budgets of
//! [`super::budget`].
//!
//! An `.xlsx` or `.xlsm` of the usual shape is read from the parts the scan inflated ([`super::xlsx_lite`]), which
//! gives the same cells as calamine; any other workbook, and any part of a shape that reader does not know, is read
//! by calamine.
//!
//! Cost: the file's bytes once in memory (at most 200 MB), a scan of its zipped parts ([`super::zip_scan`]), then
//! the cells it really holds. `.xlsx`, `.xlsm` and `.xlsb` sheets are streamed cell by cell (calamine's
//! `worksheet_range` would allocate the rectangle from the first to the last cell, 550 GB for `A1` and
//! `XFD1048576`); `.ods` and `.xls` sheets come as calamine's dense ranges, bounded by the scan (`.ods`) and by the
//! format itself (`.xls`: 65,536 rows of 256 columns).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;

use super::budget::{self, CellBudget, MAX_DENSE_CELLS, MAX_WORKBOOK_BYTES, Refusal};
use super::raw::{RawCell, RawRow, RawSheet};
use crate::findings::Why;
use crate::tables::parse_date::parse_date_text;

/// Why a workbook could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    Encrypted,
    /// The content is no spreadsheet at all (a text or PDF file renamed, say).
    NotASpreadsheet,
    Unreadable(Why),
    /// Over a budget, or not a regular file.
    Refused(Refusal),
}

impl From<Refusal> for WorkbookError {
    fn from(r: Refusal) -> Self {
        WorkbookError::Refused(r)
    }
}

/// The file extensions read as workbooks.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

type Book = Sheets<Cursor<Vec<u8>>>;

/// Reads every sheet of a workbook. `display` is the path as findings show it.
pub fn read_workbook(path: &Path, display: &str) -> Result<Vec<RawSheet>, WorkbookError> {
    let meta = budget::regular_file(path)?;
    if meta.len() > MAX_WORKBOOK_BYTES {
        return Err(too_large_file());
    }
    let file = std::fs::File::open(path).map_err(|e| WorkbookError::Unreadable(Why::said(e.to_string())))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // A file that grows while it is read stops at the budget all the same.
    file.take(MAX_WORKBOOK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| WorkbookError::Unreadable(Why::said(e.to_string())))?;
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(too_large_file());
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    read_workbook_bytes(bytes, &ext, display)
}

fn too_large_file() -> WorkbookError {
    let mb = (MAX_WORKBOOK_BYTES >> 20).to_string();
    WorkbookError::Refused(Refusal::TooLarge(Why::new("io_why_workbook_too_large", vec![("mb", mb)])))
}

/// Reads a workbook's bytes; `ext` (lower case, no dot) says which format to try first. A panic inside calamine
/// (fuzzing found one: its compound-file reader asserts on a truncated `.xls` header, `utils::to_u32`) is caught
/// here and makes the file unreadable.
pub fn read_workbook_bytes(bytes: Vec<u8>, ext: &str, display: &str) -> Result<Vec<RawSheet>, WorkbookError> {
    super::isolate::or_else(
        || read_unguarded(bytes, ext, display, true),
        |reason| Err(WorkbookError::Unreadable(Why::new("io_why_library_failed", vec![("reason", reason)]))),
    )
}

/// As [`read_workbook_bytes`], with calamine only: the reference [`super::xlsx_lite`] is tested and fuzzed against.
pub fn read_with_calamine(bytes: Vec<u8>, ext: &str, display: &str) -> Result<Vec<RawSheet>, WorkbookError> {
    super::isolate::or_else(
        || read_unguarded(bytes, ext, display, false),
        |reason| Err(WorkbookError::Unreadable(Why::new("io_why_library_failed", vec![("reason", reason)]))),
    )
}

/// What [`super::xlsx_lite`] alone makes of a zipped workbook: `None` when it leaves it to calamine (for its tests
/// and fuzzing).
pub fn read_lite_only(bytes: &[u8], display: &str) -> Option<Result<Vec<RawSheet>, WorkbookError>> {
    match super::zip_scan::scan_keeping(bytes, true) {
        Ok((_, parts)) => read_lite(&parts?, display),
        Err(r) => Some(Err(r.into())),
    }
}

fn read_unguarded(bytes: Vec<u8>, ext: &str, display: &str, lite: bool) -> Result<Vec<RawSheet>, WorkbookError> {
    if !looks_like_workbook(&bytes) {
        return Err(WorkbookError::NotASpreadsheet);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        super::ole_scan::check(&bytes).map_err(|p| match p {
            super::ole_scan::OleProblem::Corrupt(reason) => WorkbookError::Unreadable(reason),
            super::ole_scan::OleProblem::Refused(r) => WorkbookError::Refused(r),
        })?;
    }
    let bytes = if bytes.starts_with(b"PK") {
        let keep = lite && matches!(ext, "xlsx" | "xlsm");
        let (scan, parts) = super::zip_scan::scan_keeping(&bytes, keep)?;
        if let Some(read) = parts.and_then(|parts| read_lite(&parts, display)) {
            return read;
        }
        match scan {
            super::zip_scan::Scan::AsIs => bytes,
            super::zip_scan::Scan::Rebuilt(fixed) => fixed,
        }
    } else {
        bytes
    };
    let mut book = open_book(bytes, ext)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let rows = match &mut book {
            Sheets::Xlsx(x) => stream_xlsx(x, &name)?,
            Sheets::Xlsb(x) => stream_xlsb(x, &name)?,
            other => dense_rows(&other.worksheet_range(&name).map_err(classify)?)?,
        };
        sheets.push(RawSheet { name: name.clone(), file: display.to_string(), rows });
    }
    Ok(sheets)
}

/// The sheets of an `.xlsx` of the usual shape, from its inflated parts ([`super::xlsx_lite`]): the same sheets
/// and cells calamine gives, within the same budgets. `None`: read it with calamine.
fn read_lite(parts: &super::xlsx_lite::Parts, display: &str) -> Option<Result<Vec<RawSheet>, WorkbookError>> {
    let mut done: Vec<RawSheet> = Vec::new();
    let mut current: Option<(String, SparseSheet)> = None;
    let read = super::xlsx_lite::read(parts, &mut |item| match item {
        super::xlsx_lite::Item::Sheet(name) => {
            if let Some((name, sheet)) = current.replace((name.to_string(), SparseSheet::default())) {
                done.push(RawSheet { name, file: display.to_string(), rows: sheet.into_rows() });
            }
            Ok(())
        }
        super::xlsx_lite::Item::Cell(at, value) => match &mut current {
            Some((_, sheet)) => sheet.push(at, to_raw_ref(&value)),
            None => Ok(()),
        },
    })?;
    Some(read.map(|()| {
        if let Some((name, sheet)) = current {
            done.push(RawSheet { name, file: display.to_string(), rows: sheet.into_rows() });
        }
        done
    }))
}

/// Every workbook format is a zip archive (xlsx, xlsm, xlsb, ods) or an OLE
/// compound file (xls, and encrypted xlsx).
fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Opens by extension first, then by sniffing the content (a `.xls` saved
/// as `.xlsx`, say).
fn open_book(bytes: Vec<u8>, ext: &str) -> Result<Book, WorkbookError> {
    let by_ext = match ext {
        "xls" => open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes.clone())).map(Sheets::Xls).map_err(classify),
        "xlsx" | "xlsm" => {
            open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.clone())).map(Sheets::Xlsx).map_err(classify)
        }
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes.clone())).map(Sheets::Xlsb).map_err(classify),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes.clone())).map(Sheets::Ods).map_err(classify),
        _ => Err(WorkbookError::Unreadable(Why::new("io_why_unknown_extension", vec![]))),
    };
    match by_ext {
        Ok(book) => Ok(book),
        Err(WorkbookError::Encrypted) => Err(WorkbookError::Encrypted),
        Err(first) => calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| first),
    }
}

/// Password-protected files are told apart from corrupt ones.
fn classify<E: std::fmt::Display>(e: E) -> WorkbookError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password") || text.contains("EncryptedPackage") {
        WorkbookError::Encrypted
    } else {
        WorkbookError::Unreadable(Why::said(text.chars().take(200).collect::<String>()))
    }
}

/// Collects streamed cells into rows, within the budgets: a row holds its cells from the sheet's first column on.
#[derive(Default)]
struct SparseSheet {
    cells: BTreeMap<u32, BTreeMap<u32, RawCell>>,
    budget: CellBudget,
}

impl SparseSheet {
    fn push(&mut self, (row, col): (u32, u32), cell: RawCell) -> Result<(), WorkbookError> {
        budget::check_column(col)?;
        if let RawCell::Text(t) = &cell {
            budget::check_cell_text(t)?;
        }
        if cell.is_blank() {
            return Ok(());
        }
        let row_cells = self.cells.entry(row).or_default();
        let before = row_cells.last_key_value().map_or(0, |(c, _)| c + 1);
        self.budget.add(before, col.saturating_add(1).max(before))?;
        row_cells.insert(col, cell);
        Ok(())
    }

    /// Rows numbered as the spreadsheet shows them, blank ones left out, columns shifted so that the sheet's
    /// first used column is the first (column letters are never shown; headers and cells keep their order).
    fn into_rows(self) -> Vec<RawRow> {
        let first_col = self.cells.values().filter_map(|r| r.keys().next().copied()).min().unwrap_or(0);
        self.cells
            .into_iter()
            .filter(|(_, cells)| !cells.values().all(RawCell::is_blank))
            .map(|(row, cells)| {
                let width = cells.keys().next_back().map_or(0, |c| c + 1 - first_col) as usize;
                let mut raw = vec![RawCell::Empty; width];
                for (col, cell) in cells {
                    if let Some(slot) = raw.get_mut((col - first_col) as usize) {
                        *slot = cell;
                    }
                }
                RawRow { number: row.saturating_add(1), cells: raw }
            })
            .collect()
    }
}

fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Vec<RawRow>, WorkbookError> {
    let mut reader = book.worksheet_cells_reader(name).map_err(classify)?;
    let mut sheet = SparseSheet::default();
    while let Some(cell) = reader.next_cell().map_err(classify)? {
        sheet.push(cell.get_position(), to_raw_ref(cell.get_value()))?;
    }
    Ok(sheet.into_rows())
}

fn stream_xlsb<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsb<RS>,
    name: &str,
) -> Result<Vec<RawRow>, WorkbookError> {
    let mut reader = book.worksheet_cells_reader(name).map_err(classify)?;
    let mut sheet = SparseSheet::default();
    while let Some(cell) = reader.next_cell().map_err(classify)? {
        sheet.push(cell.get_position(), to_raw_ref(cell.get_value()))?;
    }
    Ok(sheet.into_rows())
}

/// A dense range as rows, within the same budgets.
fn dense_rows(range: &Range<Data>) -> Result<Vec<RawRow>, WorkbookError> {
    let (height, width) = range.get_size();
    if (height as u64).saturating_mul(width as u64) > MAX_DENSE_CELLS {
        return Err(
            Refusal::TooLarge(Why::new("io_why_sheet_too_big", vec![("cells", MAX_DENSE_CELLS.to_string())])).into()
        );
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    budget::check_column(first_col.saturating_add(width as u32).saturating_sub(1))?;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let raw: Vec<RawCell> = cells.iter().map(to_raw).collect();
        if raw.iter().all(RawCell::is_blank) {
            continue;
        }
        for cell in &raw {
            if let RawCell::Text(t) = cell {
                budget::check_cell_text(t)?;
            }
        }
        let number = first_row.saturating_add(i as u32).saturating_add(1);
        rows.push(RawRow { number, cells: raw });
    }
    Ok(rows)
}

fn to_raw(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.as_str().into()),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => date_time(dt),
        Data::DateTimeIso(s) => parse_date_text(s).map_or_else(|| RawCell::Text(s.as_str().into()), RawCell::Date),
        Data::DurationIso(s) => RawCell::Text(s.as_str().into()),
        Data::Error(e) => RawCell::Error(e.to_string().into()),
    }
}

fn to_raw_ref(cell: &DataRef<'_>) -> RawCell {
    match cell {
        DataRef::Empty => RawCell::Empty,
        DataRef::String(s) => RawCell::Text(s.as_str().into()),
        // Checked before it is copied: a 20 MB shared string used by 400 cells is one budget stop, not 8 GB.
        DataRef::SharedString(s) if s.len() > budget::MAX_CELL_CHARS * 4 => {
            RawCell::Text(s.chars().take(budget::MAX_CELL_CHARS + 1).collect())
        }
        DataRef::SharedString(s) => RawCell::Text((*s).into()),
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) => date_time(dt),
        DataRef::DateTimeIso(s) => parse_date_text(s).map_or_else(|| RawCell::Text(s.as_str().into()), RawCell::Date),
        DataRef::DurationIso(s) => RawCell::Text(s.as_str().into()),
        DataRef::Error(e) => RawCell::Error(e.to_string().into()),
    }
}

/// Excel's serial range: 0 up to 9999-12-31 23:59:59.999.
const MAX_EXCEL_SERIAL: f64 = 2_958_466.0;

/// A date cell as a date (calamine knows the workbook's date system, 1900 or 1904), or as its number when it is
/// no date (a duration) or lies outside Excel's range. calamine's own `as_datetime` panics on serials such as
/// -1E+15 (its chrono arithmetic overflows), so only serials in range are converted, through the components.
fn date_time(dt: &ExcelDateTime) -> RawCell {
    let serial = dt.as_f64();
    if !dt.is_datetime() || !(0.0..MAX_EXCEL_SERIAL).contains(&serial) {
        return RawCell::Number(serial);
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    // Excel's fictitious 1900-02-29 is no date.
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).map_or(RawCell::Number(serial), RawCell::Date)
}
