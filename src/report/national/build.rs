//! Builds the national report's model from the audit, section by section,
//! in one pass: the grid reads the results and the summary once
//! ([`super::grid`]); each section then has a file of its own that reads
//! what it needs once (the grid, the verdicts, the input findings, the
//! metrics or the comparison): at_risk, matrix, summary, findings,
//! pass_rates, distributions, inputs, trends. The templates and the
//! workbook render the finished model.
//!
//! Cost: the sum of the sections', O(results log results + locations x
//! rules + input findings x path length), charts only when HTML is asked for.

use super::at_risk::{risk_actions, risk_locations};
use super::grid::Grid;
use super::model::NationalModel;
use super::summary::{header, summary};
use super::text::t;
use super::{distributions, findings, inputs, matrix, pass_rates, trends};
use crate::report::{Format, RenderContext};
use crate::results::Audit;

/// The model of the national report. Charts are drawn only when HTML is asked for.
pub fn build(audit: &Audit, ctx: &RenderContext) -> NationalModel {
    let html = ctx.formats.contains(&Format::Html);
    let grid = Grid::new(audit, matrix::rules_in_order(ctx));
    let columns: Vec<_> = grid.rules.iter().map(|r| matrix::column(ctx, r)).collect();
    let at_risk = risk_locations(audit, ctx, &grid);
    let matrix_rows = matrix::rows(ctx, &grid, &at_risk);
    let heatmap_svg = if html { matrix::heatmap(ctx, &matrix_rows, &columns) } else { String::new() };
    let pass_rates = pass_rates::pass_rates(ctx, &grid);
    let pass_rate_svg = if html { pass_rates::chart(ctx, &pass_rates) } else { String::new() };
    let inputs = inputs::input_summary(audit, ctx);
    NationalModel {
        title: t(ctx, "nat_title"),
        css: if html { ctx.engine.css() } else { String::new() },
        header: header(audit, ctx, inputs.unreadable.len()),
        summary: summary(ctx, &matrix_rows),
        risk_actions: risk_actions(ctx, &at_risk),
        location_rule_count: columns.iter().filter(|c| !c.trajectory).count(),
        trajectory_rule_count: columns.iter().filter(|c| c.trajectory).count(),
        at_risk,
        findings: findings::findings(ctx, &grid),
        rules: columns,
        matrix: matrix_rows,
        legend: matrix::legend(ctx),
        heatmap_svg,
        distributions: distributions::distributions(audit, ctx, html),
        pass_rates,
        pass_rate_svg,
        inputs,
        trends: trends::trends(audit, ctx),
    }
}
