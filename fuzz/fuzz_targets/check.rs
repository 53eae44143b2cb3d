//! A whole `check` (read, type, evaluate, waive, JSON) on a generated CSV export mutated structurally: lines
//! deleted, duplicated or swapped, fields deleted, duplicated or replaced by fuzzer text.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use hs_audit::cli::check::{CheckOptions, audit};
use libfuzzer_sys::fuzz_target;

/// The base export's files: (file name, lines).
fn base() -> &'static Vec<(String, Vec<String>)> {
    static BASE: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let export = hs_audit::generate::generate_location(7, 0, 2026);
        hs_audit::generate::write_csv_folder(&export, dir.path()).unwrap_or_else(|e| panic!("{e:?}"));
        let mut files: Vec<(String, Vec<String>)> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                // Keep the fuzzed export small: the header and the first 40 records.
                let lines = text.lines().take(41).map(str::to_string).collect();
                (e.file_name().to_string_lossy().into_owned(), lines)
            })
            .collect();
        files.sort();
        files
    })
}

fn mutate(files: &mut [(String, Vec<String>)], data: &[u8]) {
    let (ops, tail) = data.split_at(data.len().min(64) / 4 * 4);
    let text = String::from_utf8_lossy(tail).into_owned();
    let n = files.len();
    for op in ops.chunks_exact(4) {
        let lines = &mut files[usize::from(op[1]) % n].1;
        if lines.is_empty() {
            continue;
        }
        let i = usize::from(op[2]) % lines.len();
        let mut fields: Vec<String> = lines[i].split(';').map(str::to_string).collect();
        let f = usize::from(op[3]) % fields.len().max(1);
        match op[0] % 7 {
            0 => {
                lines.remove(i);
                continue;
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
                continue;
            }
            2 => {
                let j = (i + 1) % lines.len();
                lines.swap(i, j);
                continue;
            }
            3 if !fields.is_empty() => {
                fields.remove(f);
            }
            4 if f < fields.len() => fields[f] = text.clone(),
            5 if f < fields.len() => {
                let copy = fields[f].clone();
                fields.insert(f, copy);
            }
            _ => fields.push(text.clone()),
        }
        lines[i] = fields.join(";");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut files = base().clone();
    mutate(&mut files, data);
    let Ok(dir) = tempfile::tempdir() else { return };
    let export = dir.path().join("L001");
    if std::fs::create_dir(&export).is_err() {
        return;
    }
    for (name, lines) in &files {
        let _ = std::fs::write(export.join(name), lines.join("\n"));
    }
    let opts = CheckOptions {
        period: Some("2026".into()),
        formats: Vec::new(),
        lang: hs_audit::i18n::Lang::En,
        ..CheckOptions::new(vec![export], PathBuf::from(dir.path()).join("out"))
    };
    if let Ok((audit, _)) = audit(&opts) {
        let _ = hs_audit::results::json::to_json_string(&audit, hs_audit::i18n::Lang::En);
    }
});
