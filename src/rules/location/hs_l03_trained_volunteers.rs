//! HS-L03: a team of at least `min_volunteers` (24) trained volunteers.
//!
//! # What it checks
//! The location has at least `min_volunteers` volunteers who are active on
//! the as-of date A and have completed the basic training by A.
//!
//! # Why
//! *Gemeenten*: a location has a team of 24 trained volunteers.
//!
//! # How it is computed
//! - Count the volunteers active on A (`start` empty or <= A, `einde` empty
//!   or >= A) whose `training_afgerond` is filled and <= A. A volunteer trained
//!   on A counts; one trained the day after A does not.
//! - A volunteer whose `training_afgerond`, `start` or `einde` cell cannot be
//!   read is left out and counted in the message.
//! - `pass` when the count >= `min_volunteers`, else `fail`.
//! - `not_evaluated` when the `vrijwilligers` sheet (or one of those columns)
//!   or the parameter is missing.
//! - Measured: the count; expected: `>= min_volunteers`.
//!
//! # Parameters
//! - `min_volunteers` (integer): the norm, 24.

use super::{against_norm, left_out_note, not_evaluated, readable, result};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{Bound, Gauge, ParamSpec, RuleFacts, RuleSpec, Unit};
use crate::rules::trajectory::wording::nouns::VOLUNTEERS;
use crate::rules::trajectory::wording::{concat, day, plain, say};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-L03",
    scope: Scope::Location,
    params: &[ParamSpec { name: "min_volunteers", kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts {
        unit: Unit::Count,
        metric: Some("trained_volunteers"),
        gauge: Some(Gauge {
            param: "min_volunteers",
            bound: Bound::AtLeast,
            label_key: "loc_fig_trained_volunteers",
            gauge_key: "loc_gauge_volunteers",
            axis_key: "loc_axis_volunteers",
        }),
        pass_deadline: None,
    },

    counts: Counts::Organisation,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    vec![compute(loc, cfg, ctx).unwrap_or_else(|reason| not_evaluated(loc, cfg, reason))]
}

fn compute(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Result<RuleResult, Text> {
    let min = cfg.int("min_volunteers")?;
    let volunteers = loc.volunteers.as_ref().map_err(Clone::clone)?;
    let (mut active, mut trained, mut left_out) = (0usize, 0usize, 0usize);
    for v in volunteers {
        if !readable(&[&v.training_afgerond, &v.start, &v.einde])? {
            left_out += 1;
        } else if ctx.person_active(v.start.value(), v.einde.value()) {
            active += 1;
            trained += usize::from(v.training_afgerond.value().is_some_and(|t| t <= ctx.as_of));
        }
    }
    let pass = trained as i64 >= min;
    let on = day(ctx.as_of);
    let against = against_norm(pass, false);
    let head = say(
        "hs_l03_head",
        &[
            ("on", &on),
            ("trained", &plain(trained)),
            ("active", &plain(active)),
            ("against", &against),
            ("min", &plain(min)),
        ],
    );
    let note = left_out_note(left_out, VOLUNTEERS);
    let outcome = if pass { Outcome::Pass } else { Outcome::Fail };
    Ok(result(loc, cfg, outcome, concat(&[&head, &note]))
        .measured(trained as f64, format!(">= {min}"))
        .date("as_of", ctx.as_of)
        .fact("active_volunteers", active)
        .fact("left_out", left_out))
}

#[cfg(test)]
mod tests {
    use super::super::kit::{empty_location, missing, run, volunteer};
    use super::*;
    use crate::rulebook::ParamValue::Integer;
    use crate::rules::model::Volunteer;
    use crate::rules::testkit::{ctx_2026, date, unreadable};

    const PARAMS: &[(&str, crate::rulebook::ParamValue)] = &[("min_volunteers", Integer(24))];
    const A: &str = "2026-06-30";

    fn team(n: usize) -> Vec<Volunteer> {
        (0..n).map(|i| volunteer(&format!("V{i:02}"), Some("2025-09-01"))).collect()
    }

    fn outcome(volunteers: Vec<Volunteer>) -> (Outcome, Option<f64>) {
        let loc = Location { volunteers: Ok(volunteers), ..empty_location() };
        let r = run(&SPEC, PARAMS, &loc, &ctx_2026(Some(A)));
        (r.outcome, r.measured)
    }

    fn plus(mut base: Vec<Volunteer>, extra: Volunteer) -> Vec<Volunteer> {
        base.push(extra);
        base
    }

    #[test]
    fn count_edges() {
        assert_eq!(outcome(team(23)), (Outcome::Fail, Some(23.0)));
        assert_eq!(outcome(team(24)), (Outcome::Pass, Some(24.0)));
        assert_eq!(outcome(team(25)), (Outcome::Pass, Some(25.0)));
    }

    #[test]
    fn training_must_be_completed_by_a() {
        assert_eq!(outcome(plus(team(23), volunteer("on", Some(A)))), (Outcome::Pass, Some(24.0)));
        assert_eq!(outcome(plus(team(23), volunteer("after", Some("2026-07-01")))), (Outcome::Fail, Some(23.0)));
        assert_eq!(outcome(plus(team(23), volunteer("never", None))), (Outcome::Fail, Some(23.0)));
    }

    #[test]
    fn volunteers_must_be_active_on_a() {
        let ends_on_a = Volunteer { einde: date(A), ..volunteer("x", Some("2025-01-01")) };
        assert_eq!(outcome(plus(team(23), ends_on_a)).0, Outcome::Pass);
        let ended = Volunteer { einde: date("2026-06-29"), ..volunteer("x", Some("2025-01-01")) };
        assert_eq!(outcome(plus(team(23), ended)).0, Outcome::Fail);
        let starts_on_a = Volunteer { start: date(A), ..volunteer("x", Some("2025-01-01")) };
        assert_eq!(outcome(plus(team(23), starts_on_a)).0, Outcome::Pass);
        let starts_later = Volunteer { start: date("2026-07-01"), ..volunteer("x", Some("2025-01-01")) };
        assert_eq!(outcome(plus(team(23), starts_later)).0, Outcome::Fail);
    }

    #[test]
    fn unreadable_rows_are_left_out_and_counted() {
        let bad_training = Volunteer { training_afgerond: unreadable(), ..volunteer("a", None) };
        let bad_end = Volunteer { einde: unreadable(), ..volunteer("b", Some("2025-01-01")) };
        let loc = Location { volunteers: Ok(plus(plus(team(24), bad_training), bad_end)), ..empty_location() };
        let r = run(&SPEC, PARAMS, &loc, &ctx_2026(None));
        assert_eq!((r.outcome, r.measured), (Outcome::Pass, Some(24.0)));
        assert!(r.message.en().contains("2 volunteers were left out"), "{}", r.message.en());
        assert!(
            r.message.nl().contains("24 van de 24 actieve vrijwilligers de basistraining afgerond"),
            "{}",
            r.message.nl()
        );
        assert_eq!(r.expected.as_deref(), Some(">= 24"));
    }

    #[test]
    fn not_evaluated_without_sheet_column_or_parameter() {
        let ctx = ctx_2026(None);
        let no_sheet = Location { volunteers: Err(Text::new("blad ontbreekt", "sheet missing")), ..empty_location() };
        let r = run(&SPEC, PARAMS, &no_sheet, &ctx);
        assert_eq!((r.outcome, r.message.en()), (Outcome::NotEvaluated, "Cannot be judged: sheet missing."));
        let no_column = Volunteer { training_afgerond: missing(), ..volunteer("a", None) };
        assert_eq!(outcome(vec![no_column]).0, Outcome::NotEvaluated);
        let loc = Location { volunteers: Ok(team(30)), ..empty_location() };
        let r = run(&SPEC, &[], &loc, &ctx);
        assert_eq!(r.outcome, Outcome::NotEvaluated);
        assert!(r.message.en().contains("min_volunteers"));
    }
}
