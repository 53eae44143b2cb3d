//! No input can make the readers panic: arbitrary bytes as files, arbitrary text as cells.

use std::path::PathBuf;

use hs_audit::tables::read_paths;
use proptest::prelude::*;

fn read_bytes_as(ext: &str, bytes: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(format!("export.{ext}"));
    std::fs::write(&path, bytes).expect("writing the temporary file");
    let exports = read_paths(&[path]);
    assert_eq!(exports.len(), 1, "one file is one export");
    exports[0].findings.len()
}

/// A CSV folder whose `gezinnen.csv` holds the bytes, beside clean other sheets.
fn read_csv_folder_with(bytes: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("gezinnen.csv"), bytes).expect("writing gezinnen.csv");
    std::fs::write(dir.path().join("locatie.csv"), "locatie_id;naam\nL1;Home-Start X\n").expect("writing locatie.csv");
    let exports = read_paths(&[PathBuf::from(dir.path())]);
    assert_eq!(exports.len(), 1);
    exports[0].findings.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_as_any_workbook_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for ext in ["xlsx", "xlsm", "xls", "xlsb", "ods", "pdf"] {
            // Random bytes are never a valid export: there is always a finding.
            prop_assert!(read_bytes_as(ext, &bytes) > 0);
        }
    }

    #[test]
    fn zip_like_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        prop_assert!(read_bytes_as("xlsx", &bytes) > 0);
        prop_assert!(read_bytes_as("ods", &bytes) > 0);
    }

    #[test]
    fn arbitrary_bytes_as_csv_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        // Three sheets are missing whatever the bytes: always findings.
        prop_assert!(read_csv_folder_with(&bytes) >= 3);
    }

    #[test]
    fn arbitrary_cell_text_in_every_column_never_panics(cells in proptest::collection::vec("\\PC{0,24}", 17)) {
        let header = "gezin_id;gemeente;aanmelding;verwijzer;geboortedatum_jongste;leeftijd_jongste_maanden;\
uitgerekende_datum;kennismaking;koppeling;vrijwilliger_id;start;einde;reden_einde;uren;bezoeken;\
bericht_verwijzer_start;bericht_verwijzer_einde";
        let row: Vec<String> = cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
        let text = format!("{header}\n{}\n", row.join(";"));
        read_csv_folder_with(text.as_bytes());
    }
}
