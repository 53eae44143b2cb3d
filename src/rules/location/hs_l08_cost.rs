//! HS-L08: the location's cost, set against the norm `cost_norm` (56.500 euro
//! a year). Information only: this rule never fails.
//!
//! # What it checks
//! That the realised cost (`kosten`, sheet `locatie`) is filled in, and
//! reports it next to the norm, with the cost per family supported.
//!
//! # Why
//! *Gemeenten*: a location costs on average 56.500 euro a year. Municipalities
//! fund locations and compare cost per family.
//!
//! # How it is computed
//! - `pass` when `kosten` is filled, whatever its amount.
//! - Cost per family = `kosten` / the number of trajectories active in P
//!   (`start` filled and <= W, `einde` empty or >= P.start), the count of
//!   HS-L04. Rows whose `start` or `einde` cannot be read are left out and
//!   counted in the message. When there are no such families, or the
//!   `gezinnen` sheet is missing, the cost per family is not reported (the
//!   message says why) and the outcome is still `pass`.
//! - `kosten` is reported as given (the cost over the period); it is not
//!   scaled to a year.
//! - `not_evaluated` when `kosten` is empty, cannot be read or its column is
//!   missing, or when the parameter is missing.
//! - Measured: `kosten`; expected: `norm <cost_norm>` (a reference, not a
//!   threshold).
//!
//! # Parameters
//! - `cost_norm` (number): the average yearly cost of a location, 56500.

use super::{active_families, families_supported, left_out_note, not_evaluated, result, tidy};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{Cell, Location};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::nouns::FAMILIES;
use crate::rules::trajectory::wording::{concat, number, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L08",
    scope: Scope::Location,
    params: &[ParamSpec { name: "cost_norm", kind: ParamKind::Number, per_municipality: false }],
    evaluate,
    facts: RuleFacts { unit: Unit::Euro, metric: Some("cost"), gauge: None, pass_deadline: None },

    counts: Counts::None,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![compute(loc, cfg, ctx).unwrap_or_else(|reason| not_evaluated(loc, cfg, reason))]
}

fn compute(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Result<RuleResult, Text> {
    let norm = cfg.num("cost_norm")?;
    let kosten = match &loc.kosten {
        Cell::Value(k) => *k,
        Cell::Unreadable(reason) | Cell::Missing(reason) => return Err(Text::clone(reason)),
        Cell::Empty => {
            return Err(say("hs_l08_cost_empty", &[]));
        }
    };
    let (k, n) = (number(kosten, 2), number(norm, 2));
    let head = say("hs_l08_head", &[("cost", &k), ("norm", &n)]);
    let mut r = result(loc, cfg, Outcome::Pass, Text::default())
        .measured(tidy(kosten), format!("norm {norm}"))
        .fact("kosten", tidy(kosten))
        .fact("cost_norm", norm);
    let per_family = match active_families(loc, ctx) {
        Err(reason) => say("hs_l08_per_family_unknown", &[("reason", &reason)]),
        Ok(families) if families.active.is_empty() => {
            concat(&[&say("hs_l08_no_families", &[]), &left_out_note(families.left_out, FAMILIES)])
        }
        Ok(families) => {
            let count = families.active.len();
            let each = kosten / count as f64;
            let (e, s) = (number(each, 2), families_supported(count));
            r = r
                .fact("families", count)
                .fact("cost_per_family", (each * 100.0).round() / 100.0)
                .fact("left_out", families.left_out);
            concat(&[
                &say("hs_l08_per_family", &[("each", &e), ("supported", &s)]),
                &left_out_note(families.left_out, FAMILIES),
            ])
        }
    };
    r.message = concat(&[&head, &per_family]).into();
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::super::kit::{empty_location, families, missing, run};
    use super::*;
    use crate::rulebook::ParamValue::Number;
    use crate::rules::testkit::{ctx_2026, location, unreadable};

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] = &[("cost_norm", Number(56500.0))];

    fn with(kosten: Cell<f64>, n_families: usize) -> RuleResult {
        let loc = Location { kosten, ..location(families(n_families, "2026-03-01")) };
        run(&SPEC, PARAMS, &loc, &ctx_2026(None))
    }

    #[test]
    fn filled_cost_passes_whatever_the_amount() {
        let r = with(Cell::Value(61250.0), 25);
        assert_eq!((r.outcome, r.measured, r.expected.as_deref()), (Outcome::Pass, Some(61250.0), Some("norm 56500")));
        assert_eq!(r.evidence.get("cost_per_family").as_ref().map(ToString::to_string).as_deref(), Some("2450"));
        assert_eq!(r.evidence.get("families").as_ref().map(ToString::to_string).as_deref(), Some("25"));
        assert!(
            r.message.nl().contains("De kosten zijn € 61.250; de norm is gemiddeld € 56.500 per jaar."),
            "{}",
            r.message.nl()
        );
        assert!(
            r.message.en().contains("Per family that is € 2,450 (25 families were supported in the period)."),
            "{}",
            r.message.en()
        );
        assert_eq!(with(Cell::Value(1_000_000.0), 3).outcome, Outcome::Pass);
        assert_eq!(with(Cell::Value(0.0), 30).outcome, Outcome::Pass);
    }

    #[test]
    fn cost_per_family_needs_families() {
        let r = with(Cell::Value(56500.0), 0);
        assert_eq!(r.outcome, Outcome::Pass);
        assert!(r.message.en().contains("no cost per family"), "{}", r.message.en());
        assert!(!r.evidence.contains_key("cost_per_family"));
        let no_sheet = Location {
            kosten: Cell::Value(56500.0),
            trajectories: Err(Text::new("blad ontbreekt", "sheet missing")),
            ..empty_location()
        };
        let r = run(&SPEC, PARAMS, &no_sheet, &ctx_2026(None));
        assert_eq!(r.outcome, Outcome::Pass);
        assert!(r.message.en().ends_with("cannot be computed: sheet missing."), "{}", r.message.en());
        let mut all = families(2, "2026-03-01");
        all[1].start = unreadable();
        let r = run(&SPEC, PARAMS, &Location { kosten: Cell::Value(3000.0), ..location(all) }, &ctx_2026(None));
        assert_eq!(r.evidence.get("cost_per_family").as_ref().map(ToString::to_string).as_deref(), Some("3000"));
        assert!(r.message.en().contains("1 family was left out"), "{}", r.message.en());
    }

    #[test]
    fn not_evaluated_when_empty_unreadable_missing_or_without_norm() {
        let r = with(Cell::Empty, 25);
        assert_eq!((r.outcome, r.measured), (Outcome::NotEvaluated, None));
        assert!(r.message.en().contains("not filled in"));
        assert_eq!(with(unreadable(), 25).message.en(), "Cannot be judged: unreadable.");
        assert_eq!(with(missing(), 25).outcome, Outcome::NotEvaluated);
        let loc = Location { kosten: Cell::Value(50000.0), ..location(families(25, "2026-03-01")) };
        let r = run(&SPEC, &[], &loc, &ctx_2026(None));
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("cost_norm"));
    }
}
