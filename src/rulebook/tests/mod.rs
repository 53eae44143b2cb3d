//! Tests of the rulebook loader against the 20 rules of rules.md: the embedded
//! rulebook, every kind of diagnostic with its exact place, profiles, waivers,
//! and the `rules list / explain / lint` texts.

mod commands;
mod embedded;
mod kinds;
mod privacy;
mod profiles;
mod robust;
mod specs;
mod tolerance;
mod waiver_files;

use std::path::PathBuf;

use super::{Rulebook, load_rulebook_text};
pub(super) use specs::SPECS;

/// Loads a rulebook or profile text; panics with the diagnostics (tests only).
pub(super) fn load(text: &str) -> Rulebook {
    load_rulebook_text("t.toml", text, None, SPECS)
        .unwrap_or_else(|d| panic!("{}", super::render_all(&d, crate::i18n::Lang::En)))
}

/// The problems of a rulebook or profile text: (line, column, English message).
pub(super) fn problems(text: &str) -> Vec<(usize, usize, String)> {
    match load_rulebook_text("t.toml", text, None, SPECS) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.into_iter().map(|d| (d.line, d.column, d.message.en)).collect(),
    }
}

/// The single problem of a text, or a panic listing them all.
pub(super) fn only_problem(text: &str) -> (usize, usize, String) {
    let mut all = problems(text);
    assert_eq!(all.len(), 1, "expected one problem, got {all:#?}");
    all.remove(0)
}

/// A file of the repository.
pub(super) fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Line and column (1-based) of the first `needle` in `text` at or after line `from_line`.
pub(super) fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let off = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in text"));
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
