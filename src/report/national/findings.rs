//! The findings sheet of the workbook: per location and rule, a location
//! rule's own result or a trajectory rule's counts.
//!
//! Cost: one pass over the grid, O(locations x rules).

use super::grid::Grid;
use super::matrix;
use super::model::{Counts, FindingRow};
use super::text::{fill, norm_in_words, outcome_label, t};
use crate::report::RenderContext;
use crate::results::{LocationEntry, RuleResult};
use crate::rulebook::{RuleConfig, Scope};

/// Every row of the findings sheet: per location (by id), per rule (in matrix order).
/// The locations are taken side by side; the rows keep their order.
pub fn findings(ctx: &RenderContext, grid: &Grid) -> Vec<FindingRow> {
    use rayon::prelude::*;
    grid.locations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(row, loc)| {
            grid.rules.iter().enumerate().map(move |(col, rule)| {
                finding_row(ctx, grid.as_of, loc, rule, grid.counts(row, col), grid.own(row, col))
            })
        })
        .collect()
}

/// A row of the findings sheet: a location rule's result, or a trajectory rule's counts.
fn finding_row(
    ctx: &RenderContext,
    as_of: chrono::NaiveDate,
    loc: &LocationEntry,
    rule: &RuleConfig,
    counts: Counts,
    own: Option<&RuleResult>,
) -> FindingRow {
    let trajectory = rule.scope == Scope::Trajectory;
    let outcome = matrix::deciding_outcome(&counts);
    let outcome_text = outcome.map_or_else(|| t(ctx, "nat_cell_no_results"), |o| outcome_label(ctx, o));
    let (measured_value, expected_text, message) = match own {
        Some(r) if !trajectory => (
            r.measured.filter(|m| m.is_finite()),
            r.expected.as_deref().map(|e| norm_in_words(ctx, as_of, &rule.id, e)).unwrap_or_default(),
            r.message.get(ctx.lang).to_string(),
        ),
        _ if trajectory && outcome.is_some() => {
            let judged = counts.pass + counts.fail + counts.waived;
            let text = fill(
                ctx,
                "nat_trajectory_counts",
                &[("fail", ctx.fmt.count(counts.fail)), ("judged", ctx.fmt.count(judged))],
            );
            (None, String::new(), text)
        }
        _ => (None, String::new(), String::new()),
    };
    FindingRow {
        location_id: loc.location_id.clone(),
        name: loc.name.clone(),
        rule_id: rule.id.clone(),
        title: rule.title.get(ctx.lang).to_string(),
        scope_label: t(ctx, if trajectory { "nat_scope_trajectory" } else { "nat_scope_location" }),
        severity_label: super::text::severity_label(ctx, rule.severity),
        outcome_label: outcome_text,
        measured: measured_value,
        expected: expected_text,
        message,
        counts,
    }
}
