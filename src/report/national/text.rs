//! Small text helpers of the national report: catalogue sentences with
//! placeholders, norms and measurements in words and units as a reader of the
//! report's language writes them, and rulebook texts on one line.

use chrono::NaiveDate;

use crate::report::RenderContext;
use crate::report::location::values::Values;
use crate::report::measures::Measures;
use crate::results::{Outcome, Severity};

/// The catalogue text of `key` with each `{name}` replaced by its value.
pub fn fill(ctx: &RenderContext, key: &str, values: &[(&str, String)]) -> String {
    ctx.catalogue.fill(key, ctx.lang, values)
}

/// The catalogue text of `key`.
pub fn t(ctx: &RenderContext, key: &str) -> String {
    ctx.catalogue.get(key, ctx.lang)
}

/// A count with its noun in the singular or the plural: `1 traject`, `3 trajecten`.
pub fn counted(ctx: &RenderContext, n: usize, one_key: &str, many_key: &str) -> String {
    let key = if n == 1 { one_key } else { many_key };
    fill(ctx, key, &[("n", ctx.fmt.count(n))])
}

/// The word for an outcome (`voldoet niet`).
pub fn outcome_label(ctx: &RenderContext, outcome: Outcome) -> String {
    t(ctx, &format!("outcome_{}", outcome.as_str()))
}

/// The word for a severity (`fout`).
pub fn severity_label(ctx: &RenderContext, severity: Severity) -> String {
    t(ctx, &format!("severity_{}", severity.as_str()))
}

/// A location rule's measured value and its norm in words with their units
/// (`0,40 fte betaalde coördinatie`, `minstens 0,55 fte`), as the location
/// report writes them; `as_of` is the audit's date.
pub fn in_words(
    ctx: &RenderContext,
    as_of: NaiveDate,
    rule_id: &str,
    measured: f64,
    expected: &str,
) -> (String, String) {
    let values = Values { fmt: ctx.fmt, catalogue: ctx.catalogue, lang: ctx.lang };
    let measures = Measures { values: &values, as_of };
    (measures.measured(rule_id, measured), measures.norm(rule_id, expected))
}

/// A location rule's norm in words with its unit.
pub fn norm_in_words(ctx: &RenderContext, as_of: NaiveDate, rule_id: &str, expected: &str) -> String {
    let values = Values { fmt: ctx.fmt, catalogue: ctx.catalogue, lang: ctx.lang };
    Measures { values: &values, as_of }.norm(rule_id, expected)
}

/// A rulebook text (written over several lines in TOML) as one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::report::{Catalogue, Engine, Formatter};
    use crate::rulebook::Rulebook;

    fn with_ctx(lang: Lang, check: impl Fn(&RenderContext)) {
        let catalogue = Catalogue::embedded();
        let engine = Engine::new(lang, &catalogue, None).expect("engine");
        let fmt = Formatter::new(&catalogue, lang);
        let rulebook = Rulebook {
            id: "x".into(),
            version: "1".into(),
            title: Default::default(),
            rules: vec![],
            privacy: Default::default(),
        };
        let ctx = RenderContext {
            lang,
            engine: &engine,
            catalogue: &catalogue,
            fmt: &fmt,
            rulebook: &rulebook,
            formats: &[],
        };
        check(&ctx);
    }

    #[test]
    fn measured_values_and_norms_in_words_with_their_units() {
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        with_ctx(Lang::Nl, |ctx| {
            let (m, n) = in_words(ctx, as_of, "HS-L01", 0.4, ">= 0.55");
            assert_eq!((m.as_str(), n.as_str()), ("0,40 fte betaalde coördinatie", "minstens 0,55 fte"));
            assert_eq!(norm_in_words(ctx, as_of, "HS-L08", "norm 56500"), "norm € 56.500 per jaar");
        });
        with_ctx(Lang::En, |ctx| {
            let (m, _) = in_words(ctx, as_of, "HS-L07", 2.0, ">= 0");
            assert_eq!(m, "licence valid until 2 January 2027, 2 days after the as-of date");
        });
    }

    #[test]
    fn placeholders_and_plurals() {
        with_ctx(Lang::Nl, |ctx| {
            assert_eq!(counted(ctx, 1, "nat_trajectory_one", "nat_trajectory_many"), "1 traject");
            assert_eq!(counted(ctx, 1200, "nat_trajectory_one", "nat_trajectory_many"), "1.200 trajecten");
        });
        assert_eq!(one_line("Kijk in\n  het blad\n"), "Kijk in het blad");
    }
}
