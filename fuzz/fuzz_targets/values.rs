//! The value parsers (dates, numbers, booleans) on arbitrary text, and Excel serials on arbitrary numbers.
#![no_main]

use hs_audit::tables::{excel_serial, parse_bool, parse_date, parse_number};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() >= 9 {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&data[1..9]);
        let serial = f64::from_le_bytes(eight);
        let _ = excel_serial::excel_serial_to_date(serial, data[0] & 1 == 1);
    }
    let text = String::from_utf8_lossy(data);
    let _ = parse_date::parse_date_text(&text);
    let _ = parse_number::parse_number_text(&text);
    let _ = parse_bool::parse_bool_text(&text);
});
