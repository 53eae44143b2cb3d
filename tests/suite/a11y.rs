//! Every golden HTML report (location, municipality and national, in Dutch and
//! English) passes axe-core's WCAG 2.1 A and AA rules in headless Chromium
//! with no violation, and printed on A4 portrait no element reaches past the
//! page's content width. `tests/browser/reports.a11y.mjs` does the measuring;
//! CI installs chromium and `npm ci --prefix tests/browser`; elsewhere the
//! test is skipped (with a note) when either is missing. The reports of a
//! third year with `--previous` (trends) are checked alike.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use hs_audit::generate::{GenFormat, GenerateOptions, generate};

use crate::support::{files_in, hs_audit_in, root};

/// The browser and the script's packages, or why the test cannot run.
fn tools() -> Result<(), String> {
    let browser = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !browser.is_file() {
        return Err(format!("{} is missing", browser.display()));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("node is missing".into());
    }
    for package in ["playwright-core", "axe-core"] {
        if !root().join("tests/browser/node_modules").join(package).is_dir() {
            return Err(format!("tests/browser/node_modules/{package} is missing (npm ci --prefix tests/browser)"));
        }
    }
    Ok(())
}

/// Writes the golden reports' HTML (the runs of the `report_*` golden tests) under `dir`.
fn golden_reports(dir: &Path) -> Vec<PathBuf> {
    for (name, locations, seed) in [("national", 12, 5), ("municipal", 30, 3)] {
        let out = dir.join(name);
        let opts = GenerateOptions { locations, seed, format: GenFormat::Xlsx, out, year: 2026 };
        generate(&opts).expect("generating exports");
    }
    let demo = root().join("fixtures/demo").to_string_lossy().to_string();
    let national = dir.join("national").to_string_lossy().to_string();
    let municipal = dir.join("municipal").to_string_lossy().to_string();
    let mut html = Vec::new();
    for lang in ["nl", "en"] {
        let runs: [Vec<&str>; 3] = [
            vec!["check", &demo],
            vec!["check", &municipal, "--audience", "municipality", "--municipality", "Súdwest-Fryslân"],
            vec!["check", &national, "--period", "2026"],
        ];
        for (i, run) in runs.into_iter().enumerate() {
            let out = dir.join(format!("out-{i}-{lang}"));
            let out_arg = out.to_string_lossy().to_string();
            let mut args = run;
            args.extend(["--lang", lang, "--format", "html", "--out", &out_arg]);
            let done = hs_audit_in(dir, &args, Duration::from_secs(120));
            assert!(matches!(done.code, Some(0 | 1)), "{args:?}: {}", done.stderr);
            let pages: Vec<PathBuf> =
                files_in(&out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
            assert!(!pages.is_empty(), "{args:?} writes an HTML report");
            html.extend(pages);
        }
    }
    html
}

/// The reports of a three-year history's last year with `--previous`
/// (location, municipality, national; both languages) under `dir`.
fn history_reports(dir: &Path) -> Vec<PathBuf> {
    let limit = Duration::from_secs(120);
    std::fs::create_dir_all(dir).expect("a folder");
    let run = |args: &[&str]| {
        let done = hs_audit_in(dir, args, limit);
        assert!(matches!(done.code, Some(0 | 1)), "{args:?}: {}", done.stderr);
    };
    run(&["generate", "--locations", "6", "--seed", "3", "--history", "3", "--out", "."]);
    let municipality = ["--audience", "municipality", "--municipality", "Zwolle"];
    for year in ["2024", "2025"] {
        run(&["check", year, "--period", year, "--format", "json", "--out", &format!("r{year}")]);
        let mut args = vec!["check", year, "--period", year, "--format", "json"];
        let out = format!("m{year}");
        args.extend(municipality.iter().chain(&["--out", out.as_str()]));
        run(&args);
    }
    let mut html = Vec::new();
    for lang in ["nl", "en"] {
        let runs: [(&str, Vec<&str>, &str); 3] =
            [("2026/L001.xlsx", vec![], "r"), ("2026", municipality.to_vec(), "m"), ("2026", vec![], "r")];
        for (i, (input, extra, prev)) in runs.into_iter().enumerate() {
            let out = format!("h-{i}-{lang}");
            let (p24, p25) = (format!("{prev}2024/results.json"), format!("{prev}2025/results.json"));
            let mut args = vec!["check", input, "--period", "2026", "--lang", lang, "--format", "html", "--out", &out];
            args.extend(extra);
            args.extend(["--previous", &p24, "--previous", &p25]);
            run(&args);
            html.extend(files_in(&dir.join(&out)).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")));
        }
    }
    html
}

#[test]
fn every_golden_report_has_no_axe_violation_and_fits_a4() {
    if let Err(why) = tools() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser checks: {why}");
        eprintln!("the accessibility and print test is skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut pages = golden_reports(dir.path());
    pages.extend(history_reports(&dir.path().join("history")));
    let script = root().join("tests/browser/reports.a11y.mjs");
    let run = Command::new("node").arg(&script).args(&pages).output().expect("node starts");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("the script prints JSON");
    let reports = json["reports"].as_array().expect("a list of reports");
    assert_eq!(reports.len(), pages.len(), "one result per report");
    let mut problems = Vec::new();
    for report in reports {
        let file = report["file"].as_str().unwrap_or_default();
        let short = Path::new(file).strip_prefix(dir.path()).map_or(file.to_string(), |p| p.display().to_string());
        for v in report["violations"].as_array().into_iter().flatten() {
            problems.push(format!("{short}: axe {} ({}): {}", v["id"], v["help"], v["nodes"]));
        }
        for o in report["overflows"].as_array().into_iter().flatten() {
            problems.push(format!("{short}: {} {} ({} of {} px)", o["element"], o["how"], o["right"], o["width"]));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
