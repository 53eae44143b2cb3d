//! The municipality report (stub: being written): aggregated and suppressed.

use super::{RenderContext, RenderedFile};
use crate::results::Audit;

/// Renders the report for `municipality` in the asked formats, JSON included
/// (the aggregated model, never family ids).
pub fn render(audit: &Audit, municipality: &str, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    let _ = (audit, municipality, ctx);
    Ok(Vec::new())
}
