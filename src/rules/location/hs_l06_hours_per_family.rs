//! HS-L06: on average at least `min_hours_per_family_year` (105) hours of
//! volunteer support per family per year.
//!
//! # What it checks
//! The volunteer hours delivered in the period, per family-year of support,
//! reach the norm.
//!
//! # Why
//! *Gemeenten*: the families are supported on average 105 hours a year
//! (a volunteer visits one half-day a week).
//!
//! # How it is computed
//! - Take the trajectories active in P (`start` filled and <= W, `einde` empty
//!   or >= P.start) whose `uren` is filled. Trajectories with empty `uren` are
//!   left out of both sums; the message says how many.
//! - Hours per family-year = sum of `uren` / (sum of their overlap days / 365),
//!   where overlap days are the days, both ends counted, of
//!   [max(`start`, P.start), min(`einde` or W, W)].
//! - A trajectory whose `start`, `einde` or `uren` cell cannot be read is left
//!   out and counted in the message.
//! - `pass` when the figure >= `min_hours_per_family_year`, with equality
//!   within a relative 1e-9 (see [`super::EPS`]); else `fail`.
//! - `not_evaluated` when no active trajectory has `uren`, when their overlap
//!   days add up to 0 (only when `einde` lies before `start`), or when the
//!   `gezinnen` sheet, a needed column or the parameter is missing.
//! - Measured: hours per family-year; expected: `>= min_hours_per_family_year`.
//!
//! # Parameters
//! - `min_hours_per_family_year` (number): the norm, 105.

use super::{
    active_families, against_norm, at_least, left_out_note, not_evaluated, number_near, readable, result, tidy,
};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{Bound, Gauge, ParamSpec, RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::nouns::FAMILIES;
use crate::rules::trajectory::wording::{concat, count, number, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L06",
    scope: Scope::Location,
    params: &[ParamSpec { name: "min_hours_per_family_year", kind: ParamKind::Number, per_municipality: false }],
    evaluate,
    facts: RuleFacts {
        unit: Unit::Hours,
        metric: Some("hours_per_family_year"),
        gauge: Some(Gauge {
            param: "min_hours_per_family_year",
            bound: Bound::AtLeast,
            label_key: "loc_fig_hours",
            gauge_key: "loc_gauge_hours",
            axis_key: "loc_unit_hours",
        }),
        pass_deadline: None,
    },

    counts: Counts::PerFamily,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![compute(loc, cfg, ctx).unwrap_or_else(|reason| not_evaluated(loc, cfg, reason))]
}

fn compute(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Result<RuleResult, Text> {
    let min = cfg.num("min_hours_per_family_year")?;
    let families = active_families(loc, ctx)?;
    let mut left_out = families.left_out;
    if let Ok(all) = &loc.trajectories {
        // Rows active-unknown are counted already; add the other rows whose `uren` cannot be read.
        for t in all {
            if readable(&[&t.start, &t.einde])? && !readable(&[&t.uren])? {
                left_out += 1;
            }
        }
    }
    let (mut hours, mut days, mut with_hours, mut without_hours) = (0.0, 0i64, 0usize, 0usize);
    for t in &families.active {
        match (t.uren.value(), t.start.value()) {
            (Some(u), Some(start)) => {
                hours += u;
                days += ctx.overlap_days(start, t.einde.value());
                with_hours += 1;
            }
            _ if t.uren.is_empty() => without_hours += 1,
            _ => {}
        }
    }
    let note = left_out_note(left_out, FAMILIES);
    if with_hours == 0 || days == 0 {
        let active = count(families.active.len(), FAMILIES);
        let why =
            if with_hours == 0 { say("hs_l06_no_hours", &[("active", &active)]) } else { say("hs_l06_no_days", &[]) };
        return Err(concat(&[&why, &note]));
    }
    let per_year = hours / (days as f64 / 365.0);
    let pass = at_least(per_year, min);
    let (x, norm, h, d) = (number_near(per_year, min, 1), number(min, 9), number(hours, 2), number(days as f64, 0));
    let who = count(with_hours, FAMILIES);
    let against = against_norm(pass, false);
    let head = say(
        "hs_l06_head",
        &[("per_year", &x), ("hours", &h), ("who", &who), ("days", &d), ("against", &against), ("norm", &norm)],
    );
    let empty = match without_hours {
        0 => Text::default(),
        n => {
            let key = if n == 1 { "hs_l06_without_hours_one" } else { "hs_l06_without_hours_many" };
            say(key, &[("who", &count(n, FAMILIES))])
        }
    };
    let outcome = if pass { Outcome::Pass } else { Outcome::Fail };
    Ok(result(loc, cfg, outcome, concat(&[&head, &empty, &note]))
        .measured(tidy(per_year), format!(">= {min}"))
        .fact("hours", tidy(hours))
        .fact("overlap_days", days)
        .fact("families_with_hours", with_hours)
        .fact("families_without_hours", without_hours)
        .fact("left_out", left_out))
}

#[cfg(test)]
mod tests {
    use super::super::kit::{empty_location, missing, run};
    use super::*;
    use crate::rulebook::ParamValue::Number;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::{ctx_2026, date, location, trajectory, unreadable};

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] = &[("min_hours_per_family_year", Number(105.0))];

    fn family(start: &str, einde: Option<&str>, uren: Option<f64>) -> Trajectory {
        let mut t = trajectory("G");
        t.start = date(start);
        t.einde = einde.map_or(Cell::Empty, date);
        t.uren = uren.map_or(Cell::Empty, Cell::Value);
        t
    }

    fn measure(families: Vec<Trajectory>) -> (Outcome, Option<f64>) {
        let r = run(&SPEC, PARAMS, &location(families), &ctx_2026(None));
        (r.outcome, r.measured)
    }

    #[test]
    fn edges_of_the_norm() {
        // A whole year: 365 overlap days.
        assert_eq!(measure(vec![family("2025-06-01", None, Some(105.0))]), (Outcome::Pass, Some(105.0)));
        assert_eq!(measure(vec![family("2025-06-01", None, Some(104.99))]), (Outcome::Fail, Some(104.99)));
        assert_eq!(measure(vec![family("2025-06-01", None, Some(105.01))]), (Outcome::Pass, Some(105.01)));
        // Half a year each: 181 + 184 days, 52.5 + 52.5 hours.
        let halves = vec![family("2026-01-01", Some("2026-06-30"), Some(52.5)), family("2026-07-01", None, Some(52.5))];
        assert_eq!(measure(halves), (Outcome::Pass, Some(105.0)));
    }

    #[test]
    fn float_noise_does_not_fail_exactly_105() {
        // 0.02 + 20.9 + 0.08 over 73 days is 104.99999999999997 in floating point.
        let families = vec![
            family("2026-01-01", Some("2026-01-31"), Some(0.02)),
            family("2026-02-01", Some("2026-02-28"), Some(20.9)),
            family("2026-03-01", Some("2026-03-14"), Some(0.08)),
        ];
        assert_eq!(measure(families), (Outcome::Pass, Some(105.0)));
    }

    #[test]
    fn only_active_trajectories_with_hours_count() {
        let families = vec![
            family("2026-07-01", Some("2026-12-31"), Some(52.5)),
            family("2026-01-01", None, None),
            family("2025-01-01", Some("2025-12-31"), Some(500.0)),
            family("2027-01-01", None, Some(500.0)),
        ];
        let r = run(&SPEC, PARAMS, &location(families), &ctx_2026(None));
        // 52.5 hours over 184 days.
        assert_eq!((r.outcome, r.measured), (Outcome::Fail, Some(tidy(52.5 / (184.0 / 365.0)))));
        assert!(r.message.en().contains("1 family without hours"), "{}", r.message.en());
        assert_eq!(r.evidence.get("overlap_days").as_ref().map(ToString::to_string).as_deref(), Some("184"));
    }

    #[test]
    fn overlap_ends_at_w() {
        // A = 2026-06-30: 181 days; 52.5 hours is 105.87 per family-year.
        let r =
            run(&SPEC, PARAMS, &location(vec![family("2025-01-01", None, Some(52.5))]), &ctx_2026(Some("2026-06-30")));
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(tidy(52.5 * 365.0 / 181.0))));
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let mut bad_hours = family("2026-01-01", None, None);
        bad_hours.uren = unreadable();
        let mut bad_start = family("2026-01-01", None, Some(1.0));
        bad_start.start = unreadable();
        let r = run(
            &SPEC,
            PARAMS,
            &location(vec![bad_hours, bad_start, family("2026-01-01", None, Some(110.0))]),
            &ctx_2026(None),
        );
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(110.0)));
        assert!(r.message.en().contains("2 families were left out"), "{}", r.message.en());
    }

    #[test]
    fn not_evaluated_without_hours_sheet_column_or_parameter() {
        let ctx = ctx_2026(None);
        let r = run(&SPEC, PARAMS, &location(vec![family("2026-01-01", None, None)]), &ctx);
        assert_eq!((r.outcome, r.measured), (Outcome::NotEvaluated, None));
        assert!(r.message.en().contains("none has hours"), "{}", r.message.en());
        assert_eq!(run(&SPEC, PARAMS, &location(vec![]), &ctx).outcome, Outcome::NotEvaluated);
        let backwards = family("2026-03-01", Some("2026-02-01"), Some(10.0));
        assert_eq!(run(&SPEC, PARAMS, &location(vec![backwards]), &ctx).outcome, Outcome::NotEvaluated);
        let no_sheet = Location { trajectories: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        assert_eq!(run(&SPEC, PARAMS, &no_sheet, &ctx).message.en(), "Cannot be judged: sheet missing.");
        let mut no_column = family("2026-01-01", None, None);
        no_column.uren = missing();
        let r = run(&SPEC, PARAMS, &location(vec![no_column]), &ctx);
        assert_eq!((r.outcome, r.message.en()), (Outcome::NotEvaluated, "Cannot be judged: missing."));
        let r = run(&SPEC, &[], &location(vec![family("2026-01-01", None, Some(200.0))]), &ctx);
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("min_hours_per_family_year"));
    }
}
