//! What the charts share: palette, fonts, fitting text, hatching, the norm line, the empty chart, the SVG wrapper.

use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartText, Fmt, Norm, NormKind};

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(super) type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Text, the norm line, the outline of failing marks.
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Axes, tick labels, secondary text.
pub(super) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid lines and empty frames.
pub(super) const GRID: RGBColor = RGBColor(0xe2, 0xe2, 0xe2);
/// Bars that pass (or have no norm): a muted blue that prints as a mid grey.
pub(super) const BAR: RGBColor = RGBColor(0x5b, 0x7a, 0x99);
/// Hatching and outline of what fails: a dark red that prints as a dark grey.
pub(super) const FAIL: RGBColor = RGBColor(0x8c, 0x2d, 0x2d);
pub(super) const PAPER: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// px of the title, the axis descriptions, the ticks and value labels.
pub(super) const TITLE_PX: u32 = 14;
pub(super) const DESC_PX: u32 = 12;
pub(super) const TICK_PX: u32 = 11;
/// Height kept for the title above the plot.
pub(super) const TITLE_H: i32 = 34;
/// Width in em of an average lower-case glyph or digit of DejaVu Sans (the widest common sans-serif).
const CHAR_EM: f64 = 0.63;
/// Axis ranges are computed within ±this, so their span stays finite.
pub(super) const MAX_ABS: f64 = 1e15;

/// The size asked for, or the chart's default; never smaller than 240x100.
pub(super) fn size(text: &ChartText, default: (u32, u32)) -> (u32, u32) {
    let (w, h) = text.size.unwrap_or(default);
    (w.clamp(240, 20_000), h.clamp(100, 40_000))
}

/// A text style in px (plotters writes font-size as size / 1.24, so the sizes used here come out whole).
pub(super) fn style(px: u32, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FontFamily::SansSerif, f64::from(px) * 1.24)).color(color)
}

pub(super) fn bold(px: u32, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from(FontDesc::new(FontFamily::SansSerif, f64::from(px) * 1.24, FontStyle::Bold)).color(color)
}

pub(super) fn at(style: &TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// A caller's text on one line: control characters (not allowed in XML) become spaces.
pub(super) fn clean(s: &str) -> String {
    let one_line: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.trim().to_string()
}

/// Estimated width in px of `s` at `px`, erring on the wide side (no font is measured: none is shipped).
pub(super) fn text_px(s: &str, px: u32) -> i32 {
    let em: f64 = s.chars().map(char_em).sum();
    (em * f64::from(px)).ceil() as i32
}

/// Rough advance width of one glyph in em, by class, from DejaVu Sans (the widest common sans-serif).
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        't' | 'f' | 'r' | ' ' | '(' | ')' | '-' | '/' => 0.42,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.95,
        'A'..='Z' => 0.75,
        '…' | '✓' | '✗' | '≥' | '≤' | '○' => 0.84,
        _ => CHAR_EM,
    }
}

/// `s` over at most two lines of `max_px`, broken between words; the second
/// line cut (with "…") when even two lines are too short.
pub(super) fn wrap2(s: &str, max_px: i32, px: u32) -> (String, Option<String>) {
    let s = clean(s);
    if text_px(&s, px) <= max_px {
        return (s, None);
    }
    let mut first = String::new();
    let mut rest = s.as_str();
    for (i, word) in s.split(' ').enumerate() {
        let candidate = if first.is_empty() { word.to_string() } else { format!("{first} {word}") };
        if i > 0 && text_px(&candidate, px) > max_px {
            break;
        }
        first = candidate;
        rest = s.get(first.len()..).unwrap_or("").trim_start();
    }
    if text_px(&first, px) > max_px || rest.is_empty() {
        return (fit(&s, max_px, px), None);
    }
    (first, Some(fit(rest, max_px, px)))
}

/// `s` cleaned and cut to fit `max_px`, ending in "…" when cut.
pub(super) fn fit(s: &str, max_px: i32, px: u32) -> String {
    let s = clean(s);
    if text_px(&s, px) <= max_px {
        return s;
    }
    let room = f64::from(max_px) / f64::from(px) - char_em('…');
    if room < CHAR_EM {
        return String::new();
    }
    let mut used = 0.0;
    let mut cut: String = s
        .chars()
        .take_while(|c| {
            used += char_em(*c);
            used <= room
        })
        .collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Draws into a fresh SVG of `size` and returns it as one image (`role="img"`)
/// named by its `<title>`; a drawing error gives a bare SVG. The figures a
/// chart is drawn from are the report's to show beside it, as a table.
pub(super) fn render(size: (u32, u32), title: &str, draw: impl FnOnce(&Area) -> DrawResult) -> String {
    let mut buf = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        let result = root.fill(&PAPER).and_then(|()| draw(&root)).and_then(|()| root.present());
        result.is_ok()
    };
    let title = format!("<title>{}</title>", escape(&clean(title)));
    if !drawn {
        let (w, h) = size;
        return format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"{SVG_NS}\" role=\"img\">{title}</svg>"
        );
    }
    let body = buf.trim_end();
    match body.find('>') {
        Some(end) => format!("{} role=\"img\">\n{}{}", body[..end].trim_end_matches('/'), title, &body[end + 1..]),
        None => body.to_string(),
    }
}

/// XML escaping for text written here rather than by the plotters backend (which escapes its own).
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The title, top left.
pub(super) fn title(root: &Area, text: &ChartText, width: u32) -> DrawResult {
    let t = fit(text.title, width as i32 - 24, TITLE_PX);
    root.draw_text(&t, &at(&bold(TITLE_PX, &INK), HPos::Left, VPos::Top), (12, 10))
}

/// An empty chart: the title, an empty frame with the no-data text, the axis descriptions.
pub(super) fn no_data(root: &Area, text: &ChartText, (w, h): (u32, u32)) -> DrawResult {
    title(root, text, w)?;
    let (w, h) = (w as i32, h as i32);
    let (x0, y0, x1, y1) = (56, TITLE_H + 6, w - 16, (h - 40).max(TITLE_H + 30));
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], GRID.stroke_width(1)))?;
    let msg = fit(text.no_data, x1 - x0 - 16, DESC_PX);
    root.draw_text(&msg, &at(&style(DESC_PX, &MUTED), HPos::Center, VPos::Center), ((x0 + x1) / 2, (y0 + y1) / 2))?;
    x_desc(root, text.x_label, (x0, x1), h - 8)?;
    y_desc(root, text.y_label, 8, (y0, y1))
}

/// The x axis description centred under `span`, its baseline at `y`.
pub(super) fn x_desc(root: &Area, label: &str, (x0, x1): (i32, i32), y: i32) -> DrawResult {
    let t = fit(label, x1 - x0, DESC_PX);
    root.draw_text(&t, &at(&style(DESC_PX, &INK), HPos::Center, VPos::Bottom), ((x0 + x1) / 2, y))
}

/// The y axis description, turned to read upwards, centred on `span`, its top at `x`.
pub(super) fn y_desc(root: &Area, label: &str, x: i32, (y0, y1): (i32, i32)) -> DrawResult {
    let t = fit(label, (y1 - y0).abs(), DESC_PX);
    let s = at(&style(DESC_PX, &INK), HPos::Center, VPos::Top).transform(FontTransform::Rotate270);
    root.draw_text(&t, &s, (x, (y0 + y1) / 2))
}

/// A norm that can be drawn: a finite value.
pub(super) fn usable<'n, 'a>(norm: Option<&'n Norm<'a>>) -> Option<&'n Norm<'a>> {
    norm.filter(|n| n.value.is_finite())
}

/// "{label} ≥ {value}" (≤ for at-most norms); without a label just "≥ {value}".
pub(super) fn norm_text(norm: &Norm, fmt: Fmt) -> String {
    let sign = match norm.kind {
        NormKind::AtLeast => "≥",
        NormKind::AtMost => "≤",
    };
    let label = clean(norm.label);
    let value = clean(&fmt(norm.value));
    if label.is_empty() { format!("{sign} {value}") } else { format!("{label} {sign} {value}") }
}

/// A text centred on `x` over a white box, so a line or grid under it does not cross it.
pub(super) fn boxed_text(
    root: &Area,
    text: &str,
    style: &TextStyle<'static>,
    px: u32,
    (x, y): (i32, i32),
    v: VPos,
) -> DrawResult {
    if text.is_empty() {
        return Ok(());
    }
    let half = text_px(text, px) / 2 + 2;
    let h = px as i32 + 2;
    let (top, bottom) = match v {
        VPos::Bottom => (y - h, y + 1),
        VPos::Top => (y - 1, y + h),
        VPos::Center => (y - h / 2 - 1, y + h / 2 + 1),
    };
    root.draw(&Rectangle::new([(x - half, top), (x + half, bottom)], PAPER.filled()))?;
    root.draw_text(text, &at(style, HPos::Center, v), (x, y))
}

/// The norm line: dashed, dark, 2 px.
pub(super) fn dashed(root: &Area, from: (i32, i32), to: (i32, i32)) -> DrawResult {
    root.draw(&DashedPathElement::new(vec![from, to], 6, 4, INK.stroke_width(2)))
}

/// A bar that passes: a solid fill.
pub(super) fn solid(root: &Area, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) -> DrawResult {
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], BAR.filled()))
}

/// The largest pixel coordinate a mark is drawn at; charts are at most a few
/// thousand pixels, so this only bounds what extreme values could produce.
const MAX_PIXEL: i32 = 100_000;

/// A mark that fails: white with diagonal hatching and an outline, so it reads in grey and in print.
pub(super) fn hatched(root: &Area, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) -> DrawResult {
    // Pixel coordinates far outside any chart (from extreme values) are
    // clamped first, so the hatching arithmetic below cannot overflow.
    let px = |v: i32| v.clamp(-MAX_PIXEL, MAX_PIXEL);
    let (x0, x1, y0, y1) = (px(x0), px(x1), px(y0), px(y1));
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let (y0, y1) = (y0.min(y1), y0.max(y1));
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], PAPER.filled()))?;
    // Lines x + y = c, from the bottom left to the top right, every 6 px, clipped to the rectangle.
    let mut c = x0 + y0 + 6;
    while c < x1 + y1 {
        let (xa, xb) = ((c - y1).max(x0), (c - y0).min(x1));
        if xa < xb {
            root.draw(&PathElement::new(vec![(xa, c - xa), (xb, c - xb)], FAIL.stroke_width(1)))?;
        }
        c += 6;
    }
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], FAIL.stroke_width(1)))
}

/// An axis range holding every value (and zero when asked), never empty, finite, padded by `pad` of its span.
pub(super) fn span(values: impl Iterator<Item = f64>, with_zero: bool, pad: f64) -> (f64, f64) {
    let start = if with_zero { (0.0, 0.0) } else { (f64::INFINITY, f64::NEG_INFINITY) };
    let (mut lo, mut hi) = values
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-MAX_ABS, MAX_ABS))
        .fold(start, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-9 * hi.abs().max(1.0) {
        let half = (hi.abs() * 0.1).max(0.5);
        (lo, hi) = if with_zero && lo == 0.0 { (0.0, 1.0) } else { (lo - half, hi + half) };
    }
    let extra = (hi - lo) * pad;
    let lo = if with_zero && lo == 0.0 { lo } else { lo - extra };
    let hi = if with_zero && hi == 0.0 { hi } else { hi + extra };
    (lo, hi)
}

/// The tick values plotters will put on an f64 axis with `hint` labels (to size the label area).
pub(super) fn ticks(lo: f64, hi: f64, hint: usize) -> Vec<f64> {
    RangedCoordf64::from(lo..hi).key_points(hint)
}

/// Width in px of the widest formatted tick.
pub(super) fn widest(values: &[f64], fmt: Fmt) -> i32 {
    values.iter().map(|v| text_px(&clean(&fmt(*v)), TICK_PX)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_lines_break_between_words_and_cut_only_the_second() {
        assert_eq!(wrap2("kort", 100, 11), ("kort".to_string(), None));
        let (first, second) = wrap2("4 tot en met 6 jaar (<5)", 90, 11);
        assert!(text_px(&first, 11) <= 90 && first.starts_with("4 tot"), "{first}");
        assert_eq!(format!("{first} {}", second.clone().unwrap_or_default()), "4 tot en met 6 jaar (<5)");
        let (_, cut) = wrap2("een heel erg lange omschrijving die op geen twee regels past", 60, 11);
        assert!(cut.is_some_and(|c| c.ends_with('…')));
        assert_eq!(wrap2("Onafgebrokenlangwoordzonderspaties", 40, 11).1, None);
    }
}
