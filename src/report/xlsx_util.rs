//! Shared parts of the XLSX reports: a sheet written as a table with a bold,
//! frozen header, filters on, readable widths, real dates, and text that can
//! never become a formula.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

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

/// A new workbook with fixed document properties, so the same report gives
/// the same bytes.
pub fn new_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    Ok(wb)
}

/// Writes a table as a sheet. `date_format` is the number format for dates
/// (`d-m-yyyy` in Dutch, `yyyy-mm-dd` in English).
pub fn write_table(wb: &mut Workbook, table: &SheetTable, date_format: &str) -> Result<(), XlsxError> {
    let header =
        Format::new().set_bold().set_background_color("#E6E6E6").set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date = Format::new().set_num_format(date_format);
    let number = Format::new().set_num_format("#,##0.0#");
    let name: String = table.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(&name)?;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                // write_string always writes text: `=SUM(A1)` stays text, never a formula.
                XCell::Text(t) => {
                    ws.write_string(r, col, t)?;
                    t.chars().count()
                }
                XCell::Number(n) if n.is_finite() => {
                    ws.write_number_with_format(r, col, *n, &number)?;
                    10
                }
                XCell::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                    n.to_string().len()
                }
                XCell::Date(d) => {
                    let year = u16::try_from(d.year()).unwrap_or(0);
                    match ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8) {
                        Ok(x) => ws.write_datetime_with_format(r, col, &x, &date)?,
                        // Outside Excel's calendar (before 1900): the date as text.
                        Err(_) => ws.write_string(r, col, d.format("%Y-%m-%d").to_string())?,
                    };
                    10
                }
                XCell::Number(_) | XCell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = table.headers.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    Ok(())
}

/// The workbook's bytes.
pub fn to_bytes(mut wb: Workbook) -> Result<Vec<u8>, XlsxError> {
    wb.save_to_buffer()
}
