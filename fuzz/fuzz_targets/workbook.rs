//! The workbook reader on arbitrary bytes: the first byte picks the format tried first (xlsx, xls, xlsb, ods).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let ext = ["xlsx", "xls", "xlsb", "ods"][usize::from(pick % 4)];
    let _ = hs_audit::ingest::workbook::read_workbook_bytes(bytes.to_vec(), ext, "fuzz");
});
