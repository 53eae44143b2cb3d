//! The generator's texts: the embedded message catalogue in one language,
//! with `{name}` placeholders filled in, and values written the way a reader
//! of that language writes them (`0,55` and `56.500` in Dutch).

use crate::i18n::Lang;
use crate::report::{Catalogue, Formatter};
use crate::rulebook::ParamValue;

/// Decimals shown of a number parameter at most.
const MAX_DECIMALS: usize = 4;

pub(super) struct Texts {
    catalogue: Catalogue,
    pub lang: Lang,
    pub fmt: Formatter,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        let catalogue = crate::report::catalogue::in_use();
        let fmt = Formatter::new(&catalogue, lang);
        Texts { catalogue, lang, fmt }
    }

    /// The text for `key`, without surrounding blank lines (`[key]` when the
    /// catalogue lacks it, which the tests catch).
    pub fn get(&self, key: &str) -> String {
        self.catalogue.get(key, self.lang).trim().to_string()
    }

    /// The text for `key` with its placeholders filled in.
    pub fn fill(&self, key: &str, vars: &[(&str, String)]) -> String {
        fill(&self.get(key), vars)
    }

    pub fn yes_no(&self, b: bool) -> String {
        self.get(if b { "hb_yes" } else { "hb_no" })
    }

    /// A parameter's value as the reader writes it.
    pub fn value(&self, v: ParamValue) -> String {
        match v {
            ParamValue::Number(x) => self.fmt.number_auto(x, MAX_DECIMALS),
            ParamValue::Integer(i) => self.fmt.number(i as f64, 0),
            ParamValue::Bool(b) => self.yes_no(b),
        }
    }
}

/// `text` with every `{name}` of `vars` replaced by its value; other braces
/// are left as they are.
pub(super) fn fill(text: &str, vars: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders left in a text: names of lower-case letters,
/// digits and underscores between braces.
#[cfg(test)]
pub(super) fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                    found.push(name.to_string());
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}
