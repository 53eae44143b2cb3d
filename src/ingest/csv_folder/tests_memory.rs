//! A large CSV file is read in memory bounded by the chunk, not by the file: measured in a child process (the test
//! binary run again on one ignored test), whose peak resident memory (VmHWM) is compared before and after reading.

use std::io::{BufWriter, Write};
use std::path::Path;

use super::*;

/// The file's size: 32 MB (a test of a debug build reads some 4 MB a second) of blank records (spaces, `;` and Windows-1252 NBSP, so the file is decoded) between a
/// header and one last row.
const BLANK_LINE: &[u8] = b" ;\xA0; \r\n";
const BLANK_LINES: usize = 32 * 1024 * 1024 / BLANK_LINE.len();

fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|kb| kb.parse().ok()).unwrap_or(0)
}

fn write_big(path: &Path) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    out.write_all(b"naam;bedrag;plaats\r\n")?;
    let block = BLANK_LINE.repeat(4096);
    for _ in 0..BLANK_LINES / 4096 {
        out.write_all(&block)?;
    }
    out.write_all(&BLANK_LINE.repeat(BLANK_LINES % 4096))?;
    out.write_all(b"Zo\xEB;12,50;Ede\r\n")?;
    out.flush()
}

/// Run by [`a_large_file_is_read_in_bounded_memory`] in a child process: reads the file `HS_CSV_BIG` names and
/// prints the growth of the peak resident memory in KB.
#[test]
#[ignore = "run in a child process by a_large_file_is_read_in_bounded_memory"]
fn read_big_file_in_child() -> Result<(), String> {
    let Ok(path) = std::env::var("HS_CSV_BIG") else { return Ok(()) };
    let before = peak_kb();
    let sheet = read_csv_file(Path::new(&path), "groot.csv")?;
    let grown = peak_kb().saturating_sub(before);
    let last = sheet.rows.last().map(|r| (r.number, r.cells.iter().map(RawCell::display).collect::<Vec<_>>()));
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(last, Some((BLANK_LINES as u32 + 2, vec!["Zoë".to_string(), "12,50".to_string(), "Ede".to_string()])));
    println!("peak-growth-kb={grown}");
    Ok(())
}

#[test]
fn a_large_file_is_read_in_bounded_memory() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("groot.csv");
    write_big(&path)?;
    let size_kb = std::fs::metadata(&path)?.len() / 1024;
    let out = std::process::Command::new(std::env::current_exe()?)
        .args(["--exact", "ingest::csv_folder::tests_memory::read_big_file_in_child", "--ignored", "--nocapture"])
        .env("HS_CSV_BIG", &path)
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let grown: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak-growth-kb="))
        .and_then(|kb| kb.trim().parse().ok())
        .ok_or_else(|| format!("no measure in {stdout}"))?;
    // The whole-file reader grew by the file's size and more; the stream by its chunks (a few MB).
    eprintln!("peak grew by {grown} KB reading {size_kb} KB");
    assert!(grown < 16 * 1024, "peak grew by {grown} KB reading {size_kb} KB");
    Ok(())
}
