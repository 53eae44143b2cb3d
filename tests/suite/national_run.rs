//! A national run: 150 generated exports and one unreadable file in one folder.

use std::time::Duration;

use hs_audit::generate::{GenFormat, GenerateOptions, generate};

use crate::support::{hs_audit_in, root};

#[test]
fn one_results_json_for_150_exports_and_exit_2_for_the_unreadable_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exports = dir.path().join("exports");
    let opts = GenerateOptions { locations: 150, seed: 7, format: GenFormat::Xlsx, out: exports.clone(), year: 2026 };
    generate(&opts).expect("generating 150 exports");
    std::fs::copy(root().join("fixtures/bad/corrupt.xlsx"), exports.join("L999-kapot.xlsx")).expect("copying");

    let run =
        hs_audit_in(dir.path(), &["check", "exports", "--period", "2026", "--out", "report"], Duration::from_secs(300));
    assert_eq!(run.code, Some(2), "an unreadable export makes the exit status 2: {}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("report/results.json")).expect("results.json is written");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");

    let locations = json["locations"].as_array().expect("locations");
    assert_eq!(locations.len(), 150, "every readable export is audited");
    assert_eq!(locations[0]["location_id"], "L001");
    assert_eq!(locations[149]["location_id"], "L150");

    let findings = json["input_findings"].as_array().expect("input_findings");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["file"], "exports/L999-kapot.xlsx");
    assert_eq!(findings[0]["kind"], "unreadable_file");

    // Every location has a result for each of the eight location rules.
    let location_results =
        json["results"].as_array().expect("results").iter().filter(|r| r["subject_id"].is_null()).count();
    assert_eq!(location_results, 150 * 8);
    // A national run's terminal summary fits one screen: counts per rule,
    // the ten locations most at risk, where the reports are.
    assert!(run.stdout.lines().count() <= 45, "{}", run.stdout);
    assert!(run.stdout.contains("HS-G12") && run.stdout.contains("results.json"), "{}", run.stdout);
}
