//! Golden files: the demo's results.json and terminal summary, and `rules lint`
//! on broken rulebook and waiver files.

use std::time::Duration;

use crate::support::hs_audit;

#[test]
fn check_demo_results_json_and_summary() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("report");
    let out_arg = out.to_string_lossy().to_string();
    let run = hs_audit(&["check", "fixtures/demo", "--out", &out_arg, "--lang", "en"], Duration::from_secs(60));
    // The demo has failures of error rules (HS-G01): exit 1.
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let json = std::fs::read_to_string(out.join("results.json")).expect("results.json is written");
    insta::assert_snapshot!("demo_results_json", json);
    let summary = run.stdout.replace(&out_arg, "<out>");
    insta::assert_snapshot!("demo_terminal_summary", summary);
}

#[test]
fn results_json_is_byte_identical_across_runs_and_formats_of_the_same_data() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run_once = |name: &str, input: &str| {
        let out = dir.path().join(name);
        let run = hs_audit(&["check", input, "--out", &out.to_string_lossy()], Duration::from_secs(60));
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        std::fs::read_to_string(out.join("results.json")).expect("results.json is written")
    };
    let a = run_once("a", "fixtures/demo");
    let b = run_once("b", "fixtures/demo");
    assert_eq!(a, b, "same inputs and options give the same bytes");
    let csv = run_once("c", "fixtures/demo-csv");
    // The CSV twin holds the same data: only the source names differ.
    assert_eq!(a.replace("fixtures/demo/demo.xlsx", "SOURCE"), csv.replace("fixtures/demo-csv", "SOURCE"));
}

#[test]
fn lint_broken_profile_shows_every_problem_with_line_and_column() {
    let run =
        hs_audit(&["rules", "lint", "fixtures/rulebooks/broken-profile.toml", "--lang", "en"], Duration::from_secs(30));
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn lint_broken_waivers_shows_every_problem_with_line_and_column() {
    let run = hs_audit(&["rules", "lint", "fixtures/rulebooks/broken-waivers.toml"], Duration::from_secs(30));
    assert_eq!(run.code, Some(2));
    insta::assert_snapshot!(run.stdout);
}
