//! The municipality report's charts: families by age group and by duration,
//! and the share on time per timeliness rule. A hidden number is never
//! drawn: its bar stays empty and its label carries the marker (`<5`, `x`).

use serde::Serialize;

use super::model::{CategoryTable, Count, Figure, MunicipalityReport};
use super::notes;
use crate::report::RenderContext;
use crate::report::charts::{ChartText, bar_chart};

/// The charts as inline SVG, for the HTML template.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub age_groups: String,
    pub duration: String,
    pub timeliness: String,
}

/// The texts of one chart (the one place that builds `ChartText`).
fn text<'a>(title: &'a str, x_label: &'a str, y_label: &'a str, no_data: &'a str) -> ChartText<'a> {
    ChartText::new(title, x_label, y_label, no_data)
}

pub fn charts(model: &MunicipalityReport, ctx: &RenderContext) -> Charts {
    let t = |key: &str| ctx.catalogue.get(key, ctx.lang);
    let no_data = t("mun_chart_no_data");
    let families = t("mun_chart_families_axis");
    let whole = |v: f64| ctx.fmt.number(v, 0);
    let category = |table: &CategoryTable, title: &str, axis: &str| {
        let bars: Vec<(String, f64)> = table.rows.iter().map(|r| bar(&r.label, r.families, ctx)).collect();
        bar_chart(&text(title, axis, &families, &no_data), &bars, None, &whole)
    };
    let timeliness_bars: Vec<(String, f64)> = model
        .timeliness
        .iter()
        .map(|r| match r.on_time {
            Figure::Shown(share) => (r.rule_id.clone(), share * 100.0),
            Figure::TooFew => (format!("{} ({})", r.rule_id, t("mun_marker_too_few")), f64::NAN),
            Figure::Hidden => (format!("{} ({})", r.rule_id, t("mun_marker_hidden")), f64::NAN),
            Figure::NoData => (format!("{} ({})", r.rule_id, t("mun_marker_no_data")), f64::NAN),
        })
        .collect();
    let percent = |v: f64| ctx.fmt.percent(v / 100.0);
    let on_time = t("mun_timeliness_chart");
    Charts {
        age_groups: category(&model.age_groups, &t("mun_age_heading"), &t("mun_age_axis")),
        duration: category(&model.duration, &t("mun_duration_heading"), &t("mun_duration_axis")),
        timeliness: bar_chart(
            &text(&on_time, &t("mun_chart_rule_axis"), &t("mun_timeliness_axis"), &no_data),
            &timeliness_bars,
            None,
            &percent,
        ),
    }
}

/// A bar: the count, or an empty bar whose label carries the marker.
fn bar(label: &str, count: Count, ctx: &RenderContext) -> (String, f64) {
    match count {
        Count::Shown(n) => (label.to_string(), n as f64),
        Count::Small(_) => {
            (format!("{label} ({})", notes::small_marker(ctx.catalogue, ctx.lang, &ctx.rulebook.privacy)), f64::NAN)
        }
        Count::Hidden => (format!("{label} ({})", ctx.catalogue.get("mun_marker_hidden", ctx.lang)), f64::NAN),
    }
}
