//! Writing one data sheet of the template: the header row (bold, coloured by
//! how much each column must be filled in, frozen, printed on every page), a
//! note on every header, and per column its cell format, width and validation.
//! No cell below the header is written: the sheet stays empty to fill in.

use rust_xlsxwriter::{Format, FormatBorder, Note, Worksheet, XlsxError};

use super::columns::{Need, SheetPlan, note_size};
use super::validation;

/// The header colours, also named in the instructions.
pub const ORANGE: &str = "#F4B183";
pub const LIGHT_ORANGE: &str = "#FBE5D6";
pub const GREY: &str = "#E7E6E6";

/// The author shown with the notes in Excel's status bar.
const NOTE_AUTHOR: &str = "hs-audit";

/// Writes `plan` into an empty worksheet.
pub fn write_sheet(ws: &mut Worksheet, plan: &SheetPlan) -> Result<(), XlsxError> {
    ws.set_name(plan.name)?;
    ws.set_default_note_author(NOTE_AUTHOR);
    for (c, column) in plan.columns.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        let fill = match column.need {
            Need::Always => ORANGE,
            Need::OneOfGroup => LIGHT_ORANGE,
            Need::Optional => GREY,
        };
        let header = Format::new()
            .set_bold()
            .set_background_color(fill)
            .set_border_bottom(FormatBorder::Thin)
            .set_num_format("@");
        ws.write_string_with_format(0, col, column.header, &header)?;
        let (width, height) = note_size(&column.note);
        let note = Note::new(&column.note).add_author_prefix(false).set_width(width).set_height(height);
        ws.insert_note(0, col, &note)?;
        ws.set_column_format(col, &Format::new().set_num_format(column.num_format))?;
        ws.set_column_width(col, column.width)?;
        if let Some(v) = &column.validation {
            validation::add(ws, col, v)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed (or turned into PDF): landscape, one page wide, header on every page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}
