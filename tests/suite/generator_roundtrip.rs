//! Reading back what `generate` wrote gives exactly what it generated.

use hs_audit::generate::{GenFormat, generate_location, write_export};
use hs_audit::tables::{Value, read_paths};

fn round_trip(format: GenFormat, seed: u64, index: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let generated = generate_location(seed, index, 2026);
    let path = write_export(&generated, dir.path(), format).expect("writing the export");
    let exports = read_paths(&[path]);
    assert_eq!(exports.len(), 1);
    let export = &exports[0];
    assert!(export.findings.is_empty(), "generated input is clean: {:?}", export.findings);
    assert_eq!(export.locations.len(), 1);
    assert_eq!(export.locations[0].id, generated.location_id);
    let mut compared = 0;
    for sheet in &generated.sheets {
        let table = export.table(sheet.kind).unwrap_or_else(|| panic!("sheet {} is read", sheet.kind.name()));
        assert_eq!(table.len(), sheet.rows.len(), "rows of {}", sheet.kind.name());
        for (i, row) in sheet.rows.iter().enumerate() {
            for (column, expected) in sheet.columns.iter().zip(row) {
                let read = table.value(column, i);
                let same = match (expected, &read) {
                    (Value::Number(a), Value::Number(b)) => (a - b).abs() < 1e-9,
                    _ => expected == &read,
                };
                assert!(same, "{} row {} column {column}: wrote {expected:?}, read {read:?}", sheet.kind.name(), i + 2);
                compared += 1;
            }
        }
    }
    assert!(compared > 500, "a realistic export has hundreds of values, compared {compared}");
}

#[test]
fn xlsx_round_trip_is_exact() {
    for index in 0..5 {
        round_trip(GenFormat::Xlsx, 3, index);
    }
}

#[test]
fn csv_round_trip_is_exact() {
    for index in 0..5 {
        round_trip(GenFormat::Csv, 3, index);
    }
}
