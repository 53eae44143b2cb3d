//! The reader of the usual shape against calamine, its reference: on every workbook of the fixtures (the shared
//! corpus's workbooks among them), on hand-made parts of every shape the reader knows or leaves alone, and on generated workbooks. Where it
//! reads a workbook, the sheets (names, row numbers, cells) and the budget refusals must be calamine's.

use std::io::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::ingest::workbook::{read_lite_only, read_with_calamine};

/// Compares the two readers on one workbook; true when the reader of the usual shape read it.
fn same_as_calamine(bytes: &[u8], what: &str) -> bool {
    let Some(lite) = read_lite_only(bytes, "book.xlsx") else { return false };
    let calamine = read_with_calamine(bytes.to_vec(), "xlsx", "book.xlsx");
    assert_eq!(lite, calamine, "{what}");
    true
}

fn workbooks_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            workbooks_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "xlsx" || e == "xlsm") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_and_corpus_workbook_reads_as_calamine_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    workbooks_under(&root.join("fixtures"), &mut files);
    workbooks_under(&root.join("tests"), &mut files);
    files.sort();
    let mut read = 0;
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        if same_as_calamine(&bytes, &file.display().to_string()) {
            read += 1;
        }
    }
    // The fixtures hold exports written the usual way: most are read here, not left to calamine.
    assert!(read * 2 > files.len(), "{read} of {} read without calamine", files.len());
}

/// A workbook of the given sheet parts, shared strings and styles, zipped as Excel zips it.
fn book(sheets: &[&str], shared: Option<&str>, styles: Option<&str>, workbook_pr: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())
    };
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), "<Types/>".to_string()),
        (
            "_rels/.rels".to_string(),
            format!(
                r#"<Relationships><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
    ];
    let mut listed = String::new();
    let mut rels = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        listed.push_str(&format!(r#"<sheet name="Blad &amp; {n}" sheetId="{n}" r:id="rId{n}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), format!("<worksheet {ns}>{sheet}</worksheet>")));
    }
    parts.push(("xl/workbook.xml".into(), format!("<workbook {ns}>{workbook_pr}<sheets>{listed}</sheets></workbook>")));
    parts.push(("xl/_rels/workbook.xml.rels".into(), format!("<Relationships>{rels}</Relationships>")));
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml".into(), format!("<sst {ns}>{shared}</sst>")));
    }
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml".into(), format!("<styleSheet {ns}>{styles}</styleSheet>")));
    }
    for (name, text) in &parts {
        assert_eq!(put(name, text), Ok(()));
    }
    zip.finish().map(std::io::Cursor::into_inner).unwrap_or_default()
}

const STYLES: &str = r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs><dxfs><dxf><numFmt numFmtId="165" formatCode="yyyy"/></dxf></dxfs>"#;

fn sheet(rows: &str) -> String {
    format!(r#"<dimension ref="A1:C3"/><sheetData>{rows}</sheetData>"#)
}

#[test]
fn cells_of_every_kind_read_as_calamine_reads_them() {
    let shared = r#"<si><t>een</t></si><si><t xml:space="preserve"> twee </t></si><si><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si><si/><si><t>a &amp; b &#233; &#x1F600;</t></si><si><t>  trimmed
</t></si>"#;
    let plain = [
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
        r#"<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row>"#,
        r#"<row r="3"><c r="A3"><v>45678</v></c><c r="B3" s="1"><v>45678</v></c><c r="C3" s="3"><v>-1.5e2</v></c></row>"#,
        r#"<row r="1"><c r="A1" s="4"><v>1.25</v></c><c r="B1" s="2"><v>3</v></c><c r="C1" s="9"><v>3</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v/></c></row>"#,
        r#"<row r="1"><c r="A1" t="str"><f>A2&amp;"x"</f><v>x &lt;y&gt; z</v></c><c r="B1"><f>1+1</f><v>2</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c r="B1" t="inlineStr"><is><r><t xml:space="preserve">a </t></r><r><t>b</t></r></is></c><c r="C1" t="inlineStr"><v>ignored</v><is><t>kept</t></is></c></row>"#,
        r#"<row r="1"><c r="A1"/><c r="B1"><v></v></c><c r="C1" s="1"/></row><row r="2"/><row r="3" spans="1:3"><c r="B3" t="inlineStr"><is/></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>line one&#13;
line two</t></is></c><c r="B1" t="str"><v>crlf
in str</v></c></row>"#,
        r#"<row r="2"><c r="C2"><v>2</v></c></row><row r="1"><c r="B1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</v><f>stale</f></c></row>"#,
        "<row r=\"1\">\n  <c r=\"A1\">\n    <v>7</v>\n  </c>\n</row>\n",
        r#"<row r="1"><x:c r="A1"><x:v>1</x:v></x:c></row>"#,
    ];
    for (i, rows) in plain.iter().enumerate() {
        let sheet = sheet(rows);
        let bytes = book(&[&sheet, &sheet], Some(shared), Some(STYLES), "");
        assert!(same_as_calamine(&bytes, rows), "case {i} was left to calamine: {rows}");
        let bytes = book(&[&sheet], Some(shared), Some(STYLES), r#"<workbookPr date1904="1"/>"#);
        assert!(same_as_calamine(&bytes, rows), "1904, case {i} was left to calamine");
    }
}

#[test]
fn shapes_it_does_not_know_are_left_to_calamine() {
    let shared = "<si><t>een</t></si>";
    let unknown = [
        r#"<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="d"><v>2026-01-02T00:00:00</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="n"><v>abc</v></c></row>"#,
        r#"<row r="1"><c r="A1"><v> 1</v></c></row>"#,
        r#"<row r="1"><c t="s"><v>0</v></c></row>"#,
        r#"<row r="1"><c r="a1"><v>1</v></c></row>"#,
        r#"<row r="x1"><c r="A1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>_x000D_</t></is></c></row>"#,
        r#"<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>"#,
        r#"<row r="1"><c r="A1"><extLst/></c></row>"#,
        r#"<row r="1"><c r="A1" r="B1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</v></c>"#,
        r#"<row r="1"><c r="A1" t="b"><v>2</v></c></row>"#,
        r#"<row r="1"><c r="A1" s="x"><v>1</v></c></row>"#,
        r#"<other/><row r="1"><c r="A1"><v>1</v></c></row>"#,
        // Found by fuzzing: a formula never closed by its own name (calamine reads to its end, and fails).
        r#"<row r="1"><c r="A1"><f t="shared" s="x"v>0</v></c></row>"#,
        r#"<row r="1"><c r="A1"><f>1<v>0</v></c><c r="B1"><f>2</f></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</x:t></is></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</x:v></c></row>"#,
        // Found by the property test: calamine reads a value's first event only, here a comment.
        r#"<row r="1"><c r="A1" t="b"><v><!-- c -->true</v></c></row>"#,
    ];
    for rows in unknown {
        let bytes = book(&[&sheet(rows)], Some(shared), Some(STYLES), "");
        assert!(!same_as_calamine(&bytes, rows), "{rows} was read without calamine");
    }
    // Found by fuzzing: an attribute calamine reads (a font's colour) and this reader passes over.
    let colour = book(&[&sheet("")], None, Some(r#"<fonts><font><color thee1"=m"/></font></fonts>"#), "");
    assert!(!same_as_calamine(&colour, "a malformed attribute in the styles"));
    let dangling = book(&[&sheet("")], None, Some("<colors>a & b</colors>"), "");
    assert!(!same_as_calamine(&dangling, "an ampersand without its semicolon where nothing is read"));
    let no_data = book(&["<dimension ref=\"A1\"/>"], None, None, "");
    assert!(!same_as_calamine(&no_data, "no sheetData"));
    let bad_dimension = book(&["<dimension/><sheetData/>"], None, None, "");
    assert!(!same_as_calamine(&bad_dimension, "dimension without ref"));
    let defined =
        book(&[&sheet("")], None, None, "<definedNames><definedName name=\"x\">&bad;</definedName></definedNames>");
    assert!(!same_as_calamine(&defined, "a defined name with an unknown entity"));
}

/// Budgets stop the reader where they stop calamine's cells.
#[test]
fn budgets_refuse_as_with_calamine() {
    let wide = sheet(r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>"#);
    let long = "x".repeat(crate::ingest::budget::MAX_CELL_CHARS + 1);
    let long = sheet(&format!(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row>"#));
    for rows in [wide, long] {
        let bytes = book(&[&sheet(""), &rows], None, None, "");
        assert!(same_as_calamine(&bytes, "budget"));
        assert!(matches!(read_lite_only(&bytes, "book.xlsx"), Some(Err(_))));
    }
}

/// One generated cell: what rust_xlsxwriter writes.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(f64, &'static str),
    Bool(bool),
    Formula(String),
}

fn cell() -> impl Strategy<Value = Cell> {
    let formats = prop::sample::select(vec!["yyyy-mm-dd", "dd/mm/yyyy", "d-mmm-yy", "0.00", "[h]:mm:ss", "@", "h:mm"]);
    prop_oneof![
        "[ a-zA-Z0-9&<>\"'é€\\t\\n-]{0,12}".prop_map(Cell::Text),
        prop::sample::select(vec!["_x000D_", " lead", "trail ", "a\r\nb", "😀", "&amp;"])
            .prop_map(|s| Cell::Text(s.into())),
        any::<f64>().prop_filter("finite", |n| n.is_finite()).prop_map(Cell::Number),
        (-10.0..3_000_000.0f64, formats).prop_map(|(n, f)| Cell::Date(n, f)),
        any::<bool>().prop_map(Cell::Bool),
        "[a-z &]{0,6}".prop_map(Cell::Formula),
    ]
}

fn generated(cells: &[(u16, u16, Cell)], constant_memory: bool) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = if constant_memory {
        match workbook.add_worksheet_with_constant_memory() {
            Ok(sheet) => sheet,
            Err(_) => return Vec::new(),
        }
    } else {
        workbook.add_worksheet()
    };
    for (row, col, cell) in cells {
        let (row, col) = (u32::from(*row), *col);
        let _ = match cell {
            Cell::Text(s) => sheet.write_string(row, col, s).map(|_| ()),
            Cell::Number(n) => sheet.write_number(row, col, *n).map(|_| ()),
            Cell::Date(n, f) => {
                let format = rust_xlsxwriter::Format::new().set_num_format(*f);
                sheet.write_number_with_format(row, col, *n, &format).map(|_| ())
            }
            Cell::Bool(b) => sheet.write_boolean(row, col, *b).map(|_| ()),
            Cell::Formula(s) => {
                let formula = rust_xlsxwriter::Formula::new("=A1").set_result(s);
                sheet.write_formula(row, col, formula).map(|_| ())
            }
        };
    }
    workbook.save_to_buffer().unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_workbooks_read_as_calamine_reads_them(
        cells in prop::collection::vec((0u16..40, 0u16..12, cell()), 0..60),
        constant_memory in any::<bool>(),
    ) {
        let bytes = generated(&cells, constant_memory);
        same_as_calamine(&bytes, &format!("{cells:?}"));
    }
}

/// Texts of values and strings: numbers, words, entities, white space, Excel escapes, line ends.
const TEXTS: &[&str] = &[
    "",
    "1",
    "0",
    "45678",
    "-2.5E3",
    "1e999",
    " 7",
    "x",
    "true",
    "FALSE",
    " a ",
    "é",
    "&amp;",
    "&#13;",
    "&lt;b&gt;",
    "&nbsp;",
    "_x000D_",
    "\r\n",
    "\n",
    "<!-- c -->",
    "<b/>",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TEXTS), 0..3).prop_map(|t| t.concat())
}

/// A run of an inline or shared string: a `t`, a rich run, a phonetic run, run properties.
fn run() -> impl Strategy<Value = String> {
    (0..5u8, text(), any::<bool>()).prop_map(|(kind, text, keep)| {
        let t = if keep { format!("<t xml:space=\"preserve\">{text}</t>") } else { format!("<t>{text}</t>") };
        match kind {
            0 => t,
            1 => format!("<r><rPr><b/><sz val=\"11\"/></rPr>{t}</r>"),
            2 => format!("<rPh sb=\"0\" eb=\"1\">{t}</rPh>"),
            3 => "<phoneticPr fontId=\"1\"/>".into(),
            _ => "<t/>".into(),
        }
    })
}

/// One child of a cell: a value, a formula, an inline string.
fn child() -> impl Strategy<Value = String> {
    (0..4u8, text(), prop::collection::vec(run(), 0..3)).prop_map(|(kind, text, runs)| match kind {
        0 => format!("<v>{text}</v>"),
        1 => format!("<f>{text}</f>"),
        2 => format!("<is>{}</is>", runs.concat()),
        _ => "<v/>".into(),
    })
}

/// A cell: its reference (now and then one calamine reads otherwise), style and type, and its children.
fn sheet_cell() -> impl Strategy<Value = String> {
    let refs = prop::sample::select(vec!["A1", "B1", "C2", "A3", "Z9", "AA10", "XFD1", "a1", "A0"]);
    let styles = prop::sample::select(vec!["", " s=\"0\"", " s=\"1\"", " s=\"3\"", " s=\"4\"", " s=\"9\"", " s=\"x\""]);
    let kinds = prop::sample::select(vec![
        "",
        " t=\"n\"",
        " t=\"s\"",
        " t=\"b\"",
        " t=\"str\"",
        " t=\"inlineStr\"",
        " t=\"e\"",
    ]);
    (refs, styles, kinds, prop::collection::vec(child(), 0..3), any::<bool>()).prop_map(|(r, s, t, children, empty)| {
        if empty && children.is_empty() {
            format!("<c r=\"{r}\"{s}{t}/>")
        } else {
            format!("<c r=\"{r}\"{s}{t}>{}</c>", children.concat())
        }
    })
}

/// Rows of cells, with now and then a row number calamine reads otherwise, white space between elements.
fn sheet_rows() -> impl Strategy<Value = String> {
    let numbers = prop::sample::select(vec!["", " r=\"1\"", " r=\"2\"", " r=\"7\"", " r=\"A3\""]);
    let row = (numbers, prop::collection::vec(sheet_cell(), 0..5), any::<bool>())
        .prop_map(|(r, cells, spaced)| format!("<row{r}>{}</row>{}", cells.concat(), if spaced { "\n  " } else { "" }));
    prop::collection::vec(row, 0..5).prop_map(|rows| rows.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_sheet_xml_reads_as_calamine_reads_it(rows in sheet_rows(), date1904 in any::<bool>()) {
        let shared = "<si><t>een</t></si><si><t xml:space=\"preserve\"> twee </t></si>";
        let pr = if date1904 { "<workbookPr date1904=\"true\"/>" } else { "" };
        let bytes = book(&[&sheet(&rows)], Some(shared), Some(STYLES), pr);
        same_as_calamine(&bytes, &rows);
    }

    #[test]
    fn random_shared_strings_read_as_calamine_reads_them(items in prop::collection::vec(
        prop::collection::vec(run(), 0..4).prop_map(|runs| format!("<si>{}</si>", runs.concat())), 3..6,
    )) {
        let items = items.concat();
        let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#;
        let bytes = book(&[&sheet(rows)], Some(&items), Some(STYLES), "");
        same_as_calamine(&bytes, &items);
    }

    #[test]
    fn random_styles_read_as_calamine_reads_them(styles in soup(&[
        "<numFmts>", "</numFmts>", "<numFmt numFmtId=\"164\" formatCode=\"yyyy\"/>",
        "<numFmt numFmtId=\"165\" formatCode=\"0.0\"/>", "<cellXfs>", "</cellXfs>", "<cellXfs/>", "<xf numFmtId=\"164\"/>",
        "<xf numFmtId=\"14\">", "</xf>", "<xf/>", "<xf numFmtId=\"165\"/>", "<xf numFmtId=\"46\"/>", "<alignment/>",
        "<cellStyleXfs>", "</cellStyleXfs>", "<dxfs><dxf><numFmt numFmtId=\"164\" formatCode=\"0\"/></dxf></dxfs>",
    ], 20)) {
        let rows = r#"<row r="1"><c r="A1" s="0"><v>45000</v></c><c r="B1" s="1"><v>45000.5</v></c><c r="C1" s="2"><v>2</v></c><c r="D1" s="3"><v>3</v></c></row>"#;
        let bytes = book(&[&sheet(rows)], None, Some(&styles), "");
        same_as_calamine(&bytes, &styles);
    }
}

fn soup(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|p| p.concat())
}

/// What rust_xlsxwriter writes of each kind of cell, shared or inline strings, is read here, not left to calamine.
#[test]
fn generated_cells_of_each_kind_are_read_without_calamine() {
    let kinds = [
        Cell::Text("a & b".into()),
        Cell::Number(1.5),
        Cell::Date(45000.0, "yyyy-mm-dd"),
        Cell::Date(45000.0, "[h]:mm:ss"),
        Cell::Bool(true),
        Cell::Formula("x".into()),
    ];
    for cell in kinds {
        for constant_memory in [false, true] {
            let bytes = generated(&[(0, 0, cell.clone()), (3, 2, Cell::Number(2.0))], constant_memory);
            assert!(same_as_calamine(&bytes, &format!("{cell:?}")), "{cell:?} was left to calamine");
        }
    }
}
