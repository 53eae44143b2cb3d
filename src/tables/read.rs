//! Reading one export into typed tables: a CSV folder is typed row by row as it is read, so that a whole country's
//! export is never held as raw cells; a workbook (which calamine reads whole) is typed from its raw sheets.
//!
//! A CSV folder's slash dates are read in the order its files show (see [`crate::ingest::month_first`]), which is
//! known only once every file is read. Rows are typed day-first as they come, the contract's default and what nearly
//! every export holds; a folder whose dates show anything else is read again as raw sheets, which are settled and
//! then typed. Either way the export is the one [`assemble`] makes of the raw sheets, finding for finding.
//!
//! Cost: O(cells) to type, as the raw path; memory: the typed columns and one record at a time, not the raw cells.
//! A folder read again costs its reading twice.

use crate::findings::{FindingKind, InputFinding};
use crate::ingest::csv_stream::{self, RowSink};
use crate::ingest::month_first::Order;
use crate::ingest::{self, RawCell, Source};

use super::assemble::{Typed, assemble, assemble_typed};
use super::build::SheetTyper;
use super::export::Export;
use super::schema::SheetKind;

/// Reads and types one export. Never panics: a panic while reading becomes the export's `unreadable_file` finding.
pub fn read_export(source: &Source) -> Export {
    match source {
        Source::CsvFolder(dir) => ingest::isolated(
            source,
            || {
                let folder = csv_stream::read_csv_folder_into(dir, &TypingSink::new);
                if folder.evidence.order() == Order::DayFirst {
                    assemble_typed(source.display(), folder.findings, folder.files)
                } else {
                    assemble(ingest::read_source(source))
                }
            },
            assemble,
        ),
        _ => assemble(ingest::read_source(source)),
    }
}

/// Types one CSV file's rows as they come: the first row is the header.
struct TypingSink {
    /// The sheet the file stands for (`None`: no sheet of the contract; its rows are only read).
    kind: Option<SheetKind>,
    name: String,
    display: String,
    typer: Option<SheetTyper>,
    findings: Vec<InputFinding>,
}

impl TypingSink {
    fn new(name: &str, display: &str) -> TypingSink {
        let (name, display) = (name.to_string(), display.to_string());
        TypingSink { kind: SheetKind::named(&name), name, display, typer: None, findings: Vec::new() }
    }
}

impl RowSink for TypingSink {
    type Output = Typed;

    fn row(&mut self, number: u32, cells: &mut Vec<RawCell>) {
        let Some(kind) = self.kind else { return };
        match &mut self.typer {
            Some(typer) => typer.push(number, cells, &mut self.findings),
            None => {
                self.typer = Some(SheetTyper::new(kind, &self.display, &self.name, cells, 0, &mut self.findings));
            }
        }
    }

    fn finish(mut self) -> Typed {
        let table = match (self.kind, self.typer) {
            (Some(_), Some(typer)) => Some(typer.finish()),
            (Some(kind), None) => {
                let f = InputFinding::sheet(&self.display, kind.name(), None, FindingKind::EmptySheet);
                self.findings.push(f);
                None
            }
            (None, _) => None,
        };
        (table, self.findings)
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
