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
/// Sections that do not read each other are built side by side (rayon): each
/// is deterministic alone, so the model is the same on any number of threads.
pub fn build(audit: &Audit, ctx: &RenderContext) -> NationalModel {
    let html = ctx.formats.contains(&Format::Html);
    let grid = Grid::new(audit, matrix::rules_in_order(ctx));
    let columns: Vec<_> = grid.rules.iter().map(|r| matrix::column(ctx, r)).collect();
    let (at_risk, (findings, (pass_rates, pass_rate_svg))) = rayon::join(
        || risk_locations(audit, ctx, &grid),
        || {
            rayon::join(
                || findings::findings(ctx, &grid),
                || {
                    let rates = pass_rates::pass_rates(ctx, &grid);
                    let svg = if html { pass_rates::chart(ctx, &rates) } else { String::new() };
                    (rates, svg)
                },
            )
        },
    );
    let matrix_rows = matrix::rows(ctx, &grid, &at_risk);
    let (distributions, (inputs, trends)) = rayon::join(
        || distributions::distributions(audit, ctx, html),
        || rayon::join(|| inputs::input_summary(audit, ctx), || trends::trends(audit, ctx)),
    );
    NationalModel {
        title: t(ctx, "nat_title"),
        css: if html { ctx.engine.css() } else { String::new() },
        header: header(audit, ctx, inputs.unreadable.len()),
        summary: summary(ctx, &matrix_rows),
        risk_actions: risk_actions(ctx, &at_risk),
        location_rule_count: columns.iter().filter(|c| !c.trajectory).count(),
        trajectory_rule_count: columns.iter().filter(|c| c.trajectory).count(),
        at_risk,
        findings,
        rules: columns,
        matrix: matrix_rows,
        legend: matrix::legend(ctx),
        distributions,
        pass_rates,
        pass_rate_svg,
        inputs,
        trends,
    }
}
