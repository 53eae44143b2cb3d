//! A typed table: one sheet of one export, polars inside, cell provenance kept.
//!
//! Every table has the canonical columns that were found, typed, plus
//! `_row` (the row number a spreadsheet user sees) and `locatie_id` (filled
//! from the single location when the export holds one). With the file and the
//! sheet kept on the table, every value can be traced to its cell.

use std::collections::BTreeSet;

use polars::prelude::*;

use super::schema::{ColumnSpec, ColumnType, SheetKind};
use super::value::{Value, date_to_days, days_to_date};

/// The column that holds each row's spreadsheet row number.
pub const ROW_COLUMN: &str = "_row";

/// How a header of the file was matched to a column of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedColumn {
    /// Canonical Dutch name.
    pub column: &'static str,
    /// The header as the file spells it.
    pub header: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub kind: SheetKind,
    /// The file the sheet was read from (for CSV, the `.csv` file).
    pub file: String,
    /// The sheet's name as the file spells it.
    pub sheet_name: String,
    /// Columns found, in the order of the contract.
    pub matched: Vec<MatchedColumn>,
    /// Cells that could not be read: (row, canonical column).
    pub(crate) unreadable: BTreeSet<(u32, &'static str)>,
    pub(crate) df: DataFrame,
}

impl Table {
    pub fn len(&self) -> usize {
        self.df.height()
    }

    pub fn is_empty(&self) -> bool {
        self.df.height() == 0
    }

    /// True when the file has this column (canonical name).
    pub fn has_column(&self, column: &str) -> bool {
        column == "locatie_id" || self.matched.iter().any(|m| m.column == column)
    }

    /// The spreadsheet row number of record `i`.
    pub fn row_number(&self, i: usize) -> u32 {
        match self.df.column(ROW_COLUMN).and_then(|c| c.get(i)) {
            Ok(AnyValue::UInt32(r)) => r,
            _ => 0,
        }
    }

    /// True when the cell at record `i` of `column` could not be read.
    pub fn is_unreadable(&self, i: usize, column: &str) -> bool {
        let row = self.row_number(i);
        self.unreadable.iter().any(|(r, c)| *r == row && *c == column)
    }

    /// The typed value of record `i` in `column` (canonical name);
    /// `Value::Empty` when the column is absent, the cell empty or unreadable.
    pub fn value(&self, column: &str, i: usize) -> Value {
        let Ok(col) = self.df.column(column) else {
            return Value::Empty;
        };
        match col.get(i) {
            Ok(AnyValue::String(s)) => Value::Text(s.to_string()),
            Ok(AnyValue::StringOwned(s)) => Value::Text(s.to_string()),
            Ok(AnyValue::Date(d)) => days_to_date(d).map_or(Value::Empty, Value::Date),
            Ok(AnyValue::Float64(n)) => Value::Number(n),
            Ok(AnyValue::Int64(n)) => Value::Int(n),
            Ok(AnyValue::Boolean(b)) => Value::Bool(b),
            _ => Value::Empty,
        }
    }

    /// The data frame, for the rules stage.
    pub fn frame(&self) -> &DataFrame {
        &self.df
    }
}

/// Collects typed values column by column, then becomes a [`Table`].
pub(crate) struct TableBuilder {
    rows: Vec<u32>,
    locations: Vec<Option<String>>,
    columns: Vec<(&'static ColumnSpec, Vec<Value>)>,
}

impl TableBuilder {
    pub fn new(columns: Vec<&'static ColumnSpec>) -> Self {
        TableBuilder {
            rows: Vec::new(),
            locations: Vec::new(),
            columns: columns.into_iter().map(|c| (c, Vec::new())).collect(),
        }
    }

    /// Adds a record; `values` are in the order the builder's columns were given.
    pub fn push(&mut self, row: u32, location: Option<String>, values: Vec<Value>) {
        self.rows.push(row);
        self.locations.push(location);
        for ((_, col), v) in self.columns.iter_mut().zip(values) {
            col.push(v);
        }
    }

    pub fn finish(self) -> PolarsResult<DataFrame> {
        let height = self.rows.len();
        let mut cols: Vec<Column> =
            vec![Column::new(ROW_COLUMN.into(), self.rows), Column::new("locatie_id".into(), self.locations)];
        for (spec, values) in self.columns {
            if spec.name == "locatie_id" {
                continue;
            }
            cols.push(to_column(spec, values));
        }
        DataFrame::new(height, cols)
    }
}

fn to_column(spec: &ColumnSpec, values: Vec<Value>) -> Column {
    let name: PlSmallStr = spec.name.into();
    match spec.ty {
        ColumnType::Text | ColumnType::Code(_) => {
            let v: Vec<Option<String>> =
                values.into_iter().map(|v| if let Value::Text(t) = v { Some(t) } else { None }).collect();
            Column::new(name, v)
        }
        ColumnType::Date => {
            let v: Vec<Option<i32>> = values.iter().map(|v| v.as_date().map(date_to_days)).collect();
            Series::new(name, v).into_date().into()
        }
        ColumnType::Number => {
            let v: Vec<Option<f64>> = values.iter().map(Value::as_number).collect();
            Column::new(name, v)
        }
        ColumnType::Integer { .. } => {
            let v: Vec<Option<i64>> = values.iter().map(Value::as_int).collect();
            Column::new(name, v)
        }
        ColumnType::Bool => {
            let v: Vec<Option<bool>> = values.iter().map(Value::as_bool).collect();
            Column::new(name, v)
        }
    }
}

impl Table {
    /// Fills an empty `locatie_id` with the export's single location.
    pub(crate) fn fill_location(&mut self, id: &str) {
        let filled: Vec<Option<String>> =
            (0..self.len()).map(|i| Some(self.value("locatie_id", i).as_text().unwrap_or(id).to_string())).collect();
        let column = Column::new("locatie_id".into(), filled);
        if let Err(e) = self.df.with_column(column) {
            // Same height by construction; keep the table as it was if not.
            debug_assert!(false, "fill_location: {e}");
        }
    }
}
