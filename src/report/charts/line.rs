//! Line chart: one figure over the periods, with its norm as a dashed line.
//! Reads in black and white: a passing point is a filled circle, a failing
//! point an open triangle marked ✗, each with its value written next to it.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{self, Area, DrawResult, FAIL, GRID, INK, MUTED, TICK_PX};
use super::{ChartText, Fmt, Norm};

const DEFAULT_SIZE: (u32, u32) = (640, 280);
/// Radius of a point's marker, in px.
const MARK: i32 = 5;

/// A point per period (`label`, value); `norm`, when given, is drawn dashed
/// and the points failing it are triangles marked ✗. A NaN or infinite value
/// breaks the line there; no finite value at all draws the no-data chart.
pub fn line_chart(text: &ChartText, points: &[(String, f64)], norm: Option<&Norm>, fmt: Fmt) -> String {
    let size = common::size(text, DEFAULT_SIZE);
    common::render(size, text.title, |root| {
        if !points.iter().any(|(_, v)| v.is_finite()) {
            return common::no_data(root, text, size);
        }
        draw(root, text, points, common::usable(norm), fmt, size)
    })
}

fn draw(
    root: &Area,
    text: &ChartText,
    points: &[(String, f64)],
    norm: Option<&Norm>,
    fmt: Fmt,
    size: (u32, u32),
) -> DrawResult {
    common::title(root, text, size.0)?;
    let w = size.0 as i32;
    let n = points.len();
    let values = points.iter().map(|(_, v)| *v).chain(norm.map(|n| n.value));
    let (lo, hi) = common::span(values, true, 0.15);
    let norm_label = norm.map(|n| common::norm_text(n, fmt));
    let right = match &norm_label {
        Some(t) => (common::text_px(t, TICK_PX) + 14).clamp(24, w / 4),
        None => 16,
    };
    let left = common::widest(&common::ticks(lo, hi, 6), fmt) + 12 + 22;
    let mut chart = ChartBuilder::on(root)
        .margin_top(common::TITLE_H)
        .margin_left(8)
        .margin_right(right)
        .margin_bottom(4)
        .x_label_area_size(40)
        .y_label_area_size(left)
        .build_cartesian_2d(0f64..n as f64, lo..hi)?;
    let (px_x, px_y) = chart.plotting_area().get_pixel_range();
    let y_fmt = |v: &f64| common::clean(&fmt(*v));
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .light_line_style(TRANSPARENT)
        .y_label_formatter(&y_fmt)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(MUTED.stroke_width(1))
        .label_style(common::style(TICK_PX, &MUTED))
        .axis_desc_style(common::style(common::DESC_PX, &INK))
        .x_desc(common::fit(text.x_label, px_x.end - px_x.start, common::DESC_PX))
        .y_desc(common::fit(text.y_label, px_y.end - px_y.start, common::DESC_PX))
        .draw()?;

    if let (Some(norm), Some(label)) = (norm, &norm_label) {
        let y = norm.value.clamp(lo, hi);
        let (from, to) = (chart.backend_coord(&(0.0, y)), chart.backend_coord(&(n as f64, y)));
        common::dashed(root, from, to)?;
        let t = common::fit(label, right - 10, TICK_PX);
        let style = common::at(&common::bold(TICK_PX, &INK), HPos::Left, VPos::Center);
        root.draw_text(&t, &style, (to.0 + 6, to.1))?;
    }

    let at = |i: usize, v: f64| chart.backend_coord(&(i as f64 + 0.5, v.clamp(lo, hi)));
    // The line, broken where a period has no value.
    let mut run: Vec<(i32, i32)> = Vec::new();
    for (i, (_, v)) in points.iter().enumerate() {
        if v.is_finite() {
            run.push(at(i, *v));
        } else if !run.is_empty() {
            root.draw(&PathElement::new(std::mem::take(&mut run), INK.stroke_width(2)))?;
        }
    }
    if run.len() > 1 {
        root.draw(&PathElement::new(run, INK.stroke_width(2)))?;
    }

    let slot = (px_x.end - px_x.start) / n.max(1) as i32;
    let tick_style = common::at(&common::style(TICK_PX, &INK), HPos::Center, VPos::Top);
    for (i, (label, v)) in points.iter().enumerate() {
        let centre = at(i, 0.0).0;
        root.draw_text(&common::fit(&common::clean(label), slot - 4, TICK_PX), &tick_style, (centre, px_y.end + 6))?;
        if !v.is_finite() {
            continue;
        }
        let p = at(i, *v);
        let fails = norm.is_some_and(|n| !n.passes(*v));
        if fails {
            let tri = vec![(p.0, p.1 - MARK - 1), (p.0 - MARK - 1, p.1 + MARK), (p.0 + MARK + 1, p.1 + MARK)];
            root.draw(&Polygon::new(tri.clone(), WHITE.filled()))?;
            let mut outline = tri;
            outline.push(outline[0]);
            root.draw(&PathElement::new(outline, FAIL.stroke_width(2)))?;
        } else {
            root.draw(&Circle::new(p, MARK, INK.filled()))?;
        }
        let value = common::clean(&fmt(*v));
        let value = if fails { format!("{value} ✗") } else { value };
        let style = common::style(TICK_PX, if fails { &FAIL } else { &INK });
        common::boxed_text(root, &value, &style, TICK_PX, (p.0, p.1 - MARK - 4), VPos::Bottom)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::NormKind;
    use super::super::tests::{assert_svg, fmt_nl};
    use super::*;

    fn text() -> ChartText<'static> {
        ChartText::new("Betaalde coördinatie", "periode", "fte", "geen gegevens")
    }

    #[test]
    fn points_on_the_failing_side_are_triangles_marked() {
        let points = vec![("2024".to_string(), 0.6), ("2025".to_string(), 0.4), ("2026".to_string(), 0.7)];
        let norm = Norm { value: 0.5, label: "norm", kind: NormKind::AtLeast };
        let svg = line_chart(&text(), &points, Some(&norm), &fmt_nl);
        assert_svg(&svg);
        for needle in ["Betaalde coördinatie", "periode", "fte", "norm ≥ 0,5", "0,4 ✗", "2024", "2026"] {
            assert!(svg.contains(needle), "{needle} missing: {svg}");
        }
        assert_eq!(svg.matches('✗').count(), 1, "only 2025 fails");
        assert_eq!(svg.matches("<circle").count(), 2, "two passing points");
        assert!(svg.contains("<polygon"), "the failing point's triangle");
        assert!(svg.contains("stroke-dasharray") || svg.matches("<line").count() > 3, "the dashed norm");
    }

    #[test]
    fn a_missing_period_breaks_the_line_and_all_missing_is_no_data() {
        let points = vec![("2024".to_string(), 1.0), ("2025".to_string(), f64::NAN), ("2026".to_string(), 2.0)];
        let svg = line_chart(&text(), &points, None, &fmt_nl);
        assert_svg(&svg);
        assert!(svg.contains("2025"), "the period keeps its label");
        let none = vec![("2024".to_string(), f64::NAN)];
        assert!(line_chart(&text(), &none, None, &fmt_nl).contains("geen gegevens"));
    }
}
