//! Rulebooks and waiver files: read with every value's place, then validated.
//!
//! A rulebook is the embedded `rules/homestart-nl.toml`, or a file: a base
//! rulebook of its own, or a profile that `extends` one and changes rules'
//! `enabled`, `severity` and parameters, and municipalities' parameters.
//! Every problem is reported, each with file, line and column; validation
//! checks against the rules the code knows (`&[RuleSpec]`).

pub mod config;
pub mod diagnostics;
mod extends;
mod layer;
pub mod lint_cmd;
pub mod privacy;
pub mod prose;
mod raw;
pub mod tolerance;
mod validate;
pub mod waivers;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use config::{ParamKind, ParamValue, RuleConfig, Rulebook, Scope, SourceRef};
pub use diagnostics::{Diagnostic, render_all};
pub use privacy::{Counts, Privacy};
pub use waivers::Waiver;

use crate::rules::registry::RuleSpec;
use extends::{EMBEDDED, Origin};
use raw::SourceFile;

/// The id of the default, embedded rulebook.
pub const DEFAULT_RULEBOOK: &str = "homestart-nl";

/// The ids of the rulebooks built into the binary (what `extends` may name).
pub fn embedded_ids() -> Vec<&'static str> {
    EMBEDDED.iter().map(|e| e.id).collect()
}

/// Loads and validates a rulebook or profile (`None`: the embedded default)
/// against the rules the code knows. All problems come back at once, sorted
/// by file, line and column.
pub fn load_rulebook(path: Option<&Path>, specs: &[RuleSpec]) -> Result<Rulebook, Vec<Diagnostic>> {
    let origin = match path {
        Some(p) => Origin::File { shown: p.display().to_string(), path: p.to_path_buf() },
        None => match EMBEDDED.iter().find(|e| e.id == DEFAULT_RULEBOOK) {
            Some(e) => Origin::Embedded(e),
            None => {
                return Err(vec![Diagnostic::whole_file(
                    DEFAULT_RULEBOOK,
                    crate::report::catalogue::text("rb_not_embedded", crate::report::catalogue::NO_ARGS),
                )]);
            }
        },
    };
    load_origin(origin, specs)
}

/// Loads a rulebook or profile given as text; relative `extends` paths start
/// from `dir` (the current folder when `None`).
pub fn load_rulebook_text(
    name: &str,
    text: &str,
    dir: Option<&Path>,
    specs: &[RuleSpec],
) -> Result<Rulebook, Vec<Diagnostic>> {
    let origin = Origin::Text { shown: name.to_string(), text: text.to_string(), dir: dir.map(Path::to_path_buf) };
    load_origin(origin, specs)
}

fn load_origin(origin: Origin<'_>, specs: &[RuleSpec]) -> Result<Rulebook, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let chain = extends::load(origin, specs, &mut diags);
    if let Some(chain) = &chain {
        validate::check_merged(chain, &mut diags);
    }
    match chain {
        Some(chain) if diags.is_empty() => Ok(validate::build(&chain, specs)),
        _ => {
            if diags.is_empty() {
                diags.push(Diagnostic::whole_file(
                    "?",
                    crate::report::catalogue::text("rb_not_loaded", crate::report::catalogue::NO_ARGS),
                ));
            }
            diagnostics::tidy(&mut diags);
            Err(diags)
        }
    }
}

/// Reads a waiver file; waivers naming a rule the code does not know, or
/// with any other problem, make it fail with every problem found.
pub fn load_waivers(path: &Path, specs: &[RuleSpec]) -> Result<Vec<Waiver>, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    match extends::read_text(&shown, path) {
        Ok(text) => load_waivers_text(&shown, &text, specs),
        Err(d) => Err(vec![d]),
    }
}

/// Reads waivers from text (named `name` in diagnostics).
pub fn load_waivers_text(name: &str, text: &str, specs: &[RuleSpec]) -> Result<Vec<Waiver>, Vec<Diagnostic>> {
    let file = SourceFile::new(name, text, 0);
    let (doc, mut diags) = file.parse();
    let waivers = match doc {
        Some(doc) => waivers::read(&file, &doc, specs, &mut diags),
        None => Vec::new(),
    };
    if diags.is_empty() {
        Ok(waivers)
    } else {
        diagnostics::tidy(&mut diags);
        Err(diags)
    }
}

/// What a file is, judged by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A base rulebook, or a profile (it has `extends`).
    Rulebook,
    /// A waiver file (it has `waiver` tables).
    Waivers,
}

/// A file holding a top-level `waiver` key is a waiver file; anything else is
/// read as a rulebook or profile.
pub fn kind_of(text: &str) -> FileKind {
    let file = SourceFile::new("", text, 0);
    let (doc, _) = toml::de::DeTable::parse_recoverable(&file.text);
    if doc.get_ref().contains_key("waiver") { FileKind::Waivers } else { FileKind::Rulebook }
}

/// Every problem of a rulebook, profile (with what it extends) or waiver
/// file; empty when it is clean.
pub fn lint(path: &Path, specs: &[RuleSpec]) -> Vec<Diagnostic> {
    let shown = path.display().to_string();
    let text = match extends::read_text(&shown, path) {
        Ok(t) => t,
        Err(d) => return vec![d],
    };
    let result = match kind_of(&text) {
        FileKind::Waivers => load_waivers_text(&shown, &text, specs).map(|_| ()),
        FileKind::Rulebook => load_rulebook(Some(path), specs).map(|_| ()),
    };
    result.err().unwrap_or_default()
}
