//! `hs-audit template`: the empty export workbook a coordinator fills in,
//! generated from the contract (`tables::schema`) so it cannot drift from what
//! the reader accepts: a sheet of instructions, then every sheet of the
//! contract with its header, notes, formats and drop-down lists.

mod instructions;
mod sheets;
mod texts;
mod validation;

use std::path::Path;

use rust_xlsxwriter::XlsxError;

pub use sheets::{ColumnPlan, Need, SheetPlan, plan_sheets};
pub use texts::Texts;
pub use validation::{Check, Validation};

use crate::i18n::Lang;
use crate::report::xlsx_util::{new_workbook, to_bytes};

/// The file the template is written to when no `--out` is given: the Dutch
/// and the English template have different names, so both can sit in one folder.
pub fn default_file_name(lang: Lang) -> String {
    crate::report::catalogue::msg("tpl_file_name", lang, crate::report::catalogue::NO_ARGS)
}

/// The template's bytes, in the user's language. `file_name` is the name the
/// workbook will have (the instructions show how to check that file). The
/// same language and name give the same bytes.
pub fn build(lang: Lang, file_name: &str) -> Result<Vec<u8>, XlsxError> {
    let texts = Texts::new(lang);
    let mut wb = new_workbook(&texts.get("tpl_doc_title"))?;
    instructions::write_instructions(wb.add_worksheet(), &texts, file_name)?;
    for plan in plan_sheets(&texts) {
        sheets::write_sheet(wb.add_worksheet(), &plan)?;
    }
    to_bytes(wb)
}

/// The file name of `path`, as the instructions show it.
pub fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| path.to_string_lossy().into_owned(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::schema::{ColumnType, SheetKind};

    #[test]
    fn the_same_language_gives_the_same_bytes() {
        for lang in [Lang::Nl, Lang::En] {
            let a = build(lang, "a.xlsx").expect("the template builds");
            let b = build(lang, "a.xlsx").expect("the template builds");
            assert!(a.starts_with(b"PK"));
            assert_eq!(a, b, "{lang:?}");
        }
        assert_ne!(build(Lang::Nl, "a.xlsx").ok(), build(Lang::En, "a.xlsx").ok());
    }

    #[test]
    fn every_text_column_has_an_example_and_every_example_a_column() {
        let texts = Texts::new(Lang::Nl);
        let catalogue = crate::report::catalogue::Catalogue::embedded();
        let columns: Vec<_> = SheetKind::ALL.iter().flat_map(|k| k.spec().columns.iter()).collect();
        for c in &columns {
            if c.ty == ColumnType::Text {
                assert!(catalogue.contains(&format!("tpl_ex_{}", c.name)), "no example for {}", c.name);
            }
        }
        for key in catalogue.keys().filter(|k| k.starts_with("tpl_ex_")) {
            let name = &key["tpl_ex_".len()..];
            assert!(columns.iter().any(|c| c.name == name), "{key} names no column of the contract");
        }
        assert_eq!(texts.get("tpl_yes"), "ja");
    }

    #[test]
    fn yes_no_choices_and_examples_are_read_back_as_written() {
        use crate::tables::parse_bool::parse_bool_text;
        for lang in [Lang::Nl, Lang::En] {
            let texts = Texts::new(lang);
            assert_eq!(parse_bool_text(&texts.get("tpl_yes")), Some(true));
            assert_eq!(parse_bool_text(&texts.get("tpl_no")), Some(false));
            for kind in SheetKind::ALL {
                for c in kind.spec().columns {
                    let ex = texts.example(c);
                    let ok = match c.ty {
                        ColumnType::Date => crate::tables::parse_date::parse_date_text(&ex).is_some(),
                        ColumnType::Number | ColumnType::Integer { .. } => {
                            crate::tables::parse_number::parse_number_text(&ex).is_some()
                        }
                        _ => !ex.is_empty(),
                    };
                    assert!(ok, "{lang:?} {}: example {ex:?}", c.name);
                }
            }
        }
    }
}
