//! Reading workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) through calamine.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};

use super::raw::{RawCell, RawRow, RawSheet};
use crate::tables::parse_date::parse_date_text;

/// Files larger than this are not read: no location export comes close, and
/// it keeps a stray huge file from exhausting memory.
pub const MAX_WORKBOOK_BYTES: u64 = 200 * 1024 * 1024;

/// Why a workbook could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    Encrypted,
    /// The content is no spreadsheet at all (a text or PDF file renamed, say).
    NotASpreadsheet,
    Unreadable(String),
}

/// The file extensions read as workbooks.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

type Book = Sheets<Cursor<Vec<u8>>>;

/// Reads every sheet of a workbook. `display` is the path as findings show it.
pub fn read_workbook(path: &Path, display: &str) -> Result<Vec<RawSheet>, WorkbookError> {
    let size = std::fs::metadata(path).map_err(|e| WorkbookError::Unreadable(e.to_string()))?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(WorkbookError::Unreadable(format!("file is larger than {} MB", MAX_WORKBOOK_BYTES >> 20)));
    }
    let bytes = std::fs::read(path).map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    if !looks_like_workbook(&bytes) {
        return Err(WorkbookError::NotASpreadsheet);
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let mut book = open_book(bytes, &ext)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(classify)?;
        sheets.push(range_to_sheet(&name, display, &range));
    }
    Ok(sheets)
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
        _ => Err(WorkbookError::Unreadable("unknown extension".into())),
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
        WorkbookError::Unreadable(text.chars().take(200).collect())
    }
}

/// Turns a calamine range into rows numbered as the spreadsheet shows them.
fn range_to_sheet(name: &str, display: &str, range: &Range<Data>) -> RawSheet {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut raw: Vec<RawCell> = vec![RawCell::Empty; first_col as usize];
        raw.extend(cells.iter().map(to_raw));
        if raw.iter().all(RawCell::is_blank) {
            continue;
        }
        let number = first_row.saturating_add(i as u32).saturating_add(1);
        rows.push(RawRow { number, cells: raw });
    }
    RawSheet { name: name.to_string(), file: display.to_string(), rows }
}

fn to_raw(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => {
            // calamine knows the workbook's date system (1900 or 1904).
            match dt.as_datetime() {
                Some(d) if dt.is_datetime() => RawCell::Date(d.date()),
                _ => RawCell::Number(dt.as_f64()),
            }
        }
        Data::DateTimeIso(s) => parse_date_text(s).map_or_else(|| RawCell::Text(s.clone()), RawCell::Date),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
    }
}
