//! `hs-audit rules lint FILE`: checks a rulebook, profile or waiver file and
//! prints every problem as `file:line:column: message`; exit 0 when clean,
//! 2 otherwise.

use std::io::{self, Write};
use std::path::Path;

use super::{FileKind, kind_of, lint};
use crate::cli::Outcome;
use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg};
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
    let shown = path.display().to_string();
    let what = match std::fs::read_to_string(path).map(|t| kind_of(&t)) {
        Ok(FileKind::Waivers) => msg("rb_lint_waiver_file", lang, NO_ARGS),
        _ => msg("rb_lint_rulebook", lang, NO_ARGS),
    };
    match diagnostics.len() {
        0 => {
            writeln!(out, "{}", msg("rb_lint_fine", lang, &[("file", shown), ("what", what)]))?;
            Ok(Outcome::Clean)
        }
        n => {
            let key = if n == 1 { "rb_lint_problem" } else { "rb_lint_problems" };
            writeln!(out, "{}", msg(key, lang, &[("file", shown), ("count", n.to_string())]))?;
            Ok(Outcome::InputProblem)
        }
    }
}
