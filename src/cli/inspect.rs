//! `hs-audit inspect`: what the tool read, per export, before anyone audits it.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::i18n::Lang;
use crate::tables::{Export, read_paths};

/// Reads the exports and prints what was read; exit 0 only when every export
/// was read without a single input finding.
pub fn run(paths: &[PathBuf], lang: Lang, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let exports = read_paths(paths);
    for export in &exports {
        write_export(export, lang, out)?;
    }
    let findings: usize = exports.iter().map(|e| e.findings.len()).sum();
    let n = exports.len();
    match lang {
        Lang::Nl => writeln!(
            out,
            "{n} {} gelezen, {findings} {}.",
            plural(n, "export", "exports"),
            plural(findings, "bevinding", "bevindingen")
        )?,
        Lang::En => writeln!(
            out,
            "{n} {} read, {findings} {}.",
            plural(n, "export", "exports"),
            plural(findings, "finding", "findings")
        )?,
    }
    Ok(if findings == 0 && n > 0 { Outcome::Clean } else { Outcome::InputProblem })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// One export: locations, sheets with matched columns and rows, findings.
pub fn write_export(export: &Export, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Export {}", export.source)?;
    for loc in &export.locations {
        writeln!(out, "  {}: {} {}", lang.pick("Locatie", "Location"), loc.id, loc.name)?;
    }
    for sheet in &export.sheets {
        let rows = plural(sheet.rows, lang.pick("rij", "row"), lang.pick("rijen", "rows"));
        let label = lang.pick("Blad", "Sheet");
        let from = lang.pick("uit", "from");
        writeln!(out, "  {label} {} ({from} \"{}\"): {} {rows}", sheet.kind.name(), sheet.sheet_name, sheet.rows)?;
        let cols: Vec<String> =
            sheet.columns.iter().map(|(c, h)| if c == h { c.clone() } else { format!("{c} <- \"{h}\"") }).collect();
        writeln!(out, "    {}: {}", lang.pick("kolommen", "columns"), cols.join(", "))?;
    }
    if export.findings.is_empty() {
        writeln!(out, "  {}", lang.pick("Geen bevindingen.", "No findings."))?;
    } else {
        writeln!(out, "  {} ({}):", lang.pick("Bevindingen", "Findings"), export.findings.len())?;
        for f in &export.findings {
            writeln!(out, "    - {}: {}", f.place(lang), f.message(lang))?;
        }
    }
    writeln!(out)
}
