//! `hs-audit rules lint FILE`: checks a rulebook, profile or waiver file and
//! prints every problem as `file:line:column: message`; exit 0 when clean,
//! 2 otherwise.

use std::io::{self, Write};
use std::path::Path;

use super::{FileKind, kind_of, lint};
use crate::cli::Outcome;
use crate::i18n::Lang;
use crate::rules::registry::{RULES, RuleSpec};

/// Lints against the rules the code implements.
pub fn run_lint(path: &Path, lang: Lang, out: &mut dyn Write) -> io::Result<Outcome> {
    run_lint_with(path, RULES, lang, out)
}

/// Lints against the given rule specs.
pub fn run_lint_with(path: &Path, specs: &[RuleSpec], lang: Lang, out: &mut dyn Write) -> io::Result<Outcome> {
    let diagnostics = lint(path, specs);
    for d in &diagnostics {
        writeln!(out, "{}", d.render(lang))?;
    }
    let shown = path.display();
    let what = match std::fs::read_to_string(path).map(|t| kind_of(&t)) {
        Ok(FileKind::Waivers) => lang.pick("waiverbestand", "waiver file"),
        _ => lang.pick("regelboek", "rulebook"),
    };
    match diagnostics.len() {
        0 => {
            writeln!(
                out,
                "{shown}: {what} {}",
                lang.pick("in orde, geen problemen gevonden.", "is fine, no problems found.")
            )?;
            Ok(Outcome::Clean)
        }
        n => {
            let (one, many) = (lang.pick("probleem", "problem"), lang.pick("problemen", "problems"));
            let word = if n == 1 { one } else { many };
            writeln!(out, "{shown}: {n} {word} {}", lang.pick("gevonden.", "found."))?;
            Ok(Outcome::InputProblem)
        }
    }
}
