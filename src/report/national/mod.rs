//! The national report (stub: being written): every location against every rule.

use super::{RenderContext, RenderedFile};
use crate::results::Audit;

/// Renders the national report in the asked formats.
pub fn render(audit: &Audit, ctx: &RenderContext) -> Result<Vec<RenderedFile>, String> {
    let _ = (audit, ctx);
    Ok(Vec::new())
}
