//! The location report's history (`check --previous`): each worklist entry
//! that fails marked new or persisting against the latest earlier audit,
//! each headline figure per period beside its norm, and each rule's
//! failures per period. Reads the audit's comparison once.

use serde::Serialize;

use super::model::{Figure, WorkGroup};
use crate::report::RenderContext;
use crate::report::charts::{ChartText, Norm, NormKind, line_chart};
use crate::results::history::Snapshot;
use crate::results::{Audit, Outcome};
use crate::rules::registry::metric_rules;

/// The location's figures and rule outcomes per period, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct LocationTrends {
    pub periods: Vec<String>,
    pub compared_with: String,
    /// Per headline figure: its label, the value per period, and the norm.
    pub metrics: Vec<TrendRow>,
    /// Per rule: failing subjects per period (`3 / 27`), or its outcome.
    pub rules: Vec<TrendRow>,
    /// Per figure, an SVG chart: a bar per period, the norm as a dashed
    /// line, bars on the failing side hatched and marked ✗ (HTML only).
    pub charts: Vec<String>,
}

/// The figures charted over the periods: (rule, metric, norm parameter,
/// which side passes). Cost is left out: HS-L08 never fails, so a bar above
/// its norm must not be marked as failing.
const CHARTED: &[(&str, &str, &str, NormKind)] = &[
    ("HS-L01", "coordinator_fte", "min_fte", NormKind::AtLeast),
    ("HS-L03", "trained_volunteers", "min_volunteers", NormKind::AtLeast),
    ("HS-L04", "families", "min_families", NormKind::AtLeast),
    ("HS-L06", "hours_per_family_year", "min_hours_per_family_year", NormKind::AtLeast),
];

/// A chart per figure of `CHARTED` over the periods.
fn charts(snaps: &[&Snapshot], periods: &[String], location_id: &str, ctx: &RenderContext) -> Vec<String> {
    let (no_data, norm_label, x_label) =
        (t(ctx, "loc_chart_no_data"), t(ctx, "loc_chart_norm"), t(ctx, "loc_trend_axis"));
    CHARTED
        .iter()
        .filter_map(|(rule_id, metric, param, kind)| {
            let rule = ctx.rulebook.rule(rule_id).filter(|r| r.enabled)?;
            let norm_value = rule.num(param).ok()?;
            let bars: Vec<(String, f64)> = snaps
                .iter()
                .zip(periods)
                .map(|(s, p)| {
                    let v = s.locations.get(location_id).and_then(|l| l.1.get(*metric)).copied();
                    (p.clone(), v.unwrap_or(f64::NAN))
                })
                .collect();
            let title = t(ctx, &format!("loc_metric_{metric}"));
            let text = ChartText::new(&title, &x_label, &title, &no_data);
            let norm = Norm { value: norm_value, label: &norm_label, kind: *kind };
            let fmt = |x: f64| ctx.fmt.number_auto(x, 2);
            Some(line_chart(&text, &bars, Some(&norm), &fmt))
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    pub id: String,
    pub label: String,
    pub values: Vec<String>,
    pub norm: String,
}

fn t(ctx: &RenderContext, key: &str) -> String {
    ctx.catalogue.get(key, ctx.lang)
}

/// A period as a reader names it: the year for a calendar year.
fn period_label(s: &Snapshot) -> String {
    use chrono::Datelike;
    let (a, b) = (s.period_start, s.period_end);
    if a.month() == 1 && a.day() == 1 && b.month() == 12 && b.day() == 31 && a.year() == b.year() {
        a.year().to_string()
    } else {
        format!("{a} – {b}")
    }
}

/// Marks every failing worklist item `new` or `persisting` against the
/// latest earlier audit (nothing without one, or for a location it lacked).
pub fn mark_worklist(groups: &mut [WorkGroup], audit: &Audit, location_id: &str, ctx: &RenderContext) {
    let Some(then) = audit.comparison.as_ref().and_then(|c| c.against()) else { return };
    if !then.locations.contains_key(location_id) {
        return;
    }
    for g in groups.iter_mut() {
        let subject = Some(g.subject_id.clone());
        for item in g.items.iter_mut().filter(|i| i.outcome == Outcome::Fail.as_str()) {
            if !then.rules.contains(&item.rule_id) {
                continue;
            }
            let failed_then = then.outcome(location_id, &item.rule_id, &subject) == Some(Outcome::Fail);
            item.change = t(ctx, if failed_then { "loc_change_persisting" } else { "loc_change_new" });
        }
    }
}

/// The trends of one location, when the audit has a comparison.
/// `figures` are the report's own figures: their norms are written as the report writes them.
pub fn trends(
    audit: &Audit,
    location_id: &str,
    ctx: &RenderContext,
    figures: &[Figure],
    with_charts: bool,
) -> Option<LocationTrends> {
    let c = audit.comparison.as_ref()?;
    let now = Snapshot::of_audit(audit);
    let snaps: Vec<&Snapshot> = c.previous.iter().chain(std::iter::once(&now)).collect();
    let no_value = t(ctx, "loc_trend_absent");
    let metrics = metric_rules()
        .iter()
        .map(|(rule, metric)| {
            let values = snaps
                .iter()
                .map(|s| {
                    s.locations
                        .get(location_id)
                        .and_then(|l| l.1.get(*metric))
                        .map_or_else(|| no_value.clone(), |x| ctx.fmt.number_auto(*x, 2))
                })
                .collect();
            let norm = figures.iter().find(|f| f.rule_id == *rule).map(|f| f.norm.clone()).unwrap_or_default();
            TrendRow { id: rule.to_string(), label: t(ctx, &format!("loc_metric_{metric}")), values, norm }
        })
        .collect();
    let mut in_order: Vec<&crate::rulebook::RuleConfig> = ctx.rulebook.rules.iter().filter(|r| r.enabled).collect();
    in_order.sort_by_key(|r| r.scope);
    let rules = in_order
        .into_iter()
        .map(|r| {
            let values = snaps
                .iter()
                .map(|s| match s.summary.get(&(location_id.to_string(), r.id.clone())) {
                    Some(c) if c.total() > 0 => {
                        let judged = c.pass + c.fail + c.waived;
                        format!("{} / {}", ctx.fmt.count(c.fail), ctx.fmt.count(judged))
                    }
                    _ => no_value.clone(),
                })
                .collect();
            TrendRow { id: r.id.clone(), label: r.title.get(ctx.lang).to_string(), values, norm: String::new() }
        })
        .collect();
    let periods: Vec<String> = snaps.iter().map(|s| period_label(s)).collect();
    let charts = if with_charts { charts(&snaps, &periods, location_id, ctx) } else { Vec::new() };
    Some(LocationTrends {
        charts,
        periods,
        compared_with: c.against().map(period_label).unwrap_or_default(),
        metrics,
        rules,
    })
}
