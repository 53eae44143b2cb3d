//! HS-L07: the Home-Start licence is valid on the as-of date.
//!
//! # What it checks
//! `licentie_geldig_tot` (sheet `locatie`) lies on or after the as-of date A.
//!
//! # Why
//! *Gemeenten*: Home-Start works with a national quality system of licences
//! and assessment instruments; a location works under a valid licence.
//!
//! # How it is computed
//! - `pass` when `licentie_geldig_tot` >= A (valid until A itself passes;
//!   until A - 1 fails).
//! - `fail` when `licentie_geldig_tot` is empty.
//! - `not_evaluated` when the cell cannot be read, or its column is missing,
//!   with that reason.
//! - Measured: the days the licence stays valid after A
//!   (`licentie_geldig_tot` - A; negative once it has expired, none when
//!   empty); expected: `>= 0`. The date itself is in the evidence.
//!
//! # Parameters
//! None.

use super::{not_evaluated, result};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::dates::days_between;
use crate::rules::model::{Cell, Location};
use crate::rules::registry::{RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::{day, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L07",
    scope: Scope::Location,
    params: &[],
    evaluate,
    facts: RuleFacts::unit(Unit::Days),
    counts: Counts::None,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    let on = day(ctx.as_of);
    let r = match &loc.licentie_geldig_tot {
        Cell::Unreadable(reason) | Cell::Missing(reason) => {
            return vec![not_evaluated(loc, cfg, crate::results::Text::clone(reason))];
        }
        Cell::Empty => {
            let message = say("hs_l07_not_filled_in", &[("on", &on)]);
            let mut r = result(loc, cfg, Outcome::Fail, message);
            r.expected = Some(">= 0".into());
            r
        }
        Cell::Value(until) => {
            let days = days_between(ctx.as_of, *until);
            let valid = day(*until);
            let message = if days >= 0 {
                say("hs_l07_pass", &[("valid", &valid), ("on", &on)])
            } else {
                say("hs_l07_fail", &[("valid", &valid), ("on", &on)])
            };
            let outcome = if days >= 0 { Outcome::Pass } else { Outcome::Fail };
            result(loc, cfg, outcome, message).measured(days as f64, ">= 0").date("licentie_geldig_tot", *until)
        }
    };
    vec![r.date("as_of", ctx.as_of)]
}

#[cfg(test)]
mod tests {
    use super::super::kit::{empty_location, missing, run};
    use super::*;
    use crate::rules::testkit::{ctx_2026, unreadable};

    fn with(licence: Cell<chrono::NaiveDate>, as_of: Option<&str>) -> RuleResult {
        let loc = Location { licentie_geldig_tot: licence, ..empty_location() };
        run(&SPEC, &[], &loc, &ctx_2026(as_of))
    }

    #[test]
    fn valid_until_edges() {
        let a = Some("2026-06-30");
        let r = with(crate::rules::testkit::date("2026-06-29"), a);
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(-1.0)));
        assert!(r.message.en().contains("expired"), "{}", r.message.en());
        let r = with(crate::rules::testkit::date("2026-06-30"), a);
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(0.0)));
        assert_eq!(
            r.evidence.get("licentie_geldig_tot").as_ref().map(ToString::to_string).as_deref(),
            Some("2026-06-30")
        );
        let r = with(crate::rules::testkit::date("2026-07-01"), a);
        assert_eq!((r.outcome, r.measured, r.expected.as_deref()), (Outcome::Pass, Some(1.0), Some(">= 0")));
        assert!(r.message.nl().contains("geldig tot en met 1 juli 2026"), "{}", r.message.nl());
    }

    #[test]
    fn judged_on_a_also_after_the_period_end() {
        let r = with(crate::rules::testkit::date("2026-12-31"), Some("2027-02-28"));
        assert_eq!(r.outcome, Outcome::Fail);
        assert_eq!(r.evidence.get("as_of").as_ref().map(ToString::to_string).as_deref(), Some("2027-02-28"));
    }

    #[test]
    fn empty_fails_unreadable_or_missing_is_not_evaluated() {
        let r = with(Cell::Empty, None);
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, None));
        assert!(r.message.en().contains("not filled in"), "{}", r.message.en());
        let r = with(unreadable(), None);
        assert_eq!((r.outcome, r.message.en()), (Outcome::NotEvaluated, "Cannot be judged: unreadable."));
        assert_eq!(with(missing(), None).outcome, Outcome::NotEvaluated);
    }
}
