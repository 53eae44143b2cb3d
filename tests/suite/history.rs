//! History end to end on a generated three-year history: `check --previous`
//! (files given in any order, the latest compared with), `compare` as a
//! table and as JSON (golden files), and what is not a results.json (exit 2).

use std::path::Path;
use std::time::Duration;

use crate::support::hs_audit_in;

const LIMIT: Duration = Duration::from_secs(120);

/// Generates 2024-2026 for 6 locations (seed 3) and audits each year with
/// the earlier years' results.json; returns the folder.
fn three_years() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    let run = hs_audit_in(d, &["generate", "--locations", "6", "--seed", "3", "--history", "3", "--out", "."], LIMIT);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let check = |year: &str, previous: &[&str]| {
        let out = format!("r{year}");
        let mut args = vec!["check", year, "--period", year, "--out", &out, "--lang", "en"];
        let prev: Vec<String> = previous.iter().map(|y| format!("r{y}/results.json")).collect();
        for p in &prev {
            args.extend(["--previous", p]);
        }
        let args: Vec<String> = args.into_iter().map(str::to_string).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = hs_audit_in(d, &args, LIMIT);
        assert!(matches!(run.code, Some(0 | 1)), "{year}: {}", run.stderr);
    };
    check("2024", &[]);
    check("2025", &["2024"]);
    // Given newest-last and oldest-last: the latest as-of is compared with.
    check("2026", &["2025", "2024"]);
    dir
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

#[test]
fn a_three_year_history_compares_each_year_with_the_one_before() {
    let dir = three_years();
    let d = dir.path();
    let r26 = json(&d.join("r2026/results.json"));
    let c = &r26["comparison"];
    assert_eq!(c["compared_with"]["source"], "r2025/results.json");
    assert_eq!(c["previous"][0]["source"], "r2024/results.json", "oldest first");
    assert_eq!(c["previous"][1]["period"]["start"], "2025-01-01");
    assert!(json(&d.join("r2024/results.json")).get("comparison").is_none(), "no --previous, no comparison");
    // `check --previous` and `compare` count the same new and persisting
    // failures; `compare` reads a results.json, which lists no passes of
    // trajectory rules, so a family not listed now counts as fixed there even
    // when it is no longer covered; `check` knows this run's passes.
    let run = hs_audit_in(d, &["compare", "r2025/results.json", "r2026/results.json", "--json"], LIMIT);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let cmp: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let counts = |v: &serde_json::Value| -> Vec<(String, String, u64, u64, u64)> {
        v["changes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        let n = |k: &str| c[k].as_u64().unwrap_or(0);
                        (c["location_id"].to_string(), c["rule_id"].to_string(), n("new"), n("persisting"), n("fixed"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (from_check, from_compare) = (counts(c), counts(&cmp));
    assert!(!from_check.is_empty());
    // A (location, rule) whose failures of last year are all no longer
    // covered (a family that closed) has only `fixed` in `compare`, and no
    // entry in `check`; every other entry is in both alike.
    for b in &from_compare {
        match from_check.iter().find(|a| (&a.0, &a.1) == (&b.0, &b.1)) {
            Some(a) => {
                assert_eq!((a.2, a.3), (b.2, b.3), "{a:?} {b:?}");
                assert!(a.4 <= b.4, "{a:?} {b:?}");
            }
            None => assert_eq!((b.2, b.3), (0, 0), "{b:?} is missing from check"),
        }
    }
    for a in &from_check {
        assert!(from_compare.iter().any(|b| (&a.0, &a.1) == (&b.0, &b.1)), "{a:?} is missing from compare");
    }
    // Subjects only for trajectory rules.
    for ch in cmp["changes"].as_array().expect("changes") {
        let trajectory = ch["rule_id"].as_str().is_some_and(|r| r.starts_with("HS-G"));
        assert_eq!(ch.get("subjects").is_some(), trajectory, "{ch}");
    }
    insta::assert_snapshot!("compare_2025_2026_json", run.stdout);
    let table = hs_audit_in(d, &["compare", "r2025/results.json", "r2026/results.json", "--lang", "en"], LIMIT);
    assert_eq!(table.code, Some(0));
    insta::assert_snapshot!("compare_2025_2026_table", table.stdout);
}

#[test]
fn what_is_not_a_results_json_is_exit_2_with_a_message() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    std::fs::write(d.join("other.json"), "{\"hello\": 1}").expect("write");
    std::fs::write(d.join("text.json"), "not json").expect("write");
    for bad in ["other.json", "text.json", "missing.json"] {
        let run = hs_audit_in(d, &["compare", bad, bad, "--lang", "en"], LIMIT);
        assert_eq!(run.code, Some(2), "{bad}");
        assert!(run.stderr.contains(bad) && run.stderr.contains("results.json"), "{}", run.stderr);
    }
    let demo = crate::support::root().join("fixtures/demo").to_string_lossy().to_string();
    let run = hs_audit_in(d, &["check", &demo, "--previous", "other.json", "--out", "r", "--lang", "en"], LIMIT);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("--previous: other.json is not a results.json"), "{}", run.stderr);
    assert!(!d.join("r").exists(), "nothing is written");
}

/// The section of a Markdown report from the heading `start` to the next `## `.
fn section(md: &str, start: &str) -> String {
    let from = md.find(start).unwrap_or_else(|| panic!("no {start} in the report"));
    let rest = &md[from..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

#[test]
fn the_national_report_shows_the_trends_in_both_languages() {
    let dir = three_years();
    let d = dir.path();
    for (lang, heading) in [("nl", "## Ontwikkeling door de jaren"), ("en", "## Trends over the years")] {
        let out = format!("n-{lang}");
        let args = [
            "check",
            "2026",
            "--period",
            "2026",
            "--out",
            &out,
            "--format",
            "md,html,xlsx",
            "--lang",
            lang,
            "--previous",
            "r2024/results.json",
            "--previous",
            "r2025/results.json",
        ];
        let run = hs_audit_in(d, &args, LIMIT);
        assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
        let md = std::fs::read_to_string(d.join(&out).join("report-national.md")).expect("the national report");
        insta::assert_snapshot!(format!("national_trends_{lang}"), section(&md, heading));
        let html = std::fs::read_to_string(d.join(&out).join("report-national.html")).expect("HTML");
        assert!(html.contains("<section id=\"trends\">"), "the HTML report has the trends too");
        // Per rule its pass rate per period as a line chart, norm drawn, captioned to its table.
        let charts = &html[html.find("<div class=\"trend-charts\">").expect("the trend charts")..];
        let charts = &charts[..charts.find("</div>").expect("their end")];
        let n = charts.matches("<svg").count();
        assert_eq!(n, 20, "one chart per enabled rule");
        assert_eq!(charts.matches("<figcaption>").count(), n);
        assert_eq!(charts.matches("norm ≥ 100%").count(), n, "the norm (no tolerances here)");
        assert!(charts.contains("2024") && charts.contains("2026"));
        let book: calamine::Xlsx<_> =
            calamine::open_workbook(d.join(&out).join("report-national.xlsx")).expect("the workbook");
        let sheet = if lang == "nl" { "Ontwikkeling" } else { "Trends" };
        assert!(calamine::Reader::sheet_names(&book).iter().any(|n| n == sheet), "the workbook has {sheet}");
    }
    // Without --previous the section is not there.
    let md = std::fs::read_to_string(d.join("r2024").join("report-national.md")).unwrap_or_default();
    assert!(!md.contains("## Trends over the years"));
}

#[test]
fn the_location_report_shows_its_years_and_marks_the_worklist_in_both_languages() {
    let dir = three_years();
    let d = dir.path();
    for (lang, heading, new) in [("nl", "## Door de jaren", "(nieuw)"), ("en", "## Over the years", "(new)")] {
        let out = format!("l-{lang}");
        let args = [
            "check",
            "2026/L001.xlsx",
            "--period",
            "2026",
            "--out",
            &out,
            "--format",
            "md,html,xlsx",
            "--lang",
            lang,
            "--previous",
            "r2025/results.json",
            "--previous",
            "r2024/results.json",
        ];
        let run = hs_audit_in(d, &args, LIMIT);
        assert!(matches!(run.code, Some(0 | 1)), "{}", run.stderr);
        let md = std::fs::read_to_string(d.join(&out).join("report-L001.md")).expect("the location report");
        insta::assert_snapshot!(format!("location_trends_{lang}"), section(&md, heading));
        assert!(md.contains(new), "worklist entries are marked");
        let html = std::fs::read_to_string(d.join(&out).join("report-L001.html")).expect("HTML");
        trend_charts_read_without_colour(&html);
        print_in_chromium(&d.join(&out).join("report-L001.html"), heading.trim_start_matches("## "));
    }
    // A municipality's run takes its own earlier outputs, not the full record.
    let args = [
        "check",
        "2026",
        "--period",
        "2026",
        "--audience",
        "municipality",
        "--municipality",
        "Zwolle",
        "--out",
        "m",
        "--lang",
        "en",
        "--previous",
        "r2025/results.json",
    ];
    let run = hs_audit_in(d, &args, LIMIT);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not an earlier output of a municipality report"), "{}", run.stderr);
}

/// The trend charts of a location report: a line per figure with a norm, the
/// norm drawn and labelled, and a point on the failing side a triangle marked
/// ✗ (L001's paid coordination was 0,41 fte in 2025), the others circles, so
/// they read in black and white.
fn trend_charts_read_without_colour(html: &str) {
    let start = html.find("<section id=\"trends\">").expect("a trends section");
    let section = &html[start..start + html[start..].find("</section>").expect("its end")];
    let charts: Vec<&str> = section.split("<svg").skip(1).collect();
    assert_eq!(charts.len(), 4, "fte, volunteers, families, hours");
    for c in &charts {
        assert!(c.contains("norm"), "the norm is labelled");
        for year in ["2024", "2025", "2026"] {
            assert!(c.contains(year), "every period is on the axis");
        }
    }
    assert_eq!(charts[0].matches('✗').count(), 1, "one failing year, marked");
    assert!(charts[0].contains("<polygon"), "the failing point is a triangle");
    assert_eq!(charts[0].matches("<circle").count(), 2, "the passing points are circles");
    assert!(charts[0].contains("<polyline"), "a line through the periods");
}

/// Prints a report to PDF in headless Chromium (skipped with a note where
/// it is not installed, required in CI) and checks the trends are in it.
fn print_in_chromium(html: &Path, heading: &str) {
    let Ok(found) = std::process::Command::new("which").arg("chromium").output() else { return };
    if !found.status.success() {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium installed");
        eprintln!("chromium is not installed: the print of the trends is skipped");
        return;
    }
    let work = tempfile::tempdir().expect("a folder");
    let pdf = work.path().join("r.pdf");
    let status = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", work.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium starts");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    if let Ok(text) = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.is_empty() || text.contains(heading), "the printed report has {heading}");
    }
}
