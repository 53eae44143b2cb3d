//! Building one typed table from one raw sheet: header matching, then typing.
//!
//! Cost: O(cells) once; a coded column types each distinct spelling once.

use foldhash::{HashMap, HashMapExt};

use super::cells::type_cell;
use super::privacy::is_identifying;
use super::schema::{ColumnSpec, ColumnType, Required, SheetKind};
use super::table::{MatchedColumn, Table, TableBuilder};
use super::value::Value;
use crate::findings::{FindingKind, InputFinding};
use crate::ingest::{RawCell, RawSheet};

/// Builds the typed table of one sheet. Returns `None` (with a finding) when
/// the sheet has no header row.
pub fn build_table(kind: SheetKind, sheet: &RawSheet, findings: &mut Vec<InputFinding>) -> Option<Table> {
    let Some(header) = sheet.rows.first() else {
        findings.push(InputFinding::sheet(&sheet.file, kind.name(), None, FindingKind::EmptySheet));
        return None;
    };
    let rows = sheet.rows.len().saturating_sub(1);
    let mut typer = SheetTyper::new(kind, &sheet.file, &sheet.name, &header.cells, rows, findings);
    for row in sheet.rows.iter().skip(1) {
        typer.push(row.number, &row.cells, findings);
    }
    Some(typer.finish())
}

/// Types the rows of one sheet as they come, after its header row: a sheet
/// read whole and a CSV file read row by row are typed the same way.
pub(super) struct SheetTyper {
    kind: SheetKind,
    file: String,
    sheet_name: String,
    matched: Vec<MatchedColumn>,
    /// (position in the row, column spec) of every matched column, in contract order.
    positions: Vec<(usize, &'static ColumnSpec)>,
    /// The builder's column of each matched column.
    targets: Vec<usize>,
    /// Coded columns hold few distinct spellings: each is typed once.
    codes: Vec<HashMap<compact_str::CompactString, Result<Value, FindingKind>>>,
    builder: TableBuilder,
}

impl SheetTyper {
    /// Matches the header row's cells to the contract's columns (findings for
    /// duplicate, missing and identifying columns); `rows`: about how many
    /// records will follow (0 when not known).
    pub(super) fn new(
        kind: SheetKind,
        file: &str,
        sheet_name: &str,
        header: &[RawCell],
        rows: usize,
        findings: &mut Vec<InputFinding>,
    ) -> SheetTyper {
        let canonical = kind.name();
        // Header matching: (position in the row, column spec).
        let mut positions: Vec<(usize, &'static ColumnSpec)> = Vec::new();
        let mut matched: Vec<MatchedColumn> = Vec::new();
        for (pos, cell) in header.iter().enumerate() {
            let text = cell.display().trim().to_string();
            if text.is_empty() {
                continue;
            }
            match kind.column_named(&text) {
                Some(spec) => {
                    if matched.iter().any(|m| m.column == spec.name) {
                        let f = FindingKind::DuplicateColumn { header: text.clone() };
                        findings.push(InputFinding::sheet(file, canonical, Some(spec.name), f));
                    } else {
                        positions.push((pos, spec));
                        matched.push(MatchedColumn { column: spec.name, header: text });
                    }
                }
                None if kind.is_about_people() && is_identifying(&text) => {
                    let f = FindingKind::PrivacyColumn { header: text.clone() };
                    findings.push(InputFinding::sheet(file, canonical, Some(&text), f));
                }
                None => {}
            }
        }
        report_missing_columns(kind, file, &matched, findings);

        // Keep contract order in the table.
        let order = kind.known_columns();
        positions.sort_by_key(|(_, spec)| order.iter().position(|c| c.name == spec.name));
        matched.sort_by_key(|m| order.iter().position(|c| c.name == m.column));

        let specs: Vec<&'static ColumnSpec> = positions.iter().map(|(_, s)| *s).collect();
        let builder = TableBuilder::new(&specs, rows);
        let targets: Vec<usize> = specs.iter().map(|s| builder.index_of(s.name)).collect();
        let codes = specs.iter().map(|_| HashMap::new()).collect();
        let (file, sheet_name) = (file.to_string(), sheet_name.to_string());
        SheetTyper { kind, file, sheet_name, matched, positions, targets, codes, builder }
    }

    /// Types one record's cells (a missing cell is empty); cells that cannot
    /// be read become findings.
    pub(super) fn push(&mut self, number: u32, cells: &[RawCell], findings: &mut Vec<InputFinding>) {
        let empty = RawCell::Empty;
        self.builder.start_row(number);
        for (k, (pos, spec)) in self.positions.iter().enumerate() {
            let cell = cells.get(*pos).unwrap_or(&empty);
            let typed = match (spec.ty, cell, self.codes.get_mut(k)) {
                (ColumnType::Code(_), RawCell::Text(t), Some(cache)) => match cache.get(t.as_str()) {
                    Some(r) => r.clone(),
                    None => {
                        let r = type_cell(cell, spec);
                        cache.insert(t.clone(), r.clone());
                        r
                    }
                },
                _ => type_cell(cell, spec),
            };
            let col = self.targets.get(k).copied().unwrap_or(0);
            match typed {
                Ok(v) => self.builder.set(col, v),
                Err(kind) => {
                    let shown = cell.display();
                    let value = (!cell.is_blank()).then_some(shown.as_str());
                    let sheet = self.kind.name();
                    findings.push(InputFinding::cell(&self.file, sheet, number, Some(spec.name), value, kind));
                    self.builder.set_unreadable(col);
                }
            }
        }
    }

    pub(super) fn finish(self) -> Table {
        let (rows, columns) = self.builder.finish();
        Table {
            kind: self.kind,
            file: self.file,
            sheet_name: self.sheet_name,
            matched: self.matched,
            rows,
            columns,
            by_location: HashMap::new(),
        }
    }
}

/// Required columns, and one-of groups none of whose columns is present.
fn report_missing_columns(kind: SheetKind, file: &str, matched: &[MatchedColumn], findings: &mut Vec<InputFinding>) {
    let spec = kind.spec();
    let has = |name: &str| matched.iter().any(|m| m.column == name);
    let mut groups_done: Vec<&str> = Vec::new();
    for col in spec.columns {
        let expected: Vec<&ColumnSpec> = match col.required {
            Required::Yes if !has(col.name) => vec![col],
            Required::OneOf(group) if !groups_done.contains(&group) => {
                groups_done.push(group);
                let members: Vec<&ColumnSpec> =
                    spec.columns.iter().filter(|c| c.required == Required::OneOf(group)).collect();
                if members.iter().any(|c| has(c.name)) {
                    continue;
                }
                members
            }
            _ => continue,
        };
        let f = FindingKind::MissingColumn {
            expected: expected.iter().map(|c| c.name.to_string()).collect(),
            aliases: expected.iter().filter(|c| c.alias != c.name).map(|c| c.alias.to_string()).collect(),
        };
        let column = expected.first().map(|c| c.name);
        findings.push(InputFinding::sheet(file, kind.name(), column, f));
    }
}
