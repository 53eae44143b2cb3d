//! Tests of the report workbooks: the rows written by hand against rust_xlsxwriter writing every cell, part by
//! part.

use super::*;
use calamine::Data;
use chrono::NaiveDate;
use proptest::prelude::*;

/// Every cell of the sheet `index` of an XLSX, as calamine reads it.
fn cells_of(bytes: &[u8], index: usize) -> Vec<Vec<Data>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX");
    let name = book.sheet_names()[index].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The workbook as rust_xlsxwriter writes it cell by cell, every table of `by_hand_from` rows or more in its
/// constant-memory mode: what [`tables_workbook_from`] must give, part for part.
fn reference(title: &str, tables: &[SheetTable], date_format: &str, by_hand_from: usize) -> Result<Vec<u8>, String> {
    let mut wb = new_workbook(title).map_err(|e| e.to_string())?;
    let mut sheets = Vec::new();
    for t in tables {
        sheets.push(if t.rows.len() >= by_hand_from && !t.headers.is_empty() {
            wb.new_worksheet_with_constant_memory().map_err(|e| e.to_string())?
        } else {
            Worksheet::new()
        });
    }
    for (ws, t) in sheets.iter_mut().zip(tables) {
        fill_sheet(ws, t, date_format).map_err(|e| format!("{}: {e}", t.name))?;
    }
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    to_bytes(wb).map_err(|e| e.to_string())
}

/// The parts of a workbook, in order: name, how it is stored (method, permissions, time) and its bytes inflated.
/// Two workbooks with the same parts are the same file to every reader; their compressed bytes may differ (zlib's
/// quick strategy ends its blocks where the writes end, and the skeleton's rows arrive in other writes).
fn parts(bytes: &[u8]) -> Vec<(String, String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a part");
            let stored = format!("{:?} {:?} {:?}", file.compression(), file.unix_mode(), file.last_modified());
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("inflated");
            (file.name().expect("a name").to_string(), stored, data)
        })
        .collect()
}

fn table(name: &str, n: usize) -> SheetTable {
    SheetTable {
        name: name.into(),
        headers: vec!["id".into(), "tekst".into(), "getal".into(), "datum".into(), "".into()],
        rows: (0..n)
            .map(|i| {
                vec![
                    XCell::Text(format!("{name} {}", i % 7)),
                    if i % 3 == 0 { XCell::Empty } else { XCell::Text(format!("t & <{}>", i % 5)) },
                    if i % 4 == 1 { XCell::Number(i as f64 / 3.0) } else { XCell::Int(i as i64 - 2) },
                    XCell::Date(NaiveDate::from_ymd_opt(1899 + (i % 200) as i32, 1 + (i % 12) as u32, 28).unwrap()),
                ]
            })
            .collect(),
    }
}

#[test]
fn large_tables_written_by_hand_are_the_parts_rust_xlsxwriter_writes() -> Result<(), String> {
    // Two large sheets and three small ones, interleaved; the real threshold.
    let tables =
        vec![table("a", 10), table("b", BY_HAND_FROM + 3), table("c", 200), table("d", BY_HAND_FROM), table("e", 1)];
    let by_hand = tables_workbook("t", &tables, "d-m-yyyy")?;
    let reference = reference("t", &tables, "d-m-yyyy", BY_HAND_FROM)?;
    assert!(parts(&by_hand) == parts(&reference));
    assert_eq!(parts(&by_hand).len(), 14, "{:?}", parts(&by_hand).iter().map(|p| p.0.clone()).collect::<Vec<_>>());
    // And they read back as written: every cell.
    let cells = cells_of(&by_hand, 1);
    assert_eq!(cells.len(), BY_HAND_FROM + 4);
    assert_eq!(cells[1][0], Data::String("b 0".into()));
    assert_eq!(cells[2][1], Data::String("t & <1>".into()));
    assert_eq!(cells[2][2], Data::Float(1.0 / 3.0));
    assert_eq!(cells[1][2], Data::Float(-2.0));
    assert_eq!(cells[1][3], Data::String("1899-01-28".into()));
    assert!(matches!(cells[2][3], Data::DateTime(_)), "{:?}", cells[2][3]);
    Ok(())
}

#[test]
fn digits_counts_the_characters_of_a_number() {
    for n in [0, 7, 9, 10, 99, 100, -1, -10, 123_456, i64::MAX, i64::MIN] {
        assert_eq!(digits(n), n.to_string().len(), "{n}");
    }
}

#[test]
fn a_text_over_the_cell_limit_is_cut_visibly_and_the_workbook_is_written() -> Result<(), String> {
    let long = "é".repeat(40_000);
    let cut = fit_cell(&long);
    assert_eq!(cut.chars().count(), MAX_CELL_CHARS - 16 + "… [+7249]".chars().count());
    assert!(cut.ends_with("… [+7249]"), "{}", &cut[cut.len() - 20..]);
    assert!(matches!(fit_cell(&"x".repeat(MAX_CELL_CHARS)), std::borrow::Cow::Borrowed(_)));
    let table =
        SheetTable { name: "s".into(), headers: vec![long.clone()], rows: vec![vec![XCell::Text(long.clone())]] };
    for by_hand_from in [0, 5] {
        let bytes = tables_workbook_from("t", std::slice::from_ref(&table), "yyyy-mm-dd", by_hand_from)?;
        assert_eq!(cells_of(&bytes, 0)[1][0], Data::String(cut.to_string()));
    }
    Ok(())
}

#[test]
fn a_text_of_astral_characters_is_cut_by_its_utf16_units_and_the_workbook_is_written() -> Result<(), String> {
    // 20,000 characters an input cell may hold, 40,000 UTF-16 units: over Excel's limit.
    let long = "😀".repeat(20_000);
    let cut = fit_cell(&long);
    let units = cut.encode_utf16().count();
    assert!(units <= MAX_CELL_CHARS && units > MAX_CELL_CHARS - 17, "{units}");
    assert!(cut.ends_with("… [+3625]") && cut.starts_with("😀😀"), "{}", &cut[cut.len() - 20..]);
    // One unit under the limit stays whole; one over is cut.
    let under = format!("{}x", "😀".repeat((MAX_CELL_CHARS - 1) / 2));
    assert_eq!(under.encode_utf16().count(), MAX_CELL_CHARS);
    assert!(matches!(fit_cell(&under), std::borrow::Cow::Borrowed(_)));
    assert!(matches!(fit_cell(&format!("{under}y")), std::borrow::Cow::Owned(_)));
    let table =
        SheetTable { name: "s".into(), headers: vec![long.clone()], rows: vec![vec![XCell::Text(long.clone())]] };
    for by_hand_from in [0, 5] {
        let bytes = tables_workbook_from("t", std::slice::from_ref(&table), "yyyy-mm-dd", by_hand_from)?;
        assert_eq!(cells_of(&bytes, 0)[0][0], Data::String(cut.to_string()));
        assert_eq!(cells_of(&bytes, 0)[1][0], Data::String(cut.to_string()));
    }
    Ok(())
}

/// Texts of every kind a sheet must keep: escapes, controls, white space at the ends, entities, other scripts.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("_x0041_".to_string()),
        Just(" voor en na\t".to_string()),
        Just("a & b <c> \"d\" 'e'".to_string()),
        Just("\u{1}\r\u{1f}\u{fffe}\u{ffff}".to_string()),
        Just("=SUM(A1)".to_string()),
        "[a-z_x0-9A-F ]{0,12}",
        any::<String>(),
    ]
}

fn any_cell() -> impl Strategy<Value = XCell> {
    prop_oneof![
        any_text().prop_map(XCell::Text),
        prop_oneof![
            any::<f64>(),
            Just(-0.0),
            Just(f64::NAN),
            Just(1e21),
            Just(1e-7),
            Just(123456789012345.0),
            (-1_000_000i64..1_000_000).prop_map(|n| n as f64 / 8.0),
        ]
        .prop_map(XCell::Number),
        prop_oneof![any::<i64>(), -100i64..100, Just(i64::MIN), Just(9_007_199_254_740_993)].prop_map(XCell::Int),
        (1i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| XCell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())),
        prop_oneof![Just((1900, 2, 28)), Just((1900, 3, 1)), Just((1900, 1, 1))]
            .prop_map(|(y, m, d)| XCell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())),
        Just(XCell::Empty),
    ]
}

fn any_tables() -> impl Strategy<Value = Vec<SheetTable>> {
    let one = (
        proptest::collection::vec(any_text(), 0..5),
        proptest::collection::vec(proptest::collection::vec(any_cell(), 0..7), 0..9),
    );
    proptest::collection::vec(one, 1..4).prop_map(|tables| {
        tables
            .into_iter()
            .enumerate()
            .map(|(i, (headers, rows))| SheetTable { name: format!("blad {i}: [x]"), headers, rows })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any tables, any threshold: the rows written by hand are the parts rust_xlsxwriter writes.
    #[test]
    fn any_tables_written_by_hand_are_the_parts_rust_xlsxwriter_writes(
        tables in any_tables(),
        by_hand_from in 0usize..6,
        date_format in prop_oneof![Just("yyyy-mm-dd"), Just("d-m-yyyy"), Just("#,##0.0#")],
    ) {
        let by_hand = tables_workbook_from("titel", &tables, date_format, by_hand_from);
        let reference = reference("titel", &tables, date_format, by_hand_from);
        match (by_hand, reference) {
            (Ok(a), Ok(b)) => prop_assert!(parts(&a) == parts(&b), "the parts differ"),
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }
}
