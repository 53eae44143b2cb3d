//! Robustness on spreadsheets nobody here wrote: calamine's own test files,
//! malformed, password-protected and denial-of-service cases among them.

use std::time::Duration;

use crate::support::{corpus, files_in, hs_audit};

const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

#[test]
fn inspect_ends_orderly_on_every_calamine_corpus_file() {
    let files: Vec<_> = files_in(&corpus("calamine"))
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e)))
        .collect();
    assert!(files.len() > 100, "the calamine corpus should hold over 100 spreadsheets, found {}", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let path = file.to_string_lossy();
        let run = hs_audit(&["inspect", &path], Duration::from_secs(20));
        match run.code {
            Some(0) | Some(2) => {}
            Some(c) => problems.push(format!("{path}: exit {c}: {}", run.stderr)),
            None => problems.push(format!("{path}: no exit within 20 s (hang)")),
        }
        if run.stderr.contains("panicked") {
            problems.push(format!("{path}: panicked: {}", run.stderr));
        }
        // Every run reports the export and ends with its summary line.
        if !run.stdout.contains("Export ") || !run.stdout.contains("gelezen") {
            problems.push(format!("{path}: unexpected output: {}", run.stdout));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn password_protected_corpus_files_are_reported_as_such() {
    for name in ["pass_protected.xlsx", "pass_protected.ods", "pass_protected.xlsb"] {
        let path = corpus("calamine").join(name);
        let run = hs_audit(&["inspect", "--lang", "en", &path.to_string_lossy()], Duration::from_secs(20));
        assert_eq!(run.code, Some(2), "{name}");
        assert!(run.stdout.contains("password-protected"), "{name}: {}", run.stdout);
    }
}

#[test]
fn denial_of_service_files_are_refused_quickly() {
    for name in ["issue_594_dos.ods", "OOM_alloc.xls", "OOM_alloc2.xls", "OOM_alloc3.xls"] {
        let path = corpus("calamine").join(name);
        let run = hs_audit(&["inspect", &path.to_string_lossy()], Duration::from_secs(20));
        if name == "issue_594_dos.ods" {
            // Refused by the budget before calamine expands its repeats.
            assert!(run.stdout.contains("te groot om te lezen"), "{name}: {}", run.stdout);
        }
        // None of them is a Home-Start export: exit 2, quickly, without a panic.
        assert_eq!(run.code, Some(2), "{name}: {}", run.stdout);
        assert!(run.elapsed < Duration::from_secs(10), "{name} took {:?}", run.elapsed);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
}
