//! The template's first sheet: what the workbook is for, what one row of each
//! sheet is, how to write dates, numbers and yes/no, and what must never be
//! in it (privacy). Two columns: a short label, and the text beside it.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::sheets::{GREY, LIGHT_ORANGE, ORANGE};
use super::texts::Texts;
use crate::tables::SheetKind;
use crate::tables::schema::LOCATION_COLUMN;

/// Width of the label column and of the text column, in characters.
const LABEL_WIDTH: f64 = 24.0;
const TEXT_WIDTH: f64 = 96.0;
/// Characters of prose that fit on one line of the text column (prose is
/// narrower than the digits column widths are measured in; kept on the safe side).
const CHARS_PER_LINE: usize = 95;

/// One row of the sheet.
enum Line {
    Title(String),
    Subtitle(String),
    Heading(String),
    /// A label and its text.
    Item(String, String),
    /// A label shown in a header colour, and what that colour means.
    Colour(String, &'static str, String),
    Blank,
}

/// The sheet's lines, in the user's language. `file` is the workbook's file name.
fn lines(texts: &Texts, file: &str) -> Vec<Line> {
    let item = |label: &str, text: String| Line::Item(texts.get(label), text);
    let colour = |key: &str, fill| Line::Colour(texts.get(&format!("{key}_label")), fill, texts.get(key));
    let mut lines = vec![
        Line::Title(texts.get("tpl_title")),
        Line::Subtitle(texts.get("tpl_subtitle")),
        Line::Blank,
        item("tpl_label_purpose", texts.get("tpl_purpose")),
        item("tpl_label_howto", texts.get("tpl_howto")),
        Line::Blank,
        Line::Heading(texts.get("tpl_heading_colours")),
        colour("tpl_colour_always", ORANGE),
        colour("tpl_colour_one_of", LIGHT_ORANGE),
        colour("tpl_colour_optional", GREY),
        Line::Blank,
        Line::Heading(texts.get("tpl_heading_sheets")),
    ];
    for kind in SheetKind::ALL {
        let spec = kind.spec();
        let need = texts.get(if spec.required { "tpl_sheet_required" } else { "tpl_sheet_optional" });
        let row = texts.get(&format!("tpl_row_{}", spec.name));
        lines.push(Line::Item(texts.sheet_name(kind).to_string(), format!("{row} {need}")));
    }
    lines.extend([
        Line::Blank,
        Line::Heading(texts.get("tpl_heading_values")),
        item("tpl_label_dates", texts.get("tpl_dates")),
        item("tpl_label_numbers", texts.get("tpl_numbers")),
        item("tpl_label_bool", texts.get("tpl_bool")),
        item("tpl_label_codes", texts.get("tpl_codes")),
        item("tpl_label_empty", texts.get("tpl_empty")),
        Line::Blank,
        Line::Heading(texts.get("tpl_heading_privacy")),
        item("tpl_label_never", texts.get("tpl_privacy_never")),
        item("tpl_label_ids", texts.get("tpl_privacy_ids")),
        item("tpl_label_columns_found", texts.get("tpl_privacy_columns")),
        Line::Blank,
        Line::Heading(texts.get("tpl_heading_more")),
        item("tpl_label_multi", texts.fill("tpl_multi", &[("column", texts.header(&LOCATION_COLUMN))])),
        item("tpl_label_check", texts.fill("tpl_check", &[("file", file)])),
    ]);
    lines
}

/// The row height (points) that shows all of `text` wrapped in the text column.
fn height_for(text: &str) -> f64 {
    let lines: usize = text.lines().map(|l| l.chars().count().div_ceil(CHARS_PER_LINE).max(1)).sum();
    15.0 * lines as f64 + 4.0
}

/// Writes the instructions into an empty worksheet.
pub fn write_instructions(ws: &mut Worksheet, texts: &Texts, file: &str) -> Result<(), XlsxError> {
    ws.set_name(texts.get("tpl_instructions_sheet"))?;
    ws.set_column_width(0, LABEL_WIDTH)?;
    ws.set_column_width(1, TEXT_WIDTH)?;
    let title = Format::new().set_bold().set_font_size(16);
    let subtitle = Format::new().set_italic();
    let heading = Format::new().set_bold().set_font_size(13).set_border_bottom(FormatBorder::Thin);
    let label = Format::new().set_bold().set_align(FormatAlign::Top).set_text_wrap();
    let text = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    for (r, line) in lines(texts, file).iter().enumerate() {
        let row = u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
        match line {
            Line::Title(t) => {
                ws.write_string_with_format(row, 0, t, &title)?;
                ws.set_row_height(row, 24)?;
            }
            Line::Subtitle(t) => {
                ws.write_string_with_format(row, 0, t, &subtitle)?;
            }
            Line::Heading(t) => {
                ws.write_string_with_format(row, 0, t, &heading)?;
                ws.write_blank(row, 1, &heading)?;
                ws.set_row_height(row, 20)?;
            }
            Line::Item(l, t) => {
                ws.write_string_with_format(row, 0, l, &label)?;
                ws.write_string_with_format(row, 1, t, &text)?;
                ws.set_row_height(row, height_for(t))?;
            }
            Line::Colour(l, fill, t) => {
                let swatch = Format::new()
                    .set_bold()
                    .set_align(FormatAlign::Top)
                    .set_background_color(*fill)
                    .set_border(FormatBorder::Thin);
                ws.write_string_with_format(row, 0, l, &swatch)?;
                ws.write_string_with_format(row, 1, t, &text)?;
                ws.set_row_height(row, height_for(t))?;
            }
            Line::Blank => {}
        }
    }
    // A page to read, not a grid to fill in.
    ws.set_screen_gridlines(false);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn one_line_per_sheet_and_no_missing_texts() {
        for lang in [Lang::Nl, Lang::En] {
            let texts = Texts::new(lang);
            let all = lines(&texts, "x.xlsx");
            for kind in SheetKind::ALL {
                let name = texts.sheet_name(kind);
                assert!(all.iter().any(|l| matches!(l, Line::Item(label, _) if label == name)), "{name}");
            }
            for line in &all {
                let shown = match line {
                    Line::Title(t) | Line::Subtitle(t) | Line::Heading(t) => t.clone(),
                    Line::Item(l, t) | Line::Colour(l, _, t) => format!("{l} {t}"),
                    Line::Blank => String::new(),
                };
                assert!(!shown.contains("[tpl_") && !shown.contains('{'), "{shown}");
            }
        }
    }

    #[test]
    fn privacy_is_spelled_out() {
        let texts = Texts::new(Lang::Nl);
        let all: String = lines(&texts, "x.xlsx")
            .iter()
            .filter_map(|l| if let Line::Item(_, t) = l { Some(t.as_str()) } else { None })
            .collect();
        for word in ["Namen", "adressen", "postcodes", "telefoonnummers", "e-mailadressen", "BSN"] {
            assert!(all.contains(word), "{word}");
        }
    }
}
