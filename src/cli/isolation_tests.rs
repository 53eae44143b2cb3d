//! Property: whatever goes wrong inside one export (a reader's panic, a budget stop, bytes that are no
//! spreadsheet, a pipe), every other export still gets its complete report set and its place in results.json.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::check::{CheckOptions, FailOn, run};
use crate::i18n::Lang;
use crate::report::{Audience, Format};

#[derive(Debug, Clone, Copy)]
enum Trouble {
    Panic,
    LongCell,
    Garbage,
    Bomb,
    #[cfg(unix)]
    Fifo,
}

fn demo_csv(dir: &Path, id: &str) {
    std::fs::create_dir_all(dir).unwrap_or_default();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-csv");
    for f in ["contacten.csv", "coordinatoren.csv", "gezinnen.csv", "vrijwilligers.csv"] {
        let _ = std::fs::copy(demo.join(f), dir.join(f));
    }
    let _ = std::fs::write(dir.join("locatie.csv"), format!("locatie_id;naam\n{id};Locatie {id}\n"));
}

/// Makes export `i` of the folder, troubled or not; returns the location id of a sound one.
fn make(root: &Path, i: usize, trouble: Option<Trouble>, tag: &str) -> Option<String> {
    let id = format!("L{i}");
    let dir = root.join(format!("{tag}-{i}"));
    match trouble {
        None => {
            demo_csv(&dir, &id);
            return Some(id);
        }
        Some(Trouble::Panic) => {
            demo_csv(&dir, &id);
            if let Ok(mut p) = crate::ingest::PANIC_ON.lock() {
                p.push(format!("{tag}-{i}"));
            }
        }
        Some(Trouble::LongCell) => {
            demo_csv(&dir, &id);
            let _ = std::fs::write(dir.join("locatie.csv"), format!("locatie_id;naam\n{id};{}\n", "n".repeat(40_000)));
        }
        Some(Trouble::Garbage) => {
            let _ = std::fs::write(root.join(format!("{tag}-{i}.xlsx")), b"PK\x03\x04garbage");
        }
        Some(Trouble::Bomb) => {
            let _ = std::fs::File::create(root.join(format!("{tag}-{i}.ods"))).and_then(|f| f.set_len(300 << 20));
        }
        #[cfg(unix)]
        Some(Trouble::Fifo) => {
            let _ = std::process::Command::new("mkfifo").arg(root.join(format!("{tag}-{i}.xls"))).status();
        }
    }
    None
}

fn trouble() -> impl Strategy<Value = Trouble> {
    prop_oneof![
        Just(Trouble::Panic),
        Just(Trouble::LongCell),
        Just(Trouble::Garbage),
        Just(Trouble::Bomb),
        #[cfg(unix)]
        Just(Trouble::Fifo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn one_troubled_export_leaves_complete_reports_for_the_others(n in 2usize..4, bad in 0usize..4, t in trouble()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let exports = dir.path().join("exports");
        let _ = std::fs::create_dir_all(&exports);
        let tag = format!("x{}", dir.path().file_name().map(|n| n.to_string_lossy().replace('.', "")).unwrap_or_default());
        let bad = bad % n;
        let sound: Vec<String> = (0..n).filter_map(|i| make(&exports, i, (i == bad).then_some(t), &tag)).collect();
        let out = dir.path().join("out");
        let opts = CheckOptions {
            period: Some("2026".into()),
            audience: Some(Audience::Location),
            formats: vec![Format::Md, Format::Html, Format::Json],
            lang: Lang::En,
            fail_on: FailOn::Never,
            ..CheckOptions::new(vec![PathBuf::from(&exports)], out.clone())
        };
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let outcome = run(&opts, &mut stdout, &mut stderr).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(outcome, super::Outcome::InputProblem, "{}", String::from_utf8_lossy(&stderr));
        let json = std::fs::read_to_string(out.join("results.json")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ids: Vec<&str> = value["locations"].as_array().into_iter().flatten().filter_map(|l| l["location_id"].as_str()).collect();
        prop_assert_eq!(&ids, &sound.iter().map(String::as_str).collect::<Vec<_>>());
        for id in &sound {
            for ext in ["md", "html"] {
                let report = out.join(format!("report-{id}.{ext}"));
                prop_assert!(std::fs::metadata(&report).is_ok_and(|m| m.len() > 0), "{} missing", report.display());
            }
        }
        prop_assert!(value["input_findings"].as_array().is_some_and(|f| !f.is_empty()), "the trouble is a finding");
    }
}
