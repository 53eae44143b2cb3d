//! The locations at risk: those with an unwaived failure of an `error`
//! rule, ranked (see [`super::ranking`]), each with those rules, and per
//! such rule what to do. Reads the audit's error failures once and the
//! grid by position.
//!
//! Cost: O(results log results) for the failures and the ranking, then
//! O(locations at risk x their failed rules).

use std::collections::{BTreeMap, BTreeSet};

use super::grid::Grid;
use super::model::{RiskAction, RiskLocation, RiskRule};
use super::text::{counted, one_line};
use crate::report::RenderContext;
use crate::results::{Audit, Severity};
use crate::rulebook::Scope;

/// Locations with an unwaived failure of an `error` rule, most at risk first
/// (the ranking), each with those rules by id.
pub fn risk_locations(audit: &Audit, ctx: &RenderContext, grid: &Grid) -> Vec<RiskLocation> {
    let mut failed: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in audit.failures_at_or_above(Severity::Error) {
        failed.entry(r.location_id.as_str()).or_default().insert(r.rule_id.as_str());
    }
    let ranks = super::ranking::ranking(audit);
    // Each location's place in the ranking, looked up once: O(locations).
    let place_of: foldhash::HashMap<&str, usize> =
        ranks.iter().enumerate().map(|(place, r)| (r.location_id, place)).collect();
    let mut at_risk: Vec<RiskLocation> = grid
        .locations
        .iter()
        .enumerate()
        .filter_map(|(row, loc)| {
            let id = loc.location_id.as_str();
            let rule_ids = failed.get(id)?;
            let rules = rule_ids
                .iter()
                .map(|rule_id| {
                    let config = ctx.rulebook.rule(rule_id);
                    let trajectory = config.is_none_or(|c| c.scope == Scope::Trajectory);
                    let column = grid.column_of(rule_id);
                    let fails = column.map_or(0, |c| grid.counts(row, c).fail);
                    let detail = column
                        .and_then(|c| grid.own(row, c))
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
            let place = *place_of.get(id)?;
            let r = ranks.get(place)?;
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
pub fn risk_actions(ctx: &RenderContext, at_risk: &[RiskLocation]) -> Vec<RiskAction> {
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
