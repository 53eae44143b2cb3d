//! `check` end to end: waivers on the demo export, and the exit codes with `--fail-on`.

use std::time::Duration;

use crate::support::hs_audit;

fn check_demo(extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("r").to_string_lossy().to_string();
    let mut args = vec!["check", "fixtures/demo", "--period", "2026", "--out", &out];
    args.extend_from_slice(extra);
    let run = hs_audit(&args, Duration::from_secs(60));
    let text = std::fs::read_to_string(dir.path().join("r/results.json")).unwrap_or_else(|_| "null".into());
    (run.code, serde_json::from_str(&text).expect("valid JSON"))
}

fn write_waivers(dir: &std::path::Path, text: &str) -> String {
    let path = dir.join("waivers.toml");
    std::fs::write(&path, text).expect("writing waivers");
    path.to_string_lossy().to_string()
}

#[test]
fn fail_on_levels() {
    // The demo fails HS-G01 (error) and several warning rules.
    assert_eq!(check_demo(&[]).0, Some(1));
    assert_eq!(check_demo(&["--fail-on", "warning"]).0, Some(1));
    assert_eq!(check_demo(&["--fail-on", "never"]).0, Some(0));
}

#[test]
fn waiving_the_only_error_rule_makes_the_run_pass_and_is_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let waivers = write_waivers(
        dir.path(),
        r#"
[[waiver]]
rule = "HS-G01"
location = "L001"
reason = "Gemeente staat zwangerschap toe per 2026"
approved_by = "Landelijk steunpunt"
expires = 2027-03-31

[[waiver]]
rule = "HS-L07"
location = "L001"
reason = "Verlenging aangevraagd"
approved_by = "Landelijk steunpunt"
expires = "2026-12-30"

[[waiver]]
rule = "HS-G04"
location = "L001"
subject = "G-0001"
reason = "Geen eerste check nodig"
approved_by = "Landelijk steunpunt"
expires = 2027-01-31
"#,
    );
    let (code, json) = check_demo(&["--waivers", &waivers]);
    assert_eq!(code, Some(0), "HS-G01 was the only failed error rule");
    let waived: Vec<&serde_json::Value> =
        json["results"].as_array().expect("results").iter().filter(|r| r["outcome"] == "waived").collect();
    assert_eq!(waived.len(), 3, "every HS-G01 fail of the location is waived");
    assert!(waived.iter().all(|r| r["rule_id"] == "HS-G01"));
    assert_eq!(json["waivers"]["applied"].as_array().map(Vec::len), Some(1));
    // Expired on 2026-12-30, before the as-of date 2026-12-31, though it matched nothing.
    assert_eq!(json["waivers"]["expired"][0]["rule"], "HS-L07");
    // Valid, but G-0001 did not fail HS-G04.
    assert_eq!(json["waivers"]["unused"][0]["subject"], "G-0001");
    let g01 = json["summary"].as_array().expect("summary").iter().find(|s| s["rule_id"] == "HS-G01").cloned();
    assert_eq!(g01.map(|s| (s["fail"].clone(), s["waived"].clone())), Some((0.into(), 3.into())));
}

#[test]
fn a_broken_waiver_file_is_a_usage_error_naming_the_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let waivers = write_waivers(dir.path(), "[[waiver]]\nrule = \"HS-G01\"\nlocatie = \"L001\"\n");
    let out = dir.path().join("r").to_string_lossy().to_string();
    let run = hs_audit(&["check", "fixtures/demo", "--waivers", &waivers, "--out", &out], Duration::from_secs(60));
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("waivers.toml:3:1"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "fixtures/demo", "--period", "twintig"][..],
        &["check", "fixtures/demo", "--period", "2026", "--as-of", "2025-12-31"],
        &["check", "fixtures/demo", "--from", "2026-01-01"],
        &["check", "fixtures/demo", "--fail-on", "sometimes"],
    ] {
        let run = hs_audit(args, Duration::from_secs(60));
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "{args:?} says what is wrong");
    }
}
