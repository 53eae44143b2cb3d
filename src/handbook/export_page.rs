//! The export format page: every sheet and column of `tables::schema` with
//! its English name, type, whether it is required, its meaning and codes, and
//! how dates, numbers and yes/no values may be written.

use super::conventions::{DATES, NO, NUMBERS, YES};
use super::markdown::{code, escape, slug, table};
use super::texts::Texts;
use super::{Page, page_header};
use crate::i18n::Lang;
use crate::tables::schema::{ColumnSpec, ColumnType, LOCATION_COLUMN, Required, SheetKind, SheetSpec};

/// The export format page in `lang`.
pub fn export_format_page(lang: Lang) -> String {
    let t = Texts::new(lang);
    let mut out = String::new();
    page_header(&mut out, &t, Page::ExportFormat, &t.get("hb_export_title"));
    out.push_str(&format!("{}\n\n", t.get("hb_export_intro")));
    sheets_overview(&mut out, &t);
    for kind in SheetKind::ALL {
        sheet_section(&mut out, &t, kind.spec());
    }
    values(&mut out, &t);
    out.push_str(&format!("## {}\n\n{}\n\n", t.get("hb_bad_input_title"), t.get("hb_bad_input")));
    out.push_str(&format!("## {}\n\n{}\n", t.get("hb_privacy_title"), t.get("hb_privacy")));
    out
}

fn sheet_heading(sheet: &SheetSpec) -> String {
    format!("{} ({})", code(sheet.name), sheet.alias)
}

fn sheets_overview(out: &mut String, t: &Texts) {
    let header = ["hb_col_sheet", "hb_col_english", "hb_col_required", "hb_col_contents"].map(|k| t.get(k));
    let rows: Vec<Vec<String>> = SheetKind::ALL
        .iter()
        .map(|k| {
            let s = k.spec();
            vec![
                format!("[{}](#{})", code(s.name), slug(&sheet_heading(s))),
                code(s.alias),
                t.yes_no(s.required),
                t.get(&format!("hb_sheet_{}", s.name)),
            ]
        })
        .collect();
    let multi = t.fill(
        "hb_multi_location",
        &[("column", LOCATION_COLUMN.name.to_string()), ("alias", LOCATION_COLUMN.alias.to_string())],
    );
    out.push_str(&format!(
        "## {}\n\n{}\n{multi}\n\n{}\n\n{}\n\n",
        t.get("hb_sheets_title"),
        table(&header, &rows),
        t.get("hb_required_legend"),
        t.get("hb_codes_matching"),
    ));
}

fn sheet_section(out: &mut String, t: &Texts, sheet: &SheetSpec) {
    let required = t.get(if sheet.required { "hb_sheet_required" } else { "hb_sheet_optional" });
    let about = t.get(&format!("hb_sheet_{}", sheet.name));
    out.push_str(&format!("### {}\n\n{required} {}.\n\n", sheet_heading(sheet), capitalised(&about)));
    let header =
        ["hb_col_column", "hb_col_english", "hb_col_type", "hb_col_required", "hb_col_meaning"].map(|k| t.get(k));
    let rows: Vec<Vec<String>> = sheet
        .columns
        .iter()
        .map(|c| {
            let meaning = t.get(c.meaning);
            vec![code(c.name), code(c.alias), type_text(t, c.ty), required_text(t, sheet, c), escape(&meaning)]
        })
        .collect();
    out.push_str(&table(&header, &rows));
    out.push('\n');
    for c in sheet.columns {
        if let ColumnType::Code(codes) = c.ty {
            let header = ["hb_col_code", "hb_col_english", "hb_col_meaning"].map(|k| t.get(k));
            let rows: Vec<Vec<String>> = codes
                .iter()
                .map(|cs| vec![code(cs.code), code(cs.alias), t.get(&format!("hb_code_{}_{}", c.name, cs.code))])
                .collect();
            let intro = t.fill("hb_codes_for", &[("column", c.name.to_string())]);
            out.push_str(&format!("{intro}\n\n{}\n", table(&header, &rows)));
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn type_text(t: &Texts, ty: ColumnType) -> String {
    let n = |x: i64| t.fmt.number(x as f64, 0);
    match ty {
        ColumnType::Text => t.get("hb_type_text"),
        ColumnType::Date => t.get("hb_type_date"),
        ColumnType::Number => t.get("hb_type_number"),
        ColumnType::Integer { min: Some(min), max: Some(max) } => {
            t.fill("hb_type_integer_range", &[("min", n(min)), ("max", n(max))])
        }
        ColumnType::Integer { min: Some(min), max: None } => t.fill("hb_type_integer_min", &[("min", n(min))]),
        ColumnType::Integer { .. } => t.get("hb_type_integer"),
        ColumnType::Bool => t.get("hb_type_bool"),
        ColumnType::Code(_) => t.get("hb_type_code"),
    }
}

fn required_text(t: &Texts, sheet: &SheetSpec, column: &ColumnSpec) -> String {
    match column.required {
        Required::Yes => t.yes_no(true),
        Required::No => t.yes_no(false),
        Required::OneOf(group) => {
            let members: Vec<String> =
                sheet.columns.iter().filter(|c| c.required == Required::OneOf(group)).map(|c| code(c.name)).collect();
            t.fill("hb_required_one_of", &[("columns", members.join(", "))])
        }
    }
}

fn values(out: &mut String, t: &Texts) {
    let header = [t.get("hb_col_written"), t.get("hb_col_read_as")];
    let dates: Vec<Vec<String>> = DATES
        .iter()
        .filter_map(|(text, (y, m, d))| {
            chrono::NaiveDate::from_ymd_opt(*y, *m, *d).map(|date| vec![code(text), t.fmt.date(date)])
        })
        .collect();
    let numbers: Vec<Vec<String>> =
        NUMBERS.iter().map(|(text, value)| vec![code(text), t.fmt.number_auto(*value, 4)]).collect();
    let words = |list: &[&str]| list.iter().map(|w| code(w)).collect::<Vec<_>>().join(", ");
    let bools = t.fill("hb_bools", &[("yes", words(YES)), ("no", words(NO))]);
    out.push_str(&format!("## {}\n\n", t.get("hb_values_title")));
    out.push_str(&format!("### {}\n\n{}\n\n{}\n", t.get("hb_dates_title"), t.get("hb_dates"), table(&header, &dates)));
    out.push_str(&format!(
        "### {}\n\n{}\n\n{}\n",
        t.get("hb_numbers_title"),
        t.get("hb_numbers"),
        table(&header, &numbers)
    ));
    out.push_str(&format!("### {}\n\n{bools}\n\n", t.get("hb_bools_title")));
    out.push_str(&format!("### {}\n\n{}\n\n", t.get("hb_csv_title"), t.get("hb_csv")));
    out.push_str(&format!("### {}\n\n{}\n\n", t.get("hb_empty_title"), t.get("hb_empty")));
}
