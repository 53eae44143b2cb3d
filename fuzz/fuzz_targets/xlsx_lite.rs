//! The reader of `.xlsx` workbooks of the usual shape against calamine, its reference: the input is split at NUL
//! bytes into a sheet's XML, shared strings and styles, zipped into a workbook; wherever the reader reads it, the
//! sheets and refusals must be calamine's, and neither may panic.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn book(sheet: &str, shared: &str, styles: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        ("_rels/.rels", format!(r#"<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<workbook {NS}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)),
        ("xl/worksheets/sheet1.xml", format!("<worksheet {NS}><sheetData>{sheet}</sheetData></worksheet>")),
        ("xl/sharedStrings.xml", format!("<sst {NS}>{shared}</sst>")),
        ("xl/styles.xml", format!("<styleSheet {NS}>{styles}</styleSheet>")),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).ok()?;
        zip.write_all(text.as_bytes()).ok()?;
    }
    zip.finish().ok().map(std::io::Cursor::into_inner)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut pieces = text.split('\0');
    let sheet = pieces.next().unwrap_or("");
    let shared = pieces.next().unwrap_or("<si><t>a</t></si>");
    let styles = pieces.next().unwrap_or(r#"<cellXfs><xf numFmtId="14"/></cellXfs>"#);
    let Some(bytes) = book(sheet, shared, styles) else { return };
    if let Some(lite) = hs_audit::ingest::workbook::read_lite_only(&bytes, "fuzz.xlsx") {
        let calamine = hs_audit::ingest::workbook::read_with_calamine(bytes, "xlsx", "fuzz.xlsx");
        assert_eq!(lite, calamine, "{sheet:?} / {shared:?} / {styles:?}");
    }
});
