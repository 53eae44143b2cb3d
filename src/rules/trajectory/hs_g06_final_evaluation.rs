//! HS-G06: final evaluation at closure.
//!
//! # What it checks
//! That a family whose support ended had its final evaluation around the
//! closure: an `eindevaluatie` contact within `closure_window_days` (30) of
//! `einde`, before or after.
//!
//! # Why
//! The referrer guide: "final evaluation at home at closure". It is where
//! family, volunteer and coordinator look back on what the support achieved.
//!
//! # How exactly
//! Covers the trajectories with `start` filled and `einde` in [P.start, A]
//! (closures up to A, also after P.end when A is). `pass` when an
//! `eindevaluatie` contact dated <= A lies in [`einde` - 30, `einde` + 30];
//! else `not_yet_due` when A < `einde` + 30; else `fail`. `not_evaluated` when
//! `start` or `einde` cannot be read (unless the other already rules the
//! trajectory out), when the contacts sheet is missing, and when no evaluation
//! is found but the trajectory has unreadable contacts (one of them may be it;
//! this holds for `not_yet_due` too, since that could have been a `pass`).
//! HS-G07 shares this evaluation with its own contact kind.
//!
//! # Parameters
//! - `closure_window_days` (integer, 30): days before and after `einde`.

use chrono::NaiveDate;

use super::cells::{contact_dates, plus_days, unreadable_contacts};
use super::coverage::closure;
use super::wording::{day, plain, say, sentence};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{ContactKind, Location};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

pub(super) const WINDOW: &str = "closure_window_days";

pub(super) const WINDOW_PARAM: &[ParamSpec] =
    &[ParamSpec { name: WINDOW, kind: ParamKind::Integer, per_municipality: false }];

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G06",
    scope: Scope::Trajectory,
    params: WINDOW_PARAM,
    evaluate,
    facts: RuleFacts::PLAIN,
    counts: Counts::Families,
};

/// The contact a closure rule looks for, and the catalogue key of how its
/// messages name it.
pub(super) struct ClosureContact {
    pub kind: ContactKind,
    pub name: &'static str,
}

const FINAL_EVALUATION: ClosureContact =
    ClosureContact { kind: ContactKind::FinalEvaluation, name: "hs_g06_final_evaluation" };

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    evaluate_closure_contact(loc, cfg, ctx, &FINAL_EVALUATION)
}

/// HS-G06 and HS-G07: a contact of `what.kind` within the window around `einde`.
pub(super) fn evaluate_closure_contact(
    loc: &Location,
    cfg: &RuleConfig,
    ctx: &Context,
    what: &ClosureContact,
) -> Vec<RuleResult> {
    let covered = |t: &_| closure(t, |e| Ok(e >= ctx.period.start && e <= ctx.as_of));
    judge_each(loc, cfg, ctx, covered, |j, einde| check(j, einde, cfg.int(WINDOW)?, what))
}

fn check(j: &Judge, einde: NaiveDate, w: i64, what: &ClosureContact) -> Judged {
    let ctx = j.ctx;
    let (from, to) = (plus_days(einde, -w)?, plus_days(einde, w)?);
    let dates = contact_dates(j.traj, &[what.kind], ctx)?;
    let base =
        |o, m: Text| j.result(o, sentence(&m)).date("einde", einde).date("window_from", from).date("window_to", to);
    let (e, t, what) = (day(einde), day(to), say(what.name, &[]));
    if let Some(&found) = dates.iter().find(|d| **d >= from && **d <= to) {
        let msg = say("hs_g06_pass", &[("what", &what), ("on", &day(found)), ("days", &plain(w)), ("end", &e)]);
        return Ok(base(Outcome::Pass, msg).date("contact", found));
    }
    if let Some(unreadable) = unreadable_contacts(j.traj) {
        return Err(unreadable);
    }
    if ctx.as_of < to {
        let msg = say("hs_g06_not_yet_due", &[("what", &what), ("end", &e), ("due", &t)]);
        return Ok(base(Outcome::NotYetDue, msg).date("deadline", to));
    }
    let other = match dates.iter().min_by_key(|d| (**d - einde).num_days().abs()) {
        Some(&d) => say("hs_g06_outside_window", &[("on", &day(d))]),
        None => Text::default(),
    };
    let msg = say("hs_g06_fail", &[("what", &what), ("from", &day(from)), ("to", &t), ("end", &e), ("other", &other)]);
    Ok(base(Outcome::Fail, msg).date("deadline", to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        config("HS-G06", Scope::Trajectory, Severity::Error, &[(WINDOW, ParamValue::Integer(30))])
    }

    /// Closed 2026-06-15 (window 2026-05-16 .. 2026-07-15), evaluation on `eval`.
    fn closed(eval: Option<&str>) -> Trajectory {
        let mut t = trajectory("G1");
        t.start = date("2025-09-01");
        t.einde = date("2026-06-15");
        t.contacts = Ok(eval.map(|e| contact(ContactKind::FinalEvaluation, e)).into_iter().collect());
        t
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of)), Some("G1"))
    }

    #[test]
    fn window_edges() {
        assert_eq!(outcome(closed(Some("2026-05-15")), None), Some(Outcome::Fail)); // einde - 31
        assert_eq!(outcome(closed(Some("2026-05-16")), None), Some(Outcome::Pass)); // einde - 30
        assert_eq!(outcome(closed(Some("2026-07-15")), None), Some(Outcome::Pass)); // einde + 30
        assert_eq!(outcome(closed(Some("2026-07-16")), None), Some(Outcome::Fail)); // einde + 31
    }

    #[test]
    fn not_yet_due_until_the_window_closes() {
        assert_eq!(outcome(closed(None), Some("2026-07-14")), Some(Outcome::NotYetDue)); // einde + 29
        assert_eq!(outcome(closed(None), Some("2026-07-15")), Some(Outcome::Fail)); // einde + 30
        // An evaluation dated after A has not happened yet.
        assert_eq!(outcome(closed(Some("2026-07-15")), Some("2026-07-14")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(closed(Some("2026-07-14")), Some("2026-07-14")), Some(Outcome::Pass));
    }

    #[test]
    fn fail_names_the_evaluation_outside_the_window() {
        let r = evaluate(&location(vec![closed(Some("2026-07-16"))]), &cfg(), &ctx_2026(None));
        assert!(r[0].message.nl().contains("16 juli 2026"));
        assert_eq!(r[0].evidence.shown("window_to"), "2026-07-15");
        assert_eq!(r[0].severity, Severity::Error);
    }

    #[test]
    fn coverage() {
        let at = |einde: &str, as_of: Option<&str>| {
            let mut t = closed(None);
            t.einde = date(einde);
            evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of)).len()
        };
        assert_eq!(at("2025-12-31", None), 0);
        assert_eq!(at("2026-01-01", None), 1);
        assert_eq!(at("2026-06-30", Some("2026-06-30")), 1);
        assert_eq!(at("2026-07-01", Some("2026-06-30")), 0);
        // A closure after P.end counts when A is later still.
        assert_eq!(at("2027-01-15", Some("2027-02-28")), 1);
        let mut running = closed(None);
        running.einde = Cell::Empty;
        let mut never_started = closed(None);
        never_started.start = Cell::Empty;
        assert!(evaluate(&location(vec![running, never_started]), &cfg(), &ctx_2026(None)).is_empty());
    }

    #[test]
    fn not_evaluated_cases() {
        let mut t = closed(None);
        t.einde = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed(None);
        t.start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed(None);
        t.contacts = Err(Text::new("geen contacten", "no contacts sheet"));
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed(None);
        t.unreadable_contacts = vec![Text::new("rij 9", "row 9")];
        assert_eq!(outcome(t, Some("2026-07-01")), Some(Outcome::NotEvaluated));
        let mut t = closed(Some("2026-06-20"));
        t.unreadable_contacts = vec![Text::new("rij 9", "row 9")];
        assert_eq!(outcome(t, None), Some(Outcome::Pass));
        let no_param = config("HS-G06", Scope::Trajectory, Severity::Error, &[]);
        let r = evaluate(&location(vec![closed(None)]), &no_param, &ctx_2026(None));
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains(WINDOW));
    }

    #[test]
    fn other_contact_kinds_do_not_count() {
        let mut t = closed(None);
        t.contacts = Ok(vec![contact(ContactKind::VolunteerDebrief, "2026-06-15")]);
        assert_eq!(outcome(t, None), Some(Outcome::Fail));
    }
}
