//! Raw sheets: what a reader found in a file, before any typing or naming.

/// A cell's text: up to 24 bytes kept inline, without an allocation of its
/// own (nearly every cell of an export: ids, dates, numbers, codes); reads
/// as a `str`.
pub type CellText = compact_str::CompactString;

/// One cell as the file holds it, before the column's type is known.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Empty,
    Text(CellText),
    Number(f64),
    Bool(bool),
    /// A real spreadsheet date (already converted from the workbook's date system).
    Date(chrono::NaiveDate),
    /// A cell holding a spreadsheet error such as `#REF!`.
    Error(Box<str>),
    /// A slash date that reads both day-first and month-first in a file that shows both orders (the text as is).
    Ambiguous(Box<str>),
}

impl RawCell {
    /// True for empty cells and cells holding only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a user would read it, for findings and header names.
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(t) => t.to_string(),
            RawCell::Number(n) => format_number(*n),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(d) => d.format("%Y-%m-%d").to_string(),
            RawCell::Error(e) | RawCell::Ambiguous(e) => e.to_string(),
        }
    }
}

/// Shortest faithful text of a number: `3` rather than `3.0`.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// One row of a sheet with the row number a user sees (1-based; for CSV the
/// record's number with the header as row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub number: u32,
    pub cells: Vec<RawCell>,
}

/// One sheet (or CSV file) as read: its name as the file spells it, and its rows.
/// Rows that are entirely blank are already left out; row numbers keep gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSheet {
    /// The sheet's name in the workbook, or the CSV file's stem.
    pub name: String,
    /// The file this sheet was read from (for a CSV folder, the `.csv` file).
    pub file: String,
    pub rows: Vec<RawRow>,
}

#[cfg(test)]
mod tests {
    /// An export of a whole country holds tens of millions of cells, each a
    /// `RawCell` until it is typed: its text inline, the rarer texts
    /// (errors, ambiguous dates) boxed, so the cell is the size of its text.
    #[test]
    fn a_cell_is_the_size_of_its_inline_text() {
        assert_eq!(std::mem::size_of::<super::RawCell>(), std::mem::size_of::<super::CellText>());
    }
}
