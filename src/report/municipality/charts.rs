//! The municipality report's charts: families by age group and by duration,
//! and the share on time per timeliness rule. A hidden number is never
//! drawn: its bar stays empty and its label carries the marker (`<5`, `x`).
//! With earlier outputs, the headline figures and every share, share on
//! time and mean change over the periods as line charts; a figure not shown
//! in a period is a gap in the line.

use serde::Serialize;

use super::model::{CategoryTable, Count, Figure, MunicipalityReport};
use super::notes;
use super::trends::{Cell, TrendRow, Trends};
use crate::report::RenderContext;
use crate::report::charts::{ChartText, bar_chart, line_chart};

/// The charts as inline SVG, for the HTML template.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub age_groups: String,
    pub duration: String,
    pub timeliness: String,
    /// Per charted row of the trends, its line over the periods (empty without trends).
    pub trends: Vec<String>,
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
        trends: model.trends.as_ref().map(|tr| trend_charts(tr, ctx)).unwrap_or_default(),
    }
}

/// The rows drawn over the periods: the families and hours per family in
/// total, and every share, share on time and mean change.
fn charted(row: &TrendRow) -> bool {
    matches!(row.key.as_str(), "families" | "hours_per_family") || matches!(row.kind, "percent" | "change")
}

fn trend_charts(trends: &Trends, ctx: &RenderContext) -> Vec<String> {
    let t = |key: &str| ctx.catalogue.get(key, ctx.lang);
    let (no_data, x_label) = (t("mun_chart_no_data"), t("mun_trend_axis"));
    trends
        .rows
        .iter()
        .filter(|r| charted(r))
        .filter_map(|r| {
            let scale = if r.kind == "percent" { 100.0 } else { 1.0 };
            let points: Vec<(String, f64)> = trends
                .periods
                .iter()
                .zip(&r.values)
                .map(|(p, v)| {
                    let x = match v {
                        Cell::Count(c) => c.value().map(|n| n as f64),
                        Cell::Figure(f) => f.value().map(|x| x * scale),
                    };
                    (p.label.clone(), x.unwrap_or(f64::NAN))
                })
                .collect();
            // A line at 0 in every period says nothing a chart must show.
            if points.iter().all(|(_, x)| !x.is_finite() || *x == 0.0) && points.iter().any(|(_, x)| x.is_finite()) {
                return None;
            }
            let fmt = |x: f64| match r.kind {
                "percent" => ctx.fmt.percent(x / 100.0),
                "change" => ctx.fmt.number(x, 2),
                "count" => ctx.fmt.number(x, 0),
                _ => ctx.fmt.number(x, 1),
            };
            let y_label = t(match r.kind {
                "percent" => "mun_col_share",
                "change" => "mun_col_mean_change",
                "count" => "mun_chart_families_axis",
                _ => "mun_col_hours",
            });
            let text = text(&r.label, &x_label, &y_label, &no_data).with_size(460, 220);
            Some(line_chart(&text, &points, None, &fmt))
        })
        .collect()
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
