//! Builds the national report's model from the audit: the header, the
//! summary and the locations at risk, the matrix, the distributions, the
//! pass rates and the input findings.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{
    Counts, FindingRow, Header, MatrixRow, NationalModel, RiskAction, RiskLocation, RiskRule, RuleColumn, Status,
    Summary, SummaryBox,
};
use super::text::{counted, expected, fill, one_line, outcome_label, t};
use super::{distributions, inputs, matrix, pass_rates};
use crate::report::{Format, RenderContext};
use crate::results::{Audit, LocationEntry, Outcome, RuleResult, Severity};
use crate::rulebook::{RuleConfig, Scope};

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
            .map(|rule| matrix::cell(ctx, rule, counts_of(id, &rule.id), own.get(&(id, rule.id.as_str())).copied()))
            .collect();
        for rule in &rules {
            findings.push(finding_row(ctx, loc, rule, counts_of(id, &rule.id), own.get(&(id, rule.id.as_str()))));
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

fn header(audit: &Audit, ctx: &RenderContext) -> Header {
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
        unreadable: ctx.fmt.count(inputs::unreadable_files(audit).len()),
        tool_version: audit.tool_version.clone(),
    }
}

fn status_label(ctx: &RenderContext, status: Status) -> String {
    t(
        ctx,
        match status {
            Status::MeetsAll => "nat_status_meets_all",
            Status::Attention => "nat_status_attention",
            Status::AtRisk => "nat_status_at_risk",
        },
    )
}

fn summary(ctx: &RenderContext, rows: &[MatrixRow]) -> Summary {
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

/// Locations with an unwaived failure of an `error` rule, most at risk first
/// (the ranking), each with those rules by id.
fn risk_locations(
    audit: &Audit,
    ctx: &RenderContext,
    locations: &[&LocationEntry],
    own: &BTreeMap<(&str, &str), &RuleResult>,
    counts: &BTreeMap<(&str, &str), Counts>,
) -> Vec<RiskLocation> {
    let mut failed: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in audit.failures_at_or_above(Severity::Error) {
        failed.entry(r.location_id.as_str()).or_default().insert(r.rule_id.as_str());
    }
    let ranks = super::ranking::ranking(audit);
    let mut at_risk: Vec<RiskLocation> = locations
        .iter()
        .filter_map(|loc| {
            let id = loc.location_id.as_str();
            let rule_ids = failed.get(id)?;
            let rules = rule_ids
                .iter()
                .map(|rule_id| {
                    let config = ctx.rulebook.rule(rule_id);
                    let trajectory = config.is_none_or(|c| c.scope == Scope::Trajectory);
                    let fails = counts.get(&(id, rule_id)).map_or(0, |c| c.fail);
                    let detail = own
                        .get(&(id, rule_id))
                        .filter(|_| !trajectory)
                        .map(|r| one_line(r.message.get(ctx.lang)))
                        .unwrap_or_default();
                    RiskRule {
                        id: rule_id.to_string(),
                        title: config.map_or_else(|| rule_id.to_string(), |c| c.title.get(ctx.lang).to_string()),
                        action: config.map(|c| one_line(c.action.get(ctx.lang))).unwrap_or_default(),
                        extent: if trajectory {
                            counted(ctx, fails, "nat_trajectory_one", "nat_trajectory_many")
                        } else {
                            String::new()
                        },
                        fails: if trajectory { fails } else { 0 },
                        trajectory,
                        detail,
                    }
                })
                .collect();
            let (place, r) = ranks.iter().enumerate().find(|(_, r)| r.location_id == id)?;
            Some(RiskLocation {
                location_id: loc.location_id.clone(),
                name: loc.name.clone(),
                rank: place + 1,
                error_fails: counted(ctx, r.error_fails, "nat_error_rule_one", "nat_error_rule_many"),
                family_share: ctx.fmt.percent(r.family_share),
                rules,
            })
        })
        .collect();
    at_risk.sort_by_key(|l| l.rank);
    at_risk
}

/// Each error rule failed at some location at risk, by id, with its action.
fn risk_actions(ctx: &RenderContext, at_risk: &[RiskLocation]) -> Vec<RiskAction> {
    let mut by_rule: BTreeMap<&str, (&RiskRule, usize)> = BTreeMap::new();
    for rule in at_risk.iter().flat_map(|l| &l.rules) {
        by_rule.entry(rule.id.as_str()).or_insert((rule, 0)).1 += 1;
    }
    by_rule
        .into_values()
        .map(|(rule, n)| RiskAction {
            id: rule.id.clone(),
            title: rule.title.clone(),
            action: rule.action.clone(),
            locations: counted(ctx, n, "nat_location_one", "nat_location_many"),
        })
        .collect()
}

/// A row of the findings sheet: a location rule's result, or a trajectory rule's counts.
fn finding_row(
    ctx: &RenderContext,
    loc: &LocationEntry,
    rule: &RuleConfig,
    counts: Counts,
    own: Option<&&RuleResult>,
) -> FindingRow {
    let trajectory = rule.scope == Scope::Trajectory;
    let outcome = matrix::deciding_outcome(&counts);
    let outcome_text = outcome.map_or_else(|| t(ctx, "nat_cell_no_results"), |o| outcome_label(ctx, o));
    let (measured_value, expected_text, message) = match own {
        Some(r) if !trajectory => (
            r.measured.filter(|m| m.is_finite()),
            r.expected.as_deref().map(|e| expected(ctx, e)).unwrap_or_default(),
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
