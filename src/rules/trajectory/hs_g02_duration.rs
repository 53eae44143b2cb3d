//! HS-G02 Duration: support lasts at most `max_duration_months` months.
//!
//! ## What it checks
//! A trajectory active in P has not run longer than `max_duration_months`
//! (18) months: it ended, or is still running on the as-of date A, no later
//! than add_months(`start`, 18).
//!
//! ## Why
//! Home-Start support lasts 1 to 1,5 years (*Stappenplan voor verwijzers*);
//! longer support points at a family that needs other help.
//!
//! ## How exactly
//! - Covers trajectories active in P; `start` or `einde` unreadable gives
//!   `not_evaluated`.
//! - End E = min(`einde` or A, A): a closure after A counts as running on A.
//! - `fail` when E > add_months(`start`, `max_duration_months`) (the same
//!   day of the month, clamped to the month's last day: 31 August + 18
//!   months = 29 February); `pass` otherwise, also while still running.
//!
//! ## Parameters
//! - `max_duration_months` (whole months): 18.

use super::cells::plus_months;
use super::coverage::{Span, active_in_p};
use super::wording::{concat, day, plain, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G02",
    scope: Scope::Trajectory,
    params: &[ParamSpec { name: "max_duration_months", kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts { pass_deadline: Some("loc_due_duration_limit"), ..RuleFacts::PLAIN },

    counts: Counts::Families,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| active_in_p(t, ctx), check)
}

fn check(j: &Judge, span: Span) -> Judged {
    let months = j.cfg.int("max_duration_months")?;
    let limit = plus_months(span.start, months)?;
    let a = j.ctx.as_of;
    let ended = span.einde.filter(|e| *e <= a);
    let until = ended.unwrap_or(a);
    let outcome = if until > limit { Outcome::Fail } else { Outcome::Pass };
    let (start, by) = (span.start, day(limit));
    let ran = match ended {
        Some(e) => say("hs_g02_ran", &[("start", &day(start)), ("end", &day(e))]),
        None => say("hs_g02_running", &[("start", &day(start)), ("on", &day(a))]),
    };
    let verdict = match outcome {
        Outcome::Fail => say("hs_g02_fail", &[("months", &plain(months)), ("by", &by)]),
        _ => say("hs_g02_pass", &[("months", &plain(months)), ("by", &by)]),
    };
    let message = concat(&[&ran, &verdict]);
    let result = j.result(outcome, message).date("start", start).date("deadline", limit).date("until", until);
    Ok(match span.einde {
        Some(e) => result.date("end", e),
        None => result,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg(months: i64) -> RuleConfig {
        config("HS-G02", Scope::Trajectory, Severity::Warning, &[("max_duration_months", ParamValue::Integer(months))])
    }

    fn traj(start: &str, einde: Option<&str>) -> Trajectory {
        let mut t = trajectory("G1");
        t.start = date(start);
        t.einde = einde.map_or(Cell::Empty, date);
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(18), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G1"))
    }

    #[test]
    fn closed_on_the_limit_passes_a_day_later_fails() {
        // 2025-01-15 + 18 months = 2026-07-15.
        assert_eq!(outcome(traj("2025-01-15", Some("2026-07-14")), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-01-15", Some("2026-07-15")), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-01-15", Some("2026-07-16")), None), Some(Outcome::Fail));
    }

    #[test]
    fn running_trajectory_is_judged_on_the_as_of_date() {
        assert_eq!(outcome(traj("2025-01-15", None), Some("2026-07-15")), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-01-15", None), Some("2026-07-16")), Some(Outcome::Fail));
        // A closure after A counts as running on A.
        assert_eq!(outcome(traj("2025-01-15", Some("2026-09-01")), Some("2026-07-15")), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-01-15", Some("2026-09-01")), Some("2026-07-16")), Some(Outcome::Fail));
    }

    #[test]
    fn month_end_start_is_clamped() {
        // 2024-08-31 + 18 months = 2026-02-28 (2026 is a common year).
        assert_eq!(outcome(traj("2024-08-31", Some("2026-02-28")), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2024-08-31", Some("2026-03-01")), None), Some(Outcome::Fail));
        let results = run(traj("2024-08-31", Some("2026-03-01")), None);
        assert_eq!(
            results[0].evidence.get("deadline").as_ref().map(ToString::to_string).as_deref(),
            Some("2026-02-28")
        );
        // 2025-01-31 + 18 months = 2026-07-31, no clamping needed.
        assert_eq!(outcome(traj("2025-01-31", Some("2026-07-31")), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-01-31", Some("2026-08-01")), None), Some(Outcome::Fail));
    }

    #[test]
    fn only_trajectories_active_in_p_are_covered() {
        assert!(run(traj("2024-01-01", Some("2025-12-31")), None).is_empty());
        assert!(run(traj("2026-07-01", None), Some("2026-06-30")).is_empty());
        assert!(run(trajectory("G1"), None).is_empty());
        assert_eq!(outcome(traj("2024-01-01", Some("2026-01-01")), None), Some(Outcome::Fail));
        assert_eq!(outcome(traj("2026-06-30", None), Some("2026-06-30")), Some(Outcome::Pass));
    }

    #[test]
    fn unreadable_dates_or_a_missing_parameter_are_not_evaluated() {
        let mut t = traj("2025-01-15", None);
        t.start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = traj("2025-01-15", None);
        t.einde = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let none = config("HS-G02", Scope::Trajectory, Severity::Warning, &[]);
        let results = evaluate(&location(vec![traj("2025-01-15", None)]), &none, &ctx_2026(None));
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("max_duration_months"), "{:?}", results[0].message);
    }

    #[test]
    fn override_and_result_fields() {
        let longer =
            config("HS-G02", Scope::Trajectory, Severity::Error, &[("max_duration_months", ParamValue::Integer(24))]);
        let results = evaluate(&location(vec![traj("2025-01-15", None)]), &longer, &ctx_2026(None));
        assert_eq!(results[0].outcome, Outcome::Pass);
        assert_eq!(results[0].severity, Severity::Error);
        let results = run(traj("2025-01-15", None), None);
        let r = &results[0];
        assert_eq!((r.subject_id.as_deref(), r.row, r.outcome), (Some("G1"), Some(2), Outcome::Fail));
        assert_eq!(r.evidence.get("deadline").as_ref().map(ToString::to_string).as_deref(), Some("2026-07-15"));
        assert!(r.message.nl().contains("15 juli 2026"), "{}", r.message.nl());
        assert!(r.message.en().contains("31 December 2026"), "{}", r.message.en());
    }
}
