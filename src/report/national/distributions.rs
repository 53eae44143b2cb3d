//! Distributions across locations of the headline figures (coordinator
//! fte, trained volunteers, families, hours per family-year), each with
//! its norm from the rulebook's parameters drawn in.
//!
//! Cost: per figure two passes over the locations' metrics and a sort,
//! O(locations log locations).

use super::model::{Distribution, Stat};
use super::text::{counted, fill, t};
use crate::report::RenderContext;
use crate::report::charts::{self, ChartText, Norm, NormKind};
use crate::results::Audit;

/// One figure to show: where its values and its norm come from.
struct Figure {
    /// The key in `audit.locations[].metrics`.
    metric: &'static str,
    /// The rule and parameter holding the norm.
    rule: &'static str,
    param: &'static str,
    kind: NormKind,
    /// A second bound mentioned beside the chart (families: at most `max_families`).
    upper: Option<(&'static str, &'static str)>,
    /// Catalogue keys: `{key}_title`, `{key}_x`.
    key: &'static str,
    /// The most decimals a value is written with.
    decimals: usize,
}

const FIGURES: [Figure; 4] = [
    Figure {
        metric: "coordinator_fte",
        rule: "HS-L01",
        param: "min_fte",
        kind: NormKind::AtLeast,
        upper: None,
        key: "nat_dist_fte",
        decimals: 2,
    },
    Figure {
        metric: "trained_volunteers",
        rule: "HS-L03",
        param: "min_volunteers",
        kind: NormKind::AtLeast,
        upper: None,
        key: "nat_dist_volunteers",
        decimals: 0,
    },
    Figure {
        metric: "families",
        rule: "HS-L04",
        param: "min_families",
        kind: NormKind::AtLeast,
        upper: Some(("HS-L05", "max_families")),
        key: "nat_dist_families",
        decimals: 0,
    },
    Figure {
        metric: "hours_per_family_year",
        rule: "HS-L06",
        param: "min_hours_per_family_year",
        kind: NormKind::AtLeast,
        upper: None,
        key: "nat_dist_hours",
        decimals: 1,
    },
];

/// A number parameter of an enabled rule.
fn param(ctx: &RenderContext, rule: &str, name: &str) -> Option<f64> {
    ctx.rulebook.rule(rule).filter(|r| r.enabled).and_then(|r| r.num(name).ok()).filter(|x| x.is_finite())
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// How many bars a histogram of `n` values gets (Sturges' rule, kept between 3 and 12).
pub fn bins(n: usize) -> usize {
    ((n.max(1) as f64).log2().ceil() as usize + 1).clamp(3, 12)
}

/// Every distribution, in a fixed order. `charts` is false when no format needs the SVG.
pub fn distributions(audit: &Audit, ctx: &RenderContext, with_charts: bool) -> Vec<Distribution> {
    FIGURES.iter().map(|f| distribution(audit, ctx, f, with_charts)).collect()
}

fn distribution(audit: &Audit, ctx: &RenderContext, figure: &Figure, with_charts: bool) -> Distribution {
    let mut values: Vec<f64> = audit
        .locations
        .iter()
        .filter_map(|l| l.metrics.get(figure.metric).copied())
        .filter(|x| x.is_finite())
        .collect();
    values.sort_by(f64::total_cmp);
    // Values with a fixed number of decimals, so a column of them lines up;
    // norms as the rulebook writes them (`105`, `0,55`).
    let show = |x: f64| ctx.fmt.number(x, figure.decimals);
    let show_norm = |x: f64| ctx.fmt.number_auto(x, figure.decimals.max(2));
    let norm_value = param(ctx, figure.rule, figure.param);
    let norm_text = match norm_value {
        Some(v) => fill(ctx, "nat_norm_at_least", &[("value", show_norm(v))]),
        None => t(ctx, "nat_norm_none"),
    };
    let upper = figure.upper.and_then(|(rule, name)| param(ctx, rule, name));
    let norm_text = match upper {
        Some(u) => fill(ctx, "nat_norm_between", &[("min", norm_text), ("max", show_norm(u))]),
        None => norm_text,
    };

    let dash = t(ctx, "nat_no_value");
    let or_dash = |x: Option<f64>| x.map_or(dash.clone(), show);
    let locations = |n: usize| counted(ctx, n, "nat_location_one", "nat_location_many");
    let mut stats = vec![
        Stat {
            label: t(ctx, "nat_stat_n"),
            value: fill(
                ctx,
                "nat_stat_n_value",
                &[("n", ctx.fmt.count(values.len())), ("total", ctx.fmt.count(audit.locations.len()))],
            ),
        },
        Stat { label: t(ctx, "nat_stat_min"), value: or_dash(values.first().copied()) },
        Stat { label: t(ctx, "nat_stat_median"), value: or_dash(median(&values)) },
        Stat { label: t(ctx, "nat_stat_max"), value: or_dash(values.last().copied()) },
    ];
    if let Some(v) = norm_value {
        let below = values.iter().filter(|x| **x < v).count();
        stats.push(Stat { label: fill(ctx, "nat_stat_below", &[("value", show_norm(v))]), value: locations(below) });
    }
    if let Some(u) = upper {
        let above = values.iter().filter(|x| **x > u).count();
        stats.push(Stat { label: fill(ctx, "nat_stat_above", &[("value", show_norm(u))]), value: locations(above) });
    }

    let title = t(ctx, &format!("{}_title", figure.key));
    let svg = if with_charts {
        let x_label = t(ctx, &format!("{}_x", figure.key));
        let y_label = t(ctx, "nat_dist_y");
        let no_data = t(ctx, "nat_chart_no_data");
        let norm_label = t(ctx, "nat_norm_line");
        let norm = norm_value.map(|value| Norm { value, label: &norm_label, kind: figure.kind });
        let text = ChartText::new(&title, &x_label, &y_label, &no_data);
        charts::distribution(&text, &values, bins(values.len()), norm.as_ref(), &show)
    } else {
        String::new()
    };
    let mut per_location: Vec<(f64, &str, &str)> = audit
        .locations
        .iter()
        .filter_map(|l| l.metrics.get(figure.metric).filter(|x| x.is_finite()).map(|x| (*x, &*l.location_id, &*l.name)))
        .collect();
    per_location.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let values =
        per_location.into_iter().map(|(x, id, name)| Stat { label: format!("{id} {name}"), value: show(x) }).collect();
    Distribution { title, svg, norm: norm_text, stats, values }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[1.0, 2.0, 10.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 10.0]), Some(3.0));
    }

    #[test]
    fn bins_grow_slowly_with_the_number_of_locations() {
        assert_eq!(bins(0), 3);
        assert_eq!(bins(12), 5);
        assert_eq!(bins(150), 9);
        assert_eq!(bins(100_000), 12);
    }
}
