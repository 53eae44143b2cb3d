//! One data sheet of the template. First its plan, from the contract
//! (`tables::schema`): per column the header in the user's language, the note
//! on it, the cell format, the width and the validation. Then the sheet as
//! written: the header row (bold, coloured by how much each column must be
//! filled in, frozen, printed on every page), and no cell below it.

use rust_xlsxwriter::{Format, FormatBorder, Note, Worksheet, XlsxError};

use super::texts::{Texts, capitalised};
use super::validation::{self, Validation, validation_for};
use crate::tables::SheetKind;
use crate::tables::schema::{ColumnSpec, ColumnType, Required};

/// How much a column must be filled in; shown as the header's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Every row (orange).
    Always,
    /// At least one column of a group, on every row (light orange).
    OneOfGroup,
    /// When known (grey).
    Optional,
}

/// One column of a template sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnPlan {
    pub spec: &'static ColumnSpec,
    /// The header as written: the Dutch name, or the English alias.
    pub header: &'static str,
    pub need: Need,
    /// The note on the header cell.
    pub note: String,
    /// The number format of the column's cells (`@` is text).
    pub num_format: &'static str,
    /// Width in characters.
    pub width: f64,
    pub validation: Option<Validation>,
}

/// One sheet of the contract as the template writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    pub kind: SheetKind,
    /// The sheet's name: the Dutch name, or the English alias.
    pub name: &'static str,
    pub columns: Vec<ColumnPlan>,
}

/// Every sheet of the contract, in the contract's order.
pub fn plan_sheets(texts: &Texts) -> Vec<SheetPlan> {
    SheetKind::ALL.into_iter().map(|kind| plan_sheet(kind, texts)).collect()
}

fn plan_sheet(kind: SheetKind, texts: &Texts) -> SheetPlan {
    let spec = kind.spec();
    let columns = spec.columns.iter().map(|c| plan_column(c, spec.columns, texts)).collect();
    SheetPlan { kind, name: texts.sheet_name(kind), columns }
}

fn plan_column(spec: &'static ColumnSpec, siblings: &[ColumnSpec], texts: &Texts) -> ColumnPlan {
    let header = texts.header(spec);
    let example = texts.example(spec);
    let need = match spec.required {
        Required::Yes => Need::Always,
        Required::OneOf(_) => Need::OneOfGroup,
        Required::No => Need::Optional,
    };
    let num_format = match spec.ty {
        ColumnType::Date => texts.date_format(),
        ColumnType::Number => "#,##0.00",
        ColumnType::Integer { .. } => "0",
        // Text, so that an id like 007 keeps its zeros.
        ColumnType::Text | ColumnType::Bool | ColumnType::Code(_) => "@",
    };
    let shown = match spec.ty {
        ColumnType::Date => texts.date_format().len(),
        ColumnType::Code(_) => {
            texts.choices(spec.ty).unwrap_or_default().iter().map(|c| c.chars().count()).max().unwrap_or(0)
        }
        _ => example.chars().count(),
    };
    let width = (header.chars().count().max(shown) as f64 + 3.0).clamp(10.0, 40.0);
    ColumnPlan {
        spec,
        header,
        need,
        note: note_text(spec, siblings, &example, texts),
        num_format,
        width,
        validation: validation_for(spec, texts),
    }
}

/// The note on a header: meaning, type, whether it is required, an example.
fn note_text(spec: &ColumnSpec, siblings: &[ColumnSpec], example: &str, texts: &Texts) -> String {
    let required = match spec.required {
        Required::Yes => texts.get("tpl_note_yes"),
        Required::No => texts.get("tpl_note_no"),
        Required::OneOf(group) => {
            let members: Vec<&str> =
                siblings.iter().filter(|c| c.required == Required::OneOf(group)).map(|c| texts.header(c)).collect();
            texts.fill("tpl_note_one_of", &[("columns", &members.join(", "))])
        }
    };
    let mut lines = vec![
        format!("{}.", capitalised(&texts.meaning(spec))),
        format!("{}: {}", texts.get("tpl_note_type"), texts.type_text(spec.ty)),
        format!("{}: {required}", texts.get("tpl_note_required")),
    ];
    if !example.is_empty() {
        lines.push(format!("{}: {example}", texts.get("tpl_note_example")));
    }
    lines.join("\n")
}

/// The note's size in pixels, so its whole text shows: (width, height).
pub fn note_size(note: &str) -> (u32, u32) {
    const WIDTH: u32 = 300;
    // Tahoma 8 pt, the note font, fits about 48 characters on 300 pixels.
    const CHARS_PER_LINE: usize = 46;
    let lines: usize = note.lines().map(|l| l.chars().count().div_ceil(CHARS_PER_LINE).max(1)).sum();
    (WIDTH, 12 + 13 * lines as u32)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn sheets_and_headers_follow_the_contract_in_either_language() {
        for lang in [Lang::Nl, Lang::En] {
            let texts = Texts::new(lang);
            let plans = plan_sheets(&texts);
            assert_eq!(plans.len(), SheetKind::ALL.len());
            for plan in &plans {
                let spec = plan.kind.spec();
                assert_eq!(plan.name, lang.pick(spec.name, spec.alias));
                let headers: Vec<&str> = plan.columns.iter().map(|c| c.header).collect();
                let expected: Vec<&str> = spec.columns.iter().map(|c| lang.pick(c.name, c.alias)).collect();
                assert_eq!(headers, expected);
            }
        }
    }

    #[test]
    fn notes_say_meaning_type_requirement_and_example() {
        let texts = Texts::new(Lang::Nl);
        let plans = plan_sheets(&texts);
        let gezinnen = plans.iter().find(|p| p.kind == SheetKind::Gezinnen).map(|p| &p.columns);
        let leeftijd = gezinnen.and_then(|cols| cols.iter().find(|c| c.header == "leeftijd_jongste_maanden"));
        let note = leeftijd.map(|c| c.note.as_str()).unwrap_or_default();
        assert!(note.starts_with("Leeftijd van het jongste kind"), "{note}");
        assert!(note.contains("Soort: geheel getal, 0 of meer"), "{note}");
        assert!(note.contains("geboortedatum_jongste, leeftijd_jongste_maanden, uitgerekende_datum"), "{note}");
        assert!(note.contains("Voorbeeld: 14"), "{note}");
        for plan in &plans {
            for c in &plan.columns {
                assert!(!c.note.contains('['), "a catalogue key is missing in {}: {}", c.header, c.note);
                assert!(c.note.lines().count() == 4, "{}: {}", c.header, c.note);
            }
        }
    }

    #[test]
    fn formats_follow_the_type() {
        let texts = Texts::new(Lang::En);
        let plans = plan_sheets(&texts);
        let col = |sheet: SheetKind, name: &str| {
            plans.iter().find(|p| p.kind == sheet).and_then(|p| p.columns.iter().find(|c| c.spec.name == name))
        };
        assert_eq!(col(SheetKind::Gezinnen, "aanmelding").map(|c| c.num_format), Some("yyyy-mm-dd"));
        assert_eq!(col(SheetKind::Locatie, "kosten").map(|c| c.num_format), Some("#,##0.00"));
        assert_eq!(col(SheetKind::Metingen, "score").map(|c| c.num_format), Some("0"));
        assert_eq!(col(SheetKind::Gezinnen, "gezin_id").map(|c| c.num_format), Some("@"));
        assert_eq!(col(SheetKind::Gezinnen, "gezin_id").map(|c| c.need), Some(Need::Always));
        assert_eq!(col(SheetKind::Coordinatoren, "fte").map(|c| c.need), Some(Need::OneOfGroup));
    }
}
