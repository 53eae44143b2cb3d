//! Builds the national report's model from the audit, section by section
//! (a file each: summary, at_risk, matrix, distributions, pass_rates,
//! inputs, trends, findings), in one pass; the templates and the workbook
//! then render the finished model.

use std::collections::{BTreeMap, BTreeSet};

use super::at_risk::{risk_actions, risk_locations};
use super::findings::finding_row;
use super::model::{Counts, MatrixRow, NationalModel, RuleColumn, Status};
use super::summary::{header, status_label, summary};
use super::text::t;
use super::{distributions, inputs, matrix, pass_rates};
use crate::report::{Format, RenderContext};
use crate::results::{Audit, LocationEntry, Outcome, RuleResult};

/// The model of the national report. Charts are drawn only when HTML is asked for.
pub fn build(audit: &Audit, ctx: &RenderContext) -> NationalModel {
    let with_charts = ctx.formats.contains(&Format::Html);
    let rules = matrix::rules_in_order(ctx);
    let columns: Vec<RuleColumn> = rules.iter().map(|r| matrix::column(ctx, r)).collect();
    let counts = matrix::count_outcomes(audit);
    let mut locations: Vec<&LocationEntry> = audit.locations.iter().collect();
    locations.sort_by(|a, b| a.location_id.cmp(&b.location_id));

    // A location rule's own result, per (location, rule).
    let own: BTreeMap<(&str, &str), &RuleResult> = audit
        .results
        .iter()
        .filter(|r| r.subject_id.is_none())
        .map(|r| ((r.location_id.as_str(), r.rule_id.as_str()), r))
        .collect();
    let counts_of = |loc: &str, rule: &str| counts.get(&(loc, rule)).copied().unwrap_or_default();

    let at_risk = risk_locations(audit, ctx, &locations, &own, &counts);
    let risky: BTreeSet<&str> = at_risk.iter().map(|l| l.location_id.as_str()).collect();
    let failing: BTreeSet<&str> =
        audit.results.iter().filter(|r| r.outcome == Outcome::Fail).map(|r| r.location_id.as_str()).collect();

    let mut matrix_rows = Vec::with_capacity(locations.len());
    let mut findings = Vec::new();
    for loc in &locations {
        let id = loc.location_id.as_str();
        let status = if risky.contains(id) {
            Status::AtRisk
        } else if failing.contains(id) {
            Status::Attention
        } else {
            Status::MeetsAll
        };
        let cells = rules
            .iter()
            .map(|rule| {
                matrix::cell(ctx, audit.as_of, rule, counts_of(id, &rule.id), own.get(&(id, rule.id.as_str())).copied())
            })
            .collect();
        for rule in &rules {
            findings.push(finding_row(
                ctx,
                audit.as_of,
                loc,
                rule,
                counts_of(id, &rule.id),
                own.get(&(id, rule.id.as_str())),
            ));
        }
        matrix_rows.push(MatrixRow {
            location_id: loc.location_id.clone(),
            name: loc.name.clone(),
            status,
            status_label: status_label(ctx, status),
            cells,
        });
    }

    let heatmap_svg = if with_charts {
        let row_labels: Vec<String> = locations.iter().map(|l| format!("{} {}", l.location_id, l.name)).collect();
        let col_labels: Vec<String> = columns.iter().map(|c| c.id.clone()).collect();
        let outcomes: Vec<Vec<Option<Outcome>>> =
            matrix_rows.iter().map(|r| r.cells.iter().map(|c| c.outcome).collect()).collect();
        matrix::heatmap(ctx, &row_labels, &col_labels, &outcomes)
    } else {
        String::new()
    };

    let pass_rates: Vec<_> = rules
        .iter()
        .map(|rule| {
            let per_location: Vec<Counts> = locations.iter().map(|l| counts_of(&l.location_id, &rule.id)).collect();
            pass_rates::pass_rate(ctx, rule, &per_location)
        })
        .collect();
    let pass_rate_svg = if with_charts { pass_rates::chart(ctx, &pass_rates) } else { String::new() };

    NationalModel {
        title: t(ctx, "nat_title"),
        css: if ctx.formats.contains(&Format::Html) { ctx.engine.css() } else { String::new() },
        header: header(audit, ctx),
        summary: summary(ctx, &matrix_rows),
        risk_actions: risk_actions(ctx, &at_risk),
        location_rule_count: columns.iter().filter(|c| !c.trajectory).count(),
        trajectory_rule_count: columns.iter().filter(|c| c.trajectory).count(),
        at_risk,
        rules: columns,
        matrix: matrix_rows,
        legend: matrix::legend(ctx),
        heatmap_svg,
        distributions: distributions::distributions(audit, ctx, with_charts),
        pass_rates,
        pass_rate_svg,
        inputs: inputs::input_summary(audit, ctx),
        trends: super::trends::trends(audit, ctx),
        findings,
    }
}
