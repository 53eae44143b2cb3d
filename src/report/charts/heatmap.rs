//! Heatmap: rows (locations) by columns (rules), each cell a state shown by a grey-distinct fill and a symbol.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{self, Area, DESC_PX, DrawResult, GRID, INK, TICK_PX};
use super::{CellState, ChartText};

const DEFAULT_WIDTH: u32 = 640;
const CELL_H: i32 = 18;
const MIN_CELL_W: i32 = 20;
const MAX_CELL_W: i32 = 48;
/// Longest row label, and longest column label when turned upright, in px.
const MAX_ROW_LABEL: i32 = 200;
const MAX_COLUMN_LABEL: i32 = 110;
const MARGIN: i32 = 12;

/// Fill and symbol colour of a state: light for what is fine, dark for a failure, mid for the rest.
fn colours(state: CellState) -> (RGBColor, RGBColor) {
    match state {
        CellState::Pass => (RGBColor(0xdb, 0xe8, 0xdc), RGBColor(0x1f, 0x4d, 0x2c)),
        CellState::Fail => (common::FAIL, common::PAPER),
        CellState::NotYetDue => (RGBColor(0xf1, 0xe4, 0xc3), RGBColor(0x5c, 0x4a, 0x14)),
        CellState::NotApplicable => (RGBColor(0xf2, 0xf2, 0xf2), RGBColor(0x66, 0x66, 0x66)),
        CellState::NotEvaluated => (RGBColor(0xcf, 0xcf, 0xcf), RGBColor(0x22, 0x22, 0x22)),
        CellState::Waived => (RGBColor(0xdf, 0xe4, 0xef), RGBColor(0x2d, 0x3e, 0x66)),
        CellState::Empty => (common::PAPER, common::PAPER),
    }
}

/// A grid of `rows` x `columns`; `cells[row][column]` (missing cells are `Empty`, extra ones ignored). The width
/// is at least `text.size`'s, wider when the columns need it; the height follows the rows. `x_label` heads the
/// columns, `y_label` the row labels; `legend` lists the states to explain, in the caller's words.
pub fn heatmap(
    text: &ChartText,
    rows: &[String],
    columns: &[String],
    cells: &[Vec<CellState>],
    legend: &[(CellState, String)],
) -> String {
    let (width, height) = common::size(text, (DEFAULT_WIDTH, 320));
    if rows.is_empty() || columns.is_empty() {
        return common::render((width, height), text.title, |root| common::no_data(root, text, (width, height)));
    }
    let layout = Layout::new(text, rows, columns, legend, width as i32);
    let size = (layout.width as u32, layout.height as u32);
    let frame = common::render(size, text.title, |root| draw(root, text, rows, columns, None, legend, &layout));
    let font_size = format!("{}", f64::from(TICK_PX) * 1.24 / 1.24);
    with_cells(&frame, columns.len() + 3, rows.len(), |r, out| {
        let y = layout.grid_top + r as i32 * CELL_H;
        let states = cells.get(r).map(Vec::as_slice).unwrap_or(&[]);
        for c in 0..columns.len() {
            let state = states.get(c).copied().unwrap_or(CellState::Empty);
            write_cell(out, state, (layout.left + c as i32 * layout.cell_w, y), layout.cell_w, &font_size);
        }
    })
}

/// `frame` with each row's cells written after that row's label: the `skip + r`-th text element (the title, the
/// two axis descriptions and the column labels come first). A national heatmap has 30,000 cells: drawn through
/// plotters, each took some 13,000 instructions, a fifth of rendering the national reports; written here, the same
/// bytes plotters writes (a test compares the two).
fn with_cells(frame: &str, skip: usize, rows: usize, mut row: impl FnMut(usize, &mut String)) -> String {
    const END: &str = "</text>\n";
    let mut out = String::with_capacity(frame.len() + rows * 1200);
    let mut rest = frame;
    let mut texts = 0usize;
    while let Some(at) = rest.find(END) {
        let (head, tail) = rest.split_at(at + END.len());
        out.push_str(head);
        rest = tail;
        if let Some(r) = texts.checked_sub(skip).filter(|r| *r < rows) {
            row(r, &mut out);
        }
        texts += 1;
    }
    out.push_str(rest);
    out
}

/// One cell as plotters' SVG backend writes [`cell`]: the rectangle, then the symbol centred on it (`font_size` as
/// plotters writes the size of [`TICK_PX`]).
fn write_cell(out: &mut String, state: CellState, (x, y): (i32, i32), w: i32, font_size: &str) {
    let (fill, ink) = colours(state);
    let mut n = itoa::Buffer::new();
    let mut put = |out: &mut String, name: &str, v: i32| {
        out.push_str(name);
        out.push_str(n.format(v));
        out.push('"');
    };
    put(out, "<rect x=\"", x + 1);
    put(out, " y=\"", y + 1);
    put(out, " width=\"", w - 2);
    put(out, " height=\"", CELL_H - 2);
    if state == CellState::Empty {
        out.push_str(" opacity=\"1\" fill=\"none\" stroke=\"");
        push_colour(out, GRID);
        out.push_str("\"/>\n");
        return;
    }
    out.push_str(" opacity=\"1\" fill=\"");
    push_colour(out, fill);
    out.push_str("\" stroke=\"none\"/>\n");
    put(out, "<text x=\"", x + w / 2);
    put(out, " y=\"", y + CELL_H / 2);
    out.push_str(" dy=\"0.5ex\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"");
    out.push_str(font_size);
    out.push_str("\" opacity=\"1\" fill=\"");
    push_colour(out, ink);
    out.push_str("\">\n");
    out.push_str(state.symbol());
    out.push_str("\n</text>\n");
}

/// `#RRGGBB`, as plotters writes a colour.
fn push_colour(out: &mut String, RGBColor(r, g, b): RGBColor) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    for v in [r, g, b] {
        out.push(char::from(HEX[usize::from(v >> 4)]));
        out.push(char::from(HEX[usize::from(v & 15)]));
    }
}

/// Where everything goes, in px.
struct Layout {
    width: i32,
    height: i32,
    left: i32,
    cell_w: i32,
    /// Column labels turned upright.
    upright: bool,
    grid_top: i32,
    legend: Vec<(i32, i32, String)>,
}

impl Layout {
    fn new(
        text: &ChartText,
        rows: &[String],
        columns: &[String],
        legend: &[(CellState, String)],
        min_width: i32,
    ) -> Self {
        let widest = |labels: &[String]| labels.iter().map(|l| common::text_px(&common::clean(l), TICK_PX)).max();
        let row_px = widest(rows).unwrap_or(0).min(MAX_ROW_LABEL);
        let left = MARGIN + row_px.max(40) + 8;
        let n = columns.len().min(i32::MAX as usize / MAX_CELL_W as usize) as i32;
        let cell_w = ((min_width - left - MARGIN) / n).clamp(MIN_CELL_W, MAX_CELL_W);
        let width = min_width.max(left + n * cell_w + MARGIN);
        let column_px = widest(columns).unwrap_or(0);
        let upright = column_px > cell_w - 4;
        let header = if upright { column_px.min(MAX_COLUMN_LABEL) + 8 } else { 18 };
        let x_desc = if common::clean(text.x_label).is_empty() { 0 } else { 20 };
        let grid_top = common::TITLE_H + x_desc + header;
        let grid_bottom = grid_top.saturating_add((rows.len().min(100_000) as i32) * CELL_H);

        // The legend flows in lines under the grid: a sample cell, then the text.
        let mut placed = Vec::new();
        let (mut x, mut y) = (MARGIN, grid_bottom + 14);
        for (_, label) in legend {
            let label = common::fit(label, width - 2 * MARGIN - 24, TICK_PX);
            let item = 22 + common::text_px(&label, TICK_PX) + 16;
            if x > MARGIN && x + item > width - MARGIN {
                (x, y) = (MARGIN, y + 22);
            }
            placed.push((x, y, label));
            x += item;
        }
        let height = if legend.is_empty() { grid_bottom + MARGIN } else { y + CELL_H + MARGIN };
        Layout { width, height, left, cell_w, upright, grid_top, legend: placed }
    }
}

/// One cell (or legend sample) with its top left at `(x, y)`, inset by a pixel so cells read as a grid.
fn cell(root: &Area, state: CellState, (x, y): (i32, i32), w: i32) -> DrawResult {
    let (fill, ink) = colours(state);
    let (a, b) = ((x + 1, y + 1), (x + w - 1, y + CELL_H - 1));
    if state == CellState::Empty {
        return root.draw(&Rectangle::new([a, b], GRID.stroke_width(1)));
    }
    root.draw(&Rectangle::new([a, b], fill.filled()))?;
    let style = common::at(&common::style(TICK_PX, &INK), HPos::Center, VPos::Center).color(&ink);
    root.draw_text(state.symbol(), &style, (x + w / 2, y + CELL_H / 2))
}

/// Draws the chart; the grid's cells too when `cells` holds them (the reference [`with_cells`] is tested against).
fn draw(
    root: &Area,
    text: &ChartText,
    rows: &[String],
    columns: &[String],
    cells: Option<&[Vec<CellState>]>,
    legend: &[(CellState, String)],
    layout: &Layout,
) -> DrawResult {
    common::title(root, text, layout.width as u32)?;
    let grid_right = layout.left + columns.len() as i32 * layout.cell_w;
    let x_label = common::fit(text.x_label, grid_right - layout.left, DESC_PX);
    let desc = common::at(&common::style(DESC_PX, &INK), HPos::Center, VPos::Top);
    root.draw_text(&x_label, &desc, ((layout.left + grid_right) / 2, common::TITLE_H))?;
    let y_label = common::fit(text.y_label, layout.left - MARGIN - 8, DESC_PX);
    let desc = common::at(&common::style(DESC_PX, &INK), HPos::Left, VPos::Bottom);
    root.draw_text(&y_label, &desc, (MARGIN, layout.grid_top - 4))?;

    let label_style = common::style(TICK_PX, &INK);
    for (c, column) in columns.iter().enumerate() {
        let centre = layout.left + c as i32 * layout.cell_w + layout.cell_w / 2;
        if layout.upright {
            let t = common::fit(column, MAX_COLUMN_LABEL, TICK_PX);
            let s = common::at(&label_style, HPos::Left, VPos::Center).transform(FontTransform::Rotate270);
            root.draw_text(&t, &s, (centre, layout.grid_top - 4))?;
        } else {
            let t = common::fit(column, layout.cell_w - 2, TICK_PX);
            root.draw_text(&t, &common::at(&label_style, HPos::Center, VPos::Bottom), (centre, layout.grid_top - 3))?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let y = layout.grid_top + r as i32 * CELL_H;
        let t = common::fit(row, layout.left - MARGIN - 8, TICK_PX);
        root.draw_text(&t, &common::at(&label_style, HPos::Right, VPos::Center), (layout.left - 6, y + CELL_H / 2))?;
        let Some(cells) = cells else { continue };
        let states = cells.get(r).map(Vec::as_slice).unwrap_or(&[]);
        for c in 0..columns.len() {
            let state = states.get(c).copied().unwrap_or(CellState::Empty);
            cell(root, state, (layout.left + c as i32 * layout.cell_w, y), layout.cell_w)?;
        }
    }
    for ((state, _), (x, y, label)) in legend.iter().zip(&layout.legend) {
        cell(root, *state, (*x, *y), 20)?;
        root.draw_text(label, &common::at(&label_style, HPos::Left, VPos::Center), (x + 24, y + CELL_H / 2))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::assert_svg;
    use super::*;

    fn text() -> ChartText<'static> {
        ChartText::new("Regels per locatie", "regel", "locatie", "geen gegevens")
    }

    const STATES: [CellState; 7] = [
        CellState::Pass,
        CellState::Fail,
        CellState::NotYetDue,
        CellState::NotApplicable,
        CellState::NotEvaluated,
        CellState::Waived,
        CellState::Empty,
    ];

    fn names(prefix: &str, n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("{prefix} {i}")).collect()
    }

    #[test]
    fn every_state_has_its_symbol_and_the_legend_its_text() {
        let states = STATES;
        let legend: Vec<(CellState, String)> = states.iter().map(|s| (*s, format!("{s:?} uitleg"))).collect();
        let svg = heatmap(&text(), &names("loc", 1), &names("R", 7), &[states.to_vec()], &legend);
        assert_svg(&svg);
        let symbols = states.iter().map(|s| s.symbol()).filter(|s| !s.is_empty());
        for needle in
            ["Regels per locatie", "regel", "locatie", "loc 1", "R 7", "Waived uitleg"].into_iter().chain(symbols)
        {
            assert!(svg.contains(needle), "{needle} missing");
        }
    }

    #[test]
    fn height_grows_with_rows_and_width_with_columns() {
        let height = |svg: &str| -> u32 {
            let at = svg.find("height=\"").map(|i| i + 8).unwrap_or(0);
            svg[at..].split('"').next().and_then(|h| h.parse().ok()).unwrap_or(0)
        };
        let small = heatmap(&text(), &names("loc", 10), &names("R", 5), &[], &[]);
        let big = heatmap(&text(), &names("loc", 150), &names("R", 5), &[], &[]);
        assert_svg(&big);
        assert!(height(&big) >= height(&small) + 140 * CELL_H as u32);
        let wide = heatmap(&text(), &names("loc", 2), &names("L-0", 60), &[], &[]);
        assert!(wide.starts_with(&format!("<svg width=\"{}\"", MARGIN + 48 + 60 * MIN_CELL_W + MARGIN)));
    }

    /// The cells written by hand are the bytes plotters writes, for every state, width and shape of grid.
    #[test]
    fn cells_written_by_hand_are_what_plotters_draws() {
        let states = STATES;
        let legend: Vec<(CellState, String)> = states.iter().map(|s| (*s, format!("{s:?} <uitleg>"))).collect();
        for (n_rows, n_cols) in [(1, 1), (3, 7), (40, 20), (5, 60)] {
            let rows = names("loc & co", n_rows);
            let columns = names("HS-L0", n_cols);
            let cells: Vec<Vec<CellState>> = (0..n_rows)
                .map(|r| (0..n_cols.saturating_sub(r % 3)).map(|c| states[(r * 7 + c) % 7]).collect())
                .collect();
            let text = text();
            let (width, _) = common::size(&text, (DEFAULT_WIDTH, 320));
            let layout = Layout::new(&text, &rows, &columns, &legend, width as i32);
            let size = (layout.width as u32, layout.height as u32);
            let by_plotters = common::render(size, text.title, |root| {
                draw(root, &text, &rows, &columns, Some(&cells), &legend, &layout)
            });
            assert_eq!(heatmap(&text, &rows, &columns, &cells, &legend), by_plotters, "{n_rows} x {n_cols}");
        }
    }

    #[test]
    fn empty_rows_or_columns_draw_no_data() {
        for svg in [heatmap(&text(), &[], &names("R", 3), &[], &[]), heatmap(&text(), &names("loc", 3), &[], &[], &[])]
        {
            assert_svg(&svg);
            assert!(svg.contains("geen gegevens"));
        }
    }
}
