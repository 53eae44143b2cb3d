//! The CSV reader on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hs_audit::ingest::csv_folder::read_csv_bytes(data, "gezinnen", "gezinnen.csv");
});
