//! What LibreOffice writes when a user saves the demo export under Dutch, British or American regional settings
//! (a fresh profile with that locale): every sheet as CSV (`demo-gezinnen.csv`, ..., with the locale's own date
//! format and decimal separator), and the workbook as `.xlsx`, `.ods` and `.xls`. Each must give exactly the demo's
//! results. Without LibreOffice the tests are skipped with a note, except in CI (`CI` set), where they fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{hs_audit, root};

fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|bin| {
        Command::new(bin)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "LibreOffice must be installed in CI (.ci/run installs it)");
        eprintln!("note: LibreOffice is not installed; the LibreOffice variant tests are skipped");
    }
    found
}

/// Converts the demo with LibreOffice set to `locale` (`nl-NL`, `en-GB`, `en-US`) into `dir`.
fn convert(bin: &str, locale: &str, filter: &str, dir: &Path) {
    let profile = dir.join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("a profile");
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item><item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value></prop></item></oor:items>"#
    );
    std::fs::write(profile.join("user/registrymodifications.xcu"), settings).expect("the locale setting");
    let out = dir.join("export");
    let mut child = Command::new(bin)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", filter, "--outdir"])
        .arg(&out)
        .arg(root().join("fixtures/demo/demo.xlsx"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("LibreOffice starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting on LibreOffice") {
            assert!(status.success(), "LibreOffice --convert-to {filter} failed: {status}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "LibreOffice took over a minute");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::remove_dir_all(&profile).expect("removing the profile");
}

/// (rule, location, subject, outcome) of one result.
type Outcome = (String, String, String, String);

/// Every result's outcome, and the input findings' kinds, of a check of `path`.
fn outcomes(path: &Path, out: &Path) -> (BTreeSet<Outcome>, Vec<String>) {
    let run = hs_audit(
        &["check", &path.to_string_lossy(), "--period", "2026", "--format", "json", "--out", &out.to_string_lossy()],
        Duration::from_secs(20),
    );
    assert!(matches!(run.code, Some(0) | Some(1)), "{}: {}{}", path.display(), run.stdout, run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("results.json")).expect("JSON");
    let field = |r: &serde_json::Value, k: &str| r[k].as_str().unwrap_or("").to_string();
    let results = json["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| (field(r, "rule_id"), field(r, "location_id"), field(r, "subject_id"), field(r, "outcome")))
        .collect();
    let findings = json["input_findings"].as_array().into_iter().flatten().map(|f| field(f, "kind")).collect();
    (results, findings)
}

fn same_as_demo(locale: &str, filter: &str) -> Vec<String> {
    let Some(bin) = soffice() else { return Vec::new() };
    let dir = tempfile::tempdir().expect("a temporary folder");
    convert(bin, locale, filter, dir.path());
    let export = dir.path().join("export");
    let files: Vec<PathBuf> = std::fs::read_dir(&export).expect("the export").flatten().map(|e| e.path()).collect();
    // A workbook is one file; CSV files are read as one folder.
    let path = if files.len() == 1 { files[0].clone() } else { export.clone() };
    let (demo, demo_findings) = outcomes(&root().join("fixtures/demo/demo.xlsx"), &dir.path().join("out-demo"));
    assert!(demo_findings.is_empty(), "{demo_findings:?}");
    let (got, findings) = outcomes(&path, &dir.path().join("out"));
    let missing: Vec<_> = demo.difference(&got).take(5).collect();
    let extra: Vec<_> = got.difference(&demo).take(5).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{locale} {filter}: missing {missing:?}, extra {extra:?}");
    findings
}

/// Every sheet (`-1`), UTF-8, cells as values (dates in the locale's own short format).
fn csv_filter(delimiter: u8) -> String {
    format!("csv:Text - txt - csv (StarCalc):{delimiter},34,76,1,,0,false,true,false,false,false,-1")
}

#[test]
fn dutch_csv_of_every_sheet_reads_as_the_demo() {
    let findings = same_as_demo("nl-NL", &csv_filter(b';'));
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn british_csv_of_every_sheet_with_day_first_slashes_reads_as_the_demo() {
    let findings = same_as_demo("en-GB", &csv_filter(b','));
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn american_csv_of_every_sheet_is_read_month_first_and_says_so() {
    let findings = same_as_demo("en-US", &csv_filter(b','));
    if soffice().is_some() {
        assert!(!findings.is_empty() && findings.iter().all(|k| k == "month_first_dates"), "{findings:?}");
    }
}

#[test]
fn american_csv_saved_as_shown_reads_as_the_demo() {
    // Cells as shown: the demo's own `dd-mm-jjjj` formats win over the locale; numbers keep US decimal points.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    let findings = same_as_demo("en-US", filter);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn xlsx_saved_by_libreoffice_reads_as_the_demo() {
    same_as_demo("en-US", "xlsx:Calc MS Excel 2007 XML");
}

#[test]
fn ods_saved_by_libreoffice_reads_as_the_demo() {
    same_as_demo("en-GB", "ods");
}

#[test]
fn xls_saved_by_libreoffice_reads_as_the_demo() {
    same_as_demo("nl-NL", "xls:MS Excel 97");
}
