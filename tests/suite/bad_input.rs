//! Each bad export of fixtures/bad/ gives exactly the findings the README lists, and the rest is still read.

use hs_audit::findings::{FindingKind, InputFinding};
use hs_audit::tables::{Export, SheetKind, Value};

use crate::expected::{Expected, assert_reads, base, contact, d, i, read_one, rec, shown, t, two_locations};

use SheetKind::*;

/// A finding about one cell of the workbook `rel`.
fn cell(rel: &str, sheet: SheetKind, row: u32, column: &str, value: Option<&str>, kind: FindingKind) -> InputFinding {
    InputFinding::cell(&shown(rel), sheet.name(), row, Some(column), value, kind)
}

/// A finding about a whole sheet (or one column of it) of the workbook `rel`.
fn sheet(rel: &str, sheet: SheetKind, column: Option<&str>, kind: FindingKind) -> InputFinding {
    InputFinding::sheet(&shown(rel), sheet.name(), column, kind)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Reads `rel`, asserts exactly these findings (in any order) and exactly these values.
fn assert_bad(rel: &str, mut findings: Vec<InputFinding>, reads: Expected) -> Export {
    let export = read_one(rel);
    findings.sort();
    assert_eq!(export.findings, findings, "{rel}");
    assert!(export.readable, "{rel}");
    assert_reads(&export, &reads);
    export
}

#[test]
fn invalid_date_is_a_finding_and_the_other_rows_are_read() {
    let rel = "bad/invalid_date.xlsx";
    let finding = cell(rel, Gezinnen, 3, "start", Some("31-02-2026"), FindingKind::InvalidDate);
    let export = assert_bad(rel, vec![finding], base().set(Gezinnen, 3, "start", Value::Empty));
    let gezinnen = export.table(Gezinnen).expect("gezinnen is read");
    assert_eq!(gezinnen.len(), 3);
    assert!(gezinnen.is_unreadable(1, "start"));
    assert!(!gezinnen.is_unreadable(0, "start") && !gezinnen.is_unreadable(1, "aanmelding"));
}

#[test]
fn invalid_date_below_an_offset_header_names_the_sheets_own_row() {
    let rel = "bad/invalid_date_header_not_first_row.xlsx";
    let finding = cell(rel, Gezinnen, 5, "start", Some("31-02-2026"), FindingKind::InvalidDate);
    assert_bad(rel, vec![finding], base().shift_rows(2).set(Gezinnen, 5, "start", Value::Empty));
}

#[test]
fn invalid_number() {
    let rel = "bad/invalid_number.xlsx";
    let finding = cell(rel, Gezinnen, 2, "uren", Some("twee"), FindingKind::InvalidNumber);
    assert_bad(rel, vec![finding], base().set(Gezinnen, 2, "uren", Value::Empty));
}

#[test]
fn invalid_code() {
    let rel = "bad/invalid_code.xlsx";
    let allowed =
        strings(&["eerste_check", "tussenevaluatie", "eindevaluatie", "nabespreking_vrijwilliger", "follow_up"]);
    let finding = cell(rel, Contacten, 3, "soort", Some("telefoontje"), FindingKind::UnknownCode { allowed });
    assert_bad(rel, vec![finding], base().set(Contacten, 3, "soort", Value::Empty));
}

#[test]
fn invalid_boolean() {
    let rel = "bad/invalid_boolean.xlsx";
    let finding = cell(rel, Coordinatoren, 3, "betaald", Some("misschien"), FindingKind::InvalidBoolean);
    // Unreadable, so empty: not the `false` of an empty cell.
    assert_bad(rel, vec![finding], base().set(Coordinatoren, 3, "betaald", Value::Empty));
}

#[test]
fn score_out_of_range() {
    let rel = "bad/score_out_of_range.xlsx";
    let kind = FindingKind::OutOfRange { min: Some(0), max: Some(5) };
    let finding = cell(rel, Metingen, 3, "score", Some("7"), kind);
    assert_bad(rel, vec![finding], base().set(Metingen, 3, "score", Value::Empty));
}

#[test]
fn missing_sheet_names_the_sheet_and_its_alias() {
    let rel = "bad/missing_sheet.xlsx";
    let kind = FindingKind::MissingSheet { expected: "contacten".into(), aliases: strings(&["contacts"]) };
    assert_bad(rel, vec![sheet(rel, Contacten, None, kind)], base().without(Contacten));
}

#[test]
fn missing_column_names_the_column_and_its_alias() {
    let rel = "bad/missing_column.xlsx";
    let kind = FindingKind::MissingColumn { expected: strings(&["aanmelding"]), aliases: strings(&["registered"]) };
    let export = assert_bad(
        rel,
        vec![sheet(rel, Gezinnen, Some("aanmelding"), kind)],
        base().clear_column(Gezinnen, "aanmelding"),
    );
    assert!(!export.table(Gezinnen).is_some_and(|t| t.has_column("aanmelding")));
}

#[test]
fn missing_age_columns_name_the_whole_group() {
    let rel = "bad/missing_age_columns.xlsx";
    let kind = FindingKind::MissingColumn {
        expected: strings(&["geboortedatum_jongste", "leeftijd_jongste_maanden", "uitgerekende_datum"]),
        aliases: strings(&["youngest_birth_date", "youngest_age_months", "due_date"]),
    };
    let reads = base()
        .clear_column(Gezinnen, "geboortedatum_jongste")
        .clear_column(Gezinnen, "leeftijd_jongste_maanden")
        .clear_column(Gezinnen, "uitgerekende_datum");
    let export = assert_bad(rel, vec![sheet(rel, Gezinnen, Some("geboortedatum_jongste"), kind)], reads);
    let text = export.findings[0].message(hs_audit::i18n::Lang::Nl);
    for name in ["geboortedatum_jongste", "leeftijd_jongste_maanden", "uitgerekende_datum", "due_date"] {
        assert!(text.contains(name), "{text}");
    }
}

#[test]
fn coordinator_without_hours_is_named_at_fte() {
    let rel = "bad/coordinator_without_hours.xlsx";
    let finding = cell(rel, Coordinatoren, 3, "fte", None, FindingKind::CoordinatorWithoutHours);
    assert_bad(rel, vec![finding], base().set(Coordinatoren, 3, "fte", Value::Empty));
}

#[test]
fn duplicate_ids_are_found_at_the_second_occurrence() {
    let rel = "bad/duplicate_ids.xlsx";
    let findings = vec![
        cell(rel, Gezinnen, 4, "gezin_id", Some("G-002"), FindingKind::DuplicateId { first_row: 3 }),
        cell(rel, Vrijwilligers, 4, "vrijwilliger_id", Some("V-02"), FindingKind::DuplicateId { first_row: 3 }),
    ];
    // The second G-002 and V-02 are row 4, so G-003 and V-03 move down to row 5.
    let mut reads = base();
    for kind in [Gezinnen, Vrijwilligers] {
        for r in reads.0.get_mut(&kind).into_iter().flatten().filter(|r| r.row == 4) {
            r.row = 5;
        }
    }
    let mut copy = reads.0[&Vrijwilligers][1].clone();
    copy.row = 4;
    reads.0.get_mut(&Vrijwilligers).expect("vrijwilligers").insert(2, copy);
    let second = rec(
        4,
        &[
            ("gezin_id", t("G-002")),
            ("gemeente", t("Testdorp")),
            ("aanmelding", d("2026-02-23")),
            ("verwijzer", t("wijkteam")),
            ("leeftijd_jongste_maanden", i(20)),
        ],
    );
    reads.0.get_mut(&Gezinnen).expect("gezinnen").insert(2, second);
    assert_bad(rel, findings, reads);
}

#[test]
fn dangling_ids_refer_to_nothing() {
    let rel = "bad/dangling_ids.xlsx";
    let findings = vec![
        cell(
            rel,
            Contacten,
            5,
            "gezin_id",
            Some("G-009"),
            FindingKind::DanglingReference { target_sheet: "gezinnen".into() },
        ),
        cell(
            rel,
            Gezinnen,
            3,
            "vrijwilliger_id",
            Some("V-07"),
            FindingKind::DanglingReference { target_sheet: "vrijwilligers".into() },
        ),
    ];
    let mut reads = base().set(Gezinnen, 3, "vrijwilliger_id", t("V-07"));
    reads.0.get_mut(&Contacten).expect("contacten").push(contact(5, "G-009", "2026-03-02", "eerste_check"));
    assert_bad(rel, findings, reads);
}

#[test]
fn end_before_start_names_the_end_date() {
    let rel = "bad/end_before_start.xlsx";
    let kind = FindingKind::EndBeforeStart { start: "2026-02-16".into() };
    let finding = cell(rel, Gezinnen, 3, "einde", Some("2026-02-10"), kind);
    // Both dates are readable: they are kept, the finding says what is wrong with them.
    let reads =
        base().set(Gezinnen, 3, "einde", d("2026-02-10")).set(Gezinnen, 3, "reden_einde", t("gezin trok zich terug"));
    assert_bad(rel, vec![finding], reads);
}

#[test]
fn privacy_columns_are_named_as_written_and_never_read() {
    let rel = "bad/privacy_columns.xlsx";
    let headers = ["Naam moeder", "Adres", "Postcode", "Telefoon", "E-mail", "BSN"];
    let findings = headers
        .iter()
        .map(|h| sheet(rel, Gezinnen, Some(h), FindingKind::PrivacyColumn { header: h.to_string() }))
        .collect();
    let export = assert_bad(rel, findings, base());
    assert!(export.findings.iter().all(|f| f.is_privacy() && f.value.is_none() && f.row.is_none()));
    let gezinnen = export.table(Gezinnen).expect("gezinnen is read");
    let names: Vec<String> = gezinnen.frame().get_column_names().iter().map(|c| c.to_string()).collect();
    assert_eq!(names.len(), 2 + 17, "only _row, locatie_id and the contract's columns: {names:?}");
    let summary = export.sheets.iter().find(|s| s.kind == Gezinnen).expect("summary");
    assert!(summary.columns.iter().all(|(_, h)| !headers.contains(&h.as_str())));
}

#[test]
fn missing_required_value() {
    let rel = "bad/missing_required_value.xlsx";
    let finding = cell(rel, Gezinnen, 3, "gemeente", None, FindingKind::MissingValue);
    assert_bad(rel, vec![finding], base().set(Gezinnen, 3, "gemeente", Value::Empty));
}

#[test]
fn bad_csv_date_names_the_csv_file_and_the_record_row() {
    let rel = "bad/csv_bad_dates";
    let file = shown("bad/csv_bad_dates/gezinnen.csv");
    let finding = InputFinding::cell(&file, "gezinnen", 3, Some("start"), Some("32-13-2026"), FindingKind::InvalidDate);
    let reads = base()
        .set(Gezinnen, 2, "reden_einde", t("verhuisd; nieuwe woonplaats\nligt buiten ons werkgebied"))
        .set(Gezinnen, 3, "start", Value::Empty);
    assert_bad(rel, vec![finding], reads);
}

#[test]
fn several_locations_need_a_location_column_in_every_sheet() {
    let rel = "bad/multi_location_missing_column.xlsx";
    let finding = sheet(rel, Contacten, Some("locatie_id"), FindingKind::LocationColumnNeeded);
    // The contacts are read, but belong to no location: no id check can tie them to the wrong G-001.
    let reads = two_locations().clear_column(Contacten, "locatie_id");
    let export = assert_bad(rel, vec![finding], reads);
    assert_eq!(export.locations.len(), 2);
}

#[test]
fn an_empty_sheet_is_one_finding_for_the_sheet() {
    let rel = "bad/empty_sheet.xlsx";
    let finding = sheet(rel, Vrijwilligers, None, FindingKind::EmptySheet);
    let reads = base().without(Vrijwilligers).clear_column(Gezinnen, "vrijwilliger_id");
    assert_bad(rel, vec![finding], reads);
}
