//! Profiles: `extends` resolved (an embedded rulebook's id, or a path relative
//! to the profile's own folder), chains of profiles followed and cycles
//! reported, and each profile's overrides laid over what it extends.

use std::path::{Path, PathBuf};

use super::diagnostics::Diagnostic;
use super::layer::{self, Layer};
use super::raw::{Located, SourceFile};
use super::validate;
use crate::results::Text;
use crate::rules::registry::RuleSpec;

/// An embedded rulebook: its id, the name diagnostics give it, its text.
pub(crate) struct Embedded {
    pub id: &'static str,
    pub name: &'static str,
    pub text: &'static str,
}

/// The rulebooks built into the binary; the first is the default.
pub(crate) const EMBEDDED: &[Embedded] = &[Embedded {
    id: "homestart-nl",
    name: "rules/homestart-nl.toml",
    text: include_str!("../../rules/homestart-nl.toml"),
}];

/// Where a rulebook comes from.
#[derive(Debug, Clone)]
pub(crate) enum Origin<'a> {
    Embedded(&'a Embedded),
    /// A file: the name shown in diagnostics, and the path to read.
    File {
        shown: String,
        path: PathBuf,
    },
    /// Text in memory (tests), with the folder relative paths start from.
    Text {
        shown: String,
        text: String,
        dir: Option<PathBuf>,
    },
}

impl std::fmt::Debug for Embedded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// A rulebook with every profile of its chain laid over it.
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    pub merged: Layer,
    /// The profiles' names (file stems), innermost first.
    pub profiles: Vec<String>,
}

/// At most this many files in one chain of `extends`.
const MAX_DEPTH: usize = 32;

/// Loads a rulebook or profile and everything it extends. Every problem found
/// on the way is added to `diags`; `None` when nothing usable came out.
pub(crate) fn load(origin: Origin<'_>, specs: &[RuleSpec], diags: &mut Vec<Diagnostic>) -> Option<Chain> {
    let key = identity(&origin);
    let mut stack = Vec::new();
    load_at(origin, key, 0, &mut stack, specs, diags)
}

/// What makes two origins the same file, for cycle detection.
fn identity(origin: &Origin<'_>) -> String {
    match origin {
        Origin::Embedded(e) => format!("embedded:{}", e.id),
        Origin::File { path, .. } => match path.canonicalize() {
            Ok(p) => p.display().to_string(),
            Err(_) => path.display().to_string(),
        },
        Origin::Text { shown, .. } => format!("text:{shown}"),
    }
}

/// The file's text, its name, and the folder its relative paths start from.
pub(crate) fn open(origin: &Origin<'_>, layer: usize) -> Result<(SourceFile, Option<PathBuf>), Diagnostic> {
    match origin {
        Origin::Embedded(e) => Ok((SourceFile::new(e.name, e.text, layer), None)),
        Origin::Text { shown, text, dir } => Ok((SourceFile::new(shown.clone(), text, layer), dir.clone())),
        Origin::File { shown, path } => {
            let text = read_text(shown, path)?;
            let dir = path.parent().map(Path::to_path_buf);
            Ok((SourceFile::new(shown.clone(), &text, layer), dir))
        }
    }
}

/// A file's text; a diagnostic when it cannot be read or is not UTF-8.
pub(crate) fn read_text(shown: &str, path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::whole_file(shown, crate::io_text::cannot_read(&e)))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::whole_file(shown, crate::report::catalogue::text("rb_not_utf8", crate::report::catalogue::NO_ARGS))
    })
}

fn load_at(
    origin: Origin<'_>,
    key: String,
    depth: usize,
    stack: &mut Vec<(String, String)>,
    specs: &[RuleSpec],
    diags: &mut Vec<Diagnostic>,
) -> Option<Chain> {
    let (file, dir) = match open(&origin, depth) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let (doc, mut problems) = file.parse();
    diags.append(&mut problems);
    let doc = doc?;
    let layer = layer::read(&file, &doc, specs, diags);
    stack.push((key, file.name.clone()));
    let chain = match layer.extends.clone() {
        // `extends` written but unusable (already reported): nothing to extend.
        None if layer.given.contains("extends") => None,
        None => {
            validate::check_base(&layer, specs, diags);
            Some(Chain { merged: layer, profiles: Vec::new() })
        }
        Some(ext) => parent(&ext, dir.as_deref(), depth, stack, specs, diags).map(|p| overlay(p, layer, &origin)),
    };
    stack.pop();
    chain
}

/// Loads what a profile extends, unless that closes a cycle.
fn parent(
    ext: &Located<String>,
    dir: Option<&Path>,
    depth: usize,
    stack: &mut Vec<(String, String)>,
    specs: &[RuleSpec],
    diags: &mut Vec<Diagnostic>,
) -> Option<Chain> {
    let origin = match resolve(&ext.value, dir) {
        Ok(o) => o,
        Err(reason) => {
            diags.push(ext.place.diag(reason));
            return None;
        }
    };
    let key = identity(&origin);
    if let Some(i) = stack.iter().position(|(k, _)| *k == key) {
        let mut names: Vec<&str> = stack.iter().skip(i).map(|(_, n)| n.as_str()).collect();
        names.extend(names.first().copied());
        let ring = names.join(" -> ");
        diags.push(ext.place.diag(crate::report::catalogue::text("rb_extends_cycle", &[("ring", ring)])));
        return None;
    }
    if depth + 1 >= MAX_DEPTH {
        diags.push(
            ext.place.diag(crate::report::catalogue::text("rb_extends_too_deep", &[("max", MAX_DEPTH.to_string())])),
        );
        return None;
    }
    load_at(origin, key, depth + 1, stack, specs, diags)
}

/// An embedded rulebook's id, else a path relative to `dir`.
fn resolve<'a>(target: &str, dir: Option<&Path>) -> Result<Origin<'a>, Text> {
    if let Some(e) = EMBEDDED.iter().find(|e| e.id == target) {
        return Ok(Origin::Embedded(e));
    }
    let path = match dir {
        Some(d) => d.join(target),
        None => PathBuf::from(target),
    };
    if path.is_file() {
        return Ok(Origin::File { shown: path.display().to_string(), path });
    }
    let ids: Vec<&str> = EMBEDDED.iter().map(|e| e.id).collect();
    let ids = ids.join(", ");
    let shown = path.display();
    Err(crate::report::catalogue::text(
        "rb_extends_not_found",
        &[("target", target.to_string()), ("ids", ids), ("file", shown.to_string())],
    ))
}

/// A profile's name: its file's stem.
fn stem(origin: &Origin<'_>) -> String {
    let shown = match origin {
        Origin::Embedded(e) => return e.id.to_string(),
        Origin::File { shown, .. } | Origin::Text { shown, .. } => shown,
    };
    Path::new(shown).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone())
}

/// Lays a profile over what it extends: `enabled`, `severity`, parameters,
/// municipality parameters and `[privacy]` values replace the ones below them.
fn overlay(mut chain: Chain, profile: Layer, origin: &Origin<'_>) -> Chain {
    for (norm, m) in profile.municipalities {
        match chain.merged.municipalities.get_mut(&norm) {
            Some(base) => base.params.extend(m.params),
            None => {
                chain.merged.municipalities.insert(norm, m);
            }
        }
    }
    for (id, r) in profile.rules {
        let Some(base) = chain.merged.rules.get_mut(&id) else { continue };
        if r.enabled.is_some() {
            base.enabled = r.enabled;
        }
        if r.severity.is_some() {
            base.severity = r.severity;
        }
        base.params.extend(r.params);
    }
    chain.merged.privacy.overlay(profile.privacy);
    chain.profiles.push(stem(origin));
    chain
}
