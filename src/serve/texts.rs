//! The page's words, from `reports/messages/serve.toml`, in one language.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::report::Catalogue;

const FILE: &str = "reports/messages/serve.toml";
const TEXT: &str = include_str!("../../reports/messages/serve.toml");

/// The page texts in one language.
#[derive(Debug, Clone)]
pub struct Texts {
    catalogue: Catalogue,
    pub lang: Lang,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        // A test checks the file; should it ever fail, the page shows keys.
        Texts { catalogue: Catalogue::parse(FILE, TEXT).unwrap_or_default(), lang }
    }

    pub fn get(&self, key: &str) -> String {
        self.catalogue.get(key, self.lang)
    }

    /// The text with its `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.get(key), |t, (name, value)| t.replace(&format!("{{{name}}}"), value))
    }

    /// Every text, for the page template.
    pub fn all(&self) -> BTreeMap<String, String> {
        self.catalogue.keys().map(|k| (k.to_string(), self.get(k))).collect()
    }
}

/// A size as a person reads it: `200 MB`.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_and_every_text_is_in_both_languages() {
        let cat = Catalogue::parse(FILE, TEXT).expect("serve.toml parses");
        for key in cat.keys() {
            for lang in [Lang::Nl, Lang::En] {
                assert!(!cat.get(key, lang).trim().is_empty(), "{key} {lang:?}");
            }
        }
        assert!(cat.contains("srv_too_large"));
    }

    #[test]
    fn placeholders_are_filled() {
        let t = Texts::new(Lang::En);
        assert_eq!(t.fill("srv_export", &[("name", "L001.xlsx")]), "Export L001.xlsx");
    }
}
