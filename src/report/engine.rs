//! The template engine: minijinja with the report templates built in (and
//! overridable from a folder), the message catalogue as `t("key")`, and the
//! number and date formats of the report's language as filters.

use std::path::Path;

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind};

use super::catalogue::Catalogue;
use super::format::Formatter;
use crate::i18n::Lang;

/// The templates built into the binary: (name, text). A file of the same
/// name in `--templates DIR` replaces one.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("style.css", include_str!("../../reports/style.css")),
    ("location.html.j2", include_str!("../../reports/location.html.j2")),
    ("location.md.j2", include_str!("../../reports/location.md.j2")),
    ("municipality.html.j2", include_str!("../../reports/municipality.html.j2")),
    ("municipality.md.j2", include_str!("../../reports/municipality.md.j2")),
    ("national.html.j2", include_str!("../../reports/national.html.j2")),
    ("national.md.j2", include_str!("../../reports/national.md.j2")),
    ("location_trends.html.j2", include_str!("../../reports/location_trends.html.j2")),
    ("location_trends.md.j2", include_str!("../../reports/location_trends.md.j2")),
    ("municipality_trends.html.j2", include_str!("../../reports/municipality_trends.html.j2")),
    ("municipality_trends.md.j2", include_str!("../../reports/municipality_trends.md.j2")),
    ("national_trends.html.j2", include_str!("../../reports/national_trends.html.j2")),
    ("national_trends.md.j2", include_str!("../../reports/national_trends.md.j2")),
];

/// Renders templates for one language.
pub struct Engine {
    env: Environment<'static>,
}

impl Engine {
    /// The engine for `lang`, with templates from `overrides` where it has them.
    pub fn new(lang: Lang, catalogue: &Catalogue, overrides: Option<&Path>) -> Result<Engine, String> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html.j2") || name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, text) in TEMPLATES {
            let text = match overrides.map(|dir| dir.join(name)).filter(|p| p.is_file()) {
                Some(path) => std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
                None => (*text).to_string(),
            };
            env.add_template_owned(*name, text).map_err(|e| describe(&e))?;
        }
        let messages = catalogue.clone();
        // `t("key")`, or `t("key", name=value, ...)` for a text with named arguments.
        env.add_function("t", move |key: &str, args: Kwargs| -> Result<String, Error> {
            let mut named = Vec::new();
            for name in args.args() {
                let value: Value = args.get(name)?;
                named.push((name.to_string(), value.to_string()));
            }
            Ok(messages.fill(key, lang, &named))
        });
        let f = Formatter::new(catalogue, lang);
        let (f1, f2, f3, f4, f5) = (f.clone(), f.clone(), f.clone(), f.clone(), f);
        env.add_filter("num", move |x: f64, decimals: Option<usize>| f1.number(x, decimals.unwrap_or(1)));
        env.add_filter("count", move |x: f64| f2.number(x, 0));
        env.add_filter("percent", move |share: f64| f3.percent(share));
        env.add_filter("euro", move |x: f64| f4.euro(x));
        env.add_filter("date", move |iso: &str| -> Result<String, Error> {
            chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
                .map(|d| f5.date(d))
                .map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("not a date: {iso}")))
        });
        env.add_filter("md", markdown_escape);
        env.add_filter("css_string", |s: &str| minijinja::Value::from_safe_string(css_string(s)));
        env.add_global("lang", lang.code());
        Ok(Engine { env })
    }

    /// Renders template `name` with `context` (any serialisable model).
    /// In HTML a euro sign and its amount are joined by a no-break space,
    /// so that a line never ends in `€` (rule messages and catalogue texts
    /// write `€ 56.500` for every format).
    pub fn render<S: serde::Serialize>(&self, name: &str, context: &S) -> Result<String, String> {
        let template = self.env.get_template(name).map_err(|e| describe(&e))?;
        let text = template.render(minijinja::value::Serde(context)).map_err(|e| describe(&e))?;
        Ok(if name.ends_with(".html.j2") { euro_joined(text) } else { text })
    }

    /// The stylesheet, to inline into HTML.
    pub fn css(&self) -> String {
        self.env.get_template("style.css").ok().and_then(|t| t.render(()).ok()).unwrap_or_default()
    }
}

/// `text` with every `€ ` written `€` and a no-break space (one byte search over a page of megabytes).
fn euro_joined(text: String) -> String {
    const EURO_SPACE: &str = "€ ";
    let finder = memchr::memmem::Finder::new(EURO_SPACE);
    let mut hits = finder.find_iter(text.as_bytes()).peekable();
    if hits.peek().is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut from = 0;
    for at in hits {
        out.push_str(&text[from..at]);
        out.push_str("€\u{a0}");
        from = at + EURO_SPACE.len();
    }
    out.push_str(&text[from..]);
    out
}

/// `s` as a quoted CSS string for a `<style>` element (a page title in the
/// print margin): quotes, backslashes, line breaks and `<>&` written as CSS
/// escapes, so no text can end the string or the element.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' => out.push_str(&format!("\\{:X} ", u32::from(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a Markdown table cell or line: characters Markdown would read
/// as markup are escaped, and line breaks become spaces.
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// An engine error with its template, line and cause.
fn describe(e: &Error) -> String {
    let mut text = e.to_string();
    if let (Some(name), Some(line)) = (e.name(), e.line()) {
        text = format!("{name}:{line}: {text}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Page {
        title: String,
        css: String,
    }

    fn page(title: &str) -> Page {
        Page { title: title.to_string(), css: String::new() }
    }

    #[test]
    fn html_templates_escape_everything() {
        // A minimal HTML template (the real ones need their audience's model).
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("location.html.j2"), "<h1>{{ title }}</h1>").expect("write");
        let engine = Engine::new(Lang::Nl, &Catalogue::embedded(), Some(dir.path())).expect("engine");
        let html = engine.render("location.html.j2", &page("<script>alert(1)</script>")).expect("renders");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "{html}");
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("Home-Start \"a\" </style>\\"), r#""Home-Start \22 a\22  \3C /style\3E \5C ""#);
        assert_eq!(css_string("één\nregel"), "\"één regel\"");
    }

    #[test]
    fn every_euro_sign_and_space_are_joined_and_nothing_else_changes() {
        for (text, joined) in [
            ("", ""),
            ("geen bedrag", "geen bedrag"),
            ("€ 1", "€\u{a0}1"),
            ("a € 1 en € 2, €3, € ", "a €\u{a0}1 en €\u{a0}2, €3, €\u{a0}"),
            ("€€  €", "€€\u{a0} €"),
        ] {
            assert_eq!(euro_joined(text.to_string()), joined, "{text:?}");
        }
    }

    #[test]
    fn in_html_a_euro_amount_never_breaks_after_the_sign() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let text = "{{ 56500 | euro }} en € 12";
        for name in ["location.html.j2", "location.md.j2"] {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let engine = Engine::new(Lang::Nl, &Catalogue::embedded(), Some(dir.path())).expect("engine");
        assert_eq!(engine.render("location.html.j2", &page("x")).expect("renders"), "€\u{a0}56.500 en €\u{a0}12");
        assert_eq!(engine.render("location.md.j2", &page("x")).expect("renders"), "€ 56.500 en € 12");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(markdown_escape("a|b *c* <x>\nnext"), "a\\|b \\*c\\* \\<x\\> next");
    }

    #[test]
    fn templates_can_be_overridden_from_a_folder() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("location.md.j2"), "eigen {{ t('month_3') }} {{ 1234.5 | num(1) }}")
            .expect("write");
        let engine = Engine::new(Lang::Nl, &Catalogue::embedded(), Some(dir.path())).expect("engine");
        assert_eq!(engine.render("location.md.j2", &page("x")).expect("renders"), "eigen maart 1.234,5");
        // Templates the folder does not hold stay the built-in ones.
        assert_eq!(engine.css().trim_end(), include_str!("../../reports/style.css").trim_end());
    }

    #[test]
    fn a_broken_override_names_the_template_and_line() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("national.md.j2"), "ok\n{{ unclosed").expect("write");
        let err = Engine::new(Lang::En, &Catalogue::embedded(), Some(dir.path())).err().expect("an error");
        assert!(err.contains("national.md.j2"), "{err}");
    }
}
