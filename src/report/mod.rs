//! Reports: the audit rendered for its three readers (a location's
//! coordinator, a funding municipality, the national review), as HTML,
//! Markdown and XLSX, in Dutch or English.
//!
//! One model per audience is built from the audit; every format of that
//! audience renders the same model.

pub mod catalogue;
pub mod charts;
pub mod engine;
pub mod format;
pub mod location;
pub mod measures;
pub mod municipality;
pub mod national;
mod xlsx_rows;
mod xlsx_text;
pub mod xlsx_util;

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::results::Audit;
use crate::rulebook::Rulebook;

pub use catalogue::Catalogue;
pub use engine::Engine;
pub use format::Formatter;

/// Who the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    Location,
    Municipality,
    National,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Html,
    Md,
    Json,
    Xlsx,
}

/// What to render.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub audience: Audience,
    /// The municipality, for `Audience::Municipality`.
    pub municipality: Option<String>,
    pub formats: Vec<Format>,
    pub lang: Lang,
    /// A folder whose templates replace the built-in ones.
    pub templates: Option<PathBuf>,
    /// The municipality's earlier outputs (`--previous`), for its trends.
    pub earlier: Vec<municipality::trends::Earlier>,
}

/// Everything an audience's renderer needs besides the audit.
pub struct RenderContext<'a> {
    pub lang: Lang,
    pub engine: &'a Engine,
    pub catalogue: &'a Catalogue,
    pub fmt: &'a Formatter,
    pub rulebook: &'a Rulebook,
    pub formats: &'a [Format],
}

/// One file a renderer produced: its name inside the output folder, and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The JSON formats are written by the caller (results.json), except for the
/// municipality, whose JSON is its own aggregated model.
pub fn render(audit: &Audit, rulebook: &Rulebook, opts: &ReportOptions) -> Result<Vec<RenderedFile>, String> {
    let catalogue = catalogue::in_use();
    let engine = Engine::new(opts.lang, &catalogue, opts.templates.as_deref())?;
    let fmt = Formatter::new(&catalogue, opts.lang);
    let ctx = RenderContext {
        lang: opts.lang,
        engine: &engine,
        catalogue: &catalogue,
        fmt: &fmt,
        rulebook,
        formats: &opts.formats,
    };
    match opts.audience {
        Audience::Location => {
            let mut files = Vec::new();
            let slices = location::slices_by_location(audit);
            let none = location::LocationSlices::default();
            for loc in &audit.locations {
                let own = slices.get(loc.location_id.as_str()).unwrap_or(&none);
                files.extend(location::render(audit, &loc.location_id, own, &ctx)?);
            }
            Ok(files)
        }
        Audience::Municipality => {
            municipality::render(audit, opts.municipality.as_deref().unwrap_or(""), &opts.earlier, &ctx)
        }
        Audience::National => national::render(audit, &ctx),
    }
}

/// Writes rendered files into `out`, returning their paths.
pub fn write_files(files: &[RenderedFile], out: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    files
        .iter()
        .map(|f| {
            let path = out.join(&f.name);
            std::fs::write(&path, &f.bytes).map(|_| path)
        })
        .collect()
}
