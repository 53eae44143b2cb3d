//! A CSV folder typed as it is read is the export that typing its raw sheets makes: tables, findings, locations and
//! sheets, on every workbook fixture saved as a CSV folder and on the shapes where the two readings part ways
//! (dates read month-first or marked, files not read, sheets twice, files without rows).

use std::path::{Path, PathBuf};

use super::read_export;
use crate::findings::FindingKind;
use crate::ingest::{self, RawCell, Source};
use crate::tables::assemble::assemble;
use crate::tables::export::Export;

/// The export the raw path makes: every file read whole, settled, then typed.
fn raw_path(dir: &Path) -> Export {
    assemble(ingest::read_source(&Source::CsvFolder(dir.to_path_buf())))
}

fn streamed(dir: &Path) -> Export {
    read_export(&Source::CsvFolder(dir.to_path_buf()))
}

/// Both readings of `dir` agree in everything the later stages read.
fn assert_same(dir: &Path) -> Export {
    let (want, got) = (raw_path(dir), streamed(dir));
    let at = dir.display();
    assert_eq!(got.source, want.source, "{at}");
    assert_eq!(got.readable, want.readable, "{at}");
    assert_eq!(got.findings, want.findings, "{at}");
    assert_eq!(got.locations, want.locations, "{at}");
    assert_eq!(got.sheets, want.sheets, "{at}");
    assert_eq!(got.tables.keys().collect::<Vec<_>>(), want.tables.keys().collect::<Vec<_>>(), "{at}");
    for (kind, w) in &want.tables {
        let Some(g) = got.tables.get(kind) else { panic!("{at}: {kind:?} missing") };
        assert_eq!((&g.file, &g.sheet_name, &g.matched), (&w.file, &w.sheet_name, &w.matched), "{at} {kind:?}");
        assert_eq!((&g.rows, &g.columns), (&w.rows, &w.columns), "{at} {kind:?}");
        let mut ids: Vec<&String> = w.by_location.keys().collect();
        ids.sort();
        for id in ids {
            assert_eq!(g.rows_of(id), w.rows_of(id), "{at} {kind:?} {id}");
        }
        assert_eq!(g.by_location.len(), w.by_location.len(), "{at} {kind:?}");
    }
    for (key, i) in &want.finding_at {
        assert_eq!(got.finding_at.get(key), Some(i), "{at} {key:?}");
    }
    assert_eq!(got.finding_at.len(), want.finding_at.len(), "{at}");
    got
}

/// A CSV field holding `text`, quoted.
fn field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Saves every sheet of a workbook as `<sheet>.csv` in `dir`, each cell as it displays.
fn save_as_csv(workbook: &Path, dir: &Path) -> std::io::Result<usize> {
    let raw = ingest::read_source(&Source::Workbook(workbook.to_path_buf()));
    std::fs::create_dir_all(dir)?;
    for sheet in &raw.sheets {
        let mut text = String::new();
        let mut line = 1;
        for row in &sheet.rows {
            // Blank rows keep their place, so row numbers stay those of the workbook.
            while line < row.number {
                text.push_str("\r\n");
                line += 1;
            }
            let cells: Vec<String> = row.cells.iter().map(|c| field(&c.display())).collect();
            text.push_str(&cells.join(";"));
            text.push_str("\r\n");
            line += 1;
        }
        std::fs::write(dir.join(format!("{}.csv", sheet.name)), text)?;
    }
    Ok(raw.sheets.len())
}

fn workbook_fixtures() -> Vec<PathBuf> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
    let mut found = Vec::new();
    for sub in ["bad", "conventions", "demo"] {
        let Ok(entries) = std::fs::read_dir(root.join(sub)) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "xlsx" || x == "ods" || x == "xls" || x == "xlsm") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_workbook_fixture_saved_as_csv_reads_the_same_both_ways() -> std::io::Result<()> {
    let tmp = tempfile::tempdir()?;
    let (mut folders, mut with_findings) = (0, 0);
    for (i, workbook) in workbook_fixtures().iter().enumerate() {
        let dir = tmp.path().join(format!("export{i}"));
        if save_as_csv(workbook, &dir)? == 0 {
            continue;
        }
        let export = assert_same(&dir);
        folders += 1;
        with_findings += usize::from(!export.findings.is_empty());
    }
    assert!(folders >= 25, "only {folders} workbook fixtures saved as CSV");
    assert!(with_findings >= 10, "only {with_findings} with findings");
    Ok(())
}

#[test]
fn every_csv_fixture_reads_the_same_both_ways() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
    let mut dirs = vec![root.join("demo-csv"), root.join("bad/csv_bad_dates")];
    for name in ["csv_tab_utf8", "csv_semicolon_win1252", "csv_quoted_newlines", "csv_english_names"] {
        dirs.push(root.join("conventions").join(name));
    }
    dirs.push(root.join("conventions/csv_comma_utf8_bom"));
    for dir in dirs {
        let export = assert_same(&dir);
        assert!(!export.tables.is_empty(), "{}", dir.display());
    }
}

/// A small export of one location whose `gezinnen.csv` holds the given start dates.
fn export_with_dates(dir: &Path, starts: &[&str]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("locatie.csv"), "locatie_id;naam\nL1;Oost\n")?;
    std::fs::write(dir.join("coordinatoren.csv"), "coordinator_id;uren_per_week\nC1;20\n")?;
    let mut gezinnen = String::from("gezin_id;start;gemeente\n");
    for (i, start) in starts.iter().enumerate() {
        gezinnen.push_str(&format!("G{i};{start};Utrecht\n"));
    }
    std::fs::write(dir.join("gezinnen.csv"), gezinnen)
}

fn cell_findings(export: &Export) -> Vec<(u32, FindingKind)> {
    export.findings.iter().filter_map(|f| Some((f.row?, f.kind.clone()))).collect()
}

#[test]
fn month_first_and_mixed_folders_are_read_again_and_settled() -> std::io::Result<()> {
    let tmp = tempfile::tempdir()?;
    let month_first = tmp.path().join("month_first");
    export_with_dates(&month_first, &["01/08/2026", "09/26/2026"])?;
    let export = assert_same(&month_first);
    assert!(export.findings.iter().any(|f| f.kind == FindingKind::MonthFirstDates));
    let gezinnen = export.tables.get(&crate::tables::SheetKind::Gezinnen).map(|t| t.value("start", 0));
    assert_eq!(
        gezinnen,
        Some(crate::tables::Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 8).unwrap_or_default()))
    );

    let mixed = tmp.path().join("mixed");
    export_with_dates(&mixed, &["01/08/2026", "09/26/2026", "26/09/2026"])?;
    let export = assert_same(&mixed);
    assert!(cell_findings(&export).contains(&(2, FindingKind::AmbiguousDate)));

    let day_first = tmp.path().join("day_first");
    export_with_dates(&day_first, &["01/08/2026", "26/09/2026", "2026-02-30"])?;
    let export = assert_same(&day_first);
    assert!(cell_findings(&export).contains(&(4, FindingKind::InvalidDate)));
    Ok(())
}

#[test]
fn files_not_read_twice_named_or_without_rows_read_the_same_both_ways() -> std::io::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("export");
    export_with_dates(&dir, &["01/08/2026"])?;
    // A second file for `gezinnen` (LibreOffice's naming), a binary `contacten`, an empty `vrijwilligers`.
    std::fs::write(dir.join("demo-gezinnen.csv"), "gezin_id\nG9\n")?;
    std::fs::write(dir.join("contacten.csv"), b"PK\x03\x04\x00\x00")?;
    std::fs::write(dir.join("vrijwilligers.csv"), "\n;;\n")?;
    let export = assert_same(&dir);
    let kinds: Vec<&FindingKind> = export.findings.iter().map(|f| &f.kind).collect();
    assert!(kinds.iter().any(|k| matches!(k, FindingKind::DuplicateSheet { .. })), "{kinds:?}");
    assert!(kinds.iter().any(|k| matches!(k, FindingKind::UnreadableFile { .. })), "{kinds:?}");
    assert!(kinds.contains(&&FindingKind::EmptySheet), "{kinds:?}");
    Ok(())
}

#[test]
fn a_folder_whose_files_are_all_unreadable_is_unreadable_both_ways() -> std::io::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("export");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("locatie.csv"), b"\x00\x01binary")?;
    let export = assert_same(&dir);
    assert!(!export.readable);
    Ok(())
}

#[test]
fn rows_are_typed_from_the_cells_the_csv_reader_gives() {
    // The raw cells of a streamed row are those of the raw sheet: an empty field is empty, text stays as is.
    let mut cells = vec![RawCell::Empty, RawCell::Text(" 20 ".into())];
    let mut findings = Vec::new();
    let mut typer = crate::tables::build::SheetTyper::new(
        crate::tables::SheetKind::Coordinatoren,
        "c.csv",
        "coordinatoren",
        &[RawCell::Text("coordinator_id".into()), RawCell::Text("uren_per_week".into())],
        0,
        &mut findings,
    );
    typer.push(2, &cells, &mut findings);
    cells.truncate(1);
    typer.push(3, &cells, &mut findings);
    let table = typer.finish();
    assert_eq!(table.value("uren_per_week", 0), crate::tables::Value::Number(20.0));
    assert_eq!(table.value("uren_per_week", 1), crate::tables::Value::Empty);
    assert_eq!(table.row_number(1), 3);
}
