//! Measured values and norms written out for a reader: `0,66 fte` against
//! `minstens 0,55 fte`, counts whole, hours with one decimal, money in euro.

use crate::i18n::Lang;
use crate::report::{Catalogue, Formatter};

pub use crate::rules::registry::Unit;

/// The unit of each rule's `measured`, as the rule's own facts give it.
pub fn unit_of(rule_id: &str) -> Unit {
    crate::rules::registry::facts(rule_id).unit
}

/// Writes numbers and norms in one language.
pub struct Values<'a> {
    pub fmt: &'a Formatter,
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
}

impl Values<'_> {
    fn t(&self, key: &str) -> String {
        self.catalogue.get(key, self.lang)
    }

    /// The bare number, with the decimals of its unit.
    pub fn number(&self, unit: Unit, x: f64) -> String {
        match unit {
            Unit::Fte => self.fmt.number(x, 2),
            Unit::Count | Unit::Days => self.fmt.number(x, 0),
            Unit::Hours => self.fmt.number(x, 1),
            Unit::Euro => self.fmt.euro(x),
            Unit::Plain => self.fmt.number_auto(x, 2),
        }
    }

    /// A norm's number: no more decimals than it has (`105`, `0,55`).
    pub fn norm_number(&self, unit: Unit, x: f64) -> String {
        match unit {
            Unit::Fte | Unit::Plain => self.fmt.number_auto(x, 2),
            Unit::Hours => self.fmt.number_auto(x, 1),
            Unit::Count | Unit::Days | Unit::Euro => self.number(unit, x),
        }
    }

    /// The number with its unit: `0,66 fte`, `123,5 uur per gezinsjaar`.
    pub fn value(&self, unit: Unit, x: f64) -> String {
        self.with_unit(unit, self.number(unit, x))
    }

    /// A norm with its unit: `0,55 fte`, `105 uur per gezinsjaar`.
    pub fn norm_value(&self, unit: Unit, x: f64) -> String {
        self.with_unit(unit, self.norm_number(unit, x))
    }

    fn with_unit(&self, unit: Unit, number: String) -> String {
        let unit_key = match unit {
            Unit::Fte => "loc_unit_fte",
            Unit::Hours => "loc_unit_hours",
            Unit::Days => "loc_unit_days",
            Unit::Count | Unit::Euro | Unit::Plain => return number,
        };
        format!("{number} {}", self.t(unit_key))
    }

    /// A norm as results write it (`>= 0.55`, `<= 30`, `norm 56500`), in words.
    /// Anything else is shown as it is.
    pub fn norm(&self, unit: Unit, expected: &str) -> String {
        let (op, rest) = expected.trim().split_once(' ').unwrap_or(("", expected.trim()));
        let key = match op {
            ">=" => "loc_norm_at_least",
            "<=" => "loc_norm_at_most",
            "norm" => "loc_norm_about",
            _ => return expected.to_string(),
        };
        match rest.trim().parse::<f64>() {
            Ok(x) => self.t(key).replace("{}", &self.norm_value(unit, x)),
            Err(_) => expected.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lang: Lang, rule: &str, measured: f64, expected: &str) -> (String, String) {
        let catalogue = Catalogue::embedded();
        let fmt = Formatter::new(&catalogue, lang);
        let v = Values { fmt: &fmt, catalogue: &catalogue, lang };
        (v.value(unit_of(rule), measured), v.norm(unit_of(rule), expected))
    }

    #[test]
    fn each_unit_in_both_languages() {
        assert_eq!(check(Lang::Nl, "HS-L01", 0.655, ">= 0.55"), ("0,66 fte".into(), "minstens 0,55 fte".into()));
        assert_eq!(check(Lang::En, "HS-L01", 0.655, ">= 0.55"), ("0.66 fte".into(), "at least 0.55 fte".into()));
        assert_eq!(check(Lang::Nl, "HS-L05", 28.0, "<= 30"), ("28".into(), "hoogstens 30".into()));
        let hours = ("123,5 uur per gezinsjaar".into(), "minstens 105 uur per gezinsjaar".into());
        assert_eq!(check(Lang::Nl, "HS-L06", 123.4704, ">= 105"), hours);
        assert_eq!(check(Lang::Nl, "HS-L06", 104.96, ">= 105").0, "105,0 uur per gezinsjaar");
        assert_eq!(check(Lang::En, "HS-L08", 55465.63, "norm 56500"), ("€ 55,466".into(), "norm € 56,500".into()));
        assert_eq!(check(Lang::Nl, "HS-L07", 184.0, ">= 0"), ("184 dagen".into(), "minstens 0 dagen".into()));
    }

    #[test]
    fn an_unknown_norm_is_shown_as_it_is() {
        assert_eq!(check(Lang::Nl, "HS-X99", 1.5, "between 1 and 2").1, "between 1 and 2");
        assert_eq!(check(Lang::Nl, "HS-X99", 1.5, ">= many").1, ">= many");
        assert_eq!(check(Lang::Nl, "HS-X99", 1.25, "").0, "1,25");
    }
}
