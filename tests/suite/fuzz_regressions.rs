//! Replays every input a fuzz target once crashed on (`fixtures/fuzz-regressions/<target>/`) through the code of
//! that target: each must now end orderly. The seeds of the targets are replayed too, cheaply.

use std::path::{Path, PathBuf};

use hs_audit::tables::{excel_serial, parse_bool, parse_date, parse_number};

use crate::support::{hs_audit_capped, root};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fixtures/fuzz-regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("a regression input"))).collect()
}

fn workbook(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let ext = ["xlsx", "xls", "xlsb", "ods"][usize::from(pick % 4)];
    let _ = hs_audit::ingest::workbook::read_workbook_bytes(bytes.to_vec(), ext, "fuzz");
}

fn values(data: &[u8]) {
    if data.len() >= 9 {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&data[1..9]);
        let _ = excel_serial::excel_serial_to_date(f64::from_le_bytes(eight), data[0] & 1 == 1);
    }
    let text = String::from_utf8_lossy(data);
    let _ = parse_date::parse_date_text(&text);
    let _ = parse_number::parse_number_text(&text);
    let _ = parse_bool::parse_bool_text(&text);
}

fn rulebook(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = hs_audit::rulebook::load_rulebook_text("fuzz.toml", text, None, hs_audit::rules::registry::RULES);
    let _ = hs_audit::rulebook::load_waivers_text("fuzz.toml", text, hs_audit::rules::registry::RULES);
}

/// In process, except the `oom-*` inputs: a regression there would allocate without bound in the test process, so
/// they are replayed only in a child process under a cap (below).
fn replay(target: &str, run: impl Fn(&[u8])) -> usize {
    let mut all = inputs(target);
    all.retain(|(path, _)| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("oom-")));
    for (path, data) in &all {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(data)));
        assert!(ok.is_ok(), "{} panics again", path.display());
    }
    all.len()
}

#[test]
fn every_kept_crash_input_now_ends_orderly() {
    replay("workbook", workbook);
    replay("csv", |d| {
        let _ = hs_audit::ingest::csv_folder::read_csv_bytes(d, "gezinnen", "gezinnen.csv");
    });
    replay("values", values);
    replay("rulebook", rulebook);
    assert!(Path::new(&root().join("fixtures/fuzz-regressions/README.md")).is_file());
}

/// Every kept workbook input also goes through the binary (`inspect`) in a child process under a 2 GB address-space
/// cap, so that a regression of an allocation without bound (the `oom-*` inputs) fails this test instead of eating
/// the machine; each must end orderly within 20 s.
#[test]
fn every_kept_workbook_input_is_inspected_within_a_memory_cap() {
    for (path, data) in inputs("workbook") {
        let Some((&pick, bytes)) = data.split_first() else { continue };
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ext = ["xlsx", "xls", "xlsb", "ods"][usize::from(pick % 4)];
        std::fs::write(dir.path().join(format!("export.{ext}")), bytes).expect("writing the input");
        let run = hs_audit_capped(dir.path(), 2_000_000, &["inspect", "."], std::time::Duration::from_secs(20));
        assert!(run.code.is_some_and(|c| c <= 2), "{}: {run:?} under a 2 GB cap", path.display());
    }
}

#[test]
fn a_calamine_date_of_minus_1e15_and_other_out_of_range_serials_are_no_dates() {
    for serial in [-1e15, -1.0, f64::NAN, f64::INFINITY, 1e300, 2_958_466.0] {
        let mut data = vec![0u8];
        data.extend(serial.to_le_bytes());
        values(&data);
        assert_eq!(excel_serial::excel_serial_to_date(serial, false), None, "{serial}");
    }
}
