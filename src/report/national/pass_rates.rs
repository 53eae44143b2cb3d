//! Pass rate per rule across every location.
//!
//! The pass rate of a rule is (pass + waived) / (pass + fail + waived) over
//! all its subjects at every location: locations for a location rule,
//! trajectories for a trajectory rule. A waived failure counts as not
//! failing (an approved exception); `not_yet_due`, `not_applicable` and
//! `not_evaluated` are left out of both sides, since nothing was judged.
//! A rule that judged nothing has no rate.
//!
//! Cost: one pass over the grid's columns, O(locations x rules).

use super::grid::Grid;
use super::model::{Counts, PassRate};
use super::text::{fill, severity_label, t};
use crate::report::RenderContext;
use crate::report::charts::{self, ChartText};
use crate::rulebook::{RuleConfig, Scope};

/// The pass rate of these counts, as a share; `None` when nothing was judged.
pub fn pass_share(c: &Counts) -> Option<f64> {
    let judged = c.pass + c.fail + c.waived;
    (judged > 0).then(|| (c.pass + c.waived) as f64 / judged as f64)
}

/// Every rule's pass rate, in matrix order.
pub fn pass_rates(ctx: &RenderContext, grid: &Grid) -> Vec<PassRate> {
    grid.rules
        .iter()
        .enumerate()
        .map(|(col, rule)| {
            let per_location: Vec<Counts> = (0..grid.locations.len()).map(|row| grid.counts(row, col)).collect();
            pass_rate(ctx, rule, &per_location)
        })
        .collect()
}

/// One rule's pass rate. `per_location` holds the rule's counts at each location.
fn pass_rate(ctx: &RenderContext, rule: &RuleConfig, per_location: &[Counts]) -> PassRate {
    let mut total = Counts::default();
    for c in per_location {
        total.add(c);
    }
    let share = pass_share(&total);
    let failing = per_location.iter().filter(|c| c.fail > 0).count();
    let scope = if rule.scope == Scope::Trajectory { "nat_scope_trajectory" } else { "nat_scope_location" };
    PassRate {
        id: rule.id.clone(),
        title: rule.title.get(ctx.lang).to_string(),
        scope_label: t(ctx, scope),
        severity_label: severity_label(ctx, rule.severity),
        pass: ctx.fmt.count(total.pass),
        fail: ctx.fmt.count(total.fail),
        waived: ctx.fmt.count(total.waived),
        not_judged: ctx.fmt.count(total.not_yet_due + total.not_applicable + total.not_evaluated),
        // One decimal always, so the column lines up: `90,0%`, `95,3%`.
        rate: share.map_or_else(|| t(ctx, "nat_no_value"), |s| format!("{}%", ctx.fmt.number(s * 100.0, 1))),
        share,
        locations_failing: fill(
            ctx,
            "nat_stat_n_value",
            &[("n", ctx.fmt.count(failing)), ("total", ctx.fmt.count(per_location.len()))],
        ),
        counts: total,
        failing_locations: failing,
    }
}

/// The pass rates as a bar chart (rules that judged nothing are left out).
pub fn chart(ctx: &RenderContext, rates: &[PassRate]) -> String {
    let bars: Vec<(String, f64)> = rates.iter().filter_map(|r| r.share.map(|s| (r.id.clone(), s * 100.0))).collect();
    let title = t(ctx, "nat_pass_chart_title");
    let x_label = t(ctx, "nat_pass_chart_x");
    let y_label = t(ctx, "nat_pass_chart_y");
    let no_data = t(ctx, "nat_chart_no_data");
    let text = ChartText::new(&title, &x_label, &y_label, &no_data);
    let fmt = |x: f64| ctx.fmt.percent(x / 100.0);
    charts::bar_chart(&text, &bars, None, &fmt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waived_counts_as_not_failing_and_unjudged_outcomes_are_left_out() {
        let c = Counts { pass: 6, fail: 2, waived: 2, not_yet_due: 5, not_applicable: 3, not_evaluated: 1 };
        assert_eq!(pass_share(&c), Some(0.8));
        assert_eq!(pass_share(&Counts { not_yet_due: 4, ..Default::default() }), None);
        assert_eq!(pass_share(&Counts { fail: 1, ..Default::default() }), Some(0.0));
    }
}
