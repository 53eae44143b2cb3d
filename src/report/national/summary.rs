//! The national report's header and summary: what the audit covers, and
//! how many locations meet everything, need attention or are at risk (from
//! the matrix rows' standing, so the audit is not read again).
//!
//! Cost: O(locations).

use super::model::{Header, MatrixRow, Status, Summary, SummaryBox};
use super::text::{fill, t};
use crate::report::RenderContext;
use crate::results::Audit;

/// What the audit covers; `unreadable` files could not be read at all.
pub fn header(audit: &Audit, ctx: &RenderContext, unreadable: usize) -> Header {
    Header {
        period: fill(
            ctx,
            "nat_period_range",
            &[("start", ctx.fmt.date(audit.period_start)), ("end", ctx.fmt.date(audit.period_end))],
        ),
        as_of: ctx.fmt.date(audit.as_of),
        rulebook_id: audit.rulebook_id.clone(),
        rulebook_version: audit.rulebook_version.clone(),
        rulebook_title: ctx.rulebook.title.get(ctx.lang).to_string(),
        locations: ctx.fmt.count(audit.locations.len()),
        unreadable: ctx.fmt.count(unreadable),
        tool_version: audit.tool_version.clone(),
    }
}

pub fn status_label(ctx: &RenderContext, status: Status) -> String {
    t(
        ctx,
        match status {
            Status::MeetsAll => "nat_status_meets_all",
            Status::Attention => "nat_status_attention",
            Status::AtRisk => "nat_status_at_risk",
        },
    )
}

pub fn summary(ctx: &RenderContext, rows: &[MatrixRow]) -> Summary {
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let (meets_all, attention, at_risk) = (count(Status::MeetsAll), count(Status::Attention), count(Status::AtRisk));
    let total = rows.len();
    let line = |n: usize, key: &str| {
        let key = if n == 1 { format!("{key}_one") } else { format!("{key}_many") };
        fill(ctx, &key, &[("n", ctx.fmt.count(n)), ("total", ctx.fmt.count(total))])
    };
    let of_total = fill(ctx, "nat_box_of_total", &[("total", ctx.fmt.count(total))]);
    let boxes = [
        (Status::MeetsAll, meets_all, "nat_box_meets_all"),
        (Status::Attention, attention, "nat_box_attention"),
        (Status::AtRisk, at_risk, "nat_box_at_risk"),
    ]
    .into_iter()
    .map(|(status, n, key)| SummaryBox { status, n: ctx.fmt.count(n), of_total: of_total.clone(), label: t(ctx, key) })
    .collect();
    Summary {
        total,
        meets_all,
        attention,
        at_risk,
        lines: vec![
            line(meets_all, "nat_summary_meets_all"),
            line(attention, "nat_summary_attention"),
            line(at_risk, "nat_summary_at_risk"),
        ],
        boxes,
    }
}
