//! How rule messages are written, in Dutch and English, for the trajectory
//! and the location rules alike: dates written out (`3 maart 2026` /
//! `3 March 2026`), numbers with a decimal comma and thousands dots in Dutch
//! (`1.234,5`) and the other way round in English, nouns in singular or
//! plural, and every message a full sentence: a capital first, a full stop
//! last. Reasons (why something cannot be judged) are fragments: lower case,
//! no full stop, so that they can stand inside a sentence.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;
use crate::report::catalogue::{NO_ARGS, msg};
use crate::results::Text;
use crate::results::result::push_padded;

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

use crate::results::result::quiet;
pub use crate::results::result::quietly;

/// A rule message from the catalogue (`reports/messages/rules.toml`), each
/// named argument filled in with its own language's text, in one pass (a
/// value from the export that holds `{name}` stays as it is).
pub fn say(key: &str, args: &[(&str, &Text)]) -> Text {
    if quiet() {
        return Text::default();
    }
    let one = |lang: Lang| fill_once(&msg(key, lang, NO_ARGS), lang, args);
    Text::new(one(Lang::Nl), one(Lang::En))
}

/// `template` with each `{name}` of `args` replaced by its text in `lang`;
/// other braces stay as written.
fn fill_once(template: &str, lang: Lang, args: &[(&str, &Text)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after
            .find('}')
            .and_then(|j| args.iter().find(|(k, _)| *k == &after[..j]).map(|(_, t)| (lang.pick(&t.nl, &t.en), j)));
        match value {
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

/// A value that reads the same in both languages (a count, an id).
pub fn plain(x: impl std::fmt::Display) -> Text {
    if quiet() {
        return Text::default();
    }
    let s = x.to_string();
    Text::new(s.clone(), s)
}

/// A date as a Dutch reader writes it: `2 maart 2026`.
fn nl_date(d: NaiveDate) -> String {
    written_date(d, NL_MONTHS[d.month0() as usize])
}

/// A date for an English reader: `2 March 2026`.
fn en_date(d: NaiveDate) -> String {
    written_date(d, EN_MONTHS[d.month0() as usize])
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
    Text::new(nl_date(d), en_date(d))
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
    Text::new(join(group('.'), ','), join(group(','), '.'))
}

/// A change with its sign and exactly `decimals` decimals: `+2,00` / `+2.00`.
pub fn signed(x: f64, decimals: usize) -> Text {
    if quiet() {
        return Text::default();
    }
    let en = format!("{x:+.decimals$}");
    Text::new(en.replace('.', ","), en)
}

/// "N nouns" in both languages, the noun in singular or plural as N asks;
/// the nouns are (Dutch singular, Dutch plural, English singular, English plural).
pub fn count(n: usize, nouns: [&str; 4]) -> Text {
    if quiet() {
        return Text::default();
    }
    if n == 1 {
        Text::new(format!("1 {}", nouns[0]), format!("1 {}", nouns[2]))
    } else {
        Text::new(format!("{n} {}", nouns[1]), format!("{n} {}", nouns[3]))
    }
}

/// Joins message parts per language.
pub fn concat(parts: &[&Text]) -> Text {
    if quiet() {
        return Text::default();
    }
    Text::new(
        parts.iter().map(|t| t.nl.as_str()).collect::<String>(),
        parts.iter().map(|t| t.en.as_str()).collect::<String>(),
    )
}

/// Parts joined per language with `sep` between them.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a Text>, sep: &str) -> Text {
    if quiet() {
        return Text::default();
    }
    let parts: Vec<&Text> = parts.into_iter().collect();
    let one = |f: fn(&Text) -> &str| parts.iter().map(|t| f(t)).collect::<Vec<_>>().join(sep);
    Text::new(one(|t| &t.nl), one(|t| &t.en))
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
    Text::new(one(&fragment.nl), one(&fragment.en))
}

/// The message of a `not_evaluated` result: the reason in a sentence.
pub fn not_evaluated(reason: &Text) -> Text {
    if quiet() {
        return Text::default();
    }
    let t = say("hs_not_evaluated", &[("reason", reason)]);
    Text::new(full_stop(&t.nl), full_stop(&t.en))
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
            let month = EN_MONTHS[date.month0() as usize];
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
        let nouns = ["bezoek", "bezoeken", "visit", "visits"];
        assert_eq!(count(1, nouns), Text::new("1 bezoek", "1 visit"));
        assert_eq!(count(0, nouns), Text::new("0 bezoeken", "0 visits"));
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
