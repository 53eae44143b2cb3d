//! HS-L05: at most `max_families` (30) families supported.
//!
//! # What it checks
//! The location supported at most `max_families` families in the period P.
//!
//! # Why
//! *Gemeenten*: coordinator and volunteers together support 25 to 30
//! families. More than that stretches one coordinator's time per family (a
//! warning, not an error).
//!
//! # How it is computed
//! - The same count as HS-L04: trajectories active in P (`start` filled
//!   and <= W = min(P.end, A), `einde` empty or >= P.start).
//! - A trajectory whose `start` or `einde` cannot be read is left out and
//!   counted in the message.
//! - `pass` when the count <= `max_families`, else `fail`.
//! - `not_evaluated` when the `gezinnen` sheet (or its `start` or `einde`
//!   column) or the parameter is missing.
//! - Measured: the count; expected: `<= max_families`.
//!
//! # Parameters
//! - `max_families` (integer): the norm, 30.

use super::{families_against_norm, not_evaluated};
use crate::results::RuleResult;
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{Bound, Gauge, ParamSpec, RuleFacts, RuleSpec, Unit};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L05",
    scope: Scope::Location,
    params: &[ParamSpec { name: "max_families", kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts {
        unit: Unit::Count,
        metric: None,
        gauge: Some(Gauge {
            param: "max_families",
            bound: Bound::AtMost,
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
        families_against_norm(loc, cfg, ctx, "max_families", true)
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

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] = &[("max_families", Integer(30))];
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
        for (n, expected) in [(0, Outcome::Pass), (29, Outcome::Pass), (30, Outcome::Pass), (31, Outcome::Fail)] {
            let r = run(&SPEC, PARAMS, &location(families(n, "2026-03-01")), &ctx);
            assert_eq!((r.outcome, r.measured), (expected, Some(n as f64)), "{n} families");
        }
    }

    #[test]
    fn activity_in_p_edges() {
        // W = A = 2026-06-30.
        assert_eq!(with(30, running(A, None)), (Outcome::Fail, Some(31.0)));
        assert_eq!(with(30, running("2026-07-01", None)), (Outcome::Pass, Some(30.0)));
        assert_eq!(with(30, running("2025-03-01", Some("2026-01-01"))), (Outcome::Fail, Some(31.0)));
        assert_eq!(with(30, running("2025-03-01", Some("2025-12-31"))), (Outcome::Pass, Some(30.0)));
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let mut bad = running("2026-02-01", None);
        bad.start = unreadable();
        let mut all = families(30, "2026-02-01");
        all.extend([bad.clone(), bad]);
        let r = run(&SPEC, PARAMS, &location(all), &ctx_2026(None));
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(30.0)));
        assert!(r.message.en().contains("2 families were left out"), "{}", r.message.en());
        assert!(r.message.nl().contains("2 gezinnen zijn niet meegeteld"), "{}", r.message.nl());
        assert_eq!(r.expected.as_deref(), Some("<= 30"));
    }

    #[test]
    fn not_evaluated_without_sheet_column_or_parameter() {
        let ctx = ctx_2026(None);
        let no_sheet = Location { trajectories: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        let r = run(&SPEC, PARAMS, &no_sheet, &ctx);
        assert_eq!((r.outcome, r.message.nl()), (Outcome::NotEvaluated, "Niet te beoordelen: blad ontbreekt."));
        let mut no_column = running("2026-02-01", None);
        no_column.einde = missing();
        assert_eq!(run(&SPEC, PARAMS, &location(vec![no_column]), &ctx).outcome, Outcome::NotEvaluated);
        let r = run(&SPEC, &[("min_families", Integer(25))], &location(families(3, "2026-01-01")), &ctx);
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("max_families"));
    }
}
