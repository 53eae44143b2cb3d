//! Clean exports with numbers as text, every boolean spelling and coded values in every accepted form.

use hs_audit::tables::{SheetKind, Value};

use crate::expected::{Expected, assert_reads, b, base, contact, d, i, meting, n, read_clean, rec, t};

/// numbers_text.xlsx and its thousands variants: what the README says they read.
fn numbers_as_text() -> Expected {
    base()
        .set(SheetKind::Coordinatoren, 2, "uren_per_week", Value::Empty)
        .set(SheetKind::Coordinatoren, 2, "fte", n(0.55))
        .set(SheetKind::Coordinatoren, 3, "fte", n(0.55))
}

#[test]
fn numbers_written_as_text_read_as_numbers() {
    for file in [
        "conventions/numbers_text.xlsx",
        "conventions/numbers_text_thousands_nl.xlsx",
        "conventions/numbers_text_thousands_en.xlsx",
    ] {
        let export = read_clean(file);
        assert_reads(&export, &numbers_as_text());
        // Spot checks of the README's list, type included.
        let kosten = export.table(SheetKind::Locatie).map(|t| t.value("kosten", 0));
        assert_eq!(kosten, Some(Value::Number(56500.0)), "{file}");
        let gezinnen = export.table(SheetKind::Gezinnen).expect("gezinnen is read");
        assert_eq!(gezinnen.value("uren", 0), Value::Number(68.5), "{file}: `68,5`");
        assert_eq!(gezinnen.value("bezoeken", 0), Value::Int(22), "{file}: `22`");
        assert_eq!(gezinnen.value("uren", 1), Value::Number(24.0), "{file}: `24.0`");
        assert_eq!(gezinnen.value("leeftijd_jongste_maanden", 1), Value::Int(14), "{file}: `14`");
        let score = export.table(SheetKind::Metingen).map(|t| t.value("score", 0));
        assert_eq!(score, Some(Value::Int(2)), "{file}: `2`");
    }
}

/// The README's booleans.xlsx table: coordinator id, opleiding and what `betaald` reads as.
const BOOLEANS: &[(&str, &str, bool)] = &[
    ("C-01", "hbo", true),     // text `ja`
    ("C-02", "overig", false), // text `Nee`
    ("C-03", "mbo", true),     // text `YES`
    ("C-04", "overig", false), // text `no`
    ("C-05", "mbo", true),     // text `True`
    ("C-06", "overig", false), // text `FALSE`
    ("C-07", "mbo", true),     // text `Waar`
    ("C-08", "overig", false), // text `onwaar`
    ("C-09", "mbo", true),     // number 1
    ("C-10", "overig", false), // number 0
    ("C-11", "mbo", true),     // text `X`
    ("C-12", "overig", true),  // boolean cell TRUE
    ("C-13", "mbo", false),    // boolean cell FALSE
];

#[test]
fn every_boolean_spelling_reads_as_listed() {
    let export = read_clean("conventions/booleans.xlsx");
    let coordinators = BOOLEANS
        .iter()
        .zip(2..)
        .map(|(&(id, opleiding, paid), row)| {
            let hours = if id == "C-01" { ("uren_per_week", n(20.0)) } else { ("fte", n(0.05)) };
            rec(
                row,
                &[
                    ("coordinator_id", t(id)),
                    ("betaald", b(paid)),
                    ("opleiding", t(opleiding)),
                    hours,
                    ("start", d("2025-01-06")),
                ],
            )
        })
        .collect();
    assert_reads(&export, &base().sheet(SheetKind::Coordinatoren, coordinators));
}

#[test]
fn x_is_true_and_an_empty_boolean_cell_is_false() {
    let export = read_clean("conventions/booleans_x_empty.xlsx");
    assert_reads(&export, &base());
    let betaald = export.table(SheetKind::Coordinatoren).map(|t| (t.value("betaald", 0), t.value("betaald", 1)));
    assert_eq!(betaald, Some((b(true), b(false))));
}

#[test]
fn coded_values_map_to_the_canonical_dutch_codes() {
    use SheetKind::*;
    let export = read_clean("conventions/codes.xlsx");
    let c03 = rec(
        4,
        &[
            ("coordinator_id", t("C-03")),
            ("betaald", b(false)),
            ("opleiding", t("overig")),
            ("fte", n(0.05)),
            ("start", d("2025-06-01")),
        ],
    );
    let mut want = base();
    want.0.get_mut(&Coordinatoren).expect("base coordinators").push(c03);
    let contacts = vec![
        contact(2, "G-001", "2025-11-17", "eerste_check"),
        contact(3, "G-001", "2026-01-19", "tussenevaluatie"),
        contact(4, "G-001", "2026-02-26", "eindevaluatie"),
        contact(5, "G-001", "2026-03-05", "nabespreking_vrijwilliger"),
        contact(6, "G-001", "2026-06-02", "follow_up"),
        contact(7, "G-002", "2026-03-16", "eerste_check"),
        contact(8, "G-002", "2026-05-18", "tussenevaluatie"),
        contact(9, "G-002", "2026-05-20", "nabespreking_vrijwilliger"),
        contact(10, "G-002", "2026-05-21", "eindevaluatie"),
        contact(11, "G-002", "2026-05-22", "follow_up"),
    ];
    let measurements = vec![
        meting(2, "G-001", "start", "2025-10-13", "opvoeding", 2),
        meting(3, "G-001", "tussen", "2026-01-19", "opvoeding", 3),
        meting(4, "G-001", "eind", "2026-03-03", "opvoeding", 4),
        meting(5, "G-002", "start", "2026-02-16", "welzijn_ouder", 3),
        meting(6, "G-002", "tussen", "2026-05-18", "welzijn_ouder", 3),
        meting(7, "G-002", "eind", "2026-05-21", "welzijn_ouder", 4),
    ];
    let want = want.sheet(Contacten, contacts).sheet(Metingen, measurements);
    assert_reads(&export, &want);
    let opleiding = export.table(Coordinatoren).map(|t| (0..3).map(|r| t.value("opleiding", r)).collect::<Vec<_>>());
    assert_eq!(opleiding, Some(vec![t("hbo"), t("mbo"), t("overig")]), "`HBO`, `Mbo`, `Other`");
    assert_eq!(export.table(Metingen).map(|t| t.value("score", 2)), Some(i(4)));
}
