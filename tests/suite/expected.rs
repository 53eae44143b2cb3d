//! The fixtures' base data (fixtures/README.md) as typed values, and comparing a whole export against it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use hs_audit::findings::InputFinding;
use hs_audit::ingest::display_path;
use hs_audit::tables::{Export, SheetKind, Value, read_paths};

use crate::support::root;

/// A file or folder under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// A fixture's path as findings and `Export::source` show it.
pub fn shown(rel: &str) -> String {
    display_path(&fixture(rel))
}

/// Reads one fixture, which must be exactly one export.
pub fn read_one(rel: &str) -> Export {
    let mut exports = read_paths(&[fixture(rel)]);
    assert_eq!(exports.len(), 1, "{rel} is one export");
    let export = exports.remove(0);
    assert_eq!(export.source, shown(rel));
    export
}

/// Reads a fixture that a correct reader reads without a single finding.
pub fn read_clean(rel: &str) -> Export {
    let export = read_one(rel);
    assert_eq!(export.findings, Vec::<InputFinding>::new(), "{rel} is clean");
    assert!(export.readable, "{rel}");
    export
}

pub fn t(s: &str) -> Value {
    Value::Text(s.into())
}

pub fn d(s: &str) -> Value {
    Value::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("test date {s}: {e}")))
}

pub fn n(x: f64) -> Value {
    Value::Number(x)
}

pub fn i(x: i64) -> Value {
    Value::Int(x)
}

pub fn b(x: bool) -> Value {
    Value::Bool(x)
}

/// One expected record: its spreadsheet row and its values (a column not listed is empty).
#[derive(Debug, Clone)]
pub struct Rec {
    pub row: u32,
    pub values: BTreeMap<&'static str, Value>,
}

/// A record of location L001 unless the values name another `locatie_id`.
pub fn rec(row: u32, values: &[(&'static str, Value)]) -> Rec {
    let mut map = BTreeMap::from([("locatie_id", t("L001"))]);
    map.extend(values.iter().cloned());
    Rec { row, values: map }
}

/// What a correct reader reads: the sheets present and every record of each.
#[derive(Debug, Clone)]
pub struct Expected(pub BTreeMap<SheetKind, Vec<Rec>>);

impl Expected {
    /// Sets (or, with `Value::Empty`, clears) one value of the record at spreadsheet row `row`.
    pub fn set(mut self, kind: SheetKind, row: u32, column: &'static str, value: Value) -> Self {
        let recs = self.0.get_mut(&kind).unwrap_or_else(|| panic!("no {} expected", kind.name()));
        let rec = recs.iter_mut().find(|r| r.row == row).unwrap_or_else(|| panic!("no {} row {row}", kind.name()));
        if value.is_empty() {
            rec.values.remove(column);
        } else {
            rec.values.insert(column, value);
        }
        self
    }

    /// Clears one column in every record of a sheet.
    pub fn clear_column(mut self, kind: SheetKind, column: &str) -> Self {
        for rec in self.0.get_mut(&kind).into_iter().flatten() {
            rec.values.remove(column);
        }
        self
    }

    /// Replaces a sheet's records.
    pub fn sheet(mut self, kind: SheetKind, recs: Vec<Rec>) -> Self {
        self.0.insert(kind, recs);
        self
    }

    /// No table expected for this sheet.
    pub fn without(mut self, kind: SheetKind) -> Self {
        self.0.remove(&kind);
        self
    }

    /// Every row number moved by `by` (a header further down the sheet).
    pub fn shift_rows(mut self, by: u32) -> Self {
        for rec in self.0.values_mut().flatten() {
            rec.row += by;
        }
        self
    }
}

/// The base data of fixtures/README.md, sheet by sheet.
pub fn base() -> Expected {
    use SheetKind::*;
    let locatie = vec![rec(
        2,
        &[
            ("naam", t("Home-Start Testdorp")),
            ("organisatie", t("Stichting Welzijn Testdorp")),
            ("licentie_geldig_tot", d("2027-06-30")),
            ("kosten", n(56500.0)),
        ],
    )];
    let coordinatoren = vec![
        rec(
            2,
            &[
                ("coordinator_id", t("C-01")),
                ("betaald", b(true)),
                ("opleiding", t("hbo")),
                ("uren_per_week", n(20.0)),
                ("start", d("2024-09-01")),
            ],
        ),
        rec(
            3,
            &[
                ("coordinator_id", t("C-02")),
                ("betaald", b(false)),
                ("opleiding", t("mbo")),
                ("fte", n(0.1)),
                ("start", d("2025-06-01")),
            ],
        ),
    ];
    let vrijwilligers = vec![
        rec(2, &[("vrijwilliger_id", t("V-01")), ("training_afgerond", d("2025-03-14")), ("start", d("2025-02-01"))]),
        rec(3, &[("vrijwilliger_id", t("V-02")), ("training_afgerond", d("2025-10-10")), ("start", d("2025-09-15"))]),
        rec(4, &[("vrijwilliger_id", t("V-03")), ("start", d("2026-01-12"))]),
    ];
    let gezinnen = vec![
        rec(
            2,
            &[
                ("gezin_id", t("G-001")),
                ("gemeente", t("Testdorp")),
                ("aanmelding", d("2025-09-08")),
                ("verwijzer", t("consultatiebureau")),
                ("geboortedatum_jongste", d("2024-05-20")),
                ("kennismaking", d("2025-09-22")),
                ("koppeling", d("2025-10-06")),
                ("vrijwilliger_id", t("V-01")),
                ("start", d("2025-10-13")),
                ("einde", d("2026-03-03")),
                ("reden_einde", t("doelen bereikt")),
                ("uren", n(68.5)),
                ("bezoeken", i(22)),
                ("bericht_verwijzer_start", d("2025-10-20")),
                ("bericht_verwijzer_einde", d("2026-03-10")),
            ],
        ),
        rec(
            3,
            &[
                ("gezin_id", t("G-002")),
                ("gemeente", t("Testdorp")),
                ("aanmelding", d("2026-01-12")),
                ("leeftijd_jongste_maanden", i(14)),
                ("kennismaking", d("2026-01-26")),
                ("koppeling", d("2026-02-09")),
                ("vrijwilliger_id", t("V-02")),
                ("start", d("2026-02-16")),
                ("uren", n(24.0)),
                ("bezoeken", i(8)),
            ],
        ),
        rec(
            4,
            &[
                ("gezin_id", t("G-003")),
                ("gemeente", t("Buurdorp")),
                ("aanmelding", d("2026-02-02")),
                ("verwijzer", t("huisarts")),
                ("uitgerekende_datum", d("2026-05-10")),
                ("kennismaking", d("2026-02-16")),
            ],
        ),
    ];
    let contacten = vec![
        contact(2, "G-001", "2025-11-17", "eerste_check"),
        contact(3, "G-001", "2026-02-26", "eindevaluatie"),
        contact(4, "G-002", "2026-03-16", "eerste_check"),
    ];
    let metingen = vec![
        meting(2, "G-001", "start", "2025-10-13", "opvoeding", 2),
        meting(3, "G-001", "eind", "2026-03-03", "opvoeding", 4),
        meting(4, "G-002", "start", "2026-02-16", "welzijn_ouder", 3),
    ];
    Expected(BTreeMap::from([
        (Locatie, locatie),
        (Coordinatoren, coordinatoren),
        (Vrijwilligers, vrijwilligers),
        (Gezinnen, gezinnen),
        (Contacten, contacten),
        (Metingen, metingen),
    ]))
}

/// One `contacten` record of location L001.
pub fn contact(row: u32, gezin: &str, datum: &str, soort: &str) -> Rec {
    rec(row, &[("gezin_id", t(gezin)), ("datum", d(datum)), ("soort", t(soort))])
}

/// One `metingen` record of location L001.
pub fn meting(row: u32, gezin: &str, moment: &str, datum: &str, domein: &str, score: i64) -> Rec {
    rec(
        row,
        &[
            ("gezin_id", t(gezin)),
            ("moment", t(moment)),
            ("datum", d(datum)),
            ("domein", t(domein)),
            ("score", i(score)),
        ],
    )
}

/// Every column a table of this sheet can give a value for: the contract's, and `locatie_id`.
pub fn columns(kind: SheetKind) -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = kind.spec().columns.iter().map(|c| c.name).collect();
    if !cols.contains(&"locatie_id") {
        cols.insert(0, "locatie_id");
    }
    cols
}

/// Every value the export read: (sheet, spreadsheet row, column, value), for all tables,
/// records and columns, empty values included.
pub fn dump(export: &Export) -> Vec<(SheetKind, u32, &'static str, Value)> {
    let mut out = Vec::new();
    for kind in SheetKind::ALL {
        let Some(table) = export.table(kind) else { continue };
        for row in 0..table.len() {
            for column in columns(kind) {
                out.push((kind, table.row_number(row), column, table.value(column, row)));
            }
        }
    }
    out
}

/// Asserts that the export read exactly the expected tables, rows and values (every column of every record).
pub fn assert_reads(export: &Export, want: &Expected) {
    let mut problems = Vec::new();
    for kind in SheetKind::ALL {
        let sheet = kind.name();
        match (export.table(kind), want.0.get(&kind)) {
            (None, None) => {}
            (Some(table), None) => problems.push(format!("{sheet}: {} rows read, no table expected", table.len())),
            (None, Some(_)) => problems.push(format!("{sheet}: no table read")),
            (Some(table), Some(recs)) => {
                let got_rows: Vec<u32> = (0..table.len()).map(|r| table.row_number(r)).collect();
                let want_rows: Vec<u32> = recs.iter().map(|r| r.row).collect();
                if got_rows != want_rows {
                    problems.push(format!("{sheet}: rows {got_rows:?}, expected {want_rows:?}"));
                    continue;
                }
                for (r, rec) in recs.iter().enumerate() {
                    for column in rec.values.keys() {
                        assert!(columns(kind).contains(column), "test bug: {sheet} has no column {column}");
                    }
                    for column in columns(kind) {
                        let got = table.value(column, r);
                        let expected = rec.values.get(column).cloned().unwrap_or(Value::Empty);
                        if got != expected {
                            problems
                                .push(format!("{sheet} row {} {column}: read {got:?}, expected {expected:?}", rec.row));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}:\n{}", export.source, problems.join("\n"));
}

/// multi_location.xlsx: the base data as location L001, and one more record per sheet for L002, which reuses the
/// ids `C-01`, `V-01` and `G-001`.
pub fn two_locations() -> Expected {
    use SheetKind::*;
    let l2 = ("locatie_id", t("L002"));
    let mut want = base();
    let mut add = |kind, r| want.0.get_mut(&kind).expect("base sheet").push(r);
    add(
        Locatie,
        rec(
            3,
            &[
                l2.clone(),
                ("naam", t("Home-Start Buurdorp")),
                ("organisatie", t("Stichting Welzijn Buurdorp")),
                ("licentie_geldig_tot", d("2026-12-31")),
                ("kosten", n(51200.0)),
            ],
        ),
    );
    add(
        Coordinatoren,
        rec(
            4,
            &[
                l2.clone(),
                ("coordinator_id", t("C-01")),
                ("betaald", b(true)),
                ("opleiding", t("wo")),
                ("fte", n(0.6)),
                ("start", d("2023-03-01")),
            ],
        ),
    );
    add(
        Vrijwilligers,
        rec(
            5,
            &[
                l2.clone(),
                ("vrijwilliger_id", t("V-01")),
                ("training_afgerond", d("2024-11-20")),
                ("start", d("2024-10-01")),
            ],
        ),
    );
    add(
        Gezinnen,
        rec(
            5,
            &[
                l2.clone(),
                ("gezin_id", t("G-001")),
                ("gemeente", t("Buurdorp")),
                ("aanmelding", d("2025-11-03")),
                ("verwijzer", t("wijkteam")),
                ("geboortedatum_jongste", d("2023-08-14")),
                ("kennismaking", d("2025-11-10")),
                ("koppeling", d("2025-11-24")),
                ("vrijwilliger_id", t("V-01")),
                ("start", d("2025-12-01")),
                ("uren", n(30.0)),
                ("bezoeken", i(10)),
                ("bericht_verwijzer_start", d("2025-12-08")),
            ],
        ),
    );
    add(
        Contacten,
        rec(5, &[l2.clone(), ("gezin_id", t("G-001")), ("datum", d("2026-01-05")), ("soort", t("eerste_check"))]),
    );
    let mut last = meting(5, "G-001", "start", "2025-12-01", "gezinsmanagement", 1);
    last.values.insert("locatie_id", t("L002"));
    add(Metingen, last);
    want
}
