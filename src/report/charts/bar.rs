//! Bar chart: one bar per label (a location's figures, per-rule pass rates); failing bars hatched and marked ✗.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{self, Area, DrawResult, FAIL, GRID, INK, MUTED, TICK_PX};
use super::{ChartText, Fmt, Norm};

const DEFAULT_SIZE: (u32, u32) = (640, 320);
/// Longest category label, in px, when labels are turned upright.
const MAX_UPRIGHT_PX: i32 = 120;
/// Half the widest bar, in px: a few bars stay bars rather than blocks.
const MAX_HALF_BAR: i32 = 36;

/// Bars with a value each; `norm`, when given, is drawn as a dashed line and bars failing it are hatched and
/// marked ✗. A NaN or infinite value leaves its label with an empty slot; no finite value at all draws the
/// no-data chart.
pub fn bar_chart(text: &ChartText, bars: &[(String, f64)], norm: Option<&Norm>, fmt: Fmt) -> String {
    let size = common::size(text, DEFAULT_SIZE);
    common::render(size, text.title, |root| {
        if !bars.iter().any(|(_, v)| v.is_finite()) {
            return common::no_data(root, text, size);
        }
        draw(root, text, bars, common::usable(norm), fmt, size)
    })
}

/// How the category labels go under the axis.
enum Labels {
    /// Side by side, each on one or (broken between words) two lines of its slot.
    Flat { max_px: i32, lines: i32 },
    /// Turned to read upwards, every `step`-th one, each cut to `max_px`.
    Upright { step: usize, max_px: i32 },
}

fn draw(
    root: &Area,
    text: &ChartText,
    bars: &[(String, f64)],
    norm: Option<&Norm>,
    fmt: Fmt,
    size: (u32, u32),
) -> DrawResult {
    common::title(root, text, size.0)?;
    let (w, h) = (size.0 as i32, size.1 as i32);
    let n = bars.len();
    let values = bars.iter().map(|(_, v)| *v).chain(norm.map(|n| n.value));
    let (lo, hi) = common::span(values, true, 0.1);

    let norm_label = norm.map(|n| common::norm_text(n, fmt));
    let right = match &norm_label {
        Some(t) => (common::text_px(t, TICK_PX) + 14).clamp(24, w / 4),
        None => 16,
    };
    let left = common::widest(&common::ticks(lo, hi, 6), fmt) + 12 + 22;
    let plot_w = (w - left - right - 8).max(20);
    let slot = plot_w as f64 / n as f64;

    let labels: Vec<String> = bars.iter().map(|(l, _)| common::clean(l)).collect();
    let longest = labels.iter().map(|l| common::text_px(l, TICK_PX)).max().unwrap_or(0);
    let layout = if longest <= slot as i32 - 4 {
        Labels::Flat { max_px: slot as i32 - 4, lines: 1 }
    } else if slot >= 70.0 {
        Labels::Flat { max_px: slot as i32 - 4, lines: 2 }
    } else {
        let step = (14.0 / slot).ceil().max(1.0) as usize;
        Labels::Upright { step, max_px: longest.min(MAX_UPRIGHT_PX).min(h / 3) }
    };
    let label_h = match layout {
        Labels::Flat { lines, .. } => 4 + 12 * lines,
        Labels::Upright { max_px, .. } => max_px + 4,
    };
    let bottom = (label_h + 8 + 22).min(h - common::TITLE_H - 40).max(30);

    let mut chart = ChartBuilder::on(root)
        .margin_top(common::TITLE_H)
        .margin_left(8)
        .margin_right(right)
        .margin_bottom(4)
        .x_label_area_size(bottom)
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

    if lo < 0.0 {
        let (a, b) = (chart.backend_coord(&(0.0, 0.0)), chart.backend_coord(&(n as f64, 0.0)));
        root.draw(&PathElement::new(vec![a, b], MUTED.stroke_width(1)))?;
    }

    let mut values = Vec::new();
    let gap = if slot >= 10.0 { 0.18 } else { 0.05 };
    let tick_style = common::style(TICK_PX, &INK);
    for (i, (label, (_, v))) in labels.iter().zip(bars).enumerate() {
        let x = i as f64;
        let centre = chart.backend_coord(&(x + 0.5, 0.0)).0;
        if v.is_finite() {
            let half = ((slot * (0.5 - gap)) as i32).clamp(1, MAX_HALF_BAR);
            let (y_top, y0) = (chart.backend_coord(&(x, v.clamp(lo, hi))).1, chart.backend_coord(&(x, 0.0)).1);
            let (top, x1) = ((centre - half, y_top), centre + half);
            let fails = norm.is_some_and(|n| !n.passes(*v));
            if fails {
                common::hatched(root, top, (x1, y0))?;
            } else {
                common::solid(root, top, (x1, y0))?;
            }
            let y = if *v >= 0.0 { (top.1.min(y0) - 3, VPos::Bottom) } else { (top.1.max(y0) + 3, VPos::Top) };
            values.push((value_label(*v, fails, slot, fmt), fails, (centre, y.0), y.1));
        }
        match layout {
            Labels::Flat { max_px, lines } => {
                let (first, second) = if lines > 1 {
                    common::wrap2(label, max_px, TICK_PX)
                } else {
                    (common::fit(label, max_px, TICK_PX), None)
                };
                let style = common::at(&tick_style, HPos::Center, VPos::Top);
                root.draw_text(&first, &style, (centre, px_y.end + 6))?;
                if let Some(second) = second {
                    root.draw_text(&second, &style, (centre, px_y.end + 6 + TICK_PX as i32 + 2))?;
                }
            }
            Labels::Upright { step, max_px } if i % step == 0 => {
                let t = common::fit(label, max_px, TICK_PX);
                let s = common::at(&tick_style, HPos::Right, VPos::Center).transform(FontTransform::Rotate270);
                root.draw_text(&t, &s, (centre, px_y.end + 6))?;
            }
            Labels::Upright { .. } => {}
        }
    }

    if let (Some(norm), Some(label)) = (norm, norm_label) {
        let y = norm.value.clamp(lo, hi);
        let (from, to) = (chart.backend_coord(&(0.0, y)), chart.backend_coord(&(n as f64, y)));
        common::dashed(root, from, to)?;
        let t = common::fit(&label, right - 10, TICK_PX);
        let style = common::at(&common::bold(TICK_PX, &INK), HPos::Left, VPos::Center);
        root.draw_text(&t, &style, (to.0 + 6, to.1))?;
    }
    for (value, fails, at, v) in values {
        let style = common::style(TICK_PX, if fails { &FAIL } else { &INK });
        common::boxed_text(root, &value, &style, TICK_PX, at, v)?;
    }
    Ok(())
}

/// The value over a bar, "v ✗" when it fails; as much of that as fits the slot.
fn value_label(v: f64, fails: bool, slot: f64, fmt: Fmt) -> String {
    let value = common::clean(&fmt(v));
    // A label may reach 2 px into each neighbour's gap: width estimates err on the wide side.
    let room = slot as i32 + 4;
    let marked = format!("{value} ✗");
    if fails && common::text_px(&marked, TICK_PX) <= room {
        marked
    } else if common::text_px(&value, TICK_PX) <= room {
        value
    } else if fails && slot >= 8.0 {
        "✗".to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::super::NormKind;
    use super::super::tests::{assert_svg, fmt_nl};
    use super::*;

    fn text() -> ChartText<'static> {
        ChartText::new("Coördinatie per locatie", "locatie", "fte", "geen gegevens")
    }

    #[test]
    fn bars_with_a_norm_mark_the_failing_ones() {
        let bars = vec![("Utrecht".to_string(), 0.9), ("Zeist".to_string(), 0.4), ("Houten".to_string(), 0.6)];
        let norm = Norm { value: 0.5, label: "norm", kind: NormKind::AtLeast };
        let svg = bar_chart(&text(), &bars, Some(&norm), &fmt_nl);
        assert_svg(&svg);
        for needle in ["Coördinatie per locatie", "locatie", "fte", "norm ≥ 0,5", "0,4 ✗", "0,9", "Houten"] {
            assert!(svg.contains(needle), "{needle} missing");
        }
        assert_eq!(svg.matches('✗').count(), 1, "only Zeist fails");
    }

    #[test]
    fn at_most_norms_fail_the_bars_above() {
        let bars = vec![("a".to_string(), 30.0), ("b".to_string(), 10.0)];
        let norm = Norm { value: 24.0, label: "max", kind: NormKind::AtMost };
        let svg = bar_chart(&text(), &bars, Some(&norm), &fmt_nl);
        assert!(svg.contains("30,0 ✗") && svg.contains("max ≤ 24,0"));
        assert!(!svg.contains("10,0 ✗"));
    }

    #[test]
    fn labels_too_long_for_one_line_take_two_whole_words_apart() {
        let labels = ["zwangerschap (<5)", "jonger dan 1 jaar (<5)", "1 tot en met 3 jaar", "4 tot en met 6 jaar (<5)"];
        let bars: Vec<(String, f64)> = labels.iter().map(|l| (l.to_string(), 3.0)).collect();
        let svg = bar_chart(&text(), &bars, None, &fmt_nl);
        assert_svg(&svg);
        assert!(!svg.contains('…'), "nothing cut: {svg}");
        assert!(svg.contains("\n4 tot en met 6 jaar\n") && svg.contains("\n(&lt;5)\n"), "{svg}");
    }

    #[test]
    fn many_long_labels_turn_upright_and_are_cut() {
        let bars: Vec<(String, f64)> =
            (0..40).map(|i| (format!("Home-Start locatie met een erg lange naam {i}"), i as f64)).collect();
        let svg = bar_chart(&text(), &bars, None, &fmt_nl);
        assert_svg(&svg);
        assert!(svg.contains("rotate(270"));
        assert!(svg.contains('…'));
        assert!(!svg.contains("lange naam 39"));
    }

    #[test]
    fn missing_values_keep_their_label_and_all_missing_is_no_data() {
        let bars = vec![("a".to_string(), f64::NAN), ("b".to_string(), 2.0)];
        let svg = bar_chart(&text(), &bars, None, &fmt_nl);
        assert!(svg.contains(">\na\n</text>") || svg.contains(">a\n"));
        let none = vec![("a".to_string(), f64::NAN), ("b".to_string(), f64::INFINITY)];
        let svg = bar_chart(&text(), &none, None, &fmt_nl);
        assert_svg(&svg);
        assert!(svg.contains("geen gegevens"));
    }
}
