//! `hs-audit template`: writes the empty export workbook, and never over an
//! existing file (a filled-in template would be lost).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::i18n::Lang;
use crate::ingest::display_path;
use crate::template::{Texts, build, default_file_name, file_name_of};

/// Where the template goes without `--out`: `hs-audit-export.xlsx`
/// (`hs-audit-export-en.xlsx` with `--lang en`) in the current folder.
pub fn default_out(lang: Lang) -> PathBuf {
    PathBuf::from(default_file_name(lang))
}

/// Writes the template to `out`. Exit 0 when written; 2 when `out` already
/// exists or cannot be written (the message says what to do).
pub fn run(out: &Path, lang: Lang, stdout: &mut dyn Write, stderr: &mut dyn Write) -> std::io::Result<Outcome> {
    let texts = Texts::new(lang);
    let shown = display_path(out);
    let failed = |reason: String, stderr: &mut dyn Write| -> std::io::Result<Outcome> {
        writeln!(stderr, "hs-audit: {}", texts.fill("tpl_cli_failed", &[("path", &shown), ("reason", &reason)]))?;
        Ok(Outcome::InputProblem)
    };
    if out.exists() {
        writeln!(stderr, "hs-audit: {}", texts.fill("tpl_cli_exists", &[("path", &shown)]))?;
        return Ok(Outcome::InputProblem);
    }
    let bytes = match build(lang, &file_name_of(out)) {
        Ok(b) => b,
        Err(e) => return failed(e.to_string(), stderr),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return failed(e.to_string(), stderr);
    }
    // `create_new`: should the file appear meanwhile, it is still not overwritten.
    let written = std::fs::OpenOptions::new().write(true).create_new(true).open(out).and_then(|mut f| {
        f.write_all(&bytes)?;
        f.sync_all()
    });
    match written {
        Ok(()) => {
            writeln!(stdout, "{}", texts.fill("tpl_cli_written", &[("path", &shown)]))?;
            writeln!(stdout, "{}", texts.fill("tpl_cli_next", &[("sheet", &texts.get("tpl_instructions_sheet"))]))?;
            Ok(Outcome::Clean)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(stderr, "hs-audit: {}", texts.fill("tpl_cli_exists", &[("path", &shown)]))?;
            Ok(Outcome::InputProblem)
        }
        Err(e) => failed(e.to_string(), stderr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_in(out: &Path, lang: Lang) -> (Outcome, String, String) {
        let (mut o, mut e) = (Vec::new(), Vec::new());
        let outcome = run(out, lang, &mut o, &mut e).expect("writing to memory");
        (outcome, String::from_utf8_lossy(&o).into_owned(), String::from_utf8_lossy(&e).into_owned())
    }

    #[test]
    fn writes_once_and_never_overwrites() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("sub").join("sjabloon.xlsx");
        let (outcome, stdout, stderr) = run_in(&out, Lang::Nl);
        assert_eq!(outcome, Outcome::Clean, "{stderr}");
        assert!(stdout.contains("Invulsjabloon geschreven") && stdout.contains("Instructies"), "{stdout}");
        let first = std::fs::read(&out).expect("the template was written");
        std::fs::write(&out, b"filled in").expect("overwriting in the test");
        let (outcome, stdout, stderr) = run_in(&out, Lang::En);
        assert_eq!(outcome, Outcome::InputProblem);
        assert!(stdout.is_empty() && stderr.contains("already exists") && stderr.contains("--out"), "{stderr}");
        assert_eq!(std::fs::read(&out).ok().as_deref(), Some(&b"filled in"[..]));
        assert!(first.starts_with(b"PK"));
    }

    #[test]
    fn default_names_differ_by_language() {
        assert_eq!(default_out(Lang::Nl), PathBuf::from("hs-audit-export.xlsx"));
        assert_eq!(default_out(Lang::En), PathBuf::from("hs-audit-export-en.xlsx"));
    }
}
