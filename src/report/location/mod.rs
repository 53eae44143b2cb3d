//! The location report (stub: being written): the coordinator's self-assessment.

use super::{RenderContext, RenderedFile};
use crate::results::Audit;

/// Renders the location report of `location_id` in the asked formats.
pub fn render(audit: &Audit, location_id: &str, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    let _ = (audit, location_id, ctx);
    Ok(Vec::new())
}
