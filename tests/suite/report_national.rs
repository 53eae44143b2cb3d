//! The national report on a generated national folder: golden files of the
//! Markdown (Dutch and English) and the HTML (Dutch), no family id in any
//! output, the locations at risk, the matrix's shape, escaping of a hostile
//! location name, and byte-identical reruns.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook};
use hs_audit::generate::{GenFormat, GenerateOptions, generate};

use crate::support::hs_audit_in;

const LIMIT: Duration = Duration::from_secs(120);

/// Generates 12 locations (seed 5, year 2026) into `<dir>/exports`.
fn generate_folder(dir: &Path, format: GenFormat) {
    let opts = GenerateOptions { locations: 12, seed: 5, format, out: dir.join("exports"), year: 2026 };
    generate(&opts).expect("generating 12 exports");
}

/// Runs `check exports` in `dir` with the national formats and `extra`
/// arguments, writing into `<dir>/<out>`; returns that folder.
fn check(dir: &Path, out: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["check", "exports", "--period", "2026", "--format", "html,md,xlsx,json", "--out", out];
    args.extend_from_slice(extra);
    let run = hs_audit_in(dir, &args, LIMIT);
    // The generated data has failures of error rules: exit 1.
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    dir.join(out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every sheet of a workbook as rows of cell texts.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("the sheet reads");
            let rows = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
            (name, rows)
        })
        .collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn sheet<'a>(all: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a Vec<Vec<String>> {
    &all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("sheet {name}")).1
}

/// True when `text` holds `G-` followed by four digits (a generated family id).
fn has_family_id(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(6).any(|w| w[0] == b'G' && w[1] == b'-' && w[2..].iter().all(u8::is_ascii_digit))
}

/// The HTML with the shared stylesheet and the chart drawings left out, so
/// the golden file follows this report's structure and texts, not the
/// stylesheet or the charts' drawing (both are shared and change on their own).
fn html_for_snapshot(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    // The first <style> is the shared stylesheet.
    if let (Some(start), Some(end)) = (rest.find("<style>"), rest.find("</style>")) {
        out.push_str(&rest[..start + "<style>".len()]);
        out.push_str("[style.css]");
        rest = &rest[end..];
    }
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").map_or(rest.len(), |e| start + e + "</svg>".len());
        out.push_str(&rest[..start]);
        out.push_str("[svg]");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn golden_files_of_the_national_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate_folder(dir.path(), GenFormat::Xlsx);
    let nl = check(dir.path(), "nl", &[]);
    let en = check(dir.path(), "en", &["--lang", "en"]);
    insta::assert_snapshot!("national_md_nl", read(&nl.join("report-national.md")));
    insta::assert_snapshot!("national_md_en", read(&en.join("report-national.md")));
    insta::assert_snapshot!("national_html_nl", html_for_snapshot(&read(&nl.join("report-national.html"))));
}

#[test]
fn no_output_holds_a_family_id_and_the_at_risk_list_and_matrix_follow_the_results() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate_folder(dir.path(), GenFormat::Xlsx);
    // Waive two error rules of one location, so `unwaived` is put to the test.
    let waivers = "[[waiver]]\nrule = \"HS-L02\"\nlocation = \"L012\"\nreason = \"test\"\napproved_by = \"test\"\nexpires = 2027-12-31\n\n\
                   [[waiver]]\nrule = \"HS-G01\"\nlocation = \"L012\"\nreason = \"test\"\napproved_by = \"test\"\nexpires = 2027-12-31\n";
    std::fs::write(dir.path().join("waivers.toml"), waivers).expect("writing waivers");
    for lang in ["nl", "en"] {
        let out = check(dir.path(), lang, &["--lang", lang, "--waivers", "waivers.toml"]);
        let results: serde_json::Value =
            serde_json::from_str(&read(&out.join("results.json"))).expect("results.json is JSON");
        assert!(has_family_id(&results.to_string()), "the full record does hold family ids: the check below is real");

        for name in ["report-national.html", "report-national.md"] {
            let text = read(&out.join(name));
            assert!(!has_family_id(&text), "{lang} {name} holds a family id");
            for missing in ["[nat_", "[common_", "[outcome_", "[severity_"] {
                assert!(!text.contains(missing), "{lang} {name}: a catalogue key without text ({missing}...)");
            }
        }
        let book = sheets(&out.join("report-national.xlsx"));
        for (name, rows) in &book {
            for row in rows {
                for cell in row {
                    assert!(!has_family_id(cell), "{lang} sheet {name} holds a family id: {cell}");
                }
            }
        }

        // Locations at risk: an unwaived `fail` of an `error` rule, per results.json.
        let expected: BTreeSet<(String, String)> = results["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| r["outcome"] == "fail" && r["severity"] == "error")
            .map(|r| {
                (r["location_id"].as_str().unwrap_or("").to_string(), r["rule_id"].as_str().unwrap_or("").to_string())
            })
            .collect();
        assert!(!expected.is_empty());
        let waived: BTreeSet<&str> = results["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| r["outcome"] == "waived" && r["location_id"] == "L012")
            .filter_map(|r| r["rule_id"].as_str())
            .collect();
        assert_eq!(waived, BTreeSet::from(["HS-G01", "HS-L02"]), "the waivers applied");
        let risk_sheet = sheet(&book, if lang == "nl" { "Risico" } else { "At risk" });
        let listed: BTreeSet<(String, String)> =
            risk_sheet.iter().skip(1).map(|row| (row[1].clone(), row[5].clone())).collect();
        assert_eq!(listed, expected, "{lang}: the worklist is exactly the unwaived failed error rules");
        assert!(risk_sheet.iter().skip(1).all(|row| !row[9].is_empty()), "every row says what to do");
        // Ranked: the rank never goes down from row to row, and starts at 1.
        let ranks: Vec<f64> = risk_sheet.iter().skip(1).filter_map(|row| row[0].parse().ok()).collect();
        assert_eq!(ranks.len(), risk_sheet.len() - 1, "every row has its rank");
        assert!(ranks.first().is_none_or(|r| *r == 1.0) && ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        let md = read(&out.join("report-national.md"));
        for (loc, rule) in &expected {
            assert!(md.contains(loc.as_str()) && md.contains(rule.as_str()), "{loc} {rule} in the Markdown");
        }

        // The matrix: 12 locations x 20 rules (after location id, name and standing).
        let matrix = sheet(&book, "Matrix");
        assert_eq!(matrix.len(), 1 + 12, "a header and 12 locations");
        assert!(matrix.iter().all(|row| row.len() == 3 + 20), "20 rule columns");
        let html = read(&out.join("report-national.html"));
        let matrix_html = &html[html.find("<table class=\"matrix\">").expect("the matrix table")..];
        let matrix_html = &matrix_html[..matrix_html.find("</table>").expect("its end")];
        assert_eq!(matrix_html.matches("<th scope=\"row\"").count(), 12);
        // Location, standing and the 20 rules.
        assert_eq!(matrix_html.matches("<th scope=\"col\"").count(), 2 + 20);
        assert_eq!(matrix_html.matches("<td class=\"c ").count(), 12 * 20);
        assert!(matrix_html.contains("(✗)"), "the waived location rule shows as waived");
    }
}

#[test]
fn a_hostile_location_name_is_escaped_in_html_and_text_in_xlsx() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate_folder(dir.path(), GenFormat::Csv);
    let rename = |location: &str, name: &str| {
        let path = dir.path().join("exports").join(location).join("locatie.csv");
        let text = read(&path);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let column = lines[0].split(';').position(|h| h == "naam").expect("a naam column");
        let mut cells: Vec<String> = lines[1].split(';').map(str::to_string).collect();
        cells[column] = name.to_string();
        lines[1] = cells.join(";");
        std::fs::write(&path, lines.join("\n") + "\n").expect("writing locatie.csv");
    };
    rename("L001", "<script>alert(1)</script>");
    rename("L002", "=1+2");
    let out = check(dir.path(), "out", &[]);

    let html = read(&out.join("report-national.html"));
    assert!(!html.contains("<script"), "no script element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "the name shows as text");
    let md = read(&out.join("report-national.md"));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "escaped in Markdown");

    let book = sheets(&out.join("report-national.xlsx"));
    for (name, rows) in &book {
        let names: Vec<&String> =
            rows.iter().filter(|r| r.first().is_some_and(|id| id == "L001")).map(|r| &r[1]).collect();
        if ["Matrix", "Bevindingen"].contains(&name.as_str()) {
            assert!(!names.is_empty(), "sheet {name} lists L001");
        }
        assert!(names.iter().all(|n| *n == "<script>alert(1)</script>"), "{name}: {names:?}");
    }
    // A name that looks like a formula stays text: read back as the same string.
    let matrix = sheet(&book, "Matrix");
    let l002 = matrix.iter().find(|r| r[0] == "L002").expect("L002 in the matrix");
    assert_eq!(l002[1], "=1+2");
}

#[test]
fn two_runs_give_byte_identical_reports() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate_folder(dir.path(), GenFormat::Xlsx);
    let a = check(dir.path(), "a", &[]);
    let b = check(dir.path(), "b", &[]);
    for name in ["report-national.html", "report-national.md", "report-national.xlsx", "results.json"] {
        let (x, y) = (std::fs::read(a.join(name)).expect("first"), std::fs::read(b.join(name)).expect("second"));
        assert!(x == y, "{name} differs between two runs");
    }
}
