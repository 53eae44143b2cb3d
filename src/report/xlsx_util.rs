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

/// The most characters an XLSX cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most rows an XLSX sheet holds.
const MAX_ROWS: usize = 1_048_576;

/// Text within a cell's limit: a longer text is cut and ends in `… [+N]`, N the characters left out, so the
/// cut is visible and the report is still written.
pub fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let total = text.chars().count();
    if total <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    // The marker's length depends on N; 16 characters always leave room for it.
    let keep = MAX_CELL_CHARS - 16;
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(&format!("… [+{}]", total - keep));
    std::borrow::Cow::Owned(out)
}

/// A new workbook with fixed document properties, so the same report gives
/// the same bytes. Its parts are compressed at zip level 2: at level 6 (the
/// default) compressing took over half the time of a national workbook
/// (1,500 locations), for a file a sixth smaller (1.9 MB against 2.3 MB);
/// level 3 takes some 5 % more of a whole run with every format than level 2
/// (zlib-rs's "medium" strategy against its "fast" one) for a file 5 %
/// smaller (2.39 against 2.51 MB); level 1 made it 3.4 MB.
pub fn new_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(2);
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    Ok(wb)
}

/// From this many rows on, a sheet is written row after row with its texts
/// in the shared string table ("low memory" mode of rust_xlsxwriter): the
/// cells are not kept in memory until the workbook is saved. A third faster
/// for the national findings sheet (1,500 locations x 20 rules); the same
/// cells, texts and layout.
const ROW_BY_ROW_FROM: usize = 5_000;

/// The number of characters of `n` written out (a column's width).
fn digits(n: i64) -> usize {
    let mut buf = [0u8; 20];
    usize::from(n < 0) + crate::results::result::decimal_digits(n.unsigned_abs(), &mut buf).len()
}

/// Writes a table as a sheet. `date_format` is the number format for dates
/// (`d-m-yyyy` in Dutch, `yyyy-mm-dd` in English).
pub fn write_table(wb: &mut Workbook, table: &SheetTable, date_format: &str) -> Result<(), XlsxError> {
    write_tables(wb, std::slice::from_ref(table), date_format).map_err(|(_, e)| e)
}

/// Writes tables as sheets, in their order, as [`write_table`] one by one
/// would, but side by side: the sheets kept in memory are filled in
/// parallel with each other and with those written row after row; the
/// latter are filled one after another, in order, because they add their
/// texts to the workbook's shared string table as they go (its order must
/// not depend on timing; the others add theirs when the workbook is saved).
/// `Err` names the index of the first table in order that failed.
pub fn write_tables(wb: &mut Workbook, tables: &[SheetTable], date_format: &str) -> Result<(), (usize, XlsxError)> {
    use rayon::prelude::*;
    let mut sheets: Vec<(Worksheet, bool)> = tables.iter().map(|t| new_sheet(wb, t.rows.len())).collect();
    let (row_by_row, in_memory): (Vec<_>, Vec<_>) =
        sheets.iter_mut().zip(tables).enumerate().partition(|(_, ((_, row_by_row), _))| *row_by_row);
    let fill =
        |(i, (sheet, t)): (usize, (&mut (Worksheet, bool), &SheetTable))| (i, fill_sheet(&mut sheet.0, t, date_format));
    let (in_order, side_by_side): (Vec<_>, Vec<_>) =
        rayon::join(|| row_by_row.into_iter().map(fill).collect(), || in_memory.into_par_iter().map(fill).collect());
    let first_error =
        in_order.into_iter().chain(side_by_side).filter_map(|(i, r)| r.err().map(|e| (i, e))).min_by_key(|(i, _)| *i);
    if let Some(error) = first_error {
        return Err(error);
    }
    for (ws, _) in sheets {
        wb.push_worksheet(ws);
    }
    Ok(())
}

/// A sheet of `wb` for a table of `rows` rows, not yet in the workbook:
/// written row after row (true) from [`ROW_BY_ROW_FROM`] rows on, when a
/// temporary file can be made; else kept in memory.
fn new_sheet(wb: &mut Workbook, rows: usize) -> (Worksheet, bool) {
    if rows >= ROW_BY_ROW_FROM
        && let Ok(ws) = wb.new_worksheet_with_low_memory()
    {
        return (ws, true);
    }
    (Worksheet::new(), false)
}

/// Fills `ws` with `table`: name, header, rows, widths, panes and filter.
fn fill_sheet(ws: &mut Worksheet, table: &SheetTable, date_format: &str) -> Result<(), XlsxError> {
    let header =
        Format::new().set_bold().set_background_color("#E6E6E6").set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date = Format::new().set_num_format(date_format);
    let number = Format::new().set_num_format("#,##0.0#");
    let name: String = table.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    ws.set_name(&name)?;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, fit_cell(h).as_ref(), &header)?;
    }
    // Rows past the sheet's limit are left out; the last row says how many
    // (written after the rows: a large sheet is written row after row).
    let room = MAX_ROWS - 2;
    let cut = table.rows.len().saturating_sub(room);
    for (r, row) in table.rows.iter().take(room).enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                // write_string always writes text: `=SUM(A1)` stays text, never a formula.
                XCell::Text(t) => {
                    let t = fit_cell(t);
                    ws.write_string(r, col, t.as_ref())?;
                    t.chars().count().min(60)
                }
                XCell::Number(n) if n.is_finite() => {
                    ws.write_number_with_format(r, col, *n, &number)?;
                    10
                }
                XCell::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                    digits(*n)
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
    if cut > 0 {
        ws.write_string((room + 1) as u32, 0, format!("… [+{cut}]"))?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = table.headers.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len().min(room) as u32, last_col)?;
    Ok(())
}

/// The workbook's bytes.
pub fn to_bytes(mut wb: Workbook) -> Result<Vec<u8>, XlsxError> {
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of the first sheet of an XLSX, as calamine reads it.
    fn cells_of(bytes: Vec<u8>) -> Vec<Vec<calamine::Data>> {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX");
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).expect("the sheet");
        range.rows().map(<[calamine::Data]>::to_vec).collect()
    }

    #[test]
    fn a_large_table_written_row_after_row_reads_back_the_same() -> Result<(), XlsxError> {
        use calamine::Data;
        // One row under the threshold (kept in memory) and one at it (row after row).
        for n in [ROW_BY_ROW_FROM - 2, ROW_BY_ROW_FROM] {
            let rows: Vec<Vec<XCell>> = (0..n)
                .map(|i| {
                    let text = if i % 3 == 0 { XCell::Text(format!("loc {}", i % 7)) } else { XCell::Empty };
                    vec![text, XCell::Int(i as i64), XCell::Number(i as f64 / 4.0)]
                })
                .collect();
            let table = SheetTable { name: "t".into(), headers: vec!["a".into(), "b".into(), "c".into()], rows };
            let mut wb = new_workbook("t")?;
            write_table(&mut wb, &table, "yyyy-mm-dd")?;
            let cells = cells_of(to_bytes(wb)?);
            assert_eq!(cells.len(), n + 1, "{n} rows and the header");
            assert_eq!(cells[0], [Data::String("a".into()), Data::String("b".into()), Data::String("c".into())]);
            for (i, row) in cells[1..].iter().enumerate() {
                let text = if i % 3 == 0 { Data::String(format!("loc {}", i % 7)) } else { Data::Empty };
                assert_eq!(row, &[text, Data::Float(i as f64), Data::Float(i as f64 / 4.0)], "row {i} of {n}");
            }
        }
        Ok(())
    }

    #[test]
    fn tables_written_side_by_side_give_the_bytes_of_one_by_one() -> Result<(), XlsxError> {
        let table = |name: &str, n: usize, k: usize| SheetTable {
            name: name.into(),
            headers: vec!["id".into(), "tekst".into(), "getal".into()],
            rows: (0..n)
                .map(|i| {
                    vec![
                        XCell::Text(format!("{name} {}", i % k)),
                        XCell::Text(format!("t{}", i % 3)),
                        XCell::Int(i as i64),
                    ]
                })
                .collect(),
        };
        // Two large sheets (row after row) and three small ones, interleaved.
        let tables = vec![
            table("a", 10, 4),
            table("b", ROW_BY_ROW_FROM + 3, 50),
            table("c", 200, 7),
            table("d", ROW_BY_ROW_FROM, 9),
            table("e", 1, 1),
        ];
        let mut one_by_one = new_workbook("t")?;
        for t in &tables {
            write_table(&mut one_by_one, t, "yyyy-mm-dd")?;
        }
        let mut side_by_side = new_workbook("t")?;
        write_tables(&mut side_by_side, &tables, "yyyy-mm-dd").map_err(|(_, e)| e)?;
        assert!(to_bytes(one_by_one)? == to_bytes(side_by_side)?);
        Ok(())
    }

    #[test]
    fn digits_counts_the_characters_of_a_number() {
        for n in [0, 7, 9, 10, 99, 100, -1, -10, 123_456, i64::MAX, i64::MIN] {
            assert_eq!(digits(n), n.to_string().len(), "{n}");
        }
    }

    #[test]
    fn a_text_over_the_cell_limit_is_cut_visibly_and_the_workbook_is_written() -> Result<(), XlsxError> {
        let long = "é".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS - 16 + "… [+7249]".chars().count());
        assert!(cut.ends_with("… [+7249]"), "{}", &cut[cut.len() - 20..]);
        assert!(matches!(fit_cell(&"x".repeat(MAX_CELL_CHARS)), std::borrow::Cow::Borrowed(_)));
        let mut wb = new_workbook("t")?;
        let table = SheetTable { name: "s".into(), headers: vec![long.clone()], rows: vec![vec![XCell::Text(long)]] };
        write_table(&mut wb, &table, "yyyy-mm-dd")?;
        assert!(!to_bytes(wb)?.is_empty());
        Ok(())
    }
}
