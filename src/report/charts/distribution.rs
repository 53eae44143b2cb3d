//! Distribution: a histogram of one figure across locations, the norm a dashed vertical line, failing counts hatched.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{self, Area, DrawResult, GRID, INK, MUTED, TICK_PX};
use super::{ChartText, Fmt, Norm};

const DEFAULT_SIZE: (u32, u32) = (640, 320);
/// More bins than this are drawn as this many.
const MAX_BINS: usize = 100;

/// A histogram of `values` in `bins` equal bins between the smallest and the largest value (0 bins: 1; at most
/// 100), counts on the y axis. Counts are whole numbers and written as such (there is no decimal sign to choose,
/// and a formatter with fixed decimals would write "22,0"); `fmt` writes the x axis and the norm. The norm is a
/// dashed vertical line; in each bar the values that fail it are stacked at the bottom, hatched. NaN and infinite
/// values are skipped; none left draws the no-data chart.
pub fn distribution(text: &ChartText, values: &[f64], bins: usize, norm: Option<&Norm>, fmt: Fmt) -> String {
    let size = common::size(text, DEFAULT_SIZE);
    // Values beyond what any axis can show are clamped, as the axes clamp them.
    let finite: Vec<f64> =
        values.iter().copied().filter(|v| v.is_finite()).map(|v| v.clamp(-common::MAX_ABS, common::MAX_ABS)).collect();
    common::render(size, text.title, |root| {
        if finite.is_empty() {
            return common::no_data(root, text, size);
        }
        draw(root, text, &finite, bins.clamp(1, MAX_BINS), common::usable(norm), fmt, size)
    })
}

/// A bin's count: how many of its values fail the norm and how many pass (or have no norm to meet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Count {
    fail: u32,
    pass: u32,
}

impl Count {
    fn total(self) -> u32 {
        self.fail.saturating_add(self.pass)
    }
}

/// Counts per bin: the bins' lower edge, their width, and the counts (the largest value goes in the last bin).
fn count(values: &[f64], bins: usize, norm: Option<&Norm>) -> (f64, f64, Vec<Count>) {
    let (mut lo, hi) = common::span(values.iter().copied(), false, 0.0);
    let width = (hi - lo) / bins as f64;
    let first = values.first().copied().unwrap_or(0.0);
    if values.iter().all(|v| *v == first) {
        // All equal: the range was widened around the value; put it in the middle of a bin, not on an edge.
        lo = first - width * ((bins / 2) as f64 + 0.5);
    }
    let mut counts = vec![Count::default(); bins];
    for v in values {
        let i = ((v - lo) / width).floor();
        let i = if i.is_nan() { 0 } else { i.clamp(0.0, (bins - 1) as f64) as usize };
        let c = &mut counts[i];
        if norm.is_some_and(|n| !n.passes(*v)) {
            c.fail = c.fail.saturating_add(1);
        } else {
            c.pass = c.pass.saturating_add(1);
        }
    }
    (lo, width, counts)
}

fn draw(
    root: &Area,
    text: &ChartText,
    values: &[f64],
    bins: usize,
    norm: Option<&Norm>,
    fmt: Fmt,
    size: (u32, u32),
) -> DrawResult {
    common::title(root, text, size.0)?;
    let (lo, width, counts) = count(values, bins, norm);
    let hi = lo + width * bins as f64;
    let (x_lo, x_hi) = common::span([lo, hi].into_iter().chain(norm.map(|n| n.value)), false, 0.03);
    let most = counts.iter().map(|c| c.total()).max().unwrap_or(0);
    let top = (most + (most / 8).max(1)).max(1);

    let left = common::text_px(&top.to_string(), TICK_PX) + 12 + 22;
    let norm_h = if norm.is_some() { 18 } else { 0 };
    let mut chart = ChartBuilder::on(root)
        .margin_top(common::TITLE_H + norm_h)
        .margin_left(8)
        .margin_right(20)
        .margin_bottom(4)
        .x_label_area_size(46)
        .y_label_area_size(left)
        .build_cartesian_2d(x_lo..x_hi, 0u32..top)?;
    let (px_x, px_y) = chart.plotting_area().get_pixel_range();
    let x_fmt = |v: &f64| common::clean(&fmt(*v));
    let y_fmt = |c: &u32| c.to_string();
    let ticks = ((px_x.end - px_x.start) / 70).clamp(2, 10) as usize;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(ticks)
        .y_labels(6)
        // Light lines hidden by colour: 0 light lines on an integer axis overflows in plotters 0.3.7.
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(MUTED.stroke_width(1))
        .label_style(common::style(TICK_PX, &MUTED))
        .axis_desc_style(common::style(common::DESC_PX, &INK))
        .x_desc(common::fit(text.x_label, px_x.end - px_x.start, common::DESC_PX))
        .y_desc(common::fit(text.y_label, px_y.end - px_y.start, common::DESC_PX))
        .draw()?;

    let slot = (px_x.end - px_x.start) as f64 * (width / (x_hi - x_lo));
    let mut labels = Vec::new();
    for (i, c) in counts.iter().enumerate().filter(|(_, c)| c.total() > 0) {
        let x0 = lo + width * i as f64;
        let (a, b) = (chart.backend_coord(&(x0, c.total())), chart.backend_coord(&(x0 + width, 0)));
        let b = ((b.0 - 1).max(a.0 + 1), b.1);
        if c.pass > 0 {
            common::solid(root, a, b)?;
        }
        if c.fail > 0 {
            let top = chart.backend_coord(&(x0, c.fail)).1;
            common::hatched(root, (a.0, top), b)?;
        }
        let label = c.total().to_string();
        if common::text_px(&label, TICK_PX) <= slot as i32 + 2 {
            labels.push((label, ((a.0 + b.0) / 2, a.1 - 3)));
        }
    }

    if let Some(norm) = norm {
        let x = norm.value.clamp(x_lo, x_hi);
        let (bottom, top) = (chart.backend_coord(&(x, 0)), chart.backend_coord(&(x, top)));
        common::dashed(root, (bottom.0, bottom.1), (top.0, top.1 - 4))?;
        let label = common::fit(&common::norm_text(norm, fmt), size.0 as i32 - 24, TICK_PX);
        let half = common::text_px(&label, TICK_PX) / 2 + 2;
        let x = top.0.clamp(half + 4, (size.0 as i32 - half - 4).max(half + 4));
        let style = common::at(&common::bold(TICK_PX, &INK), HPos::Center, VPos::Bottom);
        root.draw_text(&label, &style, (x, px_y.start - 6))?;
    }
    for (label, at) in labels {
        common::boxed_text(root, &label, &common::style(TICK_PX, &INK), TICK_PX, at, VPos::Bottom)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::NormKind;
    use super::super::tests::{assert_svg, fmt_nl};
    use super::*;

    fn text() -> ChartText<'static> {
        ChartText::new("Coördinator-fte", "fte", "aantal locaties", "geen gegevens")
    }

    #[test]
    fn counts_fill_the_bins_and_the_largest_value_goes_last() {
        let totals = |counts: Vec<Count>| counts.iter().map(|c| c.total()).collect::<Vec<_>>();
        let (lo, width, counts) = count(&[0.0, 0.1, 0.5, 0.99, 1.0], 4, None);
        assert_eq!((lo, width), (0.0, 0.25));
        assert_eq!(totals(counts), vec![2, 0, 1, 2]);
        let (lo, width, one) = count(&[3.0, 3.0, 3.0], 4, None);
        assert_eq!(totals(one), vec![0, 0, 3, 0]);
        assert!((lo + 2.5 * width - 3.0).abs() < 1e-9, "3 is in the middle of its bin");
    }

    #[test]
    fn a_bin_across_the_norm_splits_its_count() {
        let norm = Norm { value: 0.5, label: "", kind: NormKind::AtLeast };
        let (_, _, counts) = count(&[0.0, 0.45, 0.5, 0.55, 1.0], 2, Some(&norm));
        assert_eq!(counts, vec![Count { fail: 2, pass: 0 }, Count { fail: 0, pass: 3 }]);
        let norm = Norm { value: 0.5, label: "", kind: NormKind::AtMost };
        let (_, _, counts) = count(&[0.4, 0.5, 0.6], 1, Some(&norm));
        assert_eq!(counts, vec![Count { fail: 1, pass: 2 }]);
    }

    #[test]
    fn a_histogram_with_a_norm() {
        let values: Vec<f64> = (0..150).map(|i| f64::from(i % 17) / 10.0).collect();
        let norm = Norm { value: 0.5, label: "norm", kind: NormKind::AtLeast };
        let svg = distribution(&text(), &values, 10, Some(&norm), &fmt_nl);
        assert_svg(&svg);
        for needle in ["Coördinator-fte", ">\nfte\n", "aantal locaties", "norm ≥ 0,5"] {
            assert!(svg.contains(needle), "{needle} missing");
        }
    }

    #[test]
    fn odd_input_still_draws() {
        for values in [vec![], vec![f64::NAN], vec![2.0], vec![-1.0, -1.0], vec![f64::INFINITY, 1.0, -5.0]] {
            for bins in [0, 1, 7, 10_000] {
                assert_svg(&distribution(&text(), &values, bins, None, &fmt_nl));
            }
        }
        let svg = distribution(&text(), &[], 10, None, &fmt_nl);
        assert!(svg.contains("geen gegevens"));
    }
}
