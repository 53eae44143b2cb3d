//! Small text helpers of the national report: catalogue sentences with
//! placeholders, norms and measurements written as a reader of the
//! report's language writes them, and rulebook texts on one line.

use crate::report::RenderContext;
use crate::results::{Outcome, Severity};

/// The catalogue text of `key` with each `{name}` replaced by its value.
pub fn fill(ctx: &RenderContext, key: &str, values: &[(&str, String)]) -> String {
    let mut text = ctx.catalogue.get(key, ctx.lang);
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
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

/// A measured value with as many decimals as it needs (at most two).
pub fn measured(ctx: &RenderContext, x: f64) -> String {
    ctx.fmt.number_auto(x, 2)
}

/// A rule's norm as the rules write it (`>= 0.55`, `<= 30`, `norm 56500`),
/// in the report's language: `≥ 0,55`. Words are kept; numbers are
/// written with the language's separators.
pub fn expected(ctx: &RenderContext, text: &str) -> String {
    text.split(' ')
        .map(|word| match word {
            ">=" => "≥".to_string(),
            "<=" => "≤".to_string(),
            _ => match word.parse::<f64>() {
                Ok(x) if x.is_finite() => ctx.fmt.number_auto(x, 2),
                _ => word.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    fn norms_in_each_language() {
        with_ctx(Lang::Nl, |ctx| {
            assert_eq!(expected(ctx, ">= 0.55"), "≥ 0,55");
            assert_eq!(expected(ctx, "<= 30"), "≤ 30");
            assert_eq!(expected(ctx, "norm 56500"), "norm 56.500");
            assert_eq!(measured(ctx, 0.7361), "0,74");
        });
        with_ctx(Lang::En, |ctx| {
            assert_eq!(expected(ctx, ">= 0.55"), "≥ 0.55");
            assert_eq!(expected(ctx, "norm 56500"), "norm 56,500");
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
