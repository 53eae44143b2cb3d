//! HS-G05: interim evaluations at most `max_evaluation_gap_months` apart.
//!
//! # What it checks
//! That no stretch of a running trajectory went longer than 6 months without
//! an evaluation moment: the start, the first check, an interim evaluation or
//! the final evaluation.
//!
//! # Why
//! The referrer guide: "first check after 5 weeks, then an interim evaluation
//! every 3 to 6 months". A family left alone for longer has no one checking
//! whether the support still fits.
//!
//! # How exactly
//! Covers the trajectories active in P. Points: `start`, and every
//! `eerste_check`, `tussenevaluatie` and `eindevaluatie` contact dated >=
//! `start` and <= A (later contacts have not happened yet). Horizon H =
//! `einde` when `einde` <= A, else A; only points <= H count (so an
//! `eindevaluatie` after `einde` is no point here). `fail` when two
//! consecutive points are more than n months apart (later > add_months(earlier,
//! n)), or when H > add_months(last point, n); a gap counts only when its later
//! end (the later point, or H) is >= P.start. Otherwise `pass`; a trajectory
//! with no point <= H (`einde` before `start`) has nothing to judge and passes.
//! `not_evaluated` when `start` or `einde` cannot be read (unless the other
//! date already rules the trajectory out), when the contacts sheet is missing,
//! and when a gap was found but the trajectory has unreadable contacts (one of
//! them may close the gap). Unreadable contacts never spoil a `pass`: an extra
//! point can only shorten gaps.
//!
//! # Parameters
//! - `max_evaluation_gap_months` (integer, 6): the longest allowed gap.

use chrono::NaiveDate;

use super::cells::{contact_dates, plus_months, unreadable_contacts};
use super::coverage::{Span, active_in_p};
use super::wording::{concat, day, plain, say, sentence};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{ContactKind, Location};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

const GAP: &str = "max_evaluation_gap_months";

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G05",
    scope: Scope::Trajectory,
    params: &[ParamSpec { name: GAP, kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts { pass_deadline: Some("loc_due_next_evaluation"), ..RuleFacts::PLAIN },

    counts: Counts::Families,
};

const POINT_KINDS: &[ContactKind] =
    &[ContactKind::FirstCheck, ContactKind::InterimEvaluation, ContactKind::FinalEvaluation];

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| active_in_p(t, ctx), |j, span| check(j, span, cfg.int(GAP)?))
}

/// A gap that counts: from a point to the next point, or to H.
struct Gap {
    from: NaiveDate,
    to: NaiveDate,
    due: NaiveDate,
    to_horizon: bool,
}

fn check(j: &Judge, Span { start, einde }: Span, n: i64) -> Judged {
    let ctx = j.ctx;
    let closed = einde.filter(|e| *e <= ctx.as_of);
    let horizon = closed.unwrap_or(ctx.as_of);
    let mut points = vec![start];
    points.extend(contact_dates(j.traj, POINT_KINDS, ctx)?.into_iter().filter(|d| *d >= start));
    points.retain(|d| *d <= horizon);
    points.dedup(); // sorted: `start` first, then the contacts by date

    let mut gaps = Vec::new();
    let ends = points.iter().skip(1).map(|d| (*d, false)).chain([(horizon, true)]);
    for (from, (to, to_horizon)) in points.iter().copied().zip(ends) {
        let due = plus_months(from, n)?;
        if to > due && to >= ctx.period.start {
            gaps.push(Gap { from, to, due, to_horizon });
        }
    }
    let base = |o, m: Text| j.result(o, sentence(&m)).date("start", start).date("horizon", horizon);
    let Some(first) = gaps.first() else {
        return Ok(match points.last() {
            Some(&last) => {
                let next = plus_months(last, n)?;
                let then = match closed {
                    Some(_) => Text::default(),
                    None => say("hs_g05_next_due", &[("due", &day(next))]),
                };
                let msg = say("hs_g05_pass", &[("months", &plain(n)), ("last", &day(last)), ("then", &then)]);
                let r = base(Outcome::Pass, msg).date("last_point", last);
                if closed.is_some() { r } else { r.date("deadline", next) }
            }
            None => base(Outcome::Pass, say("hs_g05_no_moment", &[])),
        });
    };
    let msg = describe(first, n, gaps.len());
    if let Some(unreadable) = unreadable_contacts(j.traj) {
        return Err(say("hs_g05_unreadable", &[("unreadable", &unreadable), ("gap", &msg)]));
    }
    Ok(base(Outcome::Fail, msg)
        .date("gap_from", first.from)
        .date("gap_to", first.to)
        .date("deadline", first.due)
        .fact("gaps", gaps.len()))
}

/// The first gap, and how many there are, as a fragment.
fn describe(g: &Gap, n: i64, count: usize) -> Text {
    let (from, to, due) = (day(g.from), day(g.to), day(g.due));
    let gap = if g.to_horizon {
        say("hs_g05_gap_to_horizon", &[("from", &from), ("to", &to), ("due", &due), ("months", &plain(n))])
    } else {
        say("hs_g05_gap", &[("from", &from), ("to", &to), ("months", &plain(n)), ("due", &due)])
    };
    match count {
        1 => gap,
        k => concat(&[&gap, &say("hs_g05_gaps_in_all", &[("gaps", &plain(k))])]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        config("HS-G05", Scope::Trajectory, Severity::Warning, &[(GAP, ParamValue::Integer(6))])
    }

    fn traj(start: &str, einde: Option<&str>, contacts: &[(ContactKind, &str)]) -> Trajectory {
        let mut t = trajectory("G1");
        t.start = date(start);
        t.einde = einde.map_or(Cell::Empty, date);
        t.contacts = Ok(contacts.iter().map(|(k, s)| contact(*k, s)).collect());
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G1"))
    }

    use ContactKind::*;

    #[test]
    fn gap_of_exactly_six_months_passes_one_day_more_fails() {
        // 31 August + 6 months = 28 February (2026 is a common year).
        let ok = traj(
            "2025-06-01",
            Some("2026-03-31"),
            &[(InterimEvaluation, "2025-08-31"), (FinalEvaluation, "2026-02-28"), (FinalEvaluation, "2026-03-31")],
        );
        assert_eq!(outcome(ok, None), Some(Outcome::Pass));
        let late = traj(
            "2025-06-01",
            Some("2026-03-31"),
            &[(InterimEvaluation, "2025-08-31"), (FinalEvaluation, "2026-03-01"), (FinalEvaluation, "2026-03-31")],
        );
        let r = run(late, None);
        assert_eq!(r[0].outcome, Outcome::Fail);
        assert_eq!(r[0].evidence.shown("deadline"), "2026-02-28");
        assert_eq!(r[0].evidence.shown("gap_to"), "2026-03-01");
    }

    #[test]
    fn leap_year_clamps_to_29_february() {
        let mut ctx = ctx_2026(None);
        ctx.period.start = d("2028-01-01");
        ctx.period.end = d("2028-12-31");
        ctx.as_of = d("2028-12-31");
        let run28 = |day: &str| {
            let t =
                traj("2027-08-31", Some("2028-03-31"), &[(InterimEvaluation, day), (FinalEvaluation, "2028-03-31")]);
            outcome_of(&evaluate(&location(vec![t]), &cfg(), &ctx), Some("G1"))
        };
        assert_eq!(run28("2028-02-29"), Some(Outcome::Pass));
        assert_eq!(run28("2028-03-01"), Some(Outcome::Fail));
    }

    #[test]
    fn tail_to_the_horizon_edges() {
        // Running trajectory, last point 2026-03-15: due 2026-09-15.
        let t = || traj("2026-01-10", None, &[(FirstCheck, "2026-03-15")]);
        assert_eq!(outcome(t(), Some("2026-09-15")), Some(Outcome::Pass));
        assert_eq!(outcome(t(), Some("2026-09-16")), Some(Outcome::Fail));
        // Closed: H = einde, however late A is.
        let closed = |e: &str| traj("2026-01-10", Some(e), &[(FirstCheck, "2026-03-15")]);
        assert_eq!(outcome(closed("2026-09-15"), None), Some(Outcome::Pass));
        assert_eq!(outcome(closed("2026-09-16"), None), Some(Outcome::Fail));
    }

    #[test]
    fn contacts_before_start_and_other_kinds_are_no_points() {
        // Counted, the check of 2025-06-01 would open a gap of 7 months up to start.
        let early = traj("2026-01-05", None, &[(FirstCheck, "2025-06-01"), (InterimEvaluation, "2026-05-01")]);
        assert_eq!(outcome(early, Some("2026-08-31")), Some(Outcome::Pass));
        // A follow-up or debrief is no evaluation moment.
        let other = traj("2026-01-10", None, &[(FollowUp, "2026-05-01"), (VolunteerDebrief, "2026-06-01")]);
        assert_eq!(outcome(other, Some("2026-08-31")), Some(Outcome::Fail));
    }

    #[test]
    fn final_evaluation_after_einde_is_no_point() {
        // Last point 2025-12-01, einde 2026-06-05 > 2026-06-01: the evaluation
        // on 2026-06-06 comes after einde and does not close the gap.
        let t = traj("2025-10-01", Some("2026-06-05"), &[(FirstCheck, "2025-12-01"), (FinalEvaluation, "2026-06-06")]);
        let r = run(t, None);
        assert_eq!(r[0].outcome, Outcome::Fail);
        assert_eq!(r[0].evidence.shown("gap_to"), "2026-06-05");
    }

    #[test]
    fn gap_ending_before_the_period_is_ignored() {
        // 2025-01-01 -> 2025-12-01 is 11 months, but it ends before P.start.
        let t = || traj("2025-01-01", None, &[(InterimEvaluation, "2025-12-01"), (InterimEvaluation, "2026-05-01")]);
        assert_eq!(outcome(t(), Some("2026-06-30")), Some(Outcome::Pass));
        // Its later end on P.start itself counts.
        let t = traj("2025-01-01", None, &[(InterimEvaluation, "2026-01-01"), (InterimEvaluation, "2026-05-01")]);
        assert_eq!(outcome(t, Some("2026-06-30")), Some(Outcome::Fail));
    }

    #[test]
    fn coverage_and_not_evaluated() {
        let before = traj("2025-01-01", Some("2025-12-31"), &[]);
        let after = traj("2026-07-01", None, &[]);
        let not_started = trajectory("G1");
        for t in [before, after, not_started] {
            assert!(run(t, Some("2026-06-30")).is_empty());
        }
        // Active in P at both edges: einde on P.start, start on W.
        assert_eq!(outcome(traj("2025-09-01", Some("2026-01-01"), &[]), Some("2026-06-30")), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2026-06-30", None, &[]), Some("2026-06-30")), Some(Outcome::Pass));
        let mut t = traj("2026-01-10", None, &[]);
        t.start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        // An unreadable start does not matter when einde rules the trajectory out.
        let mut t = traj("2025-01-10", Some("2025-06-01"), &[]);
        t.start = unreadable();
        assert!(run(t, None).is_empty());
        let mut t = traj("2026-01-10", None, &[]);
        t.contacts = Err(Text::new("geen contacten", "no contacts sheet"));
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let missing = evaluate(
            &location(vec![traj("2026-01-10", None, &[])]),
            &config("HS-G05", Scope::Trajectory, Severity::Warning, &[]),
            &ctx_2026(None),
        );
        assert_eq!(missing[0].outcome, Outcome::NotEvaluated);
        assert!(missing[0].message.en().contains(GAP));
    }

    #[test]
    fn unreadable_contacts_spoil_a_fail_not_a_pass() {
        let mut failing = traj("2026-01-10", None, &[]);
        failing.unreadable_contacts = vec![Text::new("rij 7", "row 7")];
        let r = run(failing, None);
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains("row 7"));
        let mut passing = traj("2026-01-10", None, &[(InterimEvaluation, "2026-07-01")]);
        passing.unreadable_contacts = vec![Text::new("rij 7", "row 7")];
        assert_eq!(outcome(passing, None), Some(Outcome::Pass));
    }

    #[test]
    fn result_carries_subject_and_severity() {
        let r = run(traj("2026-01-10", None, &[]), Some("2026-03-01"));
        assert_eq!((r[0].subject_id.as_deref(), r[0].row, r[0].severity), (Some("G1"), Some(2), Severity::Warning));
        assert_eq!(r[0].evidence.shown("deadline"), "2026-07-10");
    }
}
