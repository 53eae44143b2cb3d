//! Tables: raw sheets to typed tables with the cell each value came from.

mod assemble;
mod build;
mod cells;
mod checks;
pub mod excel_serial;
pub mod export;
pub mod normalize;
pub mod parse_bool;
pub mod parse_date;
pub mod parse_number;
pub mod privacy;
mod read;
pub mod schema;
pub mod table;
pub mod text_column;
pub mod value;

pub use export::{
    Export, LatestDates, LocationInfo, SheetSummary, read_paths, read_paths_then, read_paths_with_progress,
};
pub use schema::SheetKind;
pub use table::Table;
pub use value::Value;
