//! The national report: every location against every rule, for the
//! national licence review. One model ([`model::NationalModel`]) feeds the
//! HTML, the Markdown and the workbook; it holds locations, rules and
//! counts only, never a family id or row.
//!
//! Cost: building the model (see [`build`]) and one pass over it per
//! format; the formats render side by side (the page draws its heatmap
//! while the workbook is written).

mod at_risk;
mod build;
mod distributions;
mod findings;
mod grid;
mod inputs;
mod matrix;
pub mod model;
mod pass_rates;
pub mod ranking;
mod summary;
#[cfg(test)]
mod tests;
mod text;
mod trends;
mod xlsx;

use rayon::prelude::*;

use super::{Format, RenderContext, RenderedFile};
use crate::results::Audit;

pub use build::build;

/// What the HTML template reads: the model and the heatmap drawn from it.
#[derive(serde::Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    model: &'a model::NationalModel,
    heatmap_svg: String,
}

/// Renders the national report in the asked formats (JSON is written by the caller).
pub fn render(audit: &Audit, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    // JSON alone: no report to render, so no model to build (a pass over all results).
    if ctx.formats.iter().all(|f| *f == Format::Json) {
        return Ok(Vec::new());
    }
    let model = build(audit, ctx);
    // The formats render the finished model side by side (each alone is
    // deterministic; the files are sorted by name after).
    let mut files = ctx
        .formats
        .par_iter()
        .map(|format| -> Result<Option<RenderedFile>, String> {
            Ok(match format {
                Format::Html => {
                    // The heatmap is drawn here, beside the other formats: only the page shows it.
                    let page = Page { model: &model, heatmap_svg: matrix::heatmap(ctx, &model.matrix, &model.rules) };
                    Some(RenderedFile {
                        name: "report-national.html".to_string(),
                        bytes: ctx.engine.render("national.html.j2", &page)?.into_bytes(),
                    })
                }
                Format::Md => Some(RenderedFile {
                    name: "report-national.md".to_string(),
                    bytes: ctx.engine.render("national.md.j2", &model)?.into_bytes(),
                }),
                Format::Xlsx => {
                    Some(RenderedFile { name: "report-national.xlsx".to_string(), bytes: xlsx::workbook(&model, ctx)? })
                }
                Format::Json => None,
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        // The first error in the order asked, whichever thread met it first.
        .collect::<Result<Vec<Option<RenderedFile>>, String>>()?
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files.dedup_by(|a, b| a.name == b.name);
    Ok(files)
}
