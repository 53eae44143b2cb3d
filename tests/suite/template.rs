//! The export template (`hs-audit template`): filled in programmatically it
//! reads back without a finding and with the values written, and empty it
//! says only that it names no location. (LibreOffice: `template_libreoffice`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::Datelike;
use hs_audit::findings::{FindingKind, InputFinding};
use hs_audit::i18n::Lang;
use hs_audit::ingest::display_path;
use hs_audit::tables::schema::{ColumnSpec, ColumnType};
use hs_audit::tables::{Export, SheetKind, Value, read_paths};
use hs_audit::template::{build, default_file_name};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::expected::{b, d, i, n, t};

/// Writes the template for `lang` into `dir` and returns its path.
pub fn write_template(dir: &Path, lang: Lang) -> PathBuf {
    let path = dir.join(default_file_name(lang));
    let bytes = build(lang, &default_file_name(lang)).expect("the template builds");
    std::fs::write(&path, bytes).expect("the template is written");
    path
}

/// Every sheet of a workbook with its header row, as calamine reads them.
fn sheets_and_headers(path: &Path) -> Vec<(String, Vec<String>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the template");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet is read");
            let headers = range
                .rows()
                .next()
                .map(|row| {
                    row.iter().map(|c| if let Data::String(s) = c { s.clone() } else { c.to_string() }).collect()
                })
                .unwrap_or_default();
            (name, headers)
        })
        .collect()
}

type Row = BTreeMap<&'static str, Value>;

fn row(values: &[(&'static str, Value)]) -> Row {
    values.iter().cloned().collect()
}

/// One small, consistent location: 1 location, 1 coordinator, 24 volunteers,
/// 2 families with their contacts and ratings. Columns by canonical name.
fn location() -> BTreeMap<SheetKind, Vec<Row>> {
    let volunteers = (1..=24)
        .map(|k| {
            let trained = format!("2025-{:02}-15", (k % 12) + 1);
            row(&[
                ("vrijwilliger_id", t(&format!("V{k:02}"))),
                ("training_afgerond", d(&trained)),
                ("start", d(&trained)),
            ])
        })
        .collect();
    BTreeMap::from([
        (
            SheetKind::Locatie,
            vec![row(&[
                ("locatie_id", t("L001")),
                ("naam", t("Home-Start Voorbeeldstad")),
                ("organisatie", t("Stichting Welzijn Voorbeeldstad")),
                ("licentie_geldig_tot", d("2027-12-31")),
                ("kosten", n(56500.0)),
            ])],
        ),
        (
            SheetKind::Coordinatoren,
            vec![row(&[
                ("coordinator_id", t("C1")),
                ("betaald", b(true)),
                ("opleiding", t("hbo")),
                ("uren_per_week", n(20.0)),
                ("start", d("2020-01-01")),
            ])],
        ),
        (SheetKind::Vrijwilligers, volunteers),
        (
            SheetKind::Gezinnen,
            vec![
                row(&[
                    ("gezin_id", t("G001")),
                    ("gemeente", t("Utrecht")),
                    ("aanmelding", d("2026-01-12")),
                    ("verwijzer", t("consultatiebureau")),
                    ("geboortedatum_jongste", d("2025-06-01")),
                    ("kennismaking", d("2026-01-20")),
                    ("koppeling", d("2026-02-03")),
                    ("vrijwilliger_id", t("V01")),
                    ("start", d("2026-02-10")),
                    ("einde", d("2026-11-30")),
                    ("reden_einde", t("doelen bereikt")),
                    ("uren", n(86.5)),
                    ("bezoeken", i(40)),
                    ("bericht_verwijzer_start", d("2026-02-12")),
                    ("bericht_verwijzer_einde", d("2026-12-04")),
                ]),
                row(&[
                    ("gezin_id", t("G002")),
                    ("gemeente", t("Zeist")),
                    ("aanmelding", d("2026-03-02")),
                    ("leeftijd_jongste_maanden", i(14)),
                    ("kennismaking", d("2026-03-09")),
                    ("koppeling", d("2026-03-23")),
                    ("vrijwilliger_id", t("V02")),
                    ("start", d("2026-03-30")),
                    ("uren", n(40.0)),
                    ("bezoeken", i(30)),
                ]),
            ],
        ),
        (
            SheetKind::Contacten,
            [
                ("G001", "2026-03-10", "eerste_check"),
                ("G001", "2026-06-10", "tussenevaluatie"),
                ("G001", "2026-11-30", "eindevaluatie"),
                ("G001", "2026-12-02", "nabespreking_vrijwilliger"),
                ("G002", "2026-04-27", "eerste_check"),
                ("G002", "2026-09-28", "tussenevaluatie"),
            ]
            .into_iter()
            .map(|(g, day, soort)| row(&[("gezin_id", t(g)), ("datum", d(day)), ("soort", t(soort))]))
            .collect(),
        ),
        (
            SheetKind::Metingen,
            vec![
                row(&[
                    ("gezin_id", t("G001")),
                    ("moment", t("start")),
                    ("datum", d("2026-02-10")),
                    ("domein", t("opvoeding")),
                    ("score", i(2)),
                ]),
                row(&[
                    ("gezin_id", t("G001")),
                    ("moment", t("eind")),
                    ("datum", d("2026-11-30")),
                    ("domein", t("opvoeding")),
                    ("score", i(4)),
                ]),
                row(&[
                    ("gezin_id", t("G002")),
                    ("moment", t("tussen")),
                    ("domein", t("welzijn_ouder")),
                    ("score", i(3)),
                ]),
            ],
        ),
    ])
}

/// The contract's sheet and column a header of the template stands for.
fn sheet_kind(name: &str) -> Option<SheetKind> {
    SheetKind::ALL.into_iter().find(|k| k.spec().name == name || k.spec().alias == name)
}

fn column(kind: SheetKind, header: &str) -> &'static ColumnSpec {
    let found = kind.spec().columns.iter().find(|c| c.name == header || c.alias == header);
    found.unwrap_or_else(|| panic!("{header} is no column of {}", kind.name()))
}

/// Writes one value as a coordinator would: dates as dates (every third one
/// typed as text), codes and yes/no in the template's language.
fn write_value(ws: &mut Worksheet, r: u32, c: u16, spec: &ColumnSpec, v: &Value, lang: Lang) -> Result<(), XlsxError> {
    match (v, spec.ty) {
        (Value::Empty, _) => {}
        (Value::Text(code), ColumnType::Code(codes)) => {
            let spec = codes.iter().find(|s| s.code == code).unwrap_or_else(|| panic!("{code} is a code"));
            ws.write_string(r, c, lang.pick(spec.code, spec.alias))?;
        }
        (Value::Text(s), _) => {
            ws.write_string(r, c, s.as_str())?;
        }
        (Value::Bool(yes), _) => {
            ws.write_string(r, c, lang.pick(if *yes { "ja" } else { "nee" }, if *yes { "yes" } else { "no" }))?;
        }
        (Value::Date(day), _) if (r + u32::from(c)).is_multiple_of(3) => {
            ws.write_string(r, c, day.format(lang.pick("%d-%m-%Y", "%Y-%m-%d")).to_string())?;
        }
        (Value::Date(day), _) => {
            let x = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
            ws.write_datetime_with_format(
                r,
                c,
                &x,
                &Format::new().set_num_format(lang.pick("dd-mm-yyyy", "yyyy-mm-dd")),
            )?;
        }
        (Value::Number(x), _) => {
            ws.write_number(r, c, *x)?;
        }
        (Value::Int(x), _) => {
            ws.write_number(r, c, *x as f64)?;
        }
    }
    Ok(())
}

/// A new workbook with the template's sheets and headers exactly as calamine
/// read them, and the location's rows below the headers.
fn fill_in(template: &Path, out: &Path, lang: Lang) -> Result<(), XlsxError> {
    let data = location();
    let mut wb = Workbook::new();
    for (name, headers) in sheets_and_headers(template) {
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, h)?;
        }
        let Some(kind) = sheet_kind(&name) else { continue };
        for (r, values) in data.get(&kind).into_iter().flatten().enumerate() {
            for (c, h) in headers.iter().enumerate() {
                let spec = column(kind, h);
                let v = values.get(spec.name).cloned().unwrap_or(Value::Empty);
                write_value(ws, r as u32 + 1, c as u16, spec, &v, lang)?;
            }
        }
    }
    wb.save(out)
}

fn read_one(path: &Path) -> Export {
    let mut exports = read_paths(&[path.to_path_buf()]);
    assert_eq!(exports.len(), 1);
    exports.remove(0)
}

#[test]
fn the_template_has_an_instructions_sheet_then_every_sheet_of_the_contract() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for lang in [Lang::Nl, Lang::En] {
        let path = write_template(dir.path(), lang);
        let found = sheets_and_headers(&path);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        let mut expected = vec![lang.pick("Instructies", "Instructions")];
        expected.extend(SheetKind::ALL.iter().map(|k| lang.pick(k.spec().name, k.spec().alias)));
        assert_eq!(names, expected);
        for (name, headers) in found.iter().skip(1) {
            let kind = sheet_kind(name).expect("a sheet of the contract");
            let want: Vec<&str> = kind.spec().columns.iter().map(|c| lang.pick(c.name, c.alias)).collect();
            assert_eq!(headers, &want, "{name}");
        }
    }
}

#[test]
fn a_filled_in_template_reads_back_without_findings_and_with_the_values_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for lang in [Lang::Nl, Lang::En] {
        let template = write_template(dir.path(), lang);
        let filled = dir.path().join(format!("L001-{}.xlsx", lang.code()));
        fill_in(&template, &filled, lang).expect("the filled-in workbook is written");
        let export = read_one(&filled);
        assert_eq!(export.findings, Vec::<InputFinding>::new(), "{lang:?}");
        assert_eq!(export.locations.len(), 1);
        assert_eq!(
            (export.locations[0].id.as_str(), export.locations[0].name.as_str()),
            ("L001", "Home-Start Voorbeeldstad")
        );
        for (kind, rows) in location() {
            let table = export.table(kind).unwrap_or_else(|| panic!("{} is read", kind.name()));
            assert_eq!(table.len(), rows.len(), "{}", kind.name());
            for (k, values) in rows.iter().enumerate() {
                assert_eq!(table.row_number(k), k as u32 + 2);
                for spec in kind.spec().columns {
                    let written = values.get(spec.name).cloned().unwrap_or(Value::Empty);
                    // An empty yes/no cell reads as "no".
                    let expected = if spec.ty == ColumnType::Bool && written.is_empty() { b(false) } else { written };
                    assert_eq!(
                        table.value(spec.name, k),
                        expected,
                        "{lang:?} {} row {} {}",
                        kind.name(),
                        k + 2,
                        spec.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_empty_template_only_says_that_it_names_no_location() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for lang in [Lang::Nl, Lang::En] {
        let path = write_template(dir.path(), lang);
        let export = read_one(&path);
        let no_location = InputFinding::sheet(&display_path(&path), "locatie", None, FindingKind::NoLocation);
        assert_eq!(export.findings, vec![no_location], "{lang:?}");
        assert!(export.readable && export.locations.is_empty());
        // Every header of every sheet was matched to the contract: none unknown, none a privacy column.
        assert_eq!(export.sheets.len(), SheetKind::ALL.len());
        for sheet in &export.sheets {
            assert_eq!(sheet.columns.len(), sheet.kind.spec().columns.len(), "{}", sheet.sheet_name);
            assert_eq!(sheet.rows, 0, "{}", sheet.sheet_name);
        }
    }
}
