//! The rows of a large report sheet, written by hand: the XML rust_xlsxwriter's constant-memory mode writes for
//! them, in a fraction of its time (it formats every cell through `write!`, and a "low memory" sheet also keeps a
//! tree per row and hashes every text into the shared string table).
//!
//! How: rust_xlsxwriter still makes the whole workbook, but a large sheet is made as a *skeleton*: a constant-memory
//! sheet with the table's name, header row, column widths, frozen pane and filter, and a probe row of one cell per
//! number format the rows use, written in the order the rows first use them (formats of constant-memory sheets are
//! numbered in the order of first use, workbook-wide). The saved workbook is then opened again. Every part is
//! copied as it is (its compressed bytes) but each skeleton's sheet: that one is zipped again with rust_xlsxwriter's
//! options, its dimension set to the table's and its probe row giving way to the table's rows, written here with
//! the format numbers the probe cells were given. Tests check that the result holds, part for part and byte for
//! byte, what rust_xlsxwriter writes of the same tables with every large sheet in constant-memory mode (only the
//! compressed bytes may differ: zlib's quick strategy ends its blocks where the writes end).
//!
//! Cost: O(cells) for the rows, written in chunks straight into the zip (a sheet is never held whole); the other
//! parts are copied compressed.

use std::io::{Cursor, Read, Write};

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, XlsxError};
use zip::write::SimpleFileOptions;

use super::xlsx_util::{MAX_ROWS, SheetTable, XCell, fit_cell};

/// A number format the rows of a large sheet use (the probe row holds one cell of each, in order of first use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Probe {
    Number,
    Date,
}

/// A large sheet of the workbook, written as a skeleton: its part, its table and the probes of its skeleton.
pub(super) struct Large<'a> {
    /// The sheet's part in the package, `xl/worksheets/sheetN.xml`.
    pub part: String,
    pub table: &'a SheetTable,
    /// [`probes`] of the table, in the order of the probe row's cells.
    pub probes: Vec<Probe>,
}

/// The most rows of a table a sheet holds: one is the header, one says how many were left out.
pub(super) const ROOM: usize = MAX_ROWS - 2;

/// A date in Excel's calendar, or `None` outside it (before 1900: the cell is then [`date_as_text`]).
pub(super) fn excel_date(d: &chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).unwrap_or(0);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// A date outside Excel's calendar, written as text.
pub(super) fn date_as_text(d: &chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The number formats the rows of `table` use, in the order they first use them (row by row, cell by cell).
pub(super) fn probes(table: &SheetTable) -> Vec<Probe> {
    let mut found = Vec::new();
    for cell in table.rows.iter().take(ROOM).flatten() {
        let probe = match cell {
            XCell::Number(n) if n.is_finite() => Probe::Number,
            XCell::Date(d) if excel_date(d).is_some() => Probe::Date,
            _ => continue,
        };
        if !found.contains(&probe) {
            found.push(probe);
            if found.len() == 2 {
                break;
            }
        }
    }
    found
}

/// The workbook `skeleton` (saved by rust_xlsxwriter) with the rows of every large sheet written in.
pub(super) fn fill_in(skeleton: &[u8], large: &[Large<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(skeleton))?;
    // The options rust_xlsxwriter's packager zips every XML part with (see `xlsx_util::new_workbook` for the level).
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(super::xlsx_util::ZIP_LEVEL))
        .unix_permissions(0o600)
        .last_modified_time(zip::DateTime::default())
        .large_file(false);
    let mut out = zip::ZipWriter::new_stream(Vec::with_capacity(skeleton.len() * 4));
    let mut part = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name()?.to_string();
        match large.iter().find(|l| l.part == name) {
            Some(l) => {
                part.clear();
                file.read_to_end(&mut part)?;
                out.start_file(name.as_str(), options)?;
                write_sheet(&mut out, &part, l)?;
            }
            // Every other part as rust_xlsxwriter compressed it (the small sheets are megabytes at 1,500 locations).
            None => out.raw_copy_file(file)?,
        }
    }
    Ok(out.finish()?.into_inner())
}

/// Writes a skeleton's sheet part with the table's dimension and rows.
fn write_sheet(out: &mut impl Write, skeleton: &[u8], large: &Large<'_>) -> Result<(), XlsxError> {
    let table = large.table;
    let broken = || XlsxError::ParameterError("the skeleton of a large sheet is not as written".to_string());
    let text = std::str::from_utf8(skeleton).map_err(|_| broken())?;
    let dim_start = text.find("<dimension ref=\"").ok_or_else(broken)? + "<dimension ref=\"".len();
    let dim_end = dim_start + text[dim_start..].find('"').ok_or_else(broken)?;
    let data_end = text.find("</sheetData>").ok_or_else(broken)?;
    let probe_start = text[..data_end].find("<row r=\"2\">");
    let rows_at = probe_start.unwrap_or(data_end);
    let formats = probe_formats(&text[rows_at..data_end], &large.probes);
    out.write_all(&skeleton[..dim_start])?;
    out.write_all(dimension(table).as_bytes())?;
    out.write_all(skeleton.get(dim_end..rows_at).ok_or_else(broken)?)?;
    write_rows(out, table, formats)?;
    out.write_all(&skeleton[data_end..])?;
    Ok(())
}

/// The format numbers (number, date) the probe row's cells were given, its cells being `probes` in order; 0 for
/// a format the rows do not use.
fn probe_formats(probe_row: &str, probes: &[Probe]) -> (u32, u32) {
    let numbers = probe_row.split(" s=\"").skip(1).map(|rest| rest.split('"').next().unwrap_or("").parse::<u32>());
    let of = |wanted: Probe| probes.iter().zip(numbers.clone()).find(|(p, _)| **p == wanted);
    let number = |wanted: Probe| of(wanted).and_then(|(_, n)| n.ok()).unwrap_or(0);
    (number(Probe::Number), number(Probe::Date))
}

/// The cells written for a table, as rust_xlsxwriter counts them: every header cell (a blank one keeps its
/// format), every data cell but empty ones, empty texts and numbers that are not finite, and the row saying how
/// many rows were left out.
fn dimension(table: &SheetTable) -> String {
    let mut last: Option<(u32, u16)> = None;
    let mut first: Option<(u32, u16)> = None;
    let mut see = |row: u32, col: u16| {
        first = Some(first.map_or((row, col), |(r, c)| (r.min(row), c.min(col))));
        last = Some(last.map_or((row, col), |(r, c)| (r.max(row), c.max(col))));
    };
    for c in 0..table.headers.len() {
        see(0, c as u16);
    }
    for (r, row) in table.rows.iter().take(ROOM).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if writes(cell) {
                see(r as u32 + 1, c as u16);
            }
        }
    }
    if table.rows.len() > ROOM {
        see(ROOM as u32 + 1, 0);
    }
    match (first, last) {
        (Some((r0, c0)), Some((r1, c1))) => rust_xlsxwriter::utility::cell_range(r0, c0, r1, c1),
        _ => "A1".to_string(),
    }
}

/// Whether rust_xlsxwriter writes a cell for this value.
fn writes(cell: &XCell) -> bool {
    match cell {
        XCell::Text(t) => !t.is_empty(),
        XCell::Number(n) => n.is_finite(),
        XCell::Int(_) | XCell::Date(_) => true,
        XCell::Empty => false,
    }
}

/// Writes the table's rows after the header, as `<row>` elements, in chunks.
fn write_rows(out: &mut impl Write, table: &SheetTable, (number_xf, date_xf): (u32, u32)) -> std::io::Result<()> {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0).max(table.headers.len());
    let names: Vec<String> = (0..width).map(|c| rust_xlsxwriter::utility::column_number_to_name(c as u16)).collect();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 18);
    let mut row_text = itoa::Buffer::new();
    for (r, row) in table.rows.iter().take(ROOM).enumerate() {
        if !row.iter().any(writes) {
            continue;
        }
        let number = row_text.format(r + 2);
        buf.extend_from_slice(b"<row r=\"");
        buf.extend_from_slice(number.as_bytes());
        buf.extend_from_slice(b"\">");
        for (cell, name) in row.iter().zip(&names) {
            let start = |buf: &mut Vec<u8>| {
                buf.extend_from_slice(b"<c r=\"");
                buf.extend_from_slice(name.as_bytes());
                buf.extend_from_slice(number.as_bytes());
            };
            match cell {
                XCell::Text(t) if !t.is_empty() => {
                    start(&mut buf);
                    text_cell(&mut buf, t);
                }
                XCell::Number(n) if n.is_finite() => {
                    start(&mut buf);
                    number_cell(&mut buf, *n, number_xf);
                }
                XCell::Int(n) => {
                    start(&mut buf);
                    number_cell(&mut buf, *n as f64, 0);
                }
                XCell::Date(d) => {
                    start(&mut buf);
                    match excel_date(d) {
                        Some(x) => number_cell(&mut buf, x.to_excel(), date_xf),
                        None => text_cell(&mut buf, &date_as_text(d)),
                    }
                }
                _ => {}
            }
        }
        buf.extend_from_slice(b"</row>");
        if buf.len() >= 1 << 18 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    let cut = table.rows.len().saturating_sub(ROOM);
    if cut > 0 {
        let number = (ROOM + 2).to_string();
        buf.extend_from_slice(format!("<row r=\"{number}\"><c r=\"A{number}\"").as_bytes());
        text_cell(&mut buf, &format!("… [+{cut}]"));
        buf.extend_from_slice(b"</row>");
    }
    out.write_all(&buf)
}

/// The rest of a number cell after its reference: `s` is its format number (0: none).
fn number_cell(buf: &mut Vec<u8>, n: f64, s: u32) {
    if s > 0 {
        buf.extend_from_slice(b"\" s=\"");
        buf.extend_from_slice(itoa::Buffer::new().format(s).as_bytes());
    }
    buf.extend_from_slice(b"\"><v>");
    // As rust_xlsxwriter prints it: Rust's shortest round-trip form, never an exponent.
    if n.fract() == 0.0 && n.abs() < 1e15 && !(n == 0.0 && n.is_sign_negative()) {
        buf.extend_from_slice(itoa::Buffer::new().format(n as i64).as_bytes());
    } else {
        let _ = write!(buf, "{n}");
    }
    buf.extend_from_slice(b"</v></c>");
}

/// The rest of an inline text cell after its reference: the text within Excel's cell limit, escaped.
fn text_cell(buf: &mut Vec<u8>, text: &str) {
    // Within Excel's limit (rust_xlsxwriter would refuse a longer text).
    let text = fit_cell(text);
    let preserve = |c: char| matches!(c, '\t' | '\n' | ' ');
    buf.extend_from_slice(b"\" t=\"inlineStr\"><is><t");
    if text.starts_with(preserve) || text.ends_with(preserve) {
        buf.extend_from_slice(b" xml:space=\"preserve\"");
    }
    buf.push(b'>');
    super::xlsx_text::push_escaped(buf, &text);
    buf.extend_from_slice(b"</t></is></c>");
}
