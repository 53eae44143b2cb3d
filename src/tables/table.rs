//! A typed table: one sheet of one export, one typed vector per column, cell
//! provenance kept.
//!
//! Every table has the canonical columns that were found, typed, plus each
//! record's spreadsheet row number and `locatie_id` (filled from the single
//! location when the export holds one). With the file and the sheet kept on
//! the table, every value can be traced to its cell.
//!
//! Cost: built once in O(rows x columns); a cell is read in O(1) (a column
//! is found among the sheet's few columns, then indexed); the records of a
//! location come from an index made in one O(rows) pass, not from a scan.

use foldhash::{HashMap, HashMapExt};

use chrono::NaiveDate;
use polars::prelude::{Column as PlColumn, DataFrame, IntoColumn, NamedFrom, PolarsResult, Series};

use super::schema::{ColumnSpec, ColumnType};
use super::text_column::TextColumn;
use super::value::{Value, date_to_days};

/// How a header of the file was matched to a column of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedColumn {
    /// Canonical Dutch name.
    pub column: &'static str,
    /// The header as the file spells it.
    pub header: String,
}

/// The typed values of one column, one entry per record (`None`: empty or unreadable).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    Text(TextColumn),
    Date(Vec<Option<NaiveDate>>),
    Number(Vec<Option<f64>>),
    Int(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
}

impl ColumnData {
    fn empty(ty: ColumnType, rows: usize) -> ColumnData {
        match ty {
            ColumnType::Text | ColumnType::Code(_) => ColumnData::Text(TextColumn::with_capacity(rows)),
            ColumnType::Date => ColumnData::Date(Vec::with_capacity(rows)),
            ColumnType::Number => ColumnData::Number(Vec::with_capacity(rows)),
            ColumnType::Integer { .. } => ColumnData::Int(Vec::with_capacity(rows)),
            ColumnType::Bool => ColumnData::Bool(Vec::with_capacity(rows)),
        }
    }

    /// Appends a value; a value of another type than the column's becomes empty.
    fn push(&mut self, v: Value) {
        match self {
            ColumnData::Text(c) => c.push(if let Value::Text(t) = v { Some(t) } else { None }),
            ColumnData::Date(c) => c.push(v.as_date()),
            ColumnData::Number(c) => c.push(v.as_number()),
            ColumnData::Int(c) => c.push(v.as_int()),
            ColumnData::Bool(c) => c.push(v.as_bool()),
        }
    }

    fn get(&self, i: usize) -> Value {
        let v = match self {
            ColumnData::Text(c) => c.get(i).cloned().map(Value::Text),
            ColumnData::Date(c) => c.get(i).copied().flatten().map(Value::Date),
            ColumnData::Number(c) => c.get(i).copied().flatten().map(Value::Number),
            ColumnData::Int(c) => c.get(i).copied().flatten().map(Value::Int),
            ColumnData::Bool(c) => c.get(i).copied().flatten().map(Value::Bool),
        };
        v.unwrap_or(Value::Empty)
    }
}

/// One column of a table: its canonical name, values, and which cells could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedColumn {
    pub name: &'static str,
    pub data: ColumnData,
    /// `unreadable[i]` for record `i`; empty when every cell could be read.
    unreadable: Vec<bool>,
}

impl TypedColumn {
    /// True when the cell of record `i` could not be read.
    pub fn is_unreadable(&self, i: usize) -> bool {
        self.unreadable.get(i).copied().unwrap_or(false)
    }

    pub fn text(&self, i: usize) -> Option<&str> {
        match &self.data {
            ColumnData::Text(c) => c.get(i).map(crate::ingest::CellText::as_str),
            _ => None,
        }
    }

    pub fn date(&self, i: usize) -> Option<NaiveDate> {
        match &self.data {
            ColumnData::Date(c) => c.get(i).copied().flatten(),
            _ => None,
        }
    }

    pub fn value(&self, i: usize) -> Value {
        self.data.get(i)
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub kind: super::schema::SheetKind,
    /// The file the sheet was read from (for CSV, the `.csv` file).
    pub file: String,
    /// The sheet's name as the file spells it.
    pub sheet_name: String,
    /// Columns found, in the order of the contract.
    pub matched: Vec<MatchedColumn>,
    /// The spreadsheet row number of every record.
    pub(crate) rows: Vec<u32>,
    /// Every typed column; `locatie_id` first, always present.
    pub(crate) columns: Vec<TypedColumn>,
    /// Record indices per `locatie_id`, in record order (made by [`Table::index_locations`]).
    pub(crate) by_location: HashMap<String, Vec<usize>>,
}

impl Table {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// True when the file has this column (canonical name).
    pub fn has_column(&self, column: &str) -> bool {
        column == "locatie_id" || self.matched.iter().any(|m| m.column == column)
    }

    /// The typed column, when the table has it.
    pub fn column(&self, column: &str) -> Option<&TypedColumn> {
        self.columns.iter().find(|c| c.name == column)
    }

    /// The spreadsheet row number of record `i`.
    pub fn row_number(&self, i: usize) -> u32 {
        self.rows.get(i).copied().unwrap_or(0)
    }

    /// True when the cell at record `i` of `column` could not be read.
    pub fn is_unreadable(&self, i: usize, column: &str) -> bool {
        self.column(column).is_some_and(|c| c.is_unreadable(i))
    }

    /// The typed value of record `i` in `column` (canonical name);
    /// `Value::Empty` when the column is absent, the cell empty or unreadable.
    pub fn value(&self, column: &str, i: usize) -> Value {
        self.column(column).map_or(Value::Empty, |c| c.value(i))
    }

    /// The text of record `i` in a text or coded column, without copying it.
    pub fn text(&self, column: &str, i: usize) -> Option<&str> {
        self.column(column).and_then(|c| c.text(i))
    }

    /// The records of one location, in record order (none for an unknown id).
    pub fn rows_of(&self, location: &str) -> &[usize] {
        self.by_location.get(location).map_or(&[], Vec::as_slice)
    }

    /// The table as a polars data frame (`_row`, then every column), for
    /// column-wise aggregation; built on demand, O(rows x columns).
    pub fn frame(&self) -> DataFrame {
        // Every column has one entry per record, so the frame always builds.
        self.try_frame().unwrap_or_else(|_| DataFrame::empty())
    }

    fn try_frame(&self) -> PolarsResult<DataFrame> {
        let mut cols = vec![PlColumn::new("_row".into(), self.rows.clone())];
        for c in &self.columns {
            let name = c.name.into();
            cols.push(match &c.data {
                ColumnData::Text(v) => PlColumn::new(name, v.iter().map(|t| t.map(|t| t.as_str())).collect::<Vec<_>>()),
                ColumnData::Date(v) => {
                    let days: Vec<Option<i32>> = v.iter().map(|d| d.map(date_to_days)).collect();
                    Series::new(name, days).into_date().into_column()
                }
                ColumnData::Number(v) => PlColumn::new(name, v.clone()),
                ColumnData::Int(v) => PlColumn::new(name, v.clone()),
                ColumnData::Bool(v) => PlColumn::new(name, v.clone()),
            });
        }
        DataFrame::new(self.len(), cols)
    }

    /// Fills an empty `locatie_id` with the export's single location.
    pub(crate) fn fill_location(&mut self, id: &str) {
        if let Some(ColumnData::Text(v)) = self.columns.first_mut().map(|c| &mut c.data) {
            v.fill_empty(id);
        }
    }

    /// Groups the records by `locatie_id` in one pass.
    pub(crate) fn index_locations(&mut self) {
        let mut by_location: HashMap<String, Vec<usize>> = HashMap::new();
        if let Some(ColumnData::Text(v)) = self.columns.first().map(|c| &c.data) {
            // Rows come grouped by location in most files: a run of rows of
            // one location is gathered before its id is looked up once.
            // Equal codes are equal ids: a run is followed by its code.
            let mut run: Option<(u32, Vec<usize>)> = None;
            let id_of = |code_row: usize| v.get(code_row).map(|t| t.to_string()).unwrap_or_default();
            for i in 0..v.len() {
                let code = v.code(i);
                if code == 0 {
                    continue;
                }
                match &mut run {
                    Some((current, rows)) if *current == code => rows.push(i),
                    _ => {
                        if let Some((_, rows)) = run.replace((code, vec![i])) {
                            let first = rows.first().copied().unwrap_or(0);
                            by_location.entry(id_of(first)).or_default().extend(rows);
                        }
                    }
                }
            }
            if let Some((_, rows)) = run {
                let first = rows.first().copied().unwrap_or(0);
                by_location.entry(id_of(first)).or_default().extend(rows);
            }
        }
        self.by_location = by_location;
    }
}

/// Collects typed values column by column, then becomes a [`Table`]'s columns.
pub(crate) struct TableBuilder {
    rows: Vec<u32>,
    /// `locatie_id` first, then the sheet's other matched columns.
    columns: Vec<TypedColumn>,
}

impl TableBuilder {
    /// `columns`: the matched columns in contract order (`locatie_id` among them or not);
    /// `rows`: about how many records there will be (room is made for them at once:
    /// a column grown step by step held up to three times its size while copied).
    pub fn new(columns: &[&'static ColumnSpec], rows: usize) -> Self {
        let location = TypedColumn {
            name: "locatie_id",
            data: ColumnData::Text(TextColumn::with_capacity(rows)),
            unreadable: Vec::new(),
        };
        let others = columns.iter().filter(|c| c.name != "locatie_id").map(|c| TypedColumn {
            name: c.name,
            data: ColumnData::empty(c.ty, rows),
            unreadable: Vec::new(),
        });
        TableBuilder { rows: Vec::with_capacity(rows), columns: std::iter::once(location).chain(others).collect() }
    }

    /// The builder's column index of a matched column.
    pub fn index_of(&self, name: &str) -> usize {
        self.columns.iter().position(|c| c.name == name).unwrap_or(0)
    }

    /// Starts a record; every column then gets exactly one [`TableBuilder::set`]
    /// or stays empty.
    pub fn start_row(&mut self, row: u32) {
        self.rows.push(row);
        for c in &mut self.columns {
            c.data.push(Value::Empty);
        }
    }

    /// Sets the value of the last record in column `col` (from [`TableBuilder::index_of`]).
    pub fn set(&mut self, col: usize, value: Value) {
        let Some(c) = self.columns.get_mut(col) else { return };
        match (&mut c.data, value) {
            (ColumnData::Text(v), Value::Text(t)) => v.set_last(t),
            (ColumnData::Date(v), Value::Date(d)) => set_last(v, d),
            (ColumnData::Number(v), x) => {
                if let Some(n) = x.as_number() {
                    set_last(v, n);
                }
            }
            (ColumnData::Int(v), Value::Int(n)) => set_last(v, n),
            (ColumnData::Bool(v), Value::Bool(b)) => set_last(v, b),
            _ => {}
        }
    }

    /// Marks the cell of the last record in column `col` unreadable.
    pub fn set_unreadable(&mut self, col: usize) {
        let height = self.rows.len();
        let Some(c) = self.columns.get_mut(col) else { return };
        c.unreadable.resize(height, false);
        if let Some(last) = c.unreadable.last_mut() {
            *last = true;
        }
    }

    pub fn finish(mut self) -> (Vec<u32>, Vec<TypedColumn>) {
        for c in &mut self.columns {
            if let ColumnData::Text(v) = &mut c.data {
                v.finish();
            }
        }
        (self.rows, self.columns)
    }
}

fn set_last<T>(v: &mut [Option<T>], value: T) {
    if let Some(slot) = v.last_mut() {
        *slot = Some(value);
    }
}
