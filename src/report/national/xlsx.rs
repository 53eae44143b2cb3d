//! The national report as a workbook: the matrix, the worklist of locations
//! at risk, every location-rule finding, and the pass rates per rule. Every
//! text is written as text (never a formula); counts are numbers.
//!
//! Cost: one pass over the finished model, O(locations x rules) cells.

use super::model::{Counts, NationalModel};
use super::text::{outcome_label, t};
use crate::report::RenderContext;
use crate::report::xlsx_util::{SheetTable, XCell, tables_workbook};
use crate::results::Outcome;

/// The outcomes in the order of the count columns.
const COUNT_COLUMNS: [Outcome; 6] =
    [Outcome::Pass, Outcome::Fail, Outcome::Waived, Outcome::NotYetDue, Outcome::NotApplicable, Outcome::NotEvaluated];

fn text(s: &str) -> XCell {
    if s.is_empty() { XCell::Empty } else { XCell::Text(s.to_string()) }
}

fn int(n: usize) -> XCell {
    XCell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The workbook's bytes.
pub fn workbook(model: &NationalModel, ctx: &RenderContext) -> Result<Vec<u8>, String> {
    let mut sheets =
        vec![matrix_sheet(model, ctx), risk_sheet(model, ctx), findings_sheet(model, ctx), rates_sheet(model, ctx)];
    // With earlier audits (`check --previous`): the trends.
    sheets.extend(model.trends.iter().flat_map(|tr| super::trends::sheets(tr, ctx)));
    let date_format = t(ctx, "nat_xlsx_date_format");
    tables_workbook(&model.title, &sheets, &date_format)
}

/// Locations x rules: outcome texts for location rules, numbers of failing
/// trajectories for trajectory rules.
fn matrix_sheet(model: &NationalModel, ctx: &RenderContext) -> SheetTable {
    let mut headers = vec![t(ctx, "nat_col_location_id"), t(ctx, "nat_col_location"), t(ctx, "nat_col_status")];
    headers.extend(model.rules.iter().map(|r| r.id.clone()));
    let rows = model
        .matrix
        .iter()
        .map(|row| {
            let mut cells = vec![text(&row.location_id), text(&row.name), text(&row.status_label)];
            for (cell, rule) in row.cells.iter().zip(&model.rules) {
                let c = &cell.counts;
                cells.push(match cell.outcome {
                    None => XCell::Empty,
                    Some(Outcome::Fail) if rule.trajectory && c.waived > 0 => XCell::Text(super::text::fill(
                        ctx,
                        "nat_xlsx_fails_and_waived",
                        &[("fail", ctx.fmt.count(c.fail)), ("waived", ctx.fmt.count(c.waived))],
                    )),
                    Some(Outcome::Fail) if rule.trajectory => int(c.fail),
                    Some(o) => XCell::Text(outcome_label(ctx, o)),
                });
            }
            cells
        })
        .collect();
    SheetTable { name: t(ctx, "nat_sheet_matrix"), headers, rows }
}

/// The worklist of the national review: per location at risk, per failed
/// error rule, what to do; ranked, most at risk first.
fn risk_sheet(model: &NationalModel, ctx: &RenderContext) -> SheetTable {
    let headers = vec![
        t(ctx, "nat_col_rank"),
        t(ctx, "nat_col_location_id"),
        t(ctx, "nat_col_location"),
        t(ctx, "nat_col_error_fails"),
        t(ctx, "nat_col_family_share"),
        t(ctx, "nat_col_rule"),
        t(ctx, "nat_col_title"),
        t(ctx, "nat_col_failing_trajectories"),
        t(ctx, "nat_col_message"),
        t(ctx, "nat_col_action"),
    ];
    let rows = model
        .at_risk
        .iter()
        .flat_map(|loc| {
            loc.rules.iter().map(move |rule| {
                vec![
                    int(loc.rank),
                    text(&loc.location_id),
                    text(&loc.name),
                    text(&loc.error_fails),
                    text(&loc.family_share),
                    text(&rule.id),
                    text(&rule.title),
                    if rule.trajectory { int(rule.fails) } else { XCell::Empty },
                    text(&rule.detail),
                    text(&rule.action),
                ]
            })
        })
        .collect();
    SheetTable { name: t(ctx, "nat_sheet_risk"), headers, rows }
}

fn count_headers(ctx: &RenderContext) -> Vec<String> {
    COUNT_COLUMNS.iter().map(|o| outcome_label(ctx, *o)).collect()
}

fn count_cells(c: &Counts) -> Vec<XCell> {
    COUNT_COLUMNS.iter().map(|o| int(c.get(*o))).collect()
}

/// Every location-rule result, and each trajectory rule's counts per location.
fn findings_sheet(model: &NationalModel, ctx: &RenderContext) -> SheetTable {
    let mut headers = vec![
        t(ctx, "nat_col_location_id"),
        t(ctx, "nat_col_location"),
        t(ctx, "nat_col_rule"),
        t(ctx, "nat_col_title"),
        t(ctx, "nat_col_scope"),
        t(ctx, "nat_col_severity"),
        t(ctx, "nat_col_outcome"),
        t(ctx, "nat_col_measured"),
        t(ctx, "nat_col_expected"),
        t(ctx, "nat_col_message"),
    ];
    headers.extend(count_headers(ctx));
    let rows = model
        .findings
        .iter()
        .map(|f| {
            let mut cells = vec![
                text(&f.location_id),
                text(&f.name),
                text(&f.rule_id),
                text(&f.title),
                text(&f.scope_label),
                text(&f.severity_label),
                text(&f.outcome_label),
                f.measured.map_or(XCell::Empty, XCell::Number),
                text(&f.expected),
                text(&f.message),
            ];
            cells.extend(count_cells(&f.counts));
            cells
        })
        .collect();
    SheetTable { name: t(ctx, "nat_sheet_findings"), headers, rows }
}

/// Per rule: the counts over every location, the pass rate and the locations failing.
fn rates_sheet(model: &NationalModel, ctx: &RenderContext) -> SheetTable {
    let mut headers =
        vec![t(ctx, "nat_col_rule"), t(ctx, "nat_col_title"), t(ctx, "nat_col_scope"), t(ctx, "nat_col_severity")];
    headers.extend(count_headers(ctx));
    headers.push(t(ctx, "nat_col_pass_rate_percent"));
    headers.push(t(ctx, "nat_col_locations_failing"));
    let rows = model
        .pass_rates
        .iter()
        .map(|r| {
            let mut cells = vec![text(&r.id), text(&r.title), text(&r.scope_label), text(&r.severity_label)];
            cells.extend(count_cells(&r.counts));
            cells.push(r.share.map_or(XCell::Empty, |s| XCell::Number((s * 1000.0).round() / 10.0)));
            cells.push(int(r.failing_locations));
            cells
        })
        .collect();
    SheetTable { name: t(ctx, "nat_sheet_rates"), headers, rows }
}
