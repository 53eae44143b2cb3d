//! Charts for the reports: SVG strings to inline in HTML (and so in the printed PDF), drawn with plotters.
//!
//! Every chart:
//! - shows only strings the caller passes (already translated) and numbers the caller's formatter writes;
//! - carries no meaning by colour alone: failing bars are hatched and marked ✗, heatmap cells carry a symbol;
//! - needs no font file and references nothing outside itself (font-family "sans-serif");
//! - gives the same bytes for the same input (no ids, no timestamps);
//! - skips NaN and infinite values, truncates long labels with "…", and never panics.

mod bar;
mod common;
mod distribution;
mod gauge;
mod heatmap;
mod line;
#[cfg(test)]
mod tests;

pub use bar::bar_chart;
pub use distribution::distribution;
pub use gauge::gauge;
pub use heatmap::heatmap;
pub use line::line_chart;

/// The visible texts of a chart, and its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartText<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    /// Shown in place of the plot when there is nothing to draw (no values, or none finite).
    pub no_data: &'a str,
    /// Width and height in px. `None`: 640x320 (a gauge 640x140). A heatmap takes the width as a minimum
    /// and grows its height with its rows.
    pub size: Option<(u32, u32)>,
}

impl<'a> ChartText<'a> {
    /// Texts at the default size.
    pub fn new(title: &'a str, x_label: &'a str, y_label: &'a str, no_data: &'a str) -> Self {
        ChartText { title, x_label, y_label, no_data, size: None }
    }

    /// The same texts at another size in px (clamped to at least 240x100).
    pub fn with_size(self, width: u32, height: u32) -> Self {
        ChartText { size: Some((width, height)), ..self }
    }
}

/// Which side of a norm passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NormKind {
    /// A value passes when it is at least the norm (e.g. coordinator fte).
    AtLeast,
    /// A value passes when it is at most the norm (e.g. families per volunteer).
    AtMost,
}

/// A norm drawn as a dashed line, labelled "{label} ≥ {value}" (or "≤" for `AtMost`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Norm<'a> {
    pub value: f64,
    pub label: &'a str,
    pub kind: NormKind,
}

impl Norm<'_> {
    /// Whether `value` is on the passing side (a NaN norm fails nothing, a NaN value passes nothing).
    pub fn passes(&self, value: f64) -> bool {
        if self.value.is_nan() {
            return true;
        }
        match self.kind {
            NormKind::AtLeast => value >= self.value,
            NormKind::AtMost => value <= self.value,
        }
    }
}

/// Writes a number for an axis tick or a value label (the caller decides decimals and the decimal sign).
pub type Fmt<'a> = &'a dyn Fn(f64) -> String;

/// The state of one heatmap cell; each has a fill and a text symbol, so it reads without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellState {
    Pass,
    Fail,
    NotYetDue,
    NotApplicable,
    NotEvaluated,
    Waived,
    Empty,
}

impl CellState {
    /// The symbol drawn in the cell (the caller's legend text explains it).
    pub fn symbol(self) -> &'static str {
        match self {
            CellState::Pass => "✓",
            CellState::Fail => "✗",
            CellState::NotYetDue => "…",
            CellState::NotApplicable => "–",
            CellState::NotEvaluated => "?",
            CellState::Waived => "○",
            CellState::Empty => "",
        }
    }
}
