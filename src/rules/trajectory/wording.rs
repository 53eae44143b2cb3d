//! How rule messages are written, in Dutch and English, for the trajectory
//! and the location rules alike: dates written out (`3 maart 2026` /
//! `3 March 2026`), numbers with a decimal comma and thousands dots in Dutch
//! (`1.234,5`) and the other way round in English, nouns in singular or
//! plural, and every message a full sentence: a capital first, a full stop
//! last. Reasons (why something cannot be judged) are fragments: lower case,
//! no full stop, so that they can stand inside a sentence.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;
use crate::report::catalogue::{self, NO_ARGS, msg};
use crate::results::Text;
use crate::results::result::push_padded;

pub use crate::results::result::quietly;
use crate::results::result::{quiet, wanted};

/// A rule message from the catalogue (`reports/messages/rules.toml`), each
/// named argument filled in with its own language's text, in one pass (a
/// value from the export that holds `{name}` stays as it is).
pub fn say(key: &str, args: &[(&str, &Text)]) -> Text {
    if quiet() {
        return Text::default();
    }
    catalogue::with_templates(key, |nl, en| both(|| fill_once(nl, Lang::Nl, args), || fill_once(en, Lang::En, args)))
}

/// A text made in each language wanted ([`crate::results::result::in_language`]); the other one left empty.
fn both(nl: impl FnOnce() -> String, en: impl FnOnce() -> String) -> Text {
    let nl = if wanted(Lang::Nl) { nl() } else { String::new() };
    let en = if wanted(Lang::En) { en() } else { String::new() };
    Text::new(nl, en)
}

/// `template` with each `{name}` of `args` replaced by its text in `lang`;
/// other braces stay as written.
fn fill_once(template: &str, lang: Lang, args: &[(&str, &Text)]) -> String {
    catalogue::fill_with(template, |name| args.iter().find(|(k, _)| *k == name).map(|(_, t)| lang.pick(&t.nl, &t.en)))
}

/// A value that reads the same in both languages (a count, an id).
pub fn plain(x: impl std::fmt::Display) -> Text {
    if quiet() {
        return Text::default();
    }
    let s = x.to_string();
    match (wanted(Lang::Nl), wanted(Lang::En)) {
        (true, true) => Text::new(s.clone(), s),
        (true, false) => Text::new(s, String::new()),
        (false, _) => Text::new(String::new(), s),
    }
}

/// The catalogue keys of the months (`month_1` is January), shared with
/// the reports.
const MONTHS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8", "month_9", "month_10",
    "month_11", "month_12",
];

/// The month names of the embedded catalogue, Dutch then English, looked
/// up once (a date is in most messages).
static MONTH_NAMES: LazyLock<[[String; 12]; 2]> =
    LazyLock::new(|| [Lang::Nl, Lang::En].map(|lang| MONTHS.map(|key| catalogue::embedded().get(key, lang))));

/// `d` written with the name of its month in `lang`, from the catalogue in use.
fn with_month(d: NaiveDate, lang: Lang) -> String {
    let key = MONTHS[d.month0() as usize];
    if catalogue::replaced() {
        return written_date(d, &msg(key, lang, NO_ARGS));
    }
    let i = usize::from(lang == Lang::En);
    written_date(d, &MONTH_NAMES[i][d.month0() as usize])
}

/// A date as a Dutch reader writes it: `2 maart 2026`.
fn nl_date(d: NaiveDate) -> String {
    with_month(d, Lang::Nl)
}

/// A date for an English reader: `2 March 2026`.
fn en_date(d: NaiveDate) -> String {
    with_month(d, Lang::En)
}

/// `{day} {month} {year}`, without the formatting machinery (most messages
/// write dates: this was a sixth of a run).
fn written_date(d: NaiveDate, month: &str) -> String {
    let mut s = String::with_capacity(month.len() + 12);
    push_padded(&mut s, d.day(), 1);
    s.push(' ');
    s.push_str(month);
    s.push(' ');
    match u32::try_from(d.year()) {
        Ok(y) => push_padded(&mut s, y, 1),
        Err(_) => s.push_str(&d.year().to_string()),
    }
    s
}

/// A date in both languages.
pub fn day(d: NaiveDate) -> Text {
    if quiet() {
        return Text::default();
    }
    both(|| nl_date(d), || en_date(d))
}

/// A number, at most `decimals` decimals, trailing zeros cut: Dutch with a
/// decimal comma and thousands dots, English the other way round.
pub fn number(x: f64, decimals: usize) -> Text {
    if quiet() {
        return Text::default();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    let group = |sep: char| {
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    };
    let join = |int: String, dot: char| {
        if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}{dot}{frac}") }
    };
    both(|| join(group('.'), ','), || join(group(','), '.'))
}

/// A change with its sign and exactly `decimals` decimals: `+2,00` / `+2.00`.
pub fn signed(x: f64, decimals: usize) -> Text {
    if quiet() {
        return Text::default();
    }
    let en = format!("{x:+.decimals$}");
    Text::new(en.replace('.', ","), en)
}

/// A noun the messages count: the catalogue keys of "1 gezin" and of
/// "{n} gezinnen" (`reports/messages/rules.toml`, `hs_n_…`).
#[derive(Debug, Clone, Copy)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

/// The nouns the rules count.
pub mod nouns {
    use super::Noun;

    pub const FAMILIES: Noun = Noun { one: "hs_n_family_one", many: "hs_n_family_many" };
    pub const COORDINATORS: Noun = Noun { one: "hs_n_coordinator_one", many: "hs_n_coordinator_many" };
    pub const PAID_COORDINATORS: Noun = Noun { one: "hs_n_paid_coordinator_one", many: "hs_n_paid_coordinator_many" };
    pub const VOLUNTEERS: Noun = Noun { one: "hs_n_volunteer_one", many: "hs_n_volunteer_many" };
    pub const CONTACTS: Noun = Noun { one: "hs_n_contact_one", many: "hs_n_contact_many" };
    pub const DOMAINS: Noun = Noun { one: "hs_n_domain_one", many: "hs_n_domain_many" };
    pub const WEEKS: Noun = Noun { one: "hs_n_week_one", many: "hs_n_week_many" };
    pub const DAYS: Noun = Noun { one: "hs_n_day_one", many: "hs_n_day_many" };
}

/// "N nouns" in both languages, the noun in singular or plural as N asks.
pub fn count(n: usize, noun: Noun) -> Text {
    let key = if n == 1 { noun.one } else { noun.many };
    say(key, &[("n", &plain(n))])
}

/// Joins message parts per language.
pub fn concat(parts: &[&Text]) -> Text {
    if quiet() {
        return Text::default();
    }
    both(
        || parts.iter().map(|t| t.nl.as_str()).collect::<String>(),
        || parts.iter().map(|t| t.en.as_str()).collect::<String>(),
    )
}

/// Parts joined per language with `sep` between them.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a Text>, sep: &str) -> Text {
    if quiet() {
        return Text::default();
    }
    let parts: Vec<&Text> = parts.into_iter().collect();
    let one = |f: fn(&Text) -> &str| parts.iter().map(|t| f(t)).collect::<Vec<_>>().join(sep);
    both(|| one(|t| &t.nl), || one(|t| &t.en))
}

/// A fragment as a sentence: its first letter a capital, a full stop last.
pub fn sentence(fragment: &Text) -> Text {
    if quiet() {
        return Text::default();
    }
    let one = |s: &str| {
        let mut chars = s.chars();
        let mut out = String::with_capacity(s.len() + 2);
        out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
        out.push_str(chars.as_str());
        if !out.ends_with(['.', '!', '?']) {
            out.push('.');
        }
        out
    };
    both(|| one(&fragment.nl), || one(&fragment.en))
}

/// The message of a `not_evaluated` result: the reason in a sentence.
pub fn not_evaluated(reason: &Text) -> Text {
    if quiet() {
        return Text::default();
    }
    let t = say("hs_not_evaluated", &[("reason", reason)]);
    both(|| full_stop(&t.nl), || full_stop(&t.en))
}

/// `s` with a full stop at the end, unless it ends a sentence already.
fn full_stop(s: &str) -> String {
    if s.ends_with(['.', '!', '?']) { s.to_string() } else { format!("{s}.") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::d;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(nl_date(d("2026-03-02")), "2 maart 2026");
        assert_eq!(en_date(d("2026-12-31")), "31 December 2026");
        assert_eq!(day(d("2026-08-03")), Text::new("3 augustus 2026", "3 August 2026"));
        for date in [d("0005-01-09"), d("2026-11-30"), NaiveDate::from_ymd_opt(-44, 3, 15).expect("a date")] {
            let month = msg(MONTHS[date.month0() as usize], Lang::En, NO_ARGS);
            assert_eq!(en_date(date), format!("{} {month} {}", date.day(), date.year()));
        }
    }

    #[test]
    fn say_fills_each_name_once_and_leaves_other_braces() {
        let t = Text::new("{b} x", "{b} y");
        let out = fill_once("{a}: {b} {c}", Lang::Nl, &[("a", &t), ("b", &Text::new("B", "b"))]);
        assert_eq!(out, "{b} x: B {c}");
        assert_eq!(fill_once("{a}", Lang::En, &[("a", &t)]), "{b} y");
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(0.4, 2), Text::new("0,4", "0.4"));
        assert_eq!(number(-1.4286, 2), Text::new("-1,43", "-1.43"));
        assert_eq!(signed(2.0, 2), Text::new("+2,00", "+2.00"));
        assert_eq!(signed(-0.5, 2), Text::new("-0,50", "-0.50"));
    }

    #[test]
    fn join_keeps_the_languages_apart() {
        let parts = [Text::new("a", "b"), Text::new("c", "d")];
        assert_eq!(join(&parts, "; "), Text::new("a; c", "b; d"));
        assert_eq!(join(&[], ", "), Text::default());
    }

    #[test]
    fn counts_take_singular_or_plural() {
        assert_eq!(count(1, nouns::WEEKS), Text::new("1 week", "1 week"));
        assert_eq!(count(0, nouns::FAMILIES), Text::new("0 gezinnen", "0 families"));
        assert_eq!(count(12, nouns::DAYS), Text::new("12 dagen", "12 days"));
    }

    #[test]
    fn sentences_start_with_a_capital_and_end_with_a_full_stop() {
        let s = sentence(&Text::new("één gat", "one gap"));
        assert_eq!(s, Text::new("Één gat.", "One gap."));
        assert_eq!(sentence(&Text::new("Klaar.", "Done.")), Text::new("Klaar.", "Done."));
        let r = not_evaluated(&Text::new("`bezoeken` is leeg", "`bezoeken` is empty"));
        assert_eq!(r, Text::new("Niet te beoordelen: `bezoeken` is leeg.", "Cannot be judged: `bezoeken` is empty."));
        assert_eq!(not_evaluated(&Text::new("a. b.", "a. b.")).en, "Cannot be judged: a. b.");
    }
}
