//! Shared parts of the XLSX reports: a sheet written as a table with a bold,
//! frozen header, filters on, readable widths, real dates, and text that can
//! never become a formula.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::xlsx_rows::Probe;

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Text(String),
    Number(f64),
    /// A count or another whole number.
    Int(i64),
    Date(NaiveDate),
    Empty,
}

/// A table to write as one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetTable {
    /// The sheet's name (at most 31 characters; longer is cut).
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<XCell>>,
}

/// The most characters an XLSX cell holds, counted as Excel counts them: in UTF-16 units (a character outside
/// the Basic Multilingual Plane, an emoji say, is two).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most rows an XLSX sheet holds.
pub(super) const MAX_ROWS: usize = 1_048_576;

/// Text within a cell's limit: a longer text is cut and ends in `… [+N]`, N the characters left out, so the
/// cut is visible and the report is still written. (An input cell holds at most 32,767 characters, which may be
/// twice as many UTF-16 units: rust_xlsxwriter refuses such a text, and the whole workbook with it.)
pub fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    // A text's UTF-16 units are never more than its bytes.
    if text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    // The marker's length depends on N; 16 units always leave room for it.
    let (mut units, mut end) = (0, 0);
    for (at, c) in text.char_indices() {
        if units + c.len_utf16() > MAX_CELL_CHARS - 16 {
            break;
        }
        units += c.len_utf16();
        end = at + c.len_utf8();
    }
    let left_out = text[end..].chars().count();
    std::borrow::Cow::Owned(format!("{}… [+{left_out}]", &text[..end]))
}

/// A new workbook with fixed document properties, so the same report gives the same bytes. Its parts are
/// compressed at zip level 1 (zlib-rs's "quick" strategy). The rows of large sheets are written by hand with their
/// texts inline ([`super::xlsx_rows`]): 23 MB of XML for the findings sheet of a national workbook at 1,500
/// locations, which took 695 M instructions to compress at level 2 and 411 M at level 1, for a file of 3.0 MB
/// against 3.8 MB. (Earlier, with the texts in the shared string table: level 6 took over half the time of that
/// workbook for a file a sixth smaller, level 3 some 5 % more of a whole run than level 2.)
pub fn new_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(ZIP_LEVEL as u8);
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    Ok(wb)
}

/// The zip compression level of every workbook (see [`new_workbook`]).
pub(super) const ZIP_LEVEL: i64 = 1;

/// From this many rows on, a sheet's rows are written by hand ([`super::xlsx_rows`]): the bytes rust_xlsxwriter's
/// constant-memory mode writes (texts inline, not in the shared string table), without keeping the cells.
const BY_HAND_FROM: usize = 5_000;

/// The number of characters of `n` written out (a column's width).
fn digits(n: i64) -> usize {
    let mut buf = [0u8; 20];
    usize::from(n < 0) + crate::results::result::decimal_digits(n.unsigned_abs(), &mut buf).len()
}

/// A workbook of `tables`, one sheet each in their order, titled `title`. `date_format` is the number format for
/// dates (`d-m-yyyy` in Dutch, `yyyy-mm-dd` in English). An error names the sheet it came from.
pub fn tables_workbook(title: &str, tables: &[SheetTable], date_format: &str) -> Result<Vec<u8>, String> {
    tables_workbook_from(title, tables, date_format, BY_HAND_FROM)
}

/// [`tables_workbook`], with the rows of tables of `by_hand_from` rows or more written by hand.
fn tables_workbook_from(
    title: &str,
    tables: &[SheetTable],
    date_format: &str,
    by_hand_from: usize,
) -> Result<Vec<u8>, String> {
    use rayon::prelude::*;
    let named = |i: usize, e: XlsxError| format!("{}: {e}", tables.get(i).map_or("", |t| t.name.as_str()));
    let mut wb = new_workbook(title).map_err(|e| e.to_string())?;
    // A large table is a skeleton of a sheet in constant-memory mode, when a temporary file can be made; else (an
    // unwritable `TMPDIR`) it is kept in memory whole, as a small one. A skeleton comes with its probes (`Some`),
    // worked out once for the skeleton and its rows.
    let mut sheets: Vec<(Worksheet, Option<Vec<Probe>>)> = Vec::with_capacity(tables.len());
    for t in tables {
        let skeleton = if t.rows.len() >= by_hand_from && !t.headers.is_empty() {
            wb.new_worksheet_with_constant_memory().ok()
        } else {
            None
        };
        sheets.push(match skeleton {
            Some(ws) => (ws, Some(super::xlsx_rows::probes(t))),
            None => (Worksheet::new(), None),
        });
    }
    // Skeletons are filled in order: constant-memory sheets number their formats workbook-wide, in order of first
    // use. The sheets kept in memory number theirs when the workbook is saved: they are filled side by side.
    let (skeletons, in_memory): (Vec<_>, Vec<_>) =
        sheets.iter_mut().zip(tables).enumerate().partition(|(_, ((_, probes), _))| probes.is_some());
    let (in_order, side_by_side): (Vec<_>, Vec<_>) = rayon::join(
        || {
            skeletons
                .into_iter()
                .map(|(i, (s, t))| (i, fill_skeleton(&mut s.0, t, s.1.as_deref(), date_format)))
                .collect()
        },
        || in_memory.into_par_iter().map(|(i, (s, t))| (i, fill_sheet(&mut s.0, t, date_format))).collect(),
    );
    let first_error =
        in_order.into_iter().chain(side_by_side).filter_map(|(i, r)| r.err().map(|e| (i, e))).min_by_key(|(i, _)| *i);
    if let Some((i, e)) = first_error {
        return Err(named(i, e));
    }
    let mut large = Vec::new();
    for (i, (ws, probes)) in sheets.into_iter().enumerate() {
        if let (Some(probes), Some(table)) = (probes, tables.get(i)) {
            large.push(super::xlsx_rows::Large { part: format!("xl/worksheets/sheet{}.xml", i + 1), table, probes });
        }
        wb.push_worksheet(ws);
    }
    let bytes = to_bytes(wb).map_err(|e| e.to_string())?;
    if large.is_empty() {
        return Ok(bytes);
    }
    super::xlsx_rows::fill_in(&bytes, &large).map_err(|e| e.to_string())
}

/// The formats of a report sheet: the header's, a number's and a date's.
struct Formats {
    header: Format,
    number: Format,
    date: Format,
}

impl Formats {
    fn new(date_format: &str) -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#E6E6E6")
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            number: Format::new().set_num_format("#,##0.0#"),
            date: Format::new().set_num_format(date_format),
        }
    }
}

/// Fills a constant-memory sheet with a large table's skeleton: name, header, one probe cell per number format
/// its rows use (in order of first use), widths, panes and filter. [`super::xlsx_rows`] writes the rows in.
fn fill_skeleton(
    ws: &mut Worksheet,
    table: &SheetTable,
    probes: Option<&[Probe]>,
    date_format: &str,
) -> Result<(), XlsxError> {
    let formats = Formats::new(date_format);
    write_header(ws, table, &formats)?;
    for (c, probe) in probes.unwrap_or_default().iter().enumerate() {
        let format = match probe {
            Probe::Number => &formats.number,
            Probe::Date => &formats.date,
        };
        ws.write_number_with_format(1, c as u16, 0.0, format)?;
    }
    finish_sheet(ws, table)
}

/// Fills `ws` with `table`: name, header, rows, widths, panes and filter.
fn fill_sheet(ws: &mut Worksheet, table: &SheetTable, date_format: &str) -> Result<(), XlsxError> {
    let formats = Formats::new(date_format);
    write_header(ws, table, &formats)?;
    // Rows past the sheet's limit are left out; the last row says how many
    // (written after the rows, as a sheet written row after row must).
    let room = super::xlsx_rows::ROOM;
    let cut = table.rows.len().saturating_sub(room);
    for (r, row) in table.rows.iter().take(room).enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                // write_string always writes text: `=SUM(A1)` stays text, never a formula.
                XCell::Text(t) => {
                    ws.write_string(r, col, fit_cell(t).as_ref())?;
                }
                XCell::Number(n) if n.is_finite() => {
                    ws.write_number_with_format(r, col, *n, &formats.number)?;
                }
                XCell::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                }
                XCell::Date(d) => {
                    match super::xlsx_rows::excel_date(d) {
                        Some(x) => ws.write_datetime_with_format(r, col, &x, &formats.date)?,
                        // Outside Excel's calendar (before 1900): the date as text.
                        None => ws.write_string(r, col, super::xlsx_rows::date_as_text(d))?,
                    };
                }
                XCell::Number(_) | XCell::Empty => {}
            }
        }
    }
    if cut > 0 {
        ws.write_string((room + 1) as u32, 0, format!("… [+{cut}]"))?;
    }
    finish_sheet(ws, table)
}

/// The sheet's name and header row.
fn write_header(ws: &mut Worksheet, table: &SheetTable, formats: &Formats) -> Result<(), XlsxError> {
    let name: String = table.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    ws.set_name(&name)?;
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, fit_cell(h).as_ref(), &formats.header)?;
    }
    Ok(())
}

/// Readable widths (from the header and every cell), the frozen header and the filter.
fn finish_sheet(ws: &mut Worksheet, table: &SheetTable) -> Result<(), XlsxError> {
    let room = super::xlsx_rows::ROOM;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for row in table.rows.iter().take(room) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(shown_width(cell));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = table.headers.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len().min(room) as u32, last_col)?;
    Ok(())
}

/// How many characters a cell shows, at most 60 (a column's width).
fn shown_width(cell: &XCell) -> usize {
    match cell {
        XCell::Text(t) => fit_cell(t).chars().count().min(60),
        XCell::Number(n) if n.is_finite() => 10,
        XCell::Int(n) => digits(*n),
        XCell::Date(_) => 10,
        XCell::Number(_) | XCell::Empty => 0,
    }
}

/// The workbook's bytes.
pub fn to_bytes(mut wb: Workbook) -> Result<Vec<u8>, XlsxError> {
    wb.save_to_buffer()
}

#[cfg(test)]
#[path = "xlsx_util_tests.rs"]
mod tests;
