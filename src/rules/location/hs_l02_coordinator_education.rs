//! HS-L02: at least one paid coordinator in service has hbo or wo.
//!
//! # What it checks
//! Among the coordinators HS-L01 counts (paid, and active on the as-of date
//! A), at least one has `opleiding` `hbo` or `wo`.
//!
//! # Why
//! *Gemeenten*: a location has at least 1 paid, hbo-educated coordinator.
//!
//! # How it is computed
//! - The coordinators HS-L01 counts: `betaald` = yes and active on A (`start`
//!   empty or <= A, `einde` empty or >= A). One without `fte` and without
//!   `uren_per_week` (0 fte) is still counted: HS-L01 sums over it.
//! - `pass` when one of them has `opleiding` `hbo` or `wo` (the canonical
//!   code, compared ignoring case and surrounding spaces); else `fail`, also
//!   when there is none.
//! - A coordinator whose `betaald`, `start`, `einde` or `opleiding` cell cannot
//!   be read is left out and counted in the message. This rule does not read
//!   `fte` or `uren_per_week`, so a coordinator HS-L01 leaves out only for an
//!   unreadable `fte` is judged here.
//! - `not_evaluated` when the `coordinatoren` sheet, or one of those columns,
//!   is missing.
//! - Measured: how many of them have hbo or wo; expected: `>= 1`.
//!
//! # Parameters
//! None.

use super::{left_out_note, not_evaluated, readable, result};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::nouns::{COORDINATORS, PAID_COORDINATORS};
use crate::rules::trajectory::wording::{concat, count, day, plain, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L02",
    scope: Scope::Location,
    params: &[],
    evaluate,
    facts: RuleFacts::unit(Unit::Count),
    counts: Counts::Organisation,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![compute(loc, cfg, ctx).unwrap_or_else(|reason| not_evaluated(loc, cfg, reason))]
}

fn higher_educated(code: &str) -> bool {
    let code = code.trim();
    code.eq_ignore_ascii_case("hbo") || code.eq_ignore_ascii_case("wo")
}

fn compute(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Result<RuleResult, Text> {
    let coordinators = loc.coordinators.as_ref().map_err(Clone::clone)?;
    let (mut counted, mut educated, mut left_out) = (0usize, 0usize, 0usize);
    for c in coordinators {
        if !readable(&[&c.betaald, &c.start, &c.einde, &c.opleiding])? {
            left_out += 1;
        } else if c.betaald.value() == Some(true) && ctx.person_active(c.start.value(), c.einde.value()) {
            counted += 1;
            educated += usize::from(c.opleiding.value().is_some_and(|o| higher_educated(&o)));
        }
    }
    let on = day(ctx.as_of);
    let head = match (counted, educated) {
        (0, _) => say("hs_l02_none_in_service", &[("on", &on)]),
        (n, k) => {
            let all = count(n, PAID_COORDINATORS);
            let key = if k == 1 { "hs_l02_educated_one" } else { "hs_l02_educated_many" };
            say(key, &[("all", &all), ("on", &on), ("k", &plain(k))])
        }
    };
    let note = left_out_note(left_out, COORDINATORS);
    let outcome = if educated >= 1 { Outcome::Pass } else { Outcome::Fail };
    Ok(result(loc, cfg, outcome, concat(&[&head, &note]))
        .measured(educated as f64, ">= 1")
        .date("as_of", ctx.as_of)
        .fact("paid_coordinators", counted)
        .fact("left_out", left_out))
}

#[cfg(test)]
mod tests {
    use super::super::kit::{coordinator, empty_location, missing, run};
    use super::*;
    use crate::rules::model::{Cell, Coordinator};
    use crate::rules::testkit::{ctx_2026, date, unreadable};

    fn with(coordinators: Vec<Coordinator>) -> Location {
        Location { coordinators: Ok(coordinators), ..empty_location() }
    }

    fn educated(id: &str, code: &str) -> Coordinator {
        Coordinator { opleiding: Cell::Value(code.to_string()), ..coordinator(id, true, Some(0.6)) }
    }

    fn outcome(coordinators: Vec<Coordinator>) -> (Outcome, Option<f64>) {
        let r = run(&SPEC, &[], &with(coordinators), &ctx_2026(Some("2026-06-30")));
        (r.outcome, r.measured)
    }

    #[test]
    fn hbo_or_wo_passes_mbo_or_other_fails() {
        assert_eq!(outcome(vec![educated("a", "hbo")]), (Outcome::Pass, Some(1.0)));
        assert_eq!(outcome(vec![educated("a", "wo"), educated("b", "HBO")]), (Outcome::Pass, Some(2.0)));
        assert_eq!(outcome(vec![educated("a", "mbo"), educated("b", "overig")]), (Outcome::Fail, Some(0.0)));
        let empty = Coordinator { opleiding: Cell::Empty, ..educated("a", "hbo") };
        assert_eq!(outcome(vec![empty]), (Outcome::Fail, Some(0.0)));
    }

    #[test]
    fn only_coordinators_counted_in_l01_count() {
        let unpaid = Coordinator { betaald: Cell::Value(false), ..educated("u", "wo") };
        let gone = Coordinator { einde: date("2026-06-29"), ..educated("g", "hbo") };
        let later = Coordinator { start: date("2026-07-01"), ..educated("l", "hbo") };
        let r = run(&SPEC, &[], &with(vec![unpaid, gone, later]), &ctx_2026(Some("2026-06-30")));
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(0.0)));
        assert!(r.message.en().contains("no paid coordinator is in service"), "{}", r.message.en());
        let last_day = Coordinator { start: date("2026-06-30"), einde: date("2026-06-30"), ..educated("a", "hbo") };
        assert_eq!(outcome(vec![last_day]).0, Outcome::Pass);
        // Without fte and hours, HS-L01 still counts the coordinator (at 0 fte).
        let no_hours = Coordinator { fte: Cell::Empty, ..educated("z", "hbo") };
        assert_eq!(outcome(vec![no_hours]).0, Outcome::Pass);
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let bad_education = Coordinator { opleiding: unreadable(), ..educated("a", "hbo") };
        let bad_start = Coordinator { start: unreadable(), ..educated("b", "hbo") };
        let r = run(&SPEC, &[], &with(vec![bad_education, bad_start, educated("c", "mbo")]), &ctx_2026(None));
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(0.0)));
        assert!(r.message.en().contains("2 coordinators were left out"), "{}", r.message.en());
        assert!(
            r.message.en().contains("Of the 1 paid coordinator in service on 31 December 2026, 0 have"),
            "{}",
            r.message.en()
        );
        // fte is not read here.
        let bad_fte = Coordinator { fte: unreadable(), ..educated("d", "wo") };
        assert_eq!(outcome(vec![bad_fte]).0, Outcome::Pass);
    }

    #[test]
    fn not_evaluated_without_sheet_or_column() {
        let no_sheet = Location { coordinators: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        let r = run(&SPEC, &[], &no_sheet, &ctx_2026(None));
        assert_eq!((r.outcome, r.message.nl()), (Outcome::NotEvaluated, "Niet te beoordelen: blad ontbreekt."));
        let no_column = Coordinator { opleiding: missing(), ..educated("a", "hbo") };
        assert_eq!(outcome(vec![no_column]).0, Outcome::NotEvaluated);
    }
}
