//! Gauge: one figure against its norm as a horizontal bar on a track, with the norm line and a ✓ or ✗ mark.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{self, Area, DESC_PX, DrawResult, FAIL, GRID, INK, MUTED, TICK_PX};
use super::{ChartText, Fmt, Norm};

const DEFAULT_SIZE: (u32, u32) = (640, 140);
/// The track's background.
const TRACK: RGBColor = RGBColor(0xf0, 0xf0, 0xf0);

/// `value` as a bar on a track from min(0, value, norm) to `max` (stretched to hold the value and the norm), the
/// norm as a dashed line, and the value with ✓ (passes) or ✗ (fails, the bar hatched) right of the track.
/// `y_label` names the figure left of the track, `x_label` the unit under the axis. A NaN or infinite value
/// draws the track and the norm with the no-data text in place of the value.
pub fn gauge(text: &ChartText, value: f64, norm: &Norm, max: f64, fmt: Fmt) -> String {
    let size = common::size(text, DEFAULT_SIZE);
    common::render(size, text.title, |root| draw(root, text, value, common::usable(Some(norm)), max, fmt, size))
}

fn draw(
    root: &Area,
    text: &ChartText,
    value: f64,
    norm: Option<&Norm>,
    max: f64,
    fmt: Fmt,
    size: (u32, u32),
) -> DrawResult {
    common::title(root, text, size.0)?;
    let (w, h) = (size.0 as i32, size.1 as i32);
    let (lo, hi) = common::span([0.0, value, max].into_iter().chain(norm.map(|n| n.value)), true, 0.0);

    let known = value.is_finite();
    let fails = known && norm.is_some_and(|n| !n.passes(value));
    let shown = if !known {
        common::clean(text.no_data)
    } else if norm.is_none() {
        common::clean(&fmt(value))
    } else {
        format!("{} {}", common::clean(&fmt(value)), if fails { "✗" } else { "✓" })
    };
    let right = (common::text_px(&shown, DESC_PX) + 20).clamp(60, w / 3);
    let name = common::clean(text.y_label);
    let left = if name.is_empty() { 16 } else { (common::text_px(&name, DESC_PX) + 20).clamp(16, w / 4) };

    let mut chart = ChartBuilder::on(root)
        .margin_top(common::TITLE_H + 16)
        .margin_left(left)
        .margin_right(right)
        .margin_bottom(4)
        .x_label_area_size(40.min(h / 3))
        .build_cartesian_2d(lo..hi, 0f64..1f64)?;
    let (px_x, px_y) = chart.plotting_area().get_pixel_range();
    let x_fmt = |v: &f64| common::clean(&fmt(*v));
    let ticks = ((px_x.end - px_x.start) / 70).clamp(2, 10) as usize;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_y_axis()
        .y_labels(0)
        .x_labels(ticks)
        .x_label_formatter(&x_fmt)
        .axis_style(MUTED.stroke_width(1))
        .label_style(common::style(TICK_PX, &MUTED))
        .axis_desc_style(common::style(DESC_PX, &INK))
        .x_desc(common::fit(text.x_label, px_x.end - px_x.start, DESC_PX))
        .draw()?;

    let track = (chart.backend_coord(&(lo, 0.85)), chart.backend_coord(&(hi, 0.15)));
    root.draw(&Rectangle::new([track.0, track.1], TRACK.filled()))?;
    if known {
        let a = chart.backend_coord(&(0f64.clamp(lo, hi), 0.85));
        let b = chart.backend_coord(&(value.clamp(lo, hi), 0.15));
        let (a, b) = ((a.0.min(b.0), a.1), (a.0.max(b.0).max(a.0.min(b.0) + 1), b.1));
        if fails {
            common::hatched(root, a, b)?;
        } else {
            common::solid(root, a, b)?;
        }
    }
    root.draw(&Rectangle::new([track.0, track.1], GRID.stroke_width(1)))?;
    let middle = (track.0.1 + track.1.1) / 2;

    if !name.is_empty() {
        let t = common::fit(&name, left - 20, DESC_PX);
        root.draw_text(&t, &common::at(&common::style(DESC_PX, &INK), HPos::Right, VPos::Center), (left - 10, middle))?;
    }
    let t = common::fit(&shown, right - 16, DESC_PX);
    let colour = if fails { &FAIL } else { &INK };
    root.draw_text(&t, &common::at(&common::bold(DESC_PX, colour), HPos::Left, VPos::Center), (px_x.end + 10, middle))?;

    if let Some(norm) = norm {
        let x = chart.backend_coord(&(norm.value.clamp(lo, hi), 0.0)).0;
        common::dashed(root, (x, px_y.end), (x, px_y.start - 2))?;
        let label = common::fit(&common::norm_text(norm, fmt), w - 24, TICK_PX);
        let half = common::text_px(&label, TICK_PX) / 2 + 2;
        let x = x.clamp(half + 4, (w - half - 4).max(half + 4));
        let style = common::at(&common::bold(TICK_PX, &INK), HPos::Center, VPos::Bottom);
        root.draw_text(&label, &style, (x, px_y.start - 4))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::NormKind;
    use super::super::tests::{assert_svg, fmt_nl};
    use super::*;

    fn text() -> ChartText<'static> {
        ChartText::new("Gezinnen per vrijwilliger", "gezinnen", "Zeist", "onbekend")
    }

    #[test]
    fn a_failing_and_a_passing_value() {
        let norm = Norm { value: 3.0, label: "norm", kind: NormKind::AtMost };
        let svg = gauge(&text(), 3.4, &norm, 5.0, &fmt_nl);
        assert_svg(&svg);
        for needle in ["Gezinnen per vrijwilliger", "gezinnen", "Zeist", "norm ≤ 3,0", "3,4 ✗"] {
            assert!(svg.contains(needle), "{needle} missing");
        }
        let svg = gauge(&text(), 1.5, &norm, 5.0, &fmt_nl);
        assert!(svg.contains("1,5 ✓"));
    }

    #[test]
    fn values_past_the_maximum_and_odd_input() {
        let norm = Norm { value: 0.5, label: "norm", kind: NormKind::AtLeast };
        let svg = gauge(&text(), 9.0, &norm, 1.0, &fmt_nl);
        assert!(svg.contains("9,0 ✓"));
        let svg = gauge(&text(), f64::NAN, &norm, 1.0, &fmt_nl);
        assert!(svg.contains("onbekend") && !svg.contains('✓'));
        for (v, m) in [(-2.0, 1.0), (0.0, 0.0), (1.0, f64::NAN), (f64::INFINITY, f64::NEG_INFINITY), (1e300, -1e300)] {
            assert_svg(&gauge(&text(), v, &norm, m, &fmt_nl));
        }
        let nan_norm = Norm { value: f64::NAN, label: "norm", kind: NormKind::AtLeast };
        let svg = gauge(&text(), 0.4, &nan_norm, 1.0, &fmt_nl);
        assert!(svg.contains("0,4") && !svg.contains("norm"));
    }
}
