//! Tests of the files written: byte-identical for a seed, real date cells in xlsx, Dutch-style CSV.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use super::{GenFormat, GenerateOptions, generate, generate_location, write_csv_folder};
use crate::tables::SheetKind;

/// A fresh scratch folder under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hs-audit-generate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(out: &Path, seed: u64, format: GenFormat, locations: usize) -> GenerateOptions {
    GenerateOptions { locations, seed, format, out: out.to_path_buf(), year: 2026 }
}

/// Every file under `dir` with its bytes, by relative path.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((path.strip_prefix(dir).unwrap_or(&path).to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn same_seed_gives_byte_identical_files() {
    for format in [GenFormat::Xlsx, GenFormat::Csv] {
        let (one, two, other) = (scratch("one"), scratch("two"), scratch("other"));
        let written = generate(&options(&one, 11, format, 4)).unwrap_or_default();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        generate(&options(&two, 11, format, 4)).unwrap_or_default();
        generate(&options(&other, 12, format, 4)).unwrap_or_default();
        let names: Vec<String> =
            written.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        let expected: Vec<&str> = match format {
            GenFormat::Xlsx => vec!["L001.xlsx", "L002.xlsx", "L003.xlsx", "L004.xlsx"],
            GenFormat::Csv => vec!["L001", "L002", "L003", "L004"],
        };
        assert_eq!(names, expected);
        let (a, b, c) = (contents(&one), contents(&two), contents(&other));
        assert!(!a.is_empty());
        assert_eq!(a, b, "{format:?}: same seed, different bytes");
        assert_ne!(a, c, "{format:?}: different seeds, same bytes");
        for dir in [one, two, other] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[test]
fn a_location_does_not_depend_on_how_many_are_generated() {
    let (few, many) = (scratch("few"), scratch("many"));
    generate(&options(&few, 5, GenFormat::Csv, 2)).unwrap_or_default();
    generate(&options(&many, 5, GenFormat::Csv, 6)).unwrap_or_default();
    let (a, b) = (contents(&few.join("L002")), contents(&many.join("L002")));
    assert!(!a.is_empty());
    assert_eq!(a, b);
    for dir in [few, many] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn xlsx_has_a_sheet_per_kind_with_real_dates_and_numbers() {
    let dir = scratch("xlsx");
    let paths = generate(&options(&dir, 3, GenFormat::Xlsx, 1)).unwrap_or_default();
    let export = generate_location(3, 0, 2026);
    let mut workbook = match paths.first().map(open_workbook_auto) {
        Some(Ok(wb)) => wb,
        _ => panic!("cannot open {paths:?}"),
    };
    let names: Vec<&str> = export.sheets.iter().map(|s| s.kind.name()).collect();
    assert_eq!(workbook.sheet_names(), names);
    let gezinnen = workbook.worksheet_range("gezinnen").unwrap_or_default();
    let header: Vec<String> = gezinnen.rows().next().unwrap_or_default().iter().map(|c| c.to_string()).collect();
    let sheet = export.sheet(SheetKind::Gezinnen).map(|s| s.columns.clone()).unwrap_or_default();
    assert_eq!(header, sheet);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let first = gezinnen.rows().nth(1).unwrap_or_default();
    assert!(matches!(first.get(col("aanmelding")), Some(Data::DateTime(_))), "{:?}", first.get(col("aanmelding")));
    assert!(gezinnen.rows().skip(1).any(|r| matches!(r.get(col("bezoeken")), Some(Data::Float(_)))));
    let coordinators = workbook.worksheet_range("coordinatoren").unwrap_or_default();
    let paid = coordinators.rows().nth(1).and_then(|r| r.get(1).cloned());
    assert_eq!(paid, Some(Data::String("ja".into())));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn csv_is_dutch_style_windows_1252() {
    // A location serving Súdwest-Fryslân, so the encoding matters.
    let export = (0..60)
        .map(|i| generate_location(1, i, 2026))
        .find(|e| e.sheets.iter().any(|s| s.rows.iter().flatten().any(|v| v.as_text() == Some("Súdwest-Fryslân"))));
    let Some(export) = export else { panic!("no location with Súdwest-Fryslân") };
    let dir = scratch("csv");
    assert_eq!(write_csv_folder(&export, &dir), Ok(()));
    let bytes = std::fs::read(dir.join("gezinnen.csv")).unwrap_or_default();
    assert!(bytes.windows(15).any(|w| w == b"S\xfadwest-Frysl\xe2n"));
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("gezin_id;gemeente;aanmelding;"));
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let locatie = std::fs::read(dir.join("locatie.csv")).unwrap_or_default();
    let (locatie, _, _) = encoding_rs::WINDOWS_1252.decode(&locatie);
    let row = locatie.lines().nth(1).unwrap_or_default().to_string();
    let fields: Vec<&str> = row.split(';').collect();
    assert_eq!(fields.len(), 5, "{row}");
    assert!(fields[0] == "L001" || fields[0].starts_with('L'));
    assert!(fields[3].is_empty() || (fields[3].len() == 10 && fields[3].as_bytes()[2] == b'-'), "{row}");
    assert!(fields[4].is_empty() || fields[4].contains(',') && !fields[4].contains('.'), "{row}");
    for kind in &export.sheets {
        assert!(dir.join(format!("{}.csv", kind.kind.name())).is_file());
    }
    // Rewriting without `metingen` leaves no stale metingen.csv behind.
    let _ = std::fs::write(dir.join("metingen.csv"), b"stale");
    let mut without = export.clone();
    without.sheets.retain(|s| s.kind != SheetKind::Metingen);
    assert_eq!(write_csv_folder(&without, &dir), Ok(()));
    assert!(!dir.join("metingen.csv").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn errors_name_the_path() {
    assert!(generate(&options(&scratch("zero"), 1, GenFormat::Xlsx, 0)).is_err());
    let file = scratch("a-file");
    let _ = std::fs::write(&file, b"not a folder");
    let Err(err) = generate(&options(&file, 1, GenFormat::Csv, 1)) else { panic!("a file is no folder") };
    assert_eq!(err.key, "cli_generate_cannot_create");
    for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
        let text = err.text(lang);
        assert!(text.contains(&file.display().to_string()), "{text}");
    }
    let bad_year = GenerateOptions { year: 1800, ..options(&scratch("year"), 1, GenFormat::Csv, 1) };
    assert!(generate(&bad_year).is_err());
    let _ = std::fs::remove_file(file);
}

/// `cargo test --release --lib generate::tests_files::timing -- --ignored --nocapture`
#[test]
#[ignore = "timing: run by hand in a release build"]
fn timing_150_locations_xlsx() {
    let dir = scratch("timing");
    let started = std::time::Instant::now();
    let written = generate(&options(&dir, 2026, GenFormat::Xlsx, 150)).unwrap_or_default();
    eprintln!("150 xlsx exports in {:?}", started.elapsed());
    assert_eq!(written.len(), 150);
    let _ = std::fs::remove_dir_all(dir);
}
