//! Clean CSV-folder exports: delimiters, encodings, BOMs, quoting, English file names and record row numbers.

use hs_audit::tables::{LocationInfo, SheetKind};

use crate::expected::{Expected, assert_reads, base, dump, n, read_clean, shown, t};

/// What the three encoding/delimiter folders read: the base data with accented and comma-holding text.
fn frisian() -> Expected {
    base()
        .set(SheetKind::Locatie, 2, "organisatie", t("Stichting Welzijn Súdwest-Fryslân"))
        .set(SheetKind::Gezinnen, 4, "gemeente", t("Súdwest-Fryslân"))
        .set(SheetKind::Gezinnen, 2, "reden_einde", t("doelen bereikt, geëvalueerd"))
}

/// Each sheet was read from the CSV file named after it, inside the folder.
fn assert_sheet_files(folder: &str, names: [&str; 6]) {
    let export = read_clean(folder);
    let got: Vec<(SheetKind, String, String)> =
        export.sheets.iter().map(|s| (s.kind, s.file.clone(), s.sheet_name.clone())).collect();
    let want: Vec<(SheetKind, String, String)> = SheetKind::ALL
        .into_iter()
        .zip(names)
        .map(|(kind, name)| (kind, shown(&format!("{folder}/{name}.csv")), name.to_string()))
        .collect();
    assert_eq!(got, want, "{folder}");
    for (kind, name) in SheetKind::ALL.into_iter().zip(names) {
        let table = export.table(kind).expect("sheet is read");
        assert_eq!(table.file, shown(&format!("{folder}/{name}.csv")));
    }
}

const DUTCH: [&str; 6] = ["locatie", "coordinatoren", "vrijwilligers", "gezinnen", "contacten", "metingen"];

#[test]
fn semicolon_windows_1252_crlf_with_euro_sign_and_decimal_commas() {
    let export = read_clean("conventions/csv_semicolon_win1252");
    assert_reads(&export, &frisian());
    assert_eq!(export.locations, vec![LocationInfo { id: "L001".into(), name: "Home-Start Testdorp".into() }]);
    assert_sheet_files("conventions/csv_semicolon_win1252", DUTCH);
}

#[test]
fn comma_utf8_with_bom_reads_the_same_values() {
    let export = read_clean("conventions/csv_comma_utf8_bom");
    assert_reads(&export, &frisian());
    // The BOM is not part of the first header: `gezin_id` and `locatie_id` are matched.
    let first_headers: Vec<&str> = export.sheets.iter().map(|s| s.columns[0].1.as_str()).collect();
    assert_eq!(first_headers, ["locatie_id", "coordinator_id", "vrijwilliger_id", "gezin_id", "gezin_id", "gezin_id"]);
    assert_sheet_files("conventions/csv_comma_utf8_bom", DUTCH);
}

#[test]
fn tab_delimited_utf8_with_a_comma_inside_a_field() {
    let export = read_clean("conventions/csv_tab_utf8");
    assert_reads(&export, &frisian());
    assert_sheet_files("conventions/csv_tab_utf8", DUTCH);
}

#[test]
fn the_three_encodings_give_identical_values() {
    let reference = dump(&read_clean("conventions/csv_semicolon_win1252"));
    assert_eq!(reference.len(), 120);
    for folder in ["conventions/csv_comma_utf8_bom", "conventions/csv_tab_utf8"] {
        assert_eq!(dump(&read_clean(folder)), reference, "{folder}");
    }
}

#[test]
fn quoted_fields_keep_delimiters_newlines_and_doubled_quotes() {
    let export = read_clean("conventions/csv_quoted_newlines");
    let want = base()
        .set(SheetKind::Gezinnen, 2, "reden_einde", t("verhuisd; nieuwe woonplaats\nligt buiten ons werkgebied"))
        .set(SheetKind::Gezinnen, 4, "verwijzer", t("wijkteam \"Oost\""));
    assert_reads(&export, &want);
    // G-002 starts on line 4 of gezinnen.csv, but is record (row) 3; G-003 on line 5 is row 4.
    let gezinnen = export.table(SheetKind::Gezinnen).expect("gezinnen is read");
    let rows: Vec<(u32, String)> = (0..gezinnen.len())
        .map(|r| (gezinnen.row_number(r), gezinnen.value("gezin_id", r).as_text().unwrap_or("").to_string()))
        .collect();
    assert_eq!(rows, [(2, "G-001".to_string()), (3, "G-002".to_string()), (4, "G-003".to_string())]);
    // The field after the multi-line one is still its own column.
    assert_eq!(gezinnen.value("uren", 0), n(68.5));
    assert_sheet_files("conventions/csv_quoted_newlines", DUTCH);
}

#[test]
fn english_file_names_columns_and_codes() {
    let export = read_clean("conventions/csv_english_names");
    assert_reads(&export, &base());
    assert_sheet_files(
        "conventions/csv_english_names",
        ["location", "coordinators", "volunteers", "families", "contacts", "outcomes"],
    );
    // Same values as the workbook with English aliases.
    assert_eq!(dump(&export), dump(&read_clean("conventions/aliases_english.xlsx")));
}
