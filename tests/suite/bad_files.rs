//! Files that cannot be read at all, a folder of exports with one of them, and what `inspect` says about bad input.

use std::path::PathBuf;
use std::time::Duration;

use hs_audit::findings::{FindingKind, InputFinding};
use hs_audit::i18n::Lang;
use hs_audit::ingest::display_path;
use hs_audit::tables::{Export, read_paths};

use crate::expected::{assert_reads, base, fixture, read_one, shown};
use crate::support::hs_audit;

/// An export that could not be read: one finding about the whole file, nothing else.
fn assert_unreadable(export: &Export, file: &str) -> FindingKind {
    assert!(!export.readable, "{file}");
    assert!(export.sheets.is_empty() && export.locations.is_empty(), "{file}");
    let [finding] = export.findings.as_slice() else { panic!("{file}: one finding, got {:?}", export.findings) };
    let InputFinding { file: f, sheet: None, row: None, column: None, value: None, kind } = finding else {
        panic!("{file}: a finding about the whole file, got {finding:?}")
    };
    assert_eq!(f, file);
    assert!(finding.is_fatal(), "{finding:?}");
    kind.clone()
}

#[test]
fn corrupt_workbook_is_unreadable() {
    let export = read_one("bad/corrupt.xlsx");
    match assert_unreadable(&export, &shown("bad/corrupt.xlsx")) {
        FindingKind::UnreadableFile { reason } => {
            assert!(reason.text(Lang::En).contains("EOCD"), "calamine's reason: {reason:?}")
        }
        other => panic!("expected UnreadableFile, got {other:?}"),
    }
}

#[test]
fn encrypted_workbook_is_reported_as_password_protected() {
    let export = read_one("bad/encrypted.xlsx");
    assert_eq!(assert_unreadable(&export, &shown("bad/encrypted.xlsx")), FindingKind::EncryptedFile);
}

#[test]
fn text_file_named_xlsx_is_not_a_spreadsheet() {
    let export = read_one("bad/not_a_spreadsheet.xlsx");
    assert_eq!(assert_unreadable(&export, &shown("bad/not_a_spreadsheet.xlsx")), FindingKind::NotASpreadsheet);
}

#[test]
fn a_corrupt_export_in_a_folder_does_not_stop_the_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for rel in ["conventions/xlsx_real_dates.xlsx", "conventions/text_dates.xlsx", "bad/corrupt.xlsx"] {
        let name = PathBuf::from(rel).file_name().expect("a file name").to_owned();
        std::fs::copy(fixture(rel), dir.path().join(name)).expect("copying a fixture");
    }
    let exports = read_paths(&[dir.path().to_path_buf()]);
    let shown_in_dir = |name: &str| display_path(&dir.path().join(name));
    let sources: Vec<&str> = exports.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(
        sources,
        [shown_in_dir("corrupt.xlsx"), shown_in_dir("text_dates.xlsx"), shown_in_dir("xlsx_real_dates.xlsx")]
    );
    let kind = assert_unreadable(&exports[0], &shown_in_dir("corrupt.xlsx"));
    assert!(matches!(kind, FindingKind::UnreadableFile { .. }), "{kind:?}");
    for clean in &exports[1..] {
        assert_eq!(clean.findings, [], "{}", clean.source);
        assert_reads(clean, &base());
    }
}

/// Runs `inspect` (Dutch, the default) on a fixture given relative to the project root.
fn inspect(rel: &str) -> crate::support::Run {
    let run = hs_audit(&["inspect", &format!("fixtures/{rel}")], Duration::from_secs(20));
    assert!(!run.stderr.contains("panicked"), "{rel}: {}", run.stderr);
    run
}

#[test]
fn inspect_exits_2_and_names_the_bad_cell_in_dutch() {
    let run = inspect("bad/invalid_date.xlsx");
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    let line =
        "fixtures/bad/invalid_date.xlsx, blad gezinnen, rij 3, kolom start: \"31-02-2026\" is geen geldige datum";
    assert!(run.stdout.contains(line), "{}", run.stdout);
    assert!(run.stdout.contains("1 export gelezen, 1 bevinding."), "{}", run.stdout);
}

#[test]
fn inspect_names_the_csv_file_and_record_row() {
    let run = inspect("bad/csv_bad_dates");
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    let line = "fixtures/bad/csv_bad_dates/gezinnen.csv, blad gezinnen, rij 3, kolom start: \"32-13-2026\"";
    assert!(run.stdout.contains(line), "{}", run.stdout);
}

#[test]
fn inspect_reports_unreadable_files_and_still_exits_2() {
    let run = inspect("bad/encrypted.xlsx");
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(
        run.stdout.contains("fixtures/bad/encrypted.xlsx: bestand is met een wachtwoord beveiligd"),
        "{}",
        run.stdout
    );
    let run = inspect("bad/corrupt.xlsx");
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(run.stdout.contains("fixtures/bad/corrupt.xlsx: bestand kan niet gelezen worden"), "{}", run.stdout);
}

#[test]
fn inspect_names_privacy_columns_but_never_their_values() {
    let run = inspect("bad/privacy_columns.xlsx");
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    for header in ["Naam moeder", "Adres", "Postcode", "Telefoon", "E-mail", "BSN"] {
        let place = format!("fixtures/bad/privacy_columns.xlsx, blad gezinnen, kolom {header}: kolom \"{header}\"");
        assert!(run.stdout.contains(&place), "{header}: {}", run.stdout);
    }
    for value in [
        "Jansen",
        "de Vries",
        "Bakker",
        "Dorpsstraat",
        "Kerkweg",
        "Molenlaan",
        "1234 AB",
        "1234 CD",
        "1235 EF",
        "06-12345678",
        "06-23456789",
        "0512-345678",
        "a@b.nl",
        "c@d.nl",
        "e@f.nl",
        "123456782",
        "111222333",
        "999999990",
    ] {
        assert!(!run.stdout.contains(value) && !run.stderr.contains(value), "`{value}` was output: {}", run.stdout);
    }
}

#[test]
fn inspect_of_a_clean_export_exits_0() {
    let run = inspect("conventions/csv_semicolon_win1252");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.contains("Locatie: L001 Home-Start Testdorp"), "{}", run.stdout);
    assert!(run.stdout.contains("Geen bevindingen."), "{}", run.stdout);
}

/// The fixtures these tests pin, one by one: a fixture added without a test fails here.
#[test]
fn every_fixture_is_pinned_by_a_test() {
    let listed = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(fixture(dir))
            .expect("fixture folder")
            .map(|e| e.expect("folder entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let conventions = [
        "aliases_english.xlsx",
        "booleans.xlsx",
        "booleans_x_empty.xlsx",
        "codes.xlsx",
        "csv_comma_utf8_bom",
        "csv_english_names",
        "csv_quoted_newlines",
        "csv_semicolon_win1252",
        "csv_tab_utf8",
        "header_not_first_row.xlsx",
        "multi_location.xlsx",
        "numbers_text.xlsx",
        "numbers_text_thousands_en.xlsx",
        "numbers_text_thousands_nl.xlsx",
        "ods_export.ods",
        "text_dates.xlsx",
        "unknown_columns.xlsx",
        "xls_export.xls",
        "xlsm_export.xlsm",
        "xlsx_1904_dates.xlsx",
        "xlsx_real_dates.xlsx",
    ];
    let bad = [
        "coordinator_without_hours.xlsx",
        "corrupt.xlsx",
        "csv_bad_dates",
        "dangling_ids.xlsx",
        "duplicate_ids.xlsx",
        "empty_sheet.xlsx",
        "encrypted.xlsx",
        "end_before_start.xlsx",
        "invalid_boolean.xlsx",
        "invalid_code.xlsx",
        "invalid_date.xlsx",
        "invalid_date_header_not_first_row.xlsx",
        "invalid_number.xlsx",
        "missing_age_columns.xlsx",
        "missing_column.xlsx",
        "missing_required_value.xlsx",
        "missing_sheet.xlsx",
        "multi_location_missing_column.xlsx",
        "not_a_spreadsheet.xlsx",
        "privacy_columns.xlsx",
        "score_out_of_range.xlsx",
    ];
    assert_eq!(listed("conventions"), conventions);
    assert_eq!(listed("bad"), bad);
}
