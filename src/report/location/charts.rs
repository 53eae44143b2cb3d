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

/// One figure shown against one rule's norm.
struct FigureSpec {
    rule_id: &'static str,
    /// The rulebook parameter holding the norm.
    param: &'static str,
    kind: NormKind,
    unit: Unit,
    /// Catalogue key of the figure's name.
    label_key: &'static str,
    /// Catalogue key of the short name left of the gauge.
    gauge_key: &'static str,
    /// Catalogue key of what the axis counts.
    axis_key: &'static str,
}

const FIGURES: &[FigureSpec] = &[
    FigureSpec {
        rule_id: "HS-L01",
        param: "min_fte",
        kind: NormKind::AtLeast,
        unit: Unit::Fte,
        label_key: "loc_fig_coordinator_fte",
        gauge_key: "loc_gauge_fte",
        axis_key: "loc_unit_fte",
    },
    FigureSpec {
        rule_id: "HS-L03",
        param: "min_volunteers",
        kind: NormKind::AtLeast,
        unit: Unit::Count,
        label_key: "loc_fig_trained_volunteers",
        gauge_key: "loc_gauge_volunteers",
        axis_key: "loc_axis_volunteers",
    },
    FigureSpec {
        rule_id: "HS-L04",
        param: "min_families",
        kind: NormKind::AtLeast,
        unit: Unit::Count,
        label_key: "loc_fig_families",
        gauge_key: "loc_gauge_families",
        axis_key: "loc_axis_families",
    },
    FigureSpec {
        rule_id: "HS-L05",
        param: "max_families",
        kind: NormKind::AtMost,
        unit: Unit::Count,
        label_key: "loc_fig_families",
        gauge_key: "loc_gauge_families",
        axis_key: "loc_axis_families",
    },
    FigureSpec {
        rule_id: "HS-L06",
        param: "min_hours_per_family_year",
        kind: NormKind::AtLeast,
        unit: Unit::Hours,
        label_key: "loc_fig_hours",
        gauge_key: "loc_gauge_hours",
        axis_key: "loc_unit_hours",
    },
];

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
    for spec in FIGURES {
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
