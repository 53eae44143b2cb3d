//! A CSV folder read row by row into one sink per file, for a reader that types rows as they come and so never
//! holds the export's raw cells (a whole country's export is some 300 MB of text, twice that as raw cells).
//!
//! The files are the ones [`super::read_source`] reads, read in parallel with the same reader: every sink sees the
//! rows, row numbers and cells that the raw sheet of its file would hold. What a sink cannot see is how the folder's
//! slash dates read (export-format.md *Cell values*): that is a decision about every file of the save, known only
//! once all are read. The folder's [`Evidence`] comes back with the files; when it decides anything but day-first,
//! the caller reads the folder again as raw sheets, which [`super::month_first::settle`] rewrites or marks.
//!
//! Cost: as [`super::csv_folder`] for each file, plus one byte search per cell for a `/`; no cell is kept here.

use std::path::Path;

use super::csv_folder::{self, CsvError};
use super::month_first::Evidence;
use super::raw::RawCell;
use super::{csv_files, csv_sheet_kind, csv_sheet_name, display_path, refusal_finding};
use crate::findings::{FindingKind, InputFinding};

/// Takes one file's rows, in order, and becomes what the caller keeps of the file.
pub trait RowSink: Send {
    type Output: Send;
    /// One row that is not blank: the row number a user sees and its cells (the sink's to take).
    fn row(&mut self, number: u32, cells: &mut Vec<RawCell>);
    fn finish(self) -> Self::Output;
}

/// One file read to its end.
pub struct StreamedFile<T> {
    /// The sheet the file stands for, as its name spells it (see [`super::csv_sheet_kind`]).
    pub name: String,
    /// The file as findings show it.
    pub display: String,
    pub output: T,
}

/// What was read of one CSV folder, file by file.
pub struct StreamedFolder<T> {
    /// The files read, in the order of their names.
    pub files: Vec<StreamedFile<T>>,
    /// Findings about the files that could not be read (their rows count for nothing).
    pub findings: Vec<InputFinding>,
    /// What the slash dates of the files read show.
    pub evidence: Evidence,
}

/// Reads the CSV files of the folder `dir` that stand for sheets, each into the sink `make(name, display)` gives.
pub fn read_csv_folder_into<S: RowSink>(
    dir: &Path,
    make: &(dyn Fn(&str, &str) -> S + Sync),
) -> StreamedFolder<S::Output> {
    use rayon::prelude::*;
    let files: Vec<_> = csv_files(dir).into_iter().filter(|f| csv_sheet_kind(f).is_some()).collect();
    let read: Vec<_> = files
        .par_iter()
        .map(|file| {
            let display = display_path(file);
            let name = csv_sheet_name(file).unwrap_or_default();
            let mut sink = make(&name, &display);
            let mut evidence = Evidence::default();
            let read = csv_folder::read_csv_file_into(file, &mut |number, cells| {
                for cell in cells.iter() {
                    evidence.see(cell);
                }
                sink.row(number, cells);
            });
            (name, display, read.map(|()| (sink.finish(), evidence)))
        })
        .collect();
    let mut folder = StreamedFolder { files: Vec::new(), findings: Vec::new(), evidence: Evidence::default() };
    for (name, display, read) in read {
        match read {
            Ok((output, evidence)) => {
                folder.evidence = folder.evidence.join(evidence);
                folder.files.push(StreamedFile { name, display, output });
            }
            Err(CsvError::Refused(r)) => folder.findings.push(refusal_finding(&display, r)),
            Err(CsvError::Unreadable(reason)) => {
                folder.findings.push(InputFinding::file(&display, FindingKind::UnreadableFile { reason }))
            }
        }
    }
    folder
}
