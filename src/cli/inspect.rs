//! `hs-audit inspect`: what the tool read, per export, before anyone audits it.
//! The texts are keys of `reports/messages/cli.toml`.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::i18n::Lang;
use crate::tables::{Export, read_paths};

/// A catalogue text with its named arguments filled in.
fn t(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    crate::report::catalogue::msg(key, lang, args)
}

/// The key for one (`n` = 1) or many.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Reads the exports and prints what was read; exit 0 only when every export
/// was read without a single input finding.
pub fn run(paths: &[PathBuf], lang: Lang, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let exports = read_paths(paths);
    for export in &exports {
        write_export(export, lang, out)?;
    }
    let findings: usize = exports.iter().map(|e| e.findings.len()).sum();
    let n = exports.len();
    let exports_text =
        t(lang, plural(n, "cli_inspect_exports_one", "cli_inspect_exports_many"), &[("count", n.to_string())]);
    let findings_text = t(
        lang,
        plural(findings, "cli_inspect_findings_one", "cli_inspect_findings_many"),
        &[("count", findings.to_string())],
    );
    writeln!(out, "{}", t(lang, "cli_inspect_total", &[("exports", exports_text), ("findings", findings_text)]))?;
    Ok(if findings == 0 && n > 0 { Outcome::Clean } else { Outcome::InputProblem })
}

/// One export: locations, sheets with matched columns and rows, findings.
pub fn write_export(export: &Export, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", t(lang, "cli_inspect_export", &[("source", export.source.to_string())]))?;
    for loc in &export.locations {
        let args = [("id", loc.id.to_string()), ("name", loc.name.to_string())];
        writeln!(out, "  {}", t(lang, "cli_inspect_location", &args))?;
    }
    for sheet in &export.sheets {
        let key = plural(sheet.rows, "cli_inspect_sheet_one", "cli_inspect_sheet_many");
        let args = [
            ("kind", sheet.kind.name().to_string()),
            ("sheet", sheet.sheet_name.to_string()),
            ("rows", sheet.rows.to_string()),
        ];
        writeln!(out, "  {}", t(lang, key, &args))?;
        let cols: Vec<String> =
            sheet.columns.iter().map(|(c, h)| if c == h { c.clone() } else { format!("{c} <- \"{h}\"") }).collect();
        writeln!(out, "    {}", t(lang, "cli_inspect_columns", &[("columns", cols.join(", "))]))?;
    }
    if export.findings.is_empty() {
        writeln!(out, "  {}", t(lang, "cli_inspect_no_findings", &[]))?;
    } else {
        writeln!(out, "  {}", t(lang, "cli_inspect_findings", &[("count", export.findings.len().to_string())]))?;
        for f in &export.findings {
            writeln!(out, "    - {}: {}", f.place(lang), f.message(lang))?;
        }
    }
    writeln!(out)
}
