//! Data validation of the template's columns: a drop-down list for coded and
//! yes/no columns (another value is refused), and a warning in date and
//! number columns for what is no date or no number (which can be overruled:
//! the reader accepts more spellings than Excel recognises).

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Worksheet, XlsxError,
};

use super::texts::Texts;
use crate::tables::schema::{ColumnSpec, ColumnType};

/// The first data row (0-based: row 2 as a spreadsheet user sees it).
pub const FIRST_ROW: u32 = 1;
/// The last row of a worksheet (0-based): validations cover the whole column
/// below the header, however many rows a location has.
pub const LAST_ROW: u32 = 1_048_575;

/// What a column accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// One of these values, from a drop-down list.
    List(Vec<String>),
    /// A date (1900 to 2199).
    Date,
    /// A number of 0 or more.
    Decimal,
    /// A whole number within bounds.
    Whole { min: Option<i64>, max: Option<i64> },
}

/// A column's validation with the messages a user sees when it is broken.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub check: Check,
    /// At most 32 characters (Excel's limit).
    pub title: String,
    /// At most 255 characters (Excel's limit).
    pub message: String,
}

/// The validation of a column, if its type has one (text columns have none).
pub fn validation_for(column: &ColumnSpec, texts: &Texts) -> Option<Validation> {
    match column.ty {
        ColumnType::Text => None,
        ColumnType::Code(_) | ColumnType::Bool => {
            let choices = texts.choices(column.ty)?;
            let message = texts.fill("tpl_val_list_message", &[("codes", &choices.join(", "))]);
            Some(Validation { check: Check::List(choices), title: texts.get("tpl_val_list_title"), message })
        }
        ColumnType::Date => Some(Validation {
            check: Check::Date,
            title: texts.get("tpl_val_date_title"),
            message: texts.get("tpl_val_date_message"),
        }),
        ColumnType::Number => Some(Validation {
            check: Check::Decimal,
            title: texts.get("tpl_val_number_title"),
            message: texts.get("tpl_val_number_message"),
        }),
        ColumnType::Integer { min, max } => {
            let range = texts.range_text(column.ty).unwrap_or_else(|| texts.get("tpl_type_number"));
            Some(Validation {
                check: Check::Whole { min, max },
                title: texts.get("tpl_val_number_title"),
                message: texts.fill("tpl_val_integer_message", &[("range", &range)]),
            })
        }
    }
}

/// Adds the validation to column `col`, from the first data row to the last row.
pub fn add(ws: &mut Worksheet, col: u16, v: &Validation) -> Result<(), XlsxError> {
    let dv = data_validation(v)?;
    ws.add_data_validation(FIRST_ROW, col, LAST_ROW, col, &dv)?;
    Ok(())
}

fn data_validation(v: &Validation) -> Result<DataValidation, XlsxError> {
    let base = DataValidation::new();
    let (dv, style) = match &v.check {
        Check::List(choices) => (base.allow_list_strings(choices)?, DataValidationErrorStyle::Stop),
        Check::Date => {
            let rule = DataValidationRule::Between(
                ExcelDateTime::from_ymd(1900, 1, 1)?,
                ExcelDateTime::from_ymd(2199, 12, 31)?,
            );
            (base.allow_date(rule), DataValidationErrorStyle::Warning)
        }
        Check::Decimal => (
            base.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            DataValidationErrorStyle::Warning,
        ),
        Check::Whole { min, max } => {
            let bound = |n: i64| i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX });
            let rule = match (min, max) {
                (Some(lo), Some(hi)) => DataValidationRule::Between(bound(*lo), bound(*hi)),
                (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(bound(*lo)),
                (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(bound(*hi)),
                (None, None) => DataValidationRule::Between(i32::MIN, i32::MAX),
            };
            (base.allow_whole_number(rule), DataValidationErrorStyle::Warning)
        }
    };
    dv.set_error_title(&v.title)?.set_error_message(&v.message).map(|dv| dv.set_error_style(style))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tables::SheetKind;

    #[test]
    fn every_validation_fits_excels_limits_in_both_languages() {
        for lang in [Lang::Nl, Lang::En] {
            let texts = Texts::new(lang);
            for kind in SheetKind::ALL {
                for column in kind.spec().columns {
                    if let Some(v) = validation_for(column, &texts) {
                        assert!(v.title.encode_utf16().count() <= 32, "{}: {}", column.name, v.title);
                        assert!(v.message.encode_utf16().count() <= 255, "{}: {}", column.name, v.message);
                        data_validation(&v).unwrap_or_else(|e| panic!("{}: {e}", column.name));
                    }
                }
            }
        }
    }

    #[test]
    fn coded_and_yes_no_columns_get_lists_in_the_users_language() {
        let nl = Texts::new(Lang::Nl);
        let en = Texts::new(Lang::En);
        let betaald = SheetKind::Coordinatoren.spec().column("betaald").map(|c| validation_for(c, &nl));
        assert_eq!(betaald.flatten().map(|v| v.check), Some(Check::List(vec!["ja".into(), "nee".into()])));
        let soort = SheetKind::Contacten.spec().column("soort").and_then(|c| validation_for(c, &en));
        let Some(Validation { check: Check::List(codes), .. }) = soort else { panic!("soort has a list") };
        assert_eq!(codes.first().map(String::as_str), Some("first_check"));
        let id = SheetKind::Gezinnen.spec().column("gezin_id").and_then(|c| validation_for(c, &nl));
        assert_eq!(id, None);
    }
}
