//! Charts (stub until the plotters charts land): the API the reports draw with.

/// The texts of a chart, already in the report's language.
pub struct ChartText<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub no_data: &'a str,
}

/// Which side of the norm passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormKind {
    AtLeast,
    AtMost,
}

pub struct Norm<'a> {
    pub value: f64,
    pub label: &'a str,
    pub kind: NormKind,
}

pub type Fmt<'a> = &'a dyn Fn(f64) -> String;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState {
    Pass,
    Fail,
    NotYetDue,
    NotApplicable,
    NotEvaluated,
    Waived,
    Empty,
}

fn stub(text: &ChartText) -> String {
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title></svg>", text.title.replace('<', "&lt;"))
}

pub fn bar_chart(text: &ChartText, _bars: &[(String, f64)], _norm: Option<&Norm>, _fmt: Fmt) -> String {
    stub(text)
}

pub fn distribution(text: &ChartText, _values: &[f64], _bins: usize, _norm: Option<&Norm>, _fmt: Fmt) -> String {
    stub(text)
}

pub fn heatmap(
    text: &ChartText,
    _rows: &[String],
    _columns: &[String],
    _cells: &[Vec<CellState>],
    _legend: &[(CellState, String)],
) -> String {
    stub(text)
}

pub fn gauge(text: &ChartText, _value: f64, _norm: &Norm, _max: f64, _fmt: Fmt) -> String {
    stub(text)
}
