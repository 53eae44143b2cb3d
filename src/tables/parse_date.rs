//! Reading dates the way Dutch exports write them (stub: being written).

use chrono::NaiveDate;

/// Parses a date written as text in any of the contract's conventions.
pub fn parse_date_text(_s: &str) -> Option<NaiveDate> {
    None
}

/// Converts an Excel serial day number to a date in the 1900 or 1904 system.
pub fn excel_serial_to_date(_serial: f64, _is_1904: bool) -> Option<NaiveDate> {
    None
}
