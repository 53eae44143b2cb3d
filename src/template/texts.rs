//! The template's words in one language: catalogue texts (`tpl_` keys of
//! `reports/messages/template.toml`) and the contract's names as a user of
//! that language sees them (Dutch names, or the English aliases).

use crate::i18n::Lang;
use crate::report::catalogue::Catalogue;
use crate::tables::schema::{CodeSpec, ColumnSpec, ColumnType, SheetKind};

/// The catalogue and the chosen language.
pub struct Texts {
    catalogue: Catalogue,
    pub lang: Lang,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts { catalogue: crate::report::catalogue::in_use(), lang }
    }

    /// The text of `key` (the key in brackets when it is missing, so a gap
    /// shows in the workbook rather than an empty cell).
    pub fn get(&self, key: &str) -> String {
        self.catalogue.get(key, self.lang)
    }

    /// The text of `key` with every `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// An optional text: `None` when the catalogue has no such key.
    pub fn optional(&self, key: &str) -> Option<String> {
        self.catalogue.contains(key).then(|| self.get(key))
    }

    /// The sheet's name in this language.
    pub fn sheet_name(&self, kind: SheetKind) -> &'static str {
        let spec = kind.spec();
        self.lang.pick(spec.name, spec.alias)
    }

    /// The column's header in this language.
    pub fn header(&self, column: &ColumnSpec) -> &'static str {
        self.lang.pick(column.name, column.alias)
    }

    /// The column's meaning in this language.
    pub fn meaning(&self, column: &ColumnSpec) -> String {
        self.catalogue.get(column.meaning, self.lang)
    }

    /// A code as a user of this language writes it.
    pub fn code(&self, code: &CodeSpec) -> &'static str {
        self.lang.pick(code.code, code.alias)
    }

    /// The values a coded or yes/no column offers in its drop-down list.
    pub fn choices(&self, ty: ColumnType) -> Option<Vec<String>> {
        match ty {
            ColumnType::Code(codes) => Some(codes.iter().map(|c| self.code(c).to_string()).collect()),
            ColumnType::Bool => Some(vec![self.get("tpl_yes"), self.get("tpl_no")]),
            _ => None,
        }
    }

    /// The Excel number format of date cells: `dd-mm-yyyy` in Dutch (shown
    /// as `dd-mm-jjjj` by a Dutch Excel), `yyyy-mm-dd` in English.
    pub fn date_format(&self) -> &'static str {
        self.lang.pick("dd-mm-yyyy", "yyyy-mm-dd")
    }

    /// What a column holds, in words (the "Type" line of a column note).
    pub fn type_text(&self, ty: ColumnType) -> String {
        match ty {
            ColumnType::Text => self.get("tpl_type_text"),
            ColumnType::Date => self.get("tpl_type_date"),
            ColumnType::Number => self.get("tpl_type_number"),
            ColumnType::Integer { .. } => self.range_text(ty).unwrap_or_else(|| self.get("tpl_type_number")),
            ColumnType::Bool => self.get("tpl_type_bool"),
            ColumnType::Code(_) => {
                let codes = self.choices(ty).unwrap_or_default().join(", ");
                self.fill("tpl_type_code", &[("codes", &codes)])
            }
        }
    }

    /// The range of a whole-number column in words, when it has a lower bound.
    pub fn range_text(&self, ty: ColumnType) -> Option<String> {
        let ColumnType::Integer { min, max } = ty else { return None };
        let min = min?.to_string();
        Some(match max {
            Some(max) => self.fill("tpl_type_integer_range", &[("min", &min), ("max", &max.to_string())]),
            None => self.fill("tpl_type_integer_min", &[("min", &min)]),
        })
    }

    /// An example value for the column: the catalogue's `tpl_ex_<column>`
    /// when there is one, else one that follows from the type.
    pub fn example(&self, column: &ColumnSpec) -> String {
        if let Some(ex) = self.optional(&format!("tpl_ex_{}", column.name)) {
            return ex;
        }
        match column.ty {
            ColumnType::Date => self.get("tpl_date_example"),
            ColumnType::Number => self.get("tpl_number_example"),
            ColumnType::Integer { min, .. } => min.unwrap_or(0).max(1).to_string(),
            ColumnType::Bool => self.get("tpl_yes"),
            ColumnType::Code(codes) => codes.first().map(|c| self.code(c).to_string()).unwrap_or_default(),
            // Every text column has a catalogue example (a test checks it).
            ColumnType::Text => String::new(),
        }
    }
}

/// The text with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
