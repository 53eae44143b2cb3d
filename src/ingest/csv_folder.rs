//! Reading one CSV file of a CSV export folder (stub: being written).

use std::path::Path;

use super::raw::RawSheet;

/// Reads one CSV file into a raw sheet. `display` is the file's name as
/// findings show it. An `Err` holds the reason the file cannot be read at all.
pub fn read_csv_file(_path: &Path, _display: &str) -> Result<RawSheet, String> {
    Err("not yet implemented".into())
}
