//! A location rule's measured value and norm in words and units, for every
//! report: `licentie geldig tot 31 maart 2027, 812 dagen na de peildatum`
//! against `geldig op de peildatum`. The phrases are the catalogue's
//! `measured_<rule>` and `norm_<rule>` entries with named arguments
//! (`{value}`, `{norm}`, `{date}`, `{as_of}`); a variant for one (`_one`),
//! zero (`_zero`) or a negative value (`_negative`, shown without its sign)
//! is used where the catalogue has it. A rule without phrases falls back to
//! its number with its unit ([`Values`]). Costs nothing: one result at a time.

use chrono::{Days, NaiveDate};

use crate::report::catalogue::fill_template;
use crate::report::location::values::{Values, unit_of};

/// Phrases a rule's measured value and norm as of the audit's date `as_of`.
pub struct Measures<'a> {
    pub values: &'a Values<'a>,
    pub as_of: NaiveDate,
}

impl Measures<'_> {
    /// The first of `keys` the catalogue has.
    fn phrase(&self, keys: &[String]) -> Option<String> {
        keys.iter().find(|k| self.values.catalogue.contains(k)).map(|k| self.values.catalogue.get(k, self.values.lang))
    }

    /// `base` with the variant suffixes that fit `x`, most specific first.
    fn variants(base: &str, x: f64) -> Vec<String> {
        let mut keys = Vec::new();
        let one = x.abs() == 1.0;
        if x < 0.0 {
            if one {
                keys.push(format!("{base}_negative_one"));
            }
            keys.push(format!("{base}_negative"));
        } else if x == 0.0 {
            keys.push(format!("{base}_zero"));
        }
        if one {
            keys.push(format!("{base}_one"));
        }
        keys.push(base.to_string());
        keys
    }

    /// The date `days` after (or before) the as-of date, written out.
    fn date_after(&self, days: f64) -> String {
        let whole = days.abs().min(1.0e6) as u64;
        let date = if days < 0.0 {
            self.as_of.checked_sub_days(Days::new(whole))
        } else {
            self.as_of.checked_add_days(Days::new(whole))
        };
        date.map(|d| self.values.fmt.date(d)).unwrap_or_default()
    }

    /// The measured value of `rule_id` in words, with its unit.
    pub fn measured(&self, rule_id: &str, x: f64) -> String {
        let unit = unit_of(rule_id);
        let Some(phrase) = self.phrase(&Self::variants(&format!("measured_{rule_id}"), x)) else {
            return self.values.value(unit, x);
        };
        // Only the arguments the phrase names are written out (a national
        // report phrases tens of thousands of values).
        let mut args = vec![("value", self.values.number(unit, x.abs()))];
        if phrase.contains("{date}") {
            args.push(("date", self.date_after(x)));
        }
        if phrase.contains("{as_of}") {
            args.push(("as_of", self.values.fmt.date(self.as_of)));
        }
        fill_template(&phrase, &args)
    }

    /// The norm of `rule_id` (as results write it: `>= 0.55`, `norm 56500`) in words.
    pub fn norm(&self, rule_id: &str, expected: &str) -> String {
        let unit = unit_of(rule_id);
        let number = match expected.trim().split_once(' ') {
            Some((">=" | "<=" | "norm", n)) => n.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
            _ => None,
        };
        let phrase = number.and_then(|x| self.phrase(&Self::variants(&format!("norm_{rule_id}"), x)));
        match (phrase, number) {
            (Some(p), Some(x)) => {
                let mut args = vec![("norm", self.values.norm_number(unit, x))];
                if p.contains("{as_of}") {
                    args.push(("as_of", self.values.fmt.date(self.as_of)));
                }
                fill_template(&p, &args)
            }
            _ => self.values.norm(unit, expected),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::report::{Catalogue, Formatter};

    fn both(lang: Lang, rule: &str, measured: f64, expected: &str) -> (String, String) {
        let catalogue = Catalogue::embedded();
        let fmt = Formatter::new(&catalogue, lang);
        let values = Values { fmt: &fmt, catalogue: &catalogue, lang };
        let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).expect("a date");
        let m = Measures { values: &values, as_of };
        (m.measured(rule, measured), m.norm(rule, expected))
    }

    #[test]
    fn the_licence_in_words_in_both_languages() {
        assert_eq!(
            both(Lang::Nl, "HS-L07", 820.0, ">= 0"),
            ("licentie geldig tot 31 maart 2027, 820 dagen na de peildatum".into(), "geldig op de peildatum".into())
        );
        assert_eq!(
            both(Lang::En, "HS-L07", 820.0, ">= 0"),
            (
                "licence valid until 31 March 2027, 820 days after the as-of date".into(),
                "valid on the as-of date".into()
            )
        );
        assert_eq!(
            both(Lang::Nl, "HS-L07", 1.0, ">= 0").0,
            "licentie geldig tot 1 januari 2025, 1 dag na de peildatum"
        );
        assert_eq!(
            both(Lang::Nl, "HS-L07", 0.0, ">= 0").0,
            "licentie geldig tot en met de peildatum, 31 december 2024"
        );
        assert_eq!(
            both(Lang::Nl, "HS-L07", -232.0, ">= 0").0,
            "licentie verlopen: geldig tot 13 mei 2024, 232 dagen vóór de peildatum"
        );
        assert_eq!(
            both(Lang::En, "HS-L07", -1.0, ">= 0").0,
            "licence expired: valid until 30 December 2024, 1 day before the as-of date"
        );
    }

    #[test]
    fn every_location_rule_has_its_unit() {
        assert_eq!(
            both(Lang::Nl, "HS-L01", 0.655, ">= 0.55"),
            ("0,66 fte betaalde coördinatie".into(), "minstens 0,55 fte".into())
        );
        assert_eq!(both(Lang::En, "HS-L02", 1.0, ">= 1").0, "1 paid coordinator with a higher education degree");
        assert_eq!(both(Lang::Nl, "HS-L02", 0.0, ">= 1").1, "minstens 1 met hbo- of wo-opleiding");
        assert_eq!(
            both(Lang::Nl, "HS-L03", 23.0, ">= 24"),
            ("23 opgeleide vrijwilligers".into(), "minstens 24 opgeleide vrijwilligers".into())
        );
        assert_eq!(
            both(Lang::En, "HS-L04", 1.0, ">= 25"),
            ("1 family supported".into(), "at least 25 families".into())
        );
        assert_eq!(
            both(Lang::Nl, "HS-L05", 28.0, "<= 30"),
            ("28 gezinnen ondersteund".into(), "hoogstens 30 gezinnen".into())
        );
        assert_eq!(
            both(Lang::Nl, "HS-L06", 123.47, ">= 105"),
            ("123,5 uur per gezinsjaar".into(), "minstens 105 uur per gezinsjaar".into())
        );
        assert_eq!(
            both(Lang::Nl, "HS-L08", 54963.68, "norm 56500"),
            ("kosten € 54.964 in de periode".into(), "norm € 56.500 per jaar".into())
        );
    }

    #[test]
    fn a_rule_without_phrases_keeps_its_number_and_norm() {
        assert_eq!(both(Lang::Nl, "HS-X99", 1.25, ">= 1"), ("1,25".into(), "minstens 1".into()));
        assert_eq!(both(Lang::Nl, "HS-L01", 0.5, "between 1 and 2").1, "between 1 and 2");
    }
}
