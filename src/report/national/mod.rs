//! The national report: every location against every rule, for the
//! national licence review. One model ([`model::NationalModel`]) feeds the
//! HTML, the Markdown and the workbook; it holds locations, rules and
//! counts only, never a family id or row.

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

use super::{Format, RenderContext, RenderedFile};
use crate::results::Audit;

pub use build::build;

/// Renders the national report in the asked formats (JSON is written by the caller).
pub fn render(audit: &Audit, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    // JSON alone: no report to render, so no model to build (a pass over all results).
    if ctx.formats.iter().all(|f| *f == Format::Json) {
        return Ok(Vec::new());
    }
    let model = build(audit, ctx);
    let mut files = Vec::new();
    for format in ctx.formats {
        match format {
            Format::Html => files.push(RenderedFile {
                name: "report-national.html".to_string(),
                bytes: ctx.engine.render("national.html.j2", &model)?.into_bytes(),
            }),
            Format::Md => files.push(RenderedFile {
                name: "report-national.md".to_string(),
                bytes: ctx.engine.render("national.md.j2", &model)?.into_bytes(),
            }),
            Format::Xlsx => files
                .push(RenderedFile { name: "report-national.xlsx".to_string(), bytes: xlsx::workbook(&model, ctx)? }),
            Format::Json => {}
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files.dedup_by(|a, b| a.name == b.name);
    Ok(files)
}
