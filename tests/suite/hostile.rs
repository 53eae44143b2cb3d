//! Hostile files beside the demo export: each is made by the test, `check` runs on the folder, and the run must
//! end orderly (exit 2, the file's finding in results.json) with the demo location still audited and reported.
//! Each run is limited to 20 s; the files are built small where the claim, not the size, is the attack.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{hs_audit, hs_audit_capped, hs_audit_in, root};

/// A minimal workbook: one sheet `gezinnen` with the given sheet XML, and optional shared strings and styles.
fn xlsx(path: &Path, sheet: &[u8], shared: Option<&[u8]>, styles: Option<&[u8]>) {
    let file = std::fs::File::create(path).expect("creating the workbook");
    let mut zip = zip::ZipWriter::new(file);
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, bytes: &[u8]| {
        zip.start_file(name, deflate).expect("a part");
        zip.write_all(bytes).expect("writing a part");
    };
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    part("[Content_Types].xml", types.as_bytes());
    part("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    part("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="gezinnen" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    );
    if shared.is_some() {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    if styles.is_some() {
        rels.push_str(r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
    }
    rels.push_str("</Relationships>");
    part("xl/_rels/workbook.xml.rels", rels.as_bytes());
    part("xl/worksheets/sheet1.xml", sheet);
    if let Some(s) = shared {
        part("xl/sharedStrings.xml", s);
    }
    if let Some(s) = styles {
        part("xl/styles.xml", s);
    }
    zip.finish().expect("finishing the workbook");
}

fn sheet_xml(rows: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#).into_bytes()
}

/// A folder holding the demo export and the hostile file made by `make` (given the folder).
fn folder_with(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(root().join("fixtures/demo/demo.xlsx"), dir.path().join("demo.xlsx")).expect("copying the demo");
    make(dir.path());
    dir
}

/// Runs `check` on the folder; asserts exit 2, the demo reported, and a finding of `kind` about `file`.
fn check_survives(dir: &Path, file: &str, kind: &str) -> serde_json::Value {
    // `HS_AUDIT_KEEP_HOSTILE=DIR` keeps a copy of each folder (to measure a release build on them).
    if let Some(keep) = std::env::var_os("HS_AUDIT_KEEP_HOSTILE") {
        let to = Path::new(&keep).join(file);
        let _ = std::process::Command::new("cp").arg("-a").arg("--sparse=always").arg(dir).arg(&to).status();
    }
    let out = dir.join("out");
    let exports = dir.to_string_lossy().to_string();
    let out_s = out.to_string_lossy().to_string();
    let run = hs_audit(
        &["check", &exports, "--out", &out_s, "--period", "2026", "--format", "json", "--format", "md", "--lang", "en"],
        Duration::from_secs(20),
    );
    // 2 for a file not read; a read file with findings leaves the exit to the demo's failures (1).
    let want = if matches!(kind, "too_large" | "not_a_regular_file") { Some(2) } else { Some(1) };
    assert_eq!(run.code, want, "{file}: {}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
    let text = std::fs::read_to_string(out.join("results.json")).expect("results.json written");
    let results: serde_json::Value = serde_json::from_str(&text).expect("results.json is JSON");
    let findings = results["input_findings"].as_array().cloned().unwrap_or_default();
    assert!(
        findings.iter().any(|f| f["kind"] == kind && f["file"].as_str().is_some_and(|p| p.ends_with(file))),
        "{file}: no {kind} finding in {findings:?}"
    );
    let locations = results["locations"].as_array().cloned().unwrap_or_default();
    assert!(!locations.is_empty(), "{file}: the demo location is still audited");
    assert!(results["results"].as_array().is_some_and(|r| !r.is_empty()), "{file}: the demo has results");
    results
}

#[test]
fn a_cell_at_xfd1048576_beside_a1_is_read_from_the_cells_it_holds() {
    // calamine's dense range would be 1,048,576 x 16,384 cells; streamed, it is two cells in two rows.
    let dir = folder_with(|d| {
        let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>gezin_id</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
        xlsx(&d.join("far.xlsx"), &sheet_xml(rows), None, None);
    });
    // Not a full export (missing sheets): read, with findings, never a 550 GB allocation.
    check_survives(dir.path(), "far.xlsx", "missing_sheet");
}

#[test]
fn rows_padded_out_to_xfd_stop_at_the_budget() {
    let dir = folder_with(|d| {
        let rows: String = (1..=2000)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="XFD{r}"><v>2</v></c></row>"#))
            .collect();
        xlsx(&d.join("padded.xlsx"), &sheet_xml(&rows), None, None);
    });
    check_survives(dir.path(), "padded.xlsx", "too_large");
}

/// Rows that start at column XFD (issue 9): each row's one cell is the sheet's last column, so a reader that
/// fills rows from column A pads 16,383 empty cells into every row. 20,000 such rows (327 million cells padded)
/// stop at the budget; the demo beside them is still audited, within 20 s.
#[test]
fn rows_that_all_start_at_column_xfd_stop_at_the_budget() {
    let dir = folder_with(|d| {
        let rows: String =
            (1..=20_000).map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>{r}</v></c></row>"#)).collect();
        xlsx(&d.join("xfd.xlsx"), &sheet_xml(&rows), None, None);
    });
    check_survives(dir.path(), "xfd.xlsx", "too_large");
}

#[test]
fn a_shared_strings_count_of_two_billion_is_not_believed() {
    let dir = folder_with(|d| {
        let shared = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000000000" uniqueCount="2000000000"><si><t>gezin_id</t></si></sst>"#;
        let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
        xlsx(&d.join("claims.xlsx"), &sheet_xml(rows), Some(shared), None);
    });
    check_survives(dir.path(), "claims.xlsx", "missing_sheet");
}

#[test]
fn one_2_mb_shared_string_in_400_cells_is_one_budget_stop_not_800_mb_of_copies() {
    let dir = folder_with(|d| {
        // Letters from a simple generator: they compress about 1.6 times, so the part passes the inflation
        // budget and the cell budget is what stops it.
        let mut seed: u32 = 1;
        let big: String = (0..2 * 1024 * 1024)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'a' + ((seed >> 16) % 26) as u8)
            })
            .collect();
        let shared = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>{big}</t></si></sst>"#
        );
        let rows: String = (1..=400).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#)).collect();
        xlsx(&d.join("bigstring.xlsx"), &sheet_xml(&rows), Some(shared.as_bytes()), None);
    });
    check_survives(dir.path(), "bigstring.xlsx", "too_large");
}

#[test]
fn a_part_inflating_past_100_times_is_refused() {
    let dir = folder_with(|d| {
        // 64 MB of white space in the sheet compresses to about 64 KB: 1,000 times.
        let mut sheet = sheet_xml("");
        let at = sheet.len() - "</sheetData></worksheet>".len();
        sheet.splice(at..at, std::iter::repeat_n(b' ', 64 * 1024 * 1024));
        xlsx(&d.join("bomb.xlsx"), &sheet, None, None);
    });
    check_survives(dir.path(), "bomb.xlsx", "too_large");
}

#[test]
fn a_date_cell_of_minus_1e15_is_a_bad_date_not_a_crash() {
    let dir = folder_with(|d| {
        let styles = br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
        let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>gezin_id</t></is></c><c r="B1" t="inlineStr"><is><t>aanmelding</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>G1</t></is></c><c r="B2" s="1"><v>-1E+15</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>G2</t></is></c><c r="B3" s="1"><v>1E+300</v></c></row>"#;
        xlsx(&d.join("negative_date.xlsx"), &sheet_xml(rows), None, Some(styles));
    });
    check_survives(dir.path(), "negative_date.xlsx", "invalid_date");
}

#[test]
fn an_ods_repeating_an_empty_cell_98_million_times_is_refused_before_calamine_expands_it() {
    let dir = folder_with(|d| {
        let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="gezinnen"><table:table-row table:number-rows-repeated="98000000"><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let file = std::fs::File::create(d.join("repeats.ods")).expect("creating the ods");
        let mut zip = zip::ZipWriter::new(file);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).expect("mimetype");
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("mimetype");
        zip.start_file("content.xml", stored).expect("content");
        zip.write_all(content.as_bytes()).expect("content");
        zip.start_file("META-INF/manifest.xml", stored).expect("manifest");
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).expect("manifest");
        zip.finish().expect("finishing the ods");
    });
    check_survives(dir.path(), "repeats.ods", "too_large");
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_and_a_fifo_are_not_opened() {
    let dir = folder_with(|d| {
        std::os::unix::fs::symlink("/dev/zero", d.join("evil.xlsx")).expect("a link to /dev/zero");
        let fifo = d.join("pipe.xlsx");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
    });
    let results = check_survives(dir.path(), "evil.xlsx", "not_a_regular_file");
    let findings = results["input_findings"].as_array().cloned().unwrap_or_default();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "not_a_regular_file" && f["file"].as_str().is_some_and(|p| p.ends_with("pipe.xlsx")))
    );
}

#[test]
fn a_workbook_over_200_mb_or_a_csv_over_1_gb_is_refused_unread() {
    // Sparse files: 201 MB and 1,025 MB long on paper, nothing on disk, never read.
    let dir = folder_with(|d| {
        let big = std::fs::File::create(d.join("huge.xlsx")).expect("creating");
        big.set_len(201 * 1024 * 1024).expect("sizing");
        let csv = d.join("csvexport");
        std::fs::create_dir(&csv).expect("a CSV folder");
        std::fs::write(csv.join("locatie.csv"), "locatie_id;naam\nC1;Csv\n").expect("locatie.csv");
        let big = std::fs::File::create(csv.join("gezinnen.csv")).expect("creating");
        big.set_len(1025 * 1024 * 1024).expect("sizing");
    });
    let results = check_survives(dir.path(), "huge.xlsx", "too_large");
    let findings = results["input_findings"].as_array().cloned().unwrap_or_default();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "too_large" && f["file"].as_str().is_some_and(|p| p.ends_with("gezinnen.csv")))
    );
}

/// A 2.6 GB CSV (sparse: nothing on disk) is refused from its size before a byte is read: the run, under a 1 GB
/// address-space cap and 20 s, gives the file's `too_large` finding and audits the demo beside it.
#[test]
fn a_csv_of_2_6_gb_is_refused_from_its_size_under_a_1_gb_cap() {
    let dir = folder_with(|d| {
        let csv = d.join("csvexport");
        std::fs::create_dir(&csv).expect("a CSV folder");
        std::fs::write(csv.join("locatie.csv"), "locatie_id;naam\nC1;Csv\n").expect("locatie.csv");
        let big = std::fs::File::create(csv.join("gezinnen.csv")).expect("creating");
        big.set_len(2600 * 1024 * 1024).expect("sizing");
    });
    let out = dir.path().join("out");
    let args = ["check", ".", "--out", "out", "--period", "2026", "--format", "json", "--lang", "en"];
    let run = hs_audit_capped(dir.path(), 1_000_000, &args, Duration::from_secs(20));
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    let text = std::fs::read_to_string(out.join("results.json")).expect("results.json written");
    let results: serde_json::Value = serde_json::from_str(&text).expect("results.json is JSON");
    let findings = results["input_findings"].as_array().cloned().unwrap_or_default();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "too_large" && f["file"].as_str().is_some_and(|p| p.ends_with("gezinnen.csv"))),
        "{findings:?}"
    );
    assert!(results["locations"].as_array().is_some_and(|l| !l.is_empty()), "the demo is still audited");
}

#[test]
fn a_csv_cell_over_32767_characters_is_too_large() {
    let dir = folder_with(|d| {
        let csv = d.join("longcell");
        std::fs::create_dir(&csv).expect("a CSV folder");
        std::fs::write(csv.join("locatie.csv"), format!("locatie_id;naam\nC1;{}\n", "n".repeat(32_768)))
            .expect("locatie.csv");
    });
    check_survives(dir.path(), "locatie.csv", "too_large");
}

#[cfg(unix)]
#[test]
fn a_folder_linking_to_itself_is_read_once_and_out_is_never_an_export() {
    let dir = folder_with(|d| {
        std::os::unix::fs::symlink(d, d.join("loop")).expect("a link to the folder itself");
        std::os::unix::fs::symlink(d, d.join("loop2")).expect("another");
    });
    // Run from inside the exports folder: the default --out lies in it. Twice.
    for _ in 0..2 {
        let run =
            hs_audit_in(dir.path(), &["check", ".", "--period", "2026", "--format", "json"], Duration::from_secs(20));
        let out: PathBuf = dir.path().join("hs-audit-report");
        let results: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.join("results.json")).unwrap_or_else(|e| panic!("{e}: {}", run.stderr)),
        )
        .expect("JSON");
        let sources: Vec<&str> =
            results["locations"].as_array().into_iter().flatten().filter_map(|l| l["source"].as_str()).collect();
        assert_eq!(sources.len(), 1, "{sources:?}");
        assert!(results["input_findings"].as_array().is_some_and(|f| f.is_empty()), "{}", results["input_findings"]);
    }
}
