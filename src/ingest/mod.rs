//! Ingest: files to raw sheets. Workbooks through calamine, CSV folders through csv.

pub mod csv_folder;
pub mod raw;

pub use raw::{RawCell, RawRow, RawSheet};
