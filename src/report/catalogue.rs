//! The message catalogue: every visible report text that is not in the
//! rulebook, in both languages, from `reports/messages/*.toml` (one file
//! for what all reports share, one per audience, one for the export template).

use std::cell::RefCell;
use std::collections::BTreeMap;

use foldhash::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::i18n::Lang;

/// The catalogue files built into the binary: (name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("reports/messages/common.toml", include_str!("../../reports/messages/common.toml")),
    ("reports/messages/location.toml", include_str!("../../reports/messages/location.toml")),
    ("reports/messages/municipality.toml", include_str!("../../reports/messages/municipality.toml")),
    ("reports/messages/national.toml", include_str!("../../reports/messages/national.toml")),
    ("reports/messages/handbook.toml", include_str!("../../reports/messages/handbook.toml")),
    ("reports/messages/template.toml", include_str!("../../reports/messages/template.toml")),
    ("reports/messages/findings.toml", include_str!("../../reports/messages/findings.toml")),
    ("reports/messages/cli.toml", include_str!("../../reports/messages/cli.toml")),
    ("reports/messages/help.toml", include_str!("../../reports/messages/help.toml")),
    ("reports/messages/rulebook.toml", include_str!("../../reports/messages/rulebook.toml")),
    ("reports/messages/rules.toml", include_str!("../../reports/messages/rules.toml")),
];

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    nl: String,
    en: String,
}

/// Every message by key (hashed: a national run looks texts up a few
/// hundred thousand times; [`Catalogue::keys`] gives them in order).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    entries: HashMap<String, Entry>,
}

impl Catalogue {
    /// Parses a catalogue; `Err` names what is wrong (file, line and column).
    pub fn parse(name: &str, text: &str) -> Result<Catalogue, String> {
        Ok(Catalogue { entries: parse_in_order(name, text)?.into_iter().collect() })
    }

    /// Several files as one catalogue; a key defined twice is an error.
    pub fn parse_all(files: &[(&str, &str)]) -> Result<Catalogue, String> {
        let mut all = Catalogue::default();
        for (name, text) in files {
            // In key order: of several keys defined twice, the first is named, on every run.
            for (key, entry) in parse_in_order(name, text)? {
                if all.entries.insert(key.clone(), entry).is_some() {
                    return Err(format!("{name}: key `{key}` is defined in two catalogue files"));
                }
            }
        }
        Ok(all)
    }

    /// The embedded catalogue.
    pub fn embedded() -> Catalogue {
        // The embedded files are checked by a test; should they ever fail,
        // reports show keys instead of texts rather than the tool stopping.
        Catalogue::parse_all(EMBEDDED).unwrap_or_default()
    }

    /// The text for `key`; the key itself (in brackets) when it is unknown,
    /// so a missing text is visible in the report, never silently empty.
    pub fn get(&self, key: &str, lang: Lang) -> String {
        match self.entries.get(key) {
            Some(e) => lang.pick(&e.nl, &e.en).to_string(),
            None => format!("[{key}]"),
        }
    }

    /// The text for `key` with its named arguments filled in: each `{name}`
    /// becomes the value given for `name` (an argument the text does not
    /// name is left unused; a name without an argument stays as written).
    pub fn fill<K: AsRef<str>, V: AsRef<str>>(&self, key: &str, lang: Lang, args: &[(K, V)]) -> String {
        match self.entries.get(key) {
            Some(e) => fill_template(lang.pick(&e.nl, &e.en), args),
            None => format!("[{key}]"),
        }
    }

    /// The same keys with every value (both languages) transformed: for a
    /// pseudo-locale in tests, which shows that no text is left in code.
    pub fn transformed(&self, f: impl Fn(&str) -> String) -> Catalogue {
        let entries = self.entries.iter().map(|(k, e)| (k.clone(), Entry { nl: f(&e.nl), en: f(&e.en) })).collect();
        Catalogue { entries }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let mut keys: Vec<&str> = self.entries.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys.into_iter()
    }
}

/// `template` with each `{name}` of `args` replaced by its value, in one
/// pass: a value that itself holds `{other}` (a location's name, say) stays
/// as it is; a name without an argument stays as written.
pub fn fill_template<K: AsRef<str>, V: AsRef<str>>(template: &str, args: &[(K, V)]) -> String {
    fill_with(template, |name| args.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.as_ref()))
}

/// `template` with each `{name}` for which `value` gives a text replaced by
/// it, in one pass (see [`fill_template`]); other braces stay as written.
pub fn fill_with<'v>(template: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}').and_then(|j| value(&after[..j]).map(|v| (v, j))) {
            Some((v, j)) => {
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A catalogue file's entries by key, in order; `Err` names what is wrong
/// (file, line and column).
fn parse_in_order(name: &str, text: &str) -> Result<BTreeMap<String, Entry>, String> {
    toml::from_str(text).map_err(|e| {
        let place = e.span().map(|s| line_col(text, s.start)).map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
        format!("{name}{place}: {}", e.message())
    })
}

/// The embedded catalogue, parsed once.
static SHARED: LazyLock<Catalogue> = LazyLock::new(Catalogue::embedded);

thread_local! {
    /// A catalogue a test puts in place of the embedded one on its thread
    /// (a pseudo-locale); `None` everywhere else.
    static INSTEAD: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
}

/// `f` applied to the catalogue in use: the embedded one, or on a test's
/// thread the one it put in its place.
pub fn with_current<R>(f: impl FnOnce(&Catalogue) -> R) -> R {
    INSTEAD.with(|c| match c.borrow().as_ref() {
        Some(c) => f(c),
        None => f(&SHARED),
    })
}

/// Whether a test has put a catalogue in place of the embedded one on this
/// thread (then texts cached from the embedded one must not be used).
pub fn replaced() -> bool {
    INSTEAD.with(|c| c.borrow().is_some())
}

/// `f` made into a closure that runs with this thread's catalogue, for a
/// thread of its own: the catalogue a test put in place goes with it (none
/// is copied when there is none).
pub fn carried<R>(f: impl FnOnce() -> R) -> impl FnOnce() -> R {
    let instead = INSTEAD.with(|c| c.borrow().clone());
    move || match instead {
        Some(catalogue) => with_catalogue(catalogue, f),
        None => f(),
    }
}

/// The embedded catalogue, parsed once.
pub fn embedded() -> &'static Catalogue {
    &SHARED
}

/// A copy of the catalogue in use (for a renderer that keeps its own).
pub fn in_use() -> Catalogue {
    with_current(Catalogue::clone)
}

/// The text of `key` in `lang` with its named arguments filled in, from the
/// catalogue in use.
pub fn msg<K: AsRef<str>, V: AsRef<str>>(key: &str, lang: Lang, args: &[(K, V)]) -> String {
    with_current(|c| c.fill(key, lang, args))
}

/// The text of `key` in both languages with its named arguments filled in.
pub fn text<K: AsRef<str>, V: AsRef<str>>(key: &str, args: &[(K, V)]) -> crate::results::Text {
    with_current(|c| crate::results::Text::new(c.fill(key, Lang::Nl, args), c.fill(key, Lang::En, args)))
}

/// The text of `key` in both languages, with named arguments that differ
/// by language (a text of the catalogue inside another).
pub fn text_by_lang(key: &str, args: impl Fn(Lang) -> Vec<(&'static str, String)>) -> crate::results::Text {
    crate::results::Text::new(msg(key, Lang::Nl, &args(Lang::Nl)), msg(key, Lang::En, &args(Lang::En)))
}

/// `f` given both texts of `key` (Dutch, English) as the catalogue in use
/// holds them, borrowed, placeholders unfilled (the key in brackets when
/// there is no such text, as [`msg`] shows it): for wording that fills its
/// own arguments, without copying the templates.
pub fn with_templates<R>(key: &str, f: impl FnOnce(&str, &str) -> R) -> R {
    with_current(|c| match c.entries.get(key) {
        Some(e) => f(&e.nl, &e.en),
        None => {
            let missing = format!("[{key}]");
            f(&missing, &missing)
        }
    })
}

/// No named arguments, for [`msg`] and [`text`].
pub const NO_ARGS: &[(&str, &str)] = &[];

/// Runs `f` with `catalogue` in place of the embedded one on this thread
/// (for tests: a pseudo-locale shows which texts are still in the code).
pub fn with_catalogue<R>(catalogue: Catalogue, f: impl FnOnce() -> R) -> R {
    INSTEAD.with(|c| *c.borrow_mut() = Some(catalogue));
    let out = f();
    INSTEAD.with(|c| *c.borrow_mut() = None);
    out
}

/// Runs `f` with `catalogue` in place of the embedded one on this thread and
/// on the threads of a pool of its own, which the rules' and the tables'
/// parallel loops then use (tests only: a pseudo-locale through a whole run).
#[cfg(test)]
pub fn with_catalogue_everywhere<R: Send>(catalogue: Catalogue, f: impl FnOnce() -> R + Send) -> R {
    let for_workers = catalogue.clone();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .start_handler(move |_| INSTEAD.with(|c| *c.borrow_mut() = Some(for_workers.clone())))
        .build();
    match pool {
        Ok(pool) => pool.install(|| with_catalogue(catalogue, f)),
        Err(e) => panic!("no thread pool: {e}"),
    }
}

/// A pseudo-locale of a text: every ASCII letter accented or replaced by a
/// look-alike outside ASCII, the whole in `⟦ ⟧`; named arguments (`{name}`)
/// stay as they are, so they are still filled in.
pub fn pseudo(text: &str) -> String {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: [char; 52] = [
        'á', 'ƀ', 'ç', 'ď', 'é', 'ƒ', 'ğ', 'ĥ', 'í', 'ĵ', 'ķ', 'ĺ', 'ɱ', 'ñ', 'ó', 'ƥ', 'ʠ', 'ř', 'š', 'ţ', 'ú', 'ʋ',
        'ŵ', 'ẋ', 'ý', 'ž', 'Á', 'Ɓ', 'Ç', 'Ď', 'É', 'Ƒ', 'Ğ', 'Ĥ', 'Í', 'Ĵ', 'Ķ', 'Ĺ', 'Ṁ', 'Ñ', 'Ó', 'Ƥ', 'Ɋ', 'Ř',
        'Š', 'Ţ', 'Ú', 'Ʋ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    let mut out = String::from("⟦");
    let mut in_name = false;
    for c in text.chars() {
        match c {
            '{' => in_name = true,
            '}' => in_name = false,
            _ => {}
        }
        let mapped = if in_name { None } else { FROM.find(c).and_then(|i| TO.get(i)) };
        out.push(mapped.copied().unwrap_or(c));
    }
    out.push('⟧');
    out
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// For a template whose braces are whole placeholders (known or not)
        /// or lone closing braces, and values without braces, filling in one
        /// pass is filling by one `replace` per argument (the way it was done
        /// before). They differ only where a replacement joins text into a new
        /// placeholder (`{{a}b}` with an empty `a`): one pass leaves that alone.
        #[test]
        fn one_pass_is_one_replace_per_argument_for_plain_templates(
            tokens in proptest::collection::vec(
                proptest::prop_oneof!["[a-c ]{1,3}", "\\{(a|b|c|ab|d)\\}", "\\}"],
                0..12,
            ),
            values in proptest::collection::vec("[a-z ]{0,6}", 0..4),
        ) {
            let template = tokens.concat();
            let names = ["a", "b", "c", "ab"];
            let args: Vec<(&str, &str)> = names.iter().copied().zip(values.iter().map(String::as_str)).collect();
            let mut replaced = template.clone();
            for (name, value) in &args {
                replaced = replaced.replace(&format!("{{{name}}}"), value);
            }
            proptest::prop_assert_eq!(fill_template(&template, &args), replaced);
        }
    }

    #[test]
    fn a_template_is_filled_in_one_pass() {
        let args = [("a", "{b}"), ("b", "2")];
        // A value holding a placeholder stays as it is; an unknown name stays as written.
        assert_eq!(fill_template("{a} en {b}, {c} {", &args), "{b} en 2, {c} {");
        assert_eq!(fill_template("{{b}} {b}{b}", &args), "{2} 22");
        assert_eq!(fill_template("geen", &args), "geen");
        assert_eq!(fill_template::<&str, &str>("{a}", &[]), "{a}");
        // A replacement never makes a placeholder of the text around it.
        assert_eq!(fill_template("{{a}b}", &[("a", ""), ("b", "2")]), "{b}");
    }

    use super::*;

    /// Every Dutch text of the catalogue as one list, to read them all at
    /// once: `cargo test --lib dutch_texts_to_read -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints the Dutch texts for a reader"]
    fn dutch_texts_to_read() {
        let serve = include_str!("../../reports/messages/serve.toml");
        let files = EMBEDDED.iter().copied().chain([("reports/messages/serve.toml", serve)]);
        for (name, text) in files {
            println!("== {name}");
            let c = Catalogue::parse(name, text).unwrap_or_default();
            for key in c.keys() {
                println!("{key}: {}", c.get(key, Lang::Nl));
            }
        }
    }

    #[test]
    fn embedded_catalogue_parses_and_has_both_languages() {
        let c = Catalogue::parse_all(EMBEDDED).expect("the embedded catalogue parses");
        assert!(c.keys().count() > 20);
        assert_eq!(c.get("month_3", Lang::Nl), "maart");
        assert_eq!(c.get("month_3", Lang::En), "March");
        for key in c.keys() {
            assert!(!c.get(key, Lang::Nl).is_empty() && !c.get(key, Lang::En).is_empty(), "{key}");
        }
    }

    #[test]
    fn named_arguments_are_filled_in() {
        let c = Catalogue::parse("x.toml", "[a]\nnl = \"<{min_count} of {x}\"\nen = \"<{min_count}\"\n")
            .unwrap_or_default();
        assert_eq!(c.fill("a", Lang::Nl, &[("min_count", "10"), ("y", "?")]), "<10 of {x}");
        assert_eq!(c.fill("a", Lang::En, &[("min_count", "3")]), "<3");
    }

    #[test]
    fn the_pseudo_locale_keeps_named_arguments() {
        assert_eq!(pseudo("Rule {rule_id} fails"), "⟦Řúĺé {rule_id} ƒáíĺš⟧");
    }

    #[test]
    fn unknown_keys_show_as_keys() {
        assert_eq!(Catalogue::embedded().get("no_such_key", Lang::Nl), "[no_such_key]");
    }

    #[test]
    fn templates_are_the_texts_msg_gives_without_arguments() {
        for key in ["hs_g04_pass", "month_1", "no_such_key"] {
            let (nl, en) = with_templates(key, |nl, en| (nl.to_string(), en.to_string()));
            assert_eq!(nl, msg(key, Lang::Nl, NO_ARGS), "{key}");
            assert_eq!(en, msg(key, Lang::En, NO_ARGS), "{key}");
        }
        assert_eq!(with_templates("no_such_key", |nl, _| nl.to_string()), "[no_such_key]");
        assert!(with_templates("hs_g04_pass", |nl, en| nl.contains("{due}") && en.contains("{due}")));
    }

    #[test]
    fn broken_catalogue_names_the_place() {
        let err = Catalogue::parse("x.toml", "[a]\nnl = \"x\"\n").expect_err("en is missing");
        assert!(err.starts_with("x.toml"), "{err}");
    }
}
