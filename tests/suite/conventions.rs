//! Clean workbook exports in every accepted convention (fixtures/conventions/): no findings, the base data read.

use std::time::Duration;

use hs_audit::tables::{LocationInfo, SheetKind, Value};

use crate::expected::{assert_reads, base, d, dump, fixture, read_clean, shown, t, two_locations};
use crate::support::hs_audit;

fn testdorp() -> Vec<LocationInfo> {
    vec![LocationInfo { id: "L001".into(), name: "Home-Start Testdorp".into() }]
}

#[test]
fn xlsx_with_real_dates_reads_the_base_data() {
    let export = read_clean("conventions/xlsx_real_dates.xlsx");
    assert_reads(&export, &base());
    assert_eq!(export.locations, testdorp());
    let sheets: Vec<(SheetKind, &str, &str, usize)> =
        export.sheets.iter().map(|s| (s.kind, s.file.as_str(), s.sheet_name.as_str(), s.rows)).collect();
    let file = shown("conventions/xlsx_real_dates.xlsx");
    let want: Vec<(SheetKind, &str, &str, usize)> = vec![
        (SheetKind::Locatie, &file, "locatie", 1),
        (SheetKind::Coordinatoren, &file, "coordinatoren", 2),
        (SheetKind::Vrijwilligers, &file, "vrijwilligers", 3),
        (SheetKind::Gezinnen, &file, "gezinnen", 3),
        (SheetKind::Contacten, &file, "contacten", 3),
        (SheetKind::Metingen, &file, "metingen", 3),
    ];
    assert_eq!(sheets, want);
}

#[test]
fn the_1904_date_system_gives_the_same_dates() {
    let reference = dump(&read_clean("conventions/xlsx_real_dates.xlsx"));
    let export = read_clean("conventions/xlsx_1904_dates.xlsx");
    assert_reads(&export, &base());
    assert_eq!(dump(&export), reference);
    let licence = export.table(SheetKind::Locatie).map(|t| t.value("licentie_geldig_tot", 0));
    assert_eq!(licence, Some(d("2027-06-30")), "stored as 1904 serial 45106");
}

#[test]
fn xlsm_xls_and_ods_copies_give_exactly_the_values_of_the_xlsx() {
    let reference = dump(&read_clean("conventions/xlsx_real_dates.xlsx"));
    // 6 sheets; every record of every contract column (plus locatie_id): 5*1 + 8*2 + 5*3 + 18*3 + 4*3 + 6*3.
    assert_eq!(reference.len(), 120);
    for copy in ["conventions/xlsm_export.xlsm", "conventions/xls_export.xls", "conventions/ods_export.ods"] {
        let export = read_clean(copy);
        assert_reads(&export, &base());
        assert_eq!(export.locations, testdorp(), "{copy}");
        let got = dump(&export);
        assert_eq!(got.len(), reference.len(), "{copy}");
        for (g, r) in got.iter().zip(&reference) {
            assert_eq!(g, r, "{copy}: {} row {} {}", r.0.name(), r.1, r.2);
        }
    }
}

#[test]
fn header_at_b3_gives_the_row_numbers_the_spreadsheet_shows() {
    let export = read_clean("conventions/header_not_first_row.xlsx");
    assert_reads(&export, &base().shift_rows(2));
    let gezinnen = export.table(SheetKind::Gezinnen).expect("gezinnen is read");
    assert_eq!((gezinnen.value("gezin_id", 1), gezinnen.row_number(1)), (t("G-002"), 5));
    let locatie = export.table(SheetKind::Locatie).expect("locatie is read");
    assert_eq!((locatie.value("locatie_id", 0), locatie.row_number(0)), (t("L001"), 4));
}

#[test]
fn english_aliases_map_to_the_canonical_sheets_and_columns() {
    let export = read_clean("conventions/aliases_english.xlsx");
    assert_reads(&export, &base());
    let names: Vec<(SheetKind, &str)> = export.sheets.iter().map(|s| (s.kind, s.sheet_name.as_str())).collect();
    assert_eq!(
        names,
        vec![
            (SheetKind::Locatie, "Location"),
            (SheetKind::Coordinatoren, "Coördinatoren"),
            (SheetKind::Vrijwilligers, "VOLUNTEERS"),
            (SheetKind::Gezinnen, "Families"),
            (SheetKind::Contacten, "contacts"),
            (SheetKind::Metingen, "Outcomes"),
        ]
    );
    let matched = |kind: SheetKind| -> Vec<(String, String)> {
        export.sheets.iter().find(|s| s.kind == kind).map(|s| s.columns.clone()).unwrap_or_default()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(c, h)| (c.to_string(), h.to_string())).collect()
    };
    assert_eq!(
        matched(SheetKind::Locatie),
        pairs(&[
            ("locatie_id", "Location ID"),
            ("naam", "Name"),
            ("organisatie", "Organisation"),
            ("licentie_geldig_tot", "Licence-Valid-Until"),
            ("kosten", "COST"),
        ])
    );
    assert_eq!(
        matched(SheetKind::Coordinatoren),
        pairs(&[
            ("coordinator_id", "Coördinator ID"),
            ("betaald", "Paid"),
            ("opleiding", "Education"),
            ("uren_per_week", "hours-per-week"),
            ("fte", "FTE"),
            ("start", "Start"),
            ("einde", "End"),
        ])
    );
    assert_eq!(
        matched(SheetKind::Vrijwilligers),
        pairs(&[
            ("vrijwilliger_id", "Volunteer-ID"),
            ("training_afgerond", "Training completed"),
            ("start", "start"),
            ("einde", "END"),
        ])
    );
    assert_eq!(
        matched(SheetKind::Gezinnen),
        pairs(&[
            ("gezin_id", "Family ID"),
            ("gemeente", "Municipality"),
            ("aanmelding", "Registered"),
            ("verwijzer", "Referrer"),
            ("geboortedatum_jongste", "Youngest birth date"),
            ("leeftijd_jongste_maanden", "youngest_age_months"),
            ("uitgerekende_datum", "Due-Date"),
            ("kennismaking", "Intake Visit"),
            ("koppeling", "Match"),
            ("vrijwilliger_id", "volunteer id"),
            ("start", "Start"),
            ("einde", "End"),
            ("reden_einde", "End reason"),
            ("uren", "Hours"),
            ("bezoeken", "Visits"),
            ("bericht_verwijzer_start", "Referrer notified start"),
            ("bericht_verwijzer_einde", "REFERRER_NOTIFIED_END"),
        ])
    );
    assert_eq!(
        matched(SheetKind::Contacten),
        pairs(&[("gezin_id", "family_id"), ("datum", "Date"), ("soort", "Kind")])
    );
    assert_eq!(
        matched(SheetKind::Metingen),
        pairs(&[
            ("gezin_id", "Family-Id"),
            ("moment", "Moment"),
            ("datum", "Date"),
            ("domein", "Domain"),
            ("score", "Score")
        ])
    );
}

/// Every text date of text_dates.xlsx (README table): sheet, row, column, the text in the cell, the date.
const TEXT_DATES: &[(SheetKind, u32, &str, &str, &str)] = &[
    (SheetKind::Locatie, 2, "licentie_geldig_tot", "30-06-2027", "2027-06-30"),
    (SheetKind::Coordinatoren, 2, "start", "1-9-2024", "2024-09-01"),
    (SheetKind::Coordinatoren, 3, "start", "01-06-25", "2025-06-01"),
    (SheetKind::Vrijwilligers, 2, "training_afgerond", "2025-03-14", "2025-03-14"),
    (SheetKind::Vrijwilligers, 2, "start", "01/02/2025", "2025-02-01"),
    (SheetKind::Vrijwilligers, 3, "training_afgerond", "10.10.2025", "2025-10-10"),
    (SheetKind::Vrijwilligers, 3, "start", "15 sep. 2025", "2025-09-15"),
    (SheetKind::Vrijwilligers, 4, "start", "12 januari 2026", "2026-01-12"),
    (SheetKind::Gezinnen, 2, "aanmelding", "8 September 2025", "2025-09-08"),
    (SheetKind::Gezinnen, 2, "geboortedatum_jongste", "20 may 2024", "2024-05-20"),
    (SheetKind::Gezinnen, 2, "kennismaking", "22-09-2025", "2025-09-22"),
    (SheetKind::Gezinnen, 2, "koppeling", "6-10-2025", "2025-10-06"),
    (SheetKind::Gezinnen, 2, "start", "13-10-25", "2025-10-13"),
    (SheetKind::Gezinnen, 2, "einde", "2026-03-03", "2026-03-03"),
    (SheetKind::Gezinnen, 2, "bericht_verwijzer_start", "20/10/2025", "2025-10-20"),
    (SheetKind::Gezinnen, 2, "bericht_verwijzer_einde", "10.03.2026", "2026-03-10"),
    (SheetKind::Gezinnen, 3, "aanmelding", "12 jan. 2026", "2026-01-12"),
    (SheetKind::Gezinnen, 3, "kennismaking", "26 januari 2026", "2026-01-26"),
    (SheetKind::Gezinnen, 3, "koppeling", "9 February 2026", "2026-02-09"),
    (SheetKind::Gezinnen, 3, "start", "16 feb 2026", "2026-02-16"),
    (SheetKind::Gezinnen, 4, "aanmelding", "02-02-2026", "2026-02-02"),
    (SheetKind::Gezinnen, 4, "uitgerekende_datum", "10-5-2026", "2026-05-10"),
    (SheetKind::Gezinnen, 4, "kennismaking", "16-02-26", "2026-02-16"),
    (SheetKind::Contacten, 2, "datum", "2025-11-17", "2025-11-17"),
    (SheetKind::Contacten, 3, "datum", "26/02/2026", "2026-02-26"),
    (SheetKind::Contacten, 4, "datum", "16.03.2026", "2026-03-16"),
    (SheetKind::Metingen, 2, "datum", "13 okt. 2025", "2025-10-13"),
    (SheetKind::Metingen, 3, "datum", "3 maart 2026", "2026-03-03"),
    (SheetKind::Metingen, 4, "datum", "16 February 2026", "2026-02-16"),
];

#[test]
fn every_text_date_reads_as_the_listed_date() {
    let export = read_clean("conventions/text_dates.xlsx");
    assert_reads(&export, &base());
    // The base data has exactly these 29 dates: the table covers every one of them.
    let dates = dump(&export).into_iter().filter(|(_, _, _, v)| matches!(v, Value::Date(_))).count();
    assert_eq!(dates, TEXT_DATES.len());
    for &(kind, row, column, text, date) in TEXT_DATES {
        let table = export.table(kind).expect("sheet is read");
        let at = (0..table.len()).find(|&r| table.row_number(r) == row).expect("row is read");
        assert_eq!(table.value(column, at), d(date), "{} row {row} {column}: `{text}`", kind.name());
    }
}

#[test]
fn unknown_columns_and_sheets_are_not_read() {
    let export = read_clean("conventions/unknown_columns.xlsx");
    assert_reads(&export, &base());
    assert_eq!(export.sheets.len(), 6, "the extra sheet Instructies is no export sheet");
    assert!(export.sheets.iter().all(|s| s.sheet_name != "Instructies"));
    for kind in SheetKind::ALL {
        let table = export.table(kind).expect("sheet is read");
        let mut got: Vec<String> = table.frame().get_column_names().iter().map(|c| c.to_string()).collect();
        got.sort();
        let mut want: Vec<String> = ["_row", "locatie_id"].iter().map(|c| c.to_string()).collect();
        want.extend(kind.spec().columns.iter().map(|c| c.name.to_string()));
        want.sort();
        want.dedup();
        assert_eq!(got, want, "{}", kind.name());
        let summary = export.sheets.iter().find(|s| s.kind == kind).expect("summary");
        assert!(summary.columns.iter().all(|(c, h)| c == h), "{}: {:?}", kind.name(), summary.columns);
    }
    let run =
        hs_audit(&["inspect", &fixture("conventions/unknown_columns.xlsx").to_string_lossy()], Duration::from_secs(20));
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    for unknown in [
        "Regio",
        "Noord",
        "opmerking",
        "wacht op vrijwilliger",
        "Notitie",
        "telefonisch",
        "bij gezin thuis",
        "Instructies",
    ] {
        assert!(!run.stdout.contains(unknown), "`{unknown}` in the output:\n{}", run.stdout);
    }
}

#[test]
fn multi_location_ties_every_row_to_its_own_location() {
    let export = read_clean("conventions/multi_location.xlsx");
    assert_eq!(
        export.locations,
        vec![
            LocationInfo { id: "L001".into(), name: "Home-Start Testdorp".into() },
            LocationInfo { id: "L002".into(), name: "Home-Start Buurdorp".into() },
        ]
    );
    assert_reads(&export, &two_locations());
}
