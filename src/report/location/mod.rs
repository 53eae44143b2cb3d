//! The location report: the coordinator's self-assessment. A verdict, every
//! rule with its outcome against the norm, the figures as charts, a worklist
//! per family, and what falls due in the 30 days after the as-of date; as
//! `report-<id>.html`, `report-<id>.md` and `report-<id>.xlsx`.

mod build;
mod charts;
mod due_soon;
pub mod model;
pub mod values;

pub mod trends;
mod worklist;
mod xlsx;

use super::{Format, RenderContext, RenderedFile};
use crate::results::Audit;

pub use build::build;
pub use due_soon::DUE_SOON_DAYS;

/// Renders the location report of `location_id` in the asked formats (JSON
/// is `results.json`, written by the caller).
pub fn render(audit: &Audit, location_id: &str, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    let mut files = Vec::new();
    let name = |ext: &str| format!("report-{}.{ext}", file_stem(location_id));
    let html = ctx.formats.contains(&Format::Html);
    // JSON alone: no report to render, so no model to build (a pass over all results).
    if ctx.formats.iter().all(|f| *f == Format::Json) {
        return Ok(files);
    }
    // One model for every format; only HTML draws charts and inlines the stylesheet.
    let model = build(audit, location_id, ctx, html, if html { ctx.engine.css() } else { String::new() })?;
    if html {
        let text = ctx.engine.render("location.html.j2", &model)?;
        files.push(RenderedFile { name: name("html"), bytes: text.into_bytes() });
    }
    if ctx.formats.contains(&Format::Md) {
        let text = ctx.engine.render("location.md.j2", &model)?;
        files.push(RenderedFile { name: name("md"), bytes: text.into_bytes() });
    }
    if ctx.formats.contains(&Format::Xlsx) {
        files.push(RenderedFile { name: name("xlsx"), bytes: xlsx::workbook(&model, ctx.catalogue, ctx.lang)? });
    }
    Ok(files)
}

/// The location id as it may appear in a file name: letters, digits, `-`
/// and `_` kept, anything else (a path separator, a dot) as `_`.
fn file_stem(location_id: &str) -> String {
    let stem: String =
        location_id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if stem.is_empty() { "_".to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn location_ids_make_safe_file_names() {
        assert_eq!(file_stem("L001"), "L001");
        assert_eq!(file_stem("../x/y.z"), "___x_y_z");
        assert_eq!(file_stem(""), "_");
    }
}
