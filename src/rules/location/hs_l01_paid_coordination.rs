//! HS-L01: paid coordination of at least `min_fte` (0,55) fte.
//!
//! # What it checks
//! The paid coordinators in service on the as-of date A together work at
//! least `min_fte` fte.
//!
//! # Why
//! *Gemeenten*: a location has at least 1 paid, hbo-educated coordinator at
//! 0,55 fte (at least 20 hours a week). Volunteers do not count.
//!
//! # How it is computed
//! - Sum, over the coordinators with `betaald` = yes who are active on A
//!   (`start` empty or <= A, `einde` empty or >= A), of their fte: `fte`, or
//!   `uren_per_week` / `hours_per_fte` when `fte` is empty. Both filled: `fte`
//!   wins. Both empty: the coordinator counts 0 fte (the empty cell is an input
//!   finding already); the message names how many.
//! - A coordinator whose `betaald`, `start`, `einde` or `fte` cell cannot be
//!   read (or `uren_per_week`, when `fte` is empty) is left out, whatever the
//!   other cells say, and counted in the message.
//! - `pass` when the sum >= `min_fte`, with equality within a relative 1e-9
//!   (see [`super::EPS`]); else `fail`. The sum is not rounded before the
//!   comparison (20 hours / 36 = 0,5556 passes; 19,8 / 36 = 0,55 passes).
//! - `not_evaluated` when the `coordinatoren` sheet is missing, a needed
//!   column is missing (`fte` and `uren_per_week` both), or a parameter is
//!   missing or `hours_per_fte` is not above 0.
//! - Measured: the fte sum; expected: `>= min_fte`.
//!
//! # Parameters
//! - `min_fte` (number): the norm, 0,55.
//! - `hours_per_fte` (number): contract hours of 1 fte, 36.

use super::{against_norm, at_least, left_out_note, not_evaluated, number_near, readable, result, tidy};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{Cell, Coordinator, Location};
use crate::rules::registry::{Bound, Gauge, ParamSpec, RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::nouns::{COORDINATORS, PAID_COORDINATORS};
use crate::rules::trajectory::wording::{concat, count, day, number, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L01",
    scope: Scope::Location,
    params: &[
        ParamSpec { name: "min_fte", kind: ParamKind::Number, per_municipality: false },
        ParamSpec { name: "hours_per_fte", kind: ParamKind::Number, per_municipality: false },
    ],
    evaluate,
    facts: RuleFacts {
        unit: Unit::Fte,
        metric: Some("coordinator_fte"),
        gauge: Some(Gauge {
            param: "min_fte",
            bound: Bound::AtLeast,
            label_key: "loc_fig_coordinator_fte",
            gauge_key: "loc_gauge_fte",
            axis_key: "loc_unit_fte",
        }),
        pass_deadline: None,
    },

    counts: Counts::Organisation,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![compute(loc, cfg, ctx).unwrap_or_else(|reason| not_evaluated(loc, cfg, reason))]
}

/// A coordinator's fte: `Ok(None)` when a needed cell cannot be read; the flag
/// is true when both `fte` and `uren_per_week` are empty (0 fte).
fn fte_of(c: &Coordinator, hours_per_fte: f64) -> Result<Option<(f64, bool)>, Text> {
    match (&c.fte, &c.uren_per_week) {
        (Cell::Value(f), _) => Ok(Some((*f, false))),
        (Cell::Unreadable(_), _) | (_, Cell::Unreadable(_)) => Ok(None),
        (_, Cell::Value(h)) => Ok(Some((h / hours_per_fte, false))),
        (Cell::Missing(r), Cell::Missing(_)) => Err(Text::clone(r)),
        _ => Ok(Some((0.0, true))),
    }
}

fn compute(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Result<RuleResult, Text> {
    let min_fte = cfg.num("min_fte")?;
    let hours_per_fte = cfg.num("hours_per_fte")?;
    if hours_per_fte.is_nan() || hours_per_fte <= 0.0 {
        return Err(say("hs_l01_hours_per_fte", &[]));
    }
    let coordinators = loc.coordinators.as_ref().map_err(Clone::clone)?;
    let (mut total, mut counted, mut without_hours, mut left_out) = (0.0, 0usize, 0usize, 0usize);
    for c in coordinators {
        let row_readable = readable(&[&c.betaald, &c.start, &c.einde])?;
        let Some(fte) = fte_of(c, hours_per_fte)?.filter(|_| row_readable) else {
            left_out += 1;
            continue;
        };
        if c.betaald.value() == Some(true) && ctx.person_active(c.start.value(), c.einde.value()) {
            counted += 1;
            total += fte.0;
            without_hours += usize::from(fte.1);
        }
    }
    let pass = at_least(total, min_fte);
    let (x, norm, on) = (number_near(total, min_fte, 2), number(min_fte, 9), day(ctx.as_of));
    let who = count(counted, PAID_COORDINATORS);
    let against = against_norm(pass, false);
    let head = say("hs_l01_head", &[("on", &on), ("fte", &x), ("who", &who), ("against", &against), ("norm", &norm)]);
    let zero = match without_hours {
        0 => Text::default(),
        n => {
            let key = if n == 1 { "hs_l01_zero_one" } else { "hs_l01_zero_many" };
            let n = count(n, PAID_COORDINATORS);
            say(key, &[("who", &n)])
        }
    };
    let note = left_out_note(left_out, COORDINATORS);
    let outcome = if pass { Outcome::Pass } else { Outcome::Fail };
    Ok(result(loc, cfg, outcome, concat(&[&head, &zero, &note]))
        .measured(tidy(total), format!(">= {min_fte}"))
        .date("as_of", ctx.as_of)
        .fact("paid_coordinators", counted)
        .fact("without_hours", without_hours)
        .fact("left_out", left_out))
}

#[cfg(test)]
mod tests {
    use super::super::kit::{coordinator, empty_location, missing, run};
    use super::*;
    use crate::rulebook::ParamValue::Number;
    use crate::rules::testkit::{ctx_2026, date, unreadable};

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] =
        &[("min_fte", Number(0.55)), ("hours_per_fte", Number(36.0))];

    fn with(coordinators: Vec<Coordinator>) -> Location {
        Location { coordinators: Ok(coordinators), ..empty_location() }
    }

    fn by_hours(id: &str, hours: f64) -> Coordinator {
        Coordinator { uren_per_week: Cell::Value(hours), ..coordinator(id, true, None) }
    }

    fn outcome(coordinators: Vec<Coordinator>) -> (Outcome, Option<f64>) {
        let r = run(&SPEC, PARAMS, &with(coordinators), &ctx_2026(Some("2026-06-30")));
        (r.outcome, r.measured)
    }

    #[test]
    fn fte_edges() {
        assert_eq!(outcome(vec![coordinator("c", true, Some(0.54))]), (Outcome::Fail, Some(0.54)));
        assert_eq!(outcome(vec![coordinator("c", true, Some(0.55))]), (Outcome::Pass, Some(0.55)));
        assert_eq!(outcome(vec![coordinator("c", true, Some(0.56))]), (Outcome::Pass, Some(0.56)));
        // 0.08 + 0.47 is 0.5499999999999999 in binary floating point.
        let split = vec![coordinator("a", true, Some(0.08)), coordinator("b", true, Some(0.47))];
        assert_eq!(outcome(split), (Outcome::Pass, Some(0.55)));
    }

    #[test]
    fn hours_per_week_edges() {
        assert_eq!(outcome(vec![by_hours("c", 19.7)]).0, Outcome::Fail);
        assert_eq!(outcome(vec![by_hours("c", 19.8)]), (Outcome::Pass, Some(0.55)));
        assert_eq!(outcome(vec![by_hours("c", 20.0)]), (Outcome::Pass, Some(0.555555556)));
        // fte wins over hours when both are filled.
        let both = Coordinator { fte: Cell::Value(0.3), ..by_hours("c", 36.0) };
        assert_eq!(outcome(vec![both]), (Outcome::Fail, Some(0.3)));
    }

    #[test]
    fn only_paid_coordinators_active_on_a_count() {
        let unpaid = coordinator("u", false, Some(1.0));
        let unknown = Coordinator { betaald: Cell::Empty, ..coordinator("e", true, Some(1.0)) };
        let gone = Coordinator { einde: date("2026-06-29"), ..coordinator("g", true, Some(1.0)) };
        let later = Coordinator { start: date("2026-07-01"), ..coordinator("l", true, Some(1.0)) };
        assert_eq!(outcome(vec![unpaid, unknown, gone, later]), (Outcome::Fail, Some(0.0)));
        let only_on_a =
            Coordinator { start: date("2026-06-30"), einde: date("2026-06-30"), ..coordinator("a", true, Some(0.55)) };
        assert_eq!(outcome(vec![only_on_a]), (Outcome::Pass, Some(0.55)));
    }

    #[test]
    fn a_coordinator_without_hours_counts_zero_and_is_named() {
        let r = run(&SPEC, PARAMS, &with(vec![coordinator("c", true, None)]), &ctx_2026(None));
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(0.0)));
        assert!(r.message.en().contains("1 paid coordinator without fte"), "{}", r.message.en());
        assert_eq!(r.expected.as_deref(), Some(">= 0.55"));
        assert_eq!(r.evidence.get("as_of").as_ref().map(ToString::to_string).as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let bad_fte = Coordinator { fte: unreadable(), ..by_hours("a", 36.0) };
        let bad_paid = Coordinator { betaald: unreadable(), ..coordinator("b", true, Some(1.0)) };
        let bad_hours = Coordinator { uren_per_week: unreadable(), ..coordinator("c", true, None) };
        let fine = Coordinator { uren_per_week: unreadable(), ..coordinator("d", true, Some(0.6)) };
        let r = run(&SPEC, PARAMS, &with(vec![bad_fte, bad_paid, bad_hours, fine]), &ctx_2026(None));
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(0.6)));
        assert!(r.message.en().contains("3 coordinators were left out"), "{}", r.message.en());
        assert!(r.message.nl().contains("3 coördinatoren zijn niet meegeteld"), "{}", r.message.nl());
        let start = Coordinator { start: unreadable(), ..coordinator("s", true, Some(1.0)) };
        assert_eq!(outcome(vec![start]), (Outcome::Fail, Some(0.0)));
    }

    #[test]
    fn not_evaluated_without_sheet_columns_or_parameters() {
        let ctx = ctx_2026(None);
        let no_sheet = Location { coordinators: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        let r = run(&SPEC, PARAMS, &no_sheet, &ctx);
        assert_eq!((r.outcome, r.message.en()), (Outcome::NotEvaluated, "Cannot be judged: sheet missing."));
        let no_column = Coordinator { betaald: missing(), ..coordinator("c", true, Some(1.0)) };
        assert_eq!(run(&SPEC, PARAMS, &with(vec![no_column]), &ctx).outcome, Outcome::NotEvaluated);
        let neither = Coordinator { fte: missing(), uren_per_week: missing(), ..coordinator("c", true, None) };
        assert_eq!(run(&SPEC, PARAMS, &with(vec![neither]), &ctx).outcome, Outcome::NotEvaluated);
        let hours_only = Coordinator { fte: missing(), ..by_hours("c", 19.8) };
        assert_eq!(run(&SPEC, PARAMS, &with(vec![hours_only]), &ctx).outcome, Outcome::Pass);
        let loc = with(vec![coordinator("c", true, Some(1.0))]);
        let r = run(&SPEC, &PARAMS[..1], &loc, &ctx);
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("hours_per_fte"));
        assert_eq!(run(&SPEC, &[("hours_per_fte", Number(0.0)), PARAMS[0]], &loc, &ctx).outcome, Outcome::NotEvaluated);
    }
}
