//! Writing a generated export as a folder of Dutch-style CSV files: `;`, decimal comma, Windows-1252, CRLF.

use std::path::Path;

use super::{GeneratedExport, GeneratedSheet, Why, write_error};
use crate::tables::{SheetKind, Value};

/// Writes `export` into the folder `dir` (created when missing): one file
/// `<sheet>.csv` per sheet, header of canonical column names, `;` between
/// fields, decimals with a comma and 2 decimals (`0,55`, `56500,00`), dates
/// `dd-mm-jjjj`, booleans `ja`/`nee`, fields holding `;`, `"` or a line break
/// quoted, CRLF line ends, encoded as Windows-1252. A stale `<sheet>.csv`
/// for a sheet the export lacks is removed.
pub fn write_csv_folder(export: &GeneratedExport, dir: &Path) -> Result<(), Why> {
    std::fs::create_dir_all(dir).map_err(|e| write_error("cli_generate_cannot_create", dir, e))?;
    for sheet in &export.sheets {
        let path = dir.join(format!("{}.csv", sheet.kind.name()));
        let bytes = encode(&sheet_text(sheet)).map_err(|c| {
            Why::new("cli_generate_not_windows_1252", vec![("path", path.display().to_string()), ("char", c)])
        })?;
        std::fs::write(&path, bytes).map_err(|e| write_error("cli_generate_cannot_write", &path, e))?;
    }
    // A sheet this export lacks (`metingen`) must not survive from an earlier run.
    for kind in SheetKind::ALL.into_iter().filter(|k| export.sheet(*k).is_none()) {
        let path = dir.join(format!("{}.csv", kind.name()));
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| write_error("cli_generate_cannot_remove", &path, e))?;
        }
    }
    Ok(())
}

/// The sheet as CSV text (before encoding).
pub fn sheet_text(sheet: &GeneratedSheet) -> String {
    let mut out = String::new();
    let header: Vec<String> = sheet.columns.iter().map(|c| quote(c)).collect();
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for row in &sheet.rows {
        let fields: Vec<String> = row.iter().map(|v| quote(&field(v))).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// One value as Dutch spreadsheet users type it.
fn field(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(t) => t.to_string(),
        Value::Date(d) => d.format("%d-%m-%Y").to_string(),
        Value::Number(n) => format!("{n:.2}").replace('.', ","),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => (if *b { "ja" } else { "nee" }).to_string(),
    }
}

/// Quotes a field that holds `;`, `"` or a line break, doubling its quotes.
fn quote(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// Windows-1252 bytes; the first character without a Windows-1252 form
/// (quoted) when there is one.
fn encode(text: &str) -> Result<Vec<u8>, String> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        let c = text.chars().find(|c| {
            let mut buf = [0u8; 4];
            encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf)).2
        });
        return Err(format!("{:?}", c.unwrap_or('?')));
    }
    Ok(bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_dutch_style() {
        assert_eq!(field(&Value::Number(0.55)), "0,55");
        assert_eq!(field(&Value::Number(56_500.0)), "56500,00");
        assert_eq!(field(&Value::Int(12)), "12");
        assert_eq!(field(&Value::Bool(false)), "nee");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        assert_eq!(field(&Value::Date(d)), "02-03-2026");
        assert_eq!(quote("a;b"), "\"a;b\"");
        assert_eq!(quote("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(quote("regel\nregel"), "\"regel\nregel\"");
        assert_eq!(quote("gewoon"), "gewoon");
    }

    #[test]
    fn encodes_windows_1252() {
        assert_eq!(encode("Súdwest-Fryslân").ok(), Some(b"S\xfadwest-Frysl\xe2n".to_vec()));
        assert!(encode("ő").is_err());
    }
}
