//! The reading budgets of export-format.md *Limits*: what a file may cost, decided from the data it really holds,
//! never from what it claims; and the refusal of anything that is not a regular file, before it is opened.
//!
//! Cost: one `metadata` call per file; the counters are checked per cell.

use std::fs::Metadata;
use std::path::Path;

use crate::findings::Why;

/// A workbook file larger than this is not read.
pub const MAX_WORKBOOK_BYTES: u64 = 200 * 1024 * 1024;

/// The largest CSV file read (the contract sets no size for CSV files: one
/// export of 50,000 locations holds files of 250 MB). The file is streamed, so
/// reading it costs a few chunks; its rows are held in memory, though, at more
/// than the file's size: this stops a file no export could be.
pub const MAX_CSV_BYTES: u64 = 1024 * 1024 * 1024;
/// A compressed part may expand to at most this many times its own size...
pub const MAX_EXPANSION_RATIO: u64 = 100;
/// ...but a small part always to this much (a 300-byte `workbook.xml` expands well past 100 times in normal files).
pub const EXPANSION_FLOOR_BYTES: u64 = 1024 * 1024;
/// ...and no part past this, whatever its size.
pub const MAX_PART_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// More columns than a spreadsheet program can hold.
pub const MAX_COLUMNS: u32 = 16_384;
/// More characters than a spreadsheet cell can hold.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Cells a sheet may occupy in memory beyond the cells it really holds: the empty cells that pad a row up to its
/// last cell. A row holding `A` and `T` pads 18 cells; a row holding `A` and `XFD` pads 16,382.
pub const PAD_SLACK_CELLS: u64 = 4_000_000;
/// Padding allowed per real cell, on top of [`PAD_SLACK_CELLS`].
pub const PAD_PER_CELL: u64 = 16;
/// Cells a dense sheet (what calamine builds for `.ods` and `.xls`) may span, empty ones included.
pub const MAX_DENSE_CELLS: u64 = 20_000_000;

/// Why a file was not read: one of the two budget findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Over a budget, and which.
    TooLarge(Why),
    /// A device, a pipe, a socket, or a link to one.
    NotARegularFile,
}

/// Looks at a path without opening it: a regular file (or a link to one) gives its metadata; anything else is
/// refused, so a FIFO never blocks the run and `/dev/zero` is never read.
pub fn regular_file(path: &Path) -> Result<Metadata, Refusal> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(m),
        Ok(_) => Err(Refusal::NotARegularFile),
        // A dangling link or a vanished file: let the reader report it as unreadable.
        Err(_) => std::fs::symlink_metadata(path).map_err(|_| Refusal::NotARegularFile),
    }
}

/// The most a compressed part of `compressed` bytes may expand to.
pub fn expansion_limit(compressed: u64) -> u64 {
    compressed.saturating_mul(MAX_EXPANSION_RATIO).clamp(EXPANSION_FLOOR_BYTES, MAX_PART_BYTES)
}

/// Counts the cells a sheet occupies in memory, padding included, and stops at the budget.
#[derive(Debug, Default)]
pub struct CellBudget {
    real: u64,
    held: u64,
}

impl CellBudget {
    /// Records one real cell that makes its row `width` cells wide where it was `before` wide.
    pub fn add(&mut self, before: u32, width: u32) -> Result<(), Refusal> {
        self.real += 1;
        self.held += u64::from(width.saturating_sub(before)).max(1);
        let allowed = PAD_SLACK_CELLS.saturating_add(self.real.saturating_mul(PAD_PER_CELL + 1));
        if self.held > allowed {
            return Err(Refusal::TooLarge(Why::new("io_why_padded", vec![("cells", PAD_SLACK_CELLS.to_string())])));
        }
        Ok(())
    }
}

/// A cell's text within [`MAX_CELL_CHARS`], or the refusal.
pub fn check_cell_text(text: &str) -> Result<(), Refusal> {
    // A byte count at most the limit cannot hold more characters; only longer texts are counted.
    if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
        return Err(Refusal::TooLarge(Why::new("io_why_cell_too_long", vec![("chars", MAX_CELL_CHARS.to_string())])));
    }
    Ok(())
}

/// A column number (0-based) within [`MAX_COLUMNS`], or the refusal.
pub fn check_column(col: u32) -> Result<(), Refusal> {
    if col >= MAX_COLUMNS {
        return Err(Refusal::TooLarge(Why::new("io_why_too_many_columns", vec![("columns", MAX_COLUMNS.to_string())])));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion_limit_has_a_floor_and_a_ceiling() {
        assert_eq!(expansion_limit(0), EXPANSION_FLOOR_BYTES);
        assert_eq!(expansion_limit(100_000), 10_000_000);
        assert_eq!(expansion_limit(u64::MAX), MAX_PART_BYTES);
    }

    #[test]
    fn padding_is_bounded_by_the_real_cells() {
        let mut b = CellBudget::default();
        // Dense rows never hit the budget.
        for col in 0..1_000_000u32 {
            assert!(b.add(col % 20, col % 20 + 1).is_ok());
        }
        // A cell at XFD after one at A pads 16,383 cells per row: stopped after a few hundred rows.
        let mut b = CellBudget::default();
        let stopped = (0..10_000).position(|_| b.add(0, 1).and_then(|_| b.add(1, MAX_COLUMNS)).is_err());
        assert!(stopped.is_some_and(|rows| (200..400).contains(&rows)), "{stopped:?}");
    }

    #[test]
    fn cells_and_columns_at_the_edge() {
        assert!(check_cell_text(&"é".repeat(MAX_CELL_CHARS)).is_ok());
        assert!(check_cell_text(&"e".repeat(MAX_CELL_CHARS + 1)).is_err());
        assert!(check_column(MAX_COLUMNS - 1).is_ok());
        assert!(check_column(MAX_COLUMNS).is_err());
    }

    #[test]
    fn devices_and_pipes_are_refused_without_opening() {
        assert_eq!(regular_file(Path::new("/dev/zero")).err(), Some(Refusal::NotARegularFile));
        assert_eq!(regular_file(Path::new("/dev")).err(), Some(Refusal::NotARegularFile));
        assert!(regular_file(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))).is_ok());
    }
}
