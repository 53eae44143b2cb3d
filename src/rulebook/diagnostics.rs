//! Diagnostics: one problem in a rulebook, profile or waiver file, with the
//! file, line and column (both 1-based) it was found at.

use std::fmt;

use crate::i18n::Lang;
use crate::results::Text;

/// One problem, at one place. A problem with a whole file (it cannot be read,
/// a required top-level key is missing) is placed at line 1, column 1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: Text,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: usize, column: usize, message: Text) -> Self {
        Diagnostic { file: file.into(), line, column, message }
    }

    /// A problem with the file as a whole.
    pub fn whole_file(file: impl Into<String>, message: Text) -> Self {
        Diagnostic::new(file, 1, 1, message)
    }

    /// `file:line:column: message` in the given language.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}:{}:{}: {}", self.file, self.line, self.column, self.message.get(lang))
    }
}

/// `file:line:column: message`, in Dutch (the default language); use
/// [`Diagnostic::render`] for English.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

/// Every diagnostic on its own line, in the given language.
pub fn render_all(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&d.render(lang));
        text.push('\n');
    }
    text
}

/// Sorts by file, line and column, and drops exact repeats.
pub(crate) fn tidy(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort();
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_column_message() {
        let d = Diagnostic::new("a.toml", 3, 7, Text::new("onbekende sleutel", "unknown key"));
        assert_eq!(d.to_string(), "a.toml:3:7: onbekende sleutel");
        assert_eq!(d.render(Lang::En), "a.toml:3:7: unknown key");
    }

    #[test]
    fn renders_a_list_sorted_by_place() {
        let mut list = vec![
            Diagnostic::new("a.toml", 9, 1, Text::new("b", "B")),
            Diagnostic::new("a.toml", 2, 5, Text::new("a", "A")),
            Diagnostic::new("a.toml", 2, 5, Text::new("a", "A")),
        ];
        tidy(&mut list);
        assert_eq!(render_all(&list, Lang::En), "a.toml:2:5: A\na.toml:9:1: B\n");
    }
}
