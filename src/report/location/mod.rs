//! The location report: the coordinator's self-assessment. A verdict, every
//! rule with its outcome against the norm, the figures as charts, a worklist
//! per family, and what falls due in the 30 days after the as-of date; as
//! `report-<id>.html`, `report-<id>.md` and `report-<id>.xlsx`.

mod build;
mod charts;
mod due_soon;
pub mod model;
pub mod trends;
pub mod values;
mod worklist;
mod xlsx;

use foldhash::{HashMap, HashMapExt};

use super::{Format, RenderContext, RenderedFile};
use crate::results::{Audit, RuleResult, SummaryRow};

pub use build::build;
pub use due_soon::DUE_SOON_DAYS;

/// One location's results (all, passes included) and summary rows, in the
/// audit's order.
#[derive(Debug, Default)]
pub struct LocationSlices<'a> {
    pub results: Vec<&'a RuleResult>,
    pub summary: Vec<&'a SummaryRow>,
}

/// Every location's slices, grouped in one pass over the results and the
/// summary: O(results + summary), not a scan of all results per location.
pub fn slices_by_location(audit: &Audit) -> HashMap<&str, LocationSlices<'_>> {
    let mut by: HashMap<&str, LocationSlices<'_>> = HashMap::new();
    for r in &audit.results {
        by.entry(r.location_id.as_str()).or_default().results.push(r);
    }
    for s in &audit.summary {
        by.entry(s.location_id.as_str()).or_default().summary.push(s);
    }
    by
}

/// Renders the location report of `location_id` in the asked formats (JSON
/// is `results.json`, written by the caller).
pub fn render(
    audit: &Audit,
    location_id: &str,
    slices: &LocationSlices<'_>,
    ctx: &RenderContext,
) -> Result<Vec<RenderedFile>, String> {
    let mut files = Vec::new();
    let name = |ext: &str| format!("report-{}.{ext}", file_stem(location_id));
    let html = ctx.formats.contains(&Format::Html);
    // JSON alone: no report to render, so no model to build (a pass over all results).
    if ctx.formats.iter().all(|f| *f == Format::Json) {
        return Ok(files);
    }
    // One model for every format; only HTML draws charts and inlines the stylesheet.
    let model = build(audit, location_id, slices, ctx, html, if html { ctx.engine.css() } else { String::new() })?;
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

/// A location id as a file name, one-to-one: letters, digits and `-` stay, every other character becomes `_`
/// and the hex of its UTF-8 bytes (`A/1` -> `A_2f1`, `A.1` -> `A_2e1`, `A 1` -> `A_201`, `A_1` -> `A_5f1`), so
/// two ids that differ never share a name. The empty id is `_`.
fn file_stem(location_id: &str) -> String {
    let mut stem = String::new();
    for c in location_id.chars() {
        if c.is_alphanumeric() || c == '-' {
            stem.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                stem.push_str(&format!("_{b:02x}"));
            }
        }
    }
    if stem.is_empty() { "_".to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn location_ids_make_safe_file_names() {
        assert_eq!(file_stem("L001"), "L001");
        assert_eq!(file_stem("../x/y.z"), "_2e_2e_2fx_2fy_2ez");
        assert_eq!(file_stem(""), "_");
        let ids = ["A/1", "A.1", "A 1", "A_1", "A_2f1"];
        let stems: std::collections::BTreeSet<String> = ids.iter().map(|i| file_stem(i)).collect();
        assert_eq!(stems.len(), ids.len(), "{stems:?}");
    }
}
