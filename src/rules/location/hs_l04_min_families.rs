//! HS-L04: at least `min_families` (25) families supported.
//!
//! # What it checks
//! The location supported at least `min_families` families in the period P.
//!
//! # Why
//! *Gemeenten*: coordinator and volunteers together support 25 to 30 families.
//! Fewer families than that is below the scale a licensed location works at.
//!
//! # How it is computed
//! - Count the trajectories (rows of `gezinnen`) active in P: `start` filled
//!   and <= W (W = min(P.end, A)), and `einde` empty or >= P.start. A
//!   trajectory starting on W counts, one starting on W + 1 does not; one
//!   ending on P.start counts, one ending the day before does not.
//! - A trajectory whose `start` or `einde` cannot be read is left out and
//!   counted in the message.
//! - `pass` when the count >= `min_families`, else `fail`.
//! - `not_evaluated` when the `gezinnen` sheet (or its `start` or `einde`
//!   column) or the parameter is missing.
//! - Measured: the count; expected: `>= min_families`. HS-L05 checks the upper
//!   bound of the same count.
//!
//! # Parameters
//! - `min_families` (integer): the norm, 25.

use super::{families_against_norm, not_evaluated};
use crate::results::RuleResult;
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{Bound, Gauge, ParamSpec, RuleFacts, RuleSpec, Unit};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L04",
    scope: Scope::Location,
    params: &[ParamSpec { name: "min_families", kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts {
        unit: Unit::Count,
        metric: Some("families"),
        gauge: Some(Gauge {
            param: "min_families",
            bound: Bound::AtLeast,
            label_key: "loc_fig_families",
            gauge_key: "loc_gauge_families",
            axis_key: "loc_axis_families",
        }),
        pass_deadline: None,
    },

    counts: Counts::Families,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![
        families_against_norm(loc, cfg, ctx, "min_families", false)
            .unwrap_or_else(|reason| not_evaluated(loc, cfg, reason)),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::kit::{empty_location, families, missing, run};
    use super::*;
    use crate::results::{Outcome, Text};
    use crate::rulebook::ParamValue::Integer;
    use crate::rules::model::Trajectory;
    use crate::rules::testkit::{ctx_2026, date, location, trajectory, unreadable};

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] = &[("min_families", Integer(25))];
    const A: &str = "2026-06-30";

    fn with(base: usize, extra: Trajectory) -> (Outcome, Option<f64>) {
        let mut all = families(base, "2026-02-01");
        all.push(extra);
        let r = run(&SPEC, PARAMS, &location(all), &ctx_2026(Some(A)));
        (r.outcome, r.measured)
    }

    fn running(start: &str, einde: Option<&str>) -> Trajectory {
        let mut t = trajectory("X");
        t.start = date(start);
        t.einde = einde.map_or(t.einde, date);
        t
    }

    #[test]
    fn count_edges() {
        let ctx = ctx_2026(None);
        for (n, expected) in [(24, Outcome::Fail), (25, Outcome::Pass), (26, Outcome::Pass)] {
            let r = run(&SPEC, PARAMS, &location(families(n, "2026-03-01")), &ctx);
            assert_eq!((r.outcome, r.measured), (expected, Some(n as f64)), "{n} families");
        }
    }

    #[test]
    fn activity_in_p_edges() {
        // W = A = 2026-06-30.
        assert_eq!(with(24, running(A, None)), (Outcome::Pass, Some(25.0)));
        assert_eq!(with(24, running("2026-07-01", None)), (Outcome::Fail, Some(24.0)));
        assert_eq!(with(24, running("2025-03-01", Some("2026-01-01"))), (Outcome::Pass, Some(25.0)));
        assert_eq!(with(24, running("2025-03-01", Some("2025-12-31"))), (Outcome::Fail, Some(24.0)));
        assert_eq!(with(24, trajectory("never started")), (Outcome::Fail, Some(24.0)));
    }

    #[test]
    fn as_of_after_the_period_end_keeps_w_at_p_end() {
        let mut all = families(24, "2026-02-01");
        all.push(running("2027-01-01", None));
        let r = run(&SPEC, PARAMS, &location(all), &ctx_2026(Some("2027-02-28")));
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(24.0)));
        assert_eq!(r.evidence.get("window_end").as_ref().map(ToString::to_string).as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let mut bad = running("2026-02-01", None);
        bad.einde = unreadable();
        let (outcome, measured) = with(24, bad.clone());
        assert_eq!((outcome, measured), (Outcome::Fail, Some(24.0)));
        let mut all = families(25, "2026-02-01");
        all.push(bad);
        let r = run(&SPEC, PARAMS, &location(all), &ctx_2026(None));
        assert_eq!(r.outcome, Outcome::Pass);
        assert!(r.message.en().contains("1 family was left out"), "{}", r.message.en());
        assert!(r.message.nl().contains("25 gezinnen ondersteund"), "{}", r.message.nl());
    }

    #[test]
    fn not_evaluated_without_sheet_column_or_parameter() {
        let ctx = ctx_2026(None);
        let no_sheet = Location { trajectories: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        let r = run(&SPEC, PARAMS, &no_sheet, &ctx);
        assert_eq!((r.outcome, r.message.en()), (Outcome::NotEvaluated, "Cannot be judged: sheet missing."));
        let mut no_column = running("2026-02-01", None);
        no_column.start = missing();
        assert_eq!(run(&SPEC, PARAMS, &location(vec![no_column]), &ctx).outcome, Outcome::NotEvaluated);
        let r = run(&SPEC, &[], &location(families(30, "2026-01-01")), &ctx);
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("min_families"));
    }
}
