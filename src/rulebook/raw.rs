//! The unvalidated form: a file's TOML parsed into tables whose every key and
//! value keeps its byte span, the spans turned into line and column, and the
//! helpers that read a value as a string, a yes/no, a table or a parameter,
//! reporting (never panicking) when it is something else.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::config::{ParamKind, ParamValue};
use super::diagnostics::Diagnostic;
use crate::report::catalogue::{NO_ARGS, text as said, text_by_lang};
use crate::results::Text;

/// A key with its span.
pub(crate) type Key<'i> = Spanned<DeString<'i>>;
/// A value with its span.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// One file's text and name, and where its lines start.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub name: String,
    pub text: String,
    /// 0 for the file the user named, 1 for what it extends, and so on.
    pub layer: usize,
    line_starts: Vec<usize>,
}

/// A place in a file: 1-based line and column, and the layer it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub layer: usize,
}

impl Place {
    pub fn diag(&self, message: Text) -> Diagnostic {
        Diagnostic::new(self.file.clone(), self.line, self.column, message)
    }
}

/// A value and the place it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub value: T,
    pub place: Place,
}

impl SourceFile {
    /// A file's text; a leading byte-order mark is dropped.
    pub fn new(name: impl Into<String>, text: &str, layer: usize) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { name: name.into(), text, layer, line_starts }
    }

    /// The place of a byte offset (clamped to the text).
    pub fn place(&self, offset: usize) -> Place {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = match self.text.get(start..offset) {
            Some(s) => s.chars().count() + 1,
            None => offset - start + 1,
        };
        Place { file: self.name.clone(), line, column, layer: self.layer }
    }

    pub fn at(&self, span: Range<usize>, message: Text) -> Diagnostic {
        self.place(span.start).diag(message)
    }

    pub fn located<T>(&self, span: Range<usize>, value: T) -> Located<T> {
        Located { value, place: self.place(span.start) }
    }

    /// The document's top-level table, and a diagnostic for every TOML error.
    /// Duplicate keys leave a well-formed document, so it is still returned
    /// then; after any other syntax error it is not.
    pub fn parse(&self) -> (Option<DeTable<'_>>, Vec<Diagnostic>) {
        let (doc, errors) = DeTable::parse_recoverable(&self.text);
        let mut fatal = false;
        let diags = errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                if e.message() == "duplicate key" {
                    let key = self.text.get(span.clone()).unwrap_or("").trim_matches(|c| c == '"' || c == '\'');
                    self.at(span, said("rb_duplicate_key", &[("key", key)]))
                } else {
                    fatal = true;
                    let msg = e.message();
                    self.at(span, said("rb_not_toml", &[("error", msg)]))
                }
            })
            .collect();
        (if fatal { None } else { Some(doc.into_inner()) }, diags)
    }
}

/// The name of a value's type, for messages.
pub(crate) fn type_name(v: &DeValue<'_>) -> Text {
    match v {
        DeValue::String(_) => said("rb_type_string", NO_ARGS),
        DeValue::Integer(_) => said("rb_type_integer", NO_ARGS),
        DeValue::Float(_) => said("rb_type_float", NO_ARGS),
        DeValue::Boolean(_) => said("rb_type_boolean", NO_ARGS),
        DeValue::Datetime(_) => said("rb_type_date", NO_ARGS),
        DeValue::Array(_) => said("rb_type_list", NO_ARGS),
        DeValue::Table(_) => said("rb_type_table", NO_ARGS),
    }
}

fn wrong_type(file: &SourceFile, key: &str, v: &Value<'_>, want: Text) -> Diagnostic {
    let got = type_name(v.get_ref());
    file.at(
        v.span(),
        text_by_lang("rb_wrong_type", |lang| {
            vec![("key", key.to_string()), ("want", want.get(lang).to_string()), ("got", got.get(lang).to_string())]
        }),
    )
}

/// A string value.
pub(crate) fn string(
    file: &SourceFile,
    key: &str,
    v: &Value<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<String>> {
    match v.get_ref() {
        DeValue::String(s) => Some(file.located(v.span(), s.to_string())),
        _ => {
            diags.push(wrong_type(file, key, v, said("rb_type_quoted_string", NO_ARGS)));
            None
        }
    }
}

/// A non-empty string value (spaces around it removed).
pub(crate) fn text(
    file: &SourceFile,
    key: &str,
    v: &Value<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<String>> {
    let mut s = string(file, key, v, diags)?;
    s.value = s.value.trim().to_string();
    if s.value.is_empty() {
        diags.push(file.at(v.span(), said("rb_empty", &[("key", key)])));
        return None;
    }
    Some(s)
}

/// Running text: whitespace inside a paragraph becomes one space, so a long
/// text may be written over several lines; blank lines separate paragraphs.
pub(crate) fn prose(s: &str) -> String {
    let paras: Vec<String> =
        s.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect();
    paras.join("\n\n")
}

/// A `true`/`false` value.
pub(crate) fn boolean(
    file: &SourceFile,
    key: &str,
    v: &Value<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<bool>> {
    match v.get_ref() {
        DeValue::Boolean(b) => Some(file.located(v.span(), *b)),
        _ => {
            diags.push(wrong_type(file, key, v, said("rb_type_boolean", NO_ARGS)));
            None
        }
    }
}

/// A table value.
pub(crate) fn table<'a, 'i>(
    file: &SourceFile,
    key: &str,
    v: &'a Value<'i>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => {
            diags.push(wrong_type(file, key, v, said("rb_type_table", NO_ARGS)));
            None
        }
    }
}

/// A parameter value of the given kind. An integer is a number too; a
/// decimal number is not a whole number; numbers must be finite and not
/// negative.
pub(crate) fn param(
    file: &SourceFile,
    key: &str,
    kind: ParamKind,
    v: &Value<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<ParamValue>> {
    let value = match (kind, v.get_ref()) {
        (ParamKind::Bool, DeValue::Boolean(b)) => ParamValue::Bool(*b),
        (ParamKind::Integer, DeValue::Integer(i)) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => ParamValue::Integer(n),
            Err(_) => return too_large(file, key, v, diags),
        },
        (ParamKind::Number, DeValue::Integer(i)) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => ParamValue::Integer(n),
            Err(_) => return too_large(file, key, v, diags),
        },
        (ParamKind::Number, DeValue::Float(f)) => match f.as_str().parse::<f64>() {
            Ok(x) if x.is_finite() => ParamValue::Number(x),
            _ => {
                diags.push(file.at(v.span(), said("rb_not_finite", &[("key", key)])));
                return None;
            }
        },
        (ParamKind::Bool, _) => {
            diags.push(wrong_type(file, key, v, said("rb_type_boolean", NO_ARGS)));
            return None;
        }
        (ParamKind::Integer, _) => {
            diags.push(wrong_type(file, key, v, said("rb_type_integer", NO_ARGS)));
            return None;
        }
        (ParamKind::Number, _) => {
            diags.push(wrong_type(file, key, v, said("rb_type_number", NO_ARGS)));
            return None;
        }
    };
    if as_f64(value).is_some_and(|x| x < 0.0) {
        diags.push(file.at(v.span(), said("rb_negative", &[("key", key)])));
        return None;
    }
    Some(file.located(v.span(), value))
}

fn too_large(file: &SourceFile, key: &str, v: &Value<'_>, diags: &mut Vec<Diagnostic>) -> Option<Located<ParamValue>> {
    diags.push(file.at(v.span(), said("rb_too_large", &[("key", key)])));
    None
}

/// A number or whole number as `f64`; `None` for a yes/no value.
pub(crate) fn as_f64(v: ParamValue) -> Option<f64> {
    match v {
        ParamValue::Number(x) => Some(x),
        ParamValue::Integer(i) => Some(i as f64),
        ParamValue::Bool(_) => None,
    }
}

/// A parameter value written as in TOML.
pub(crate) fn show(v: ParamValue) -> String {
    match v {
        ParamValue::Number(x) => format!("{x:?}"),
        ParamValue::Integer(i) => i.to_string(),
        ParamValue::Bool(b) => b.to_string(),
    }
}

/// The diagnostic for a key that does not belong, with the keys that do and,
/// when one is close, a suggestion.
pub(crate) fn unknown_key(file: &SourceFile, key: &Key<'_>, within: &Text, allowed: &[&str]) -> Diagnostic {
    let name = key.get_ref();
    let list = allowed.join(", ");
    let hint = match suggest(name, allowed) {
        Some(s) => said("rb_did_you_mean", &[("suggestion", s)]),
        None => Text::default(),
    };
    file.at(
        key.span(),
        text_by_lang("rb_unknown_key", |lang| {
            vec![
                ("key", name.to_string()),
                ("within", within.get(lang).to_string()),
                ("hint", hint.get(lang).to_string()),
                ("allowed", list.clone()),
            ]
        }),
    )
}

/// The allowed word closest to `word`, when it is close (case ignored).
pub(crate) fn suggest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let w = word.to_lowercase();
    allowed
        .iter()
        .map(|a| (distance(&w, &a.to_lowercase()), *a))
        .filter(|(d, a)| *d <= 1.max(a.chars().count() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Edit distance between two strings, by characters: insertions, deletions,
/// substitutions and swaps of two neighbours each count one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[at(i - 1, j)] + 1).min(d[at(i, j - 1)] + 1).min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = best;
        }
    }
    d[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_one_based_and_count_characters() {
        let f = SourceFile::new("x.toml", "a = 1\n[municipalities.\"Súdwest\"]\nmax_age = 8\n", 0);
        let p = f.place(0);
        assert_eq!((p.line, p.column), (1, 1));
        let off = f.text.find("max_age").unwrap_or(0);
        let p = f.place(off);
        assert_eq!((p.line, p.column), (3, 1));
        let off = f.text.find('"').unwrap_or(0);
        assert_eq!(f.place(off).column, 17);
        assert_eq!(f.place(usize::MAX).line, 4);
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(suggest("min_ftee", &["min_fte", "hours_per_fte"]), Some("min_fte"));
        assert_eq!(suggest("colour", &["min_fte", "hours_per_fte"]), None);
        assert_eq!(suggest("HS-L70", &["HS-L07", "HS-G07"]), Some("HS-L07"));
        assert_eq!(suggest("", &["a"]), Some("a"));
        assert_eq!(distance("abc", ""), 3);
    }
}
