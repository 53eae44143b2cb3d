//! The location's headline figures against the norms: which figures, with
//! which texts and norms, as gauges (HTML) and as a table (every format).
//!
//! Norms come from the rulebook's parameters, values from the location
//! rules' own measurements, texts from the rulebook (titles) and the
//! catalogue (figure names, units, the norm's label).

use super::model::{Chart, Figure};
use super::values::{Unit, Values};
use crate::report::charts::{ChartText, Norm, NormKind, gauge};
use crate::results::RuleResult;
use crate::rulebook::Rulebook;
use crate::rules::registry::{self, Bound};

/// One figure shown against one rule's norm: the rule's gauge, from its facts.
struct FigureSpec {
    rule_id: &'static str,
    param: &'static str,
    kind: NormKind,
    unit: Unit,
    label_key: &'static str,
    gauge_key: &'static str,
    axis_key: &'static str,
}

/// Every rule that feeds a gauge, in registry order.
fn figure_specs() -> impl Iterator<Item = FigureSpec> {
    registry::RULES.iter().filter_map(|r| {
        let g = r.facts.gauge?;
        Some(FigureSpec {
            rule_id: r.id,
            param: g.param,
            kind: match g.bound {
                Bound::AtLeast => NormKind::AtLeast,
                Bound::AtMost => NormKind::AtMost,
            },
            unit: r.facts.unit,
            label_key: g.label_key,
            gauge_key: g.gauge_key,
            axis_key: g.axis_key,
        })
    })
}

/// The texts of a chart. (The chart module's `ChartText` may gain a size;
/// this is the one place that builds it.)
fn chart_text<'a>(title: &'a str, x_label: &'a str, y_label: &'a str, no_data: &'a str) -> ChartText<'a> {
    ChartText::new(title, x_label, y_label, no_data)
}

/// The figures and their charts, for the location's own results
/// (`location_results` holds only results without a subject).
pub fn figures(
    location_results: &[&RuleResult],
    rulebook: &Rulebook,
    values: &Values,
    with_charts: bool,
) -> (Vec<Figure>, Vec<Chart>) {
    let t = |key: &str| values.catalogue.get(key, values.lang);
    let (mut figures, mut charts) = (Vec::new(), Vec::new());
    for spec in figure_specs() {
        let Some(rule) = rulebook.rule(spec.rule_id).filter(|r| r.enabled) else { continue };
        let Ok(norm_value) = rule.num(spec.param) else { continue };
        let Some(result) = location_results.iter().find(|r| r.rule_id == spec.rule_id) else { continue };
        let norm_key = match spec.kind {
            NormKind::AtLeast => "loc_norm_at_least",
            NormKind::AtMost => "loc_norm_at_most",
        };
        let label = t(spec.label_key);
        figures.push(Figure {
            rule_id: spec.rule_id.to_string(),
            label: label.clone(),
            value: result.measured.map(|m| values.value(spec.unit, m)).unwrap_or_default(),
            norm: t(norm_key).replace("{}", &values.norm_value(spec.unit, norm_value)),
            outcome: Some(result.outcome.as_str().to_string()),
        });
        if with_charts {
            let (title, axis, no_data, norm_label) =
                (rule.title.get(values.lang), t(spec.axis_key), t("loc_chart_no_data"), t("loc_chart_norm"));
            let name = t(spec.gauge_key);
            let text = chart_text(title, &axis, &name, &no_data);
            let norm = Norm { value: norm_value, label: &norm_label, kind: spec.kind };
            // Ticks, the value and the norm with only the decimals they need.
            let fmt = |x: f64| values.norm_number(spec.unit, x);
            let value = result.measured.unwrap_or(f64::NAN);
            let svg = gauge(&text, value, &norm, norm_value * 1.5, &fmt);
            charts.push(Chart { rule_id: spec.rule_id.to_string(), svg });
        }
    }
    (figures, charts)
}
