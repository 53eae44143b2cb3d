//! HS-G04 First check within 5 weeks of the start.
//!
//! ## What it checks
//! The coordinator held the first check (`eerste_check` contact) between the
//! start of support and the deadline D = `start` + `first_check_days` +
//! `first_check_grace_days` days.
//!
//! ## Why
//! The coordinator checks how the match works out after 5 weeks
//! (*Stappenplan voor verwijzers*); the grace days allow for planning.
//!
//! ## How exactly
//! - Covers trajectories active in P with D >= P.start; `start` or `einde`
//!   unreadable gives `not_evaluated`.
//! - `pass` when an `eerste_check` contact dated in [`start`, D] exists;
//!   contacts dated after A are ignored.
//! - Without one: when some of the family's contacts could not be read, one
//!   of them might have been the check, so `not_evaluated` naming them;
//!   else `not_applicable` when `einde` <= A and `einde` < D (support ended
//!   before the check was due); else `not_yet_due` when A < D; else `fail`.
//! - A missing `contacten` sheet gives `not_evaluated`.
//!
//! ## Parameters
//! - `first_check_days` (whole days): 35.
//! - `first_check_grace_days` (whole days): 14.

use chrono::NaiveDate;

use super::cells::{contact_dates, plus_days, unreadable_contacts};
use super::coverage::{Span, active_in_p};
use super::wording::{day, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{ContactKind, Location, Trajectory};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G04",
    scope: Scope::Trajectory,
    params: &[
        ParamSpec { name: "first_check_days", kind: ParamKind::Integer, per_municipality: false },
        ParamSpec { name: "first_check_grace_days", kind: ParamKind::Integer, per_municipality: false },
    ],
    evaluate,
    facts: RuleFacts::PLAIN,

    counts: Counts::Families,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| coverage(t, cfg, ctx), check)
}

/// Active in P with D >= P.start; gives the span and D.
fn coverage(traj: &Trajectory, cfg: &RuleConfig, ctx: &Context) -> Result<Option<(Span, NaiveDate)>, Text> {
    let Some(span) = active_in_p(traj, ctx)? else {
        return Ok(None);
    };
    let days = cfg.int("first_check_days")?;
    let grace = cfg.int("first_check_grace_days")?;
    let deadline = plus_days(span.start, days.saturating_add(grace))?;
    Ok((deadline >= ctx.period.start).then_some((span, deadline)))
}

fn check(j: &Judge, (span, deadline): (Span, NaiveDate)) -> Judged {
    let dates = contact_dates(j.traj, &[ContactKind::FirstCheck], j.ctx)?;
    let mut checks = dates.into_iter().filter(|d| *d >= span.start);
    let (start, a) = (span.start, j.ctx.as_of);
    let (s, d) = (day(start), day(deadline));
    let evidence = |r: RuleResult| r.date("start", start).date("deadline", deadline);
    if let Some(c) = checks.clone().find(|d| *d <= deadline) {
        let message = say("hs_g04_pass", &[("check", &day(c)), ("start", &s), ("due", &d)]);
        return Ok(evidence(j.result(Outcome::Pass, message)).date("first_check", c));
    }
    if let Some(reason) = unreadable_contacts(j.traj) {
        return Err(reason);
    }
    if let Some(e) = span.einde.filter(|e| *e <= a && *e < deadline) {
        let message = say("hs_g04_ended_before_due", &[("end", &day(e)), ("due", &d)]);
        return Ok(evidence(j.result(Outcome::NotApplicable, message)).date("end", e));
    }
    if a < deadline {
        let message = say("hs_g04_not_yet_due", &[("due", &d), ("start", &s)]);
        return Ok(evidence(j.result(Outcome::NotYetDue, message)));
    }
    let message = match checks.next() {
        Some(late) => say("hs_g04_fail_late", &[("check", &day(late)), ("due", &d), ("start", &s)]),
        None => say("hs_g04_fail_missing", &[("due", &d), ("start", &s)]),
    };
    Ok(evidence(j.result(Outcome::Fail, message)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        let params =
            [("first_check_days", ParamValue::Integer(35)), ("first_check_grace_days", ParamValue::Integer(14))];
        config("HS-G04", Scope::Trajectory, Severity::Warning, &params)
    }

    /// Started 2026-03-02: D = 2026-03-02 + 49 days = 2026-04-20.
    fn traj(checks: &[&str]) -> Trajectory {
        let mut t = trajectory("G1");
        t.start = date("2026-03-02");
        t.contacts = Ok(checks.iter().map(|s| contact(ContactKind::FirstCheck, s)).collect());
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G1"))
    }

    #[test]
    fn check_on_the_deadline_passes_a_day_later_fails() {
        assert_eq!(outcome(traj(&["2026-04-19"]), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj(&["2026-04-20"]), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj(&["2026-04-21"]), None), Some(Outcome::Fail));
        assert_eq!(outcome(traj(&["2026-03-02"]), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj(&["2026-03-01"]), None), Some(Outcome::Fail));
        assert_eq!(outcome(traj(&[]), None), Some(Outcome::Fail));
        let results = run(traj(&["2026-04-21"]), None);
        assert_eq!(
            results[0].evidence.get("deadline").as_ref().map(ToString::to_string).as_deref(),
            Some("2026-04-20")
        );
        assert!(results[0].message.en().contains("only on 21 April 2026"), "{}", results[0].message.en());
    }

    #[test]
    fn other_contact_kinds_do_not_count() {
        let mut t = traj(&[]);
        t.contacts = Ok(vec![contact(ContactKind::InterimEvaluation, "2026-04-01")]);
        assert_eq!(outcome(t, None), Some(Outcome::Fail));
    }

    #[test]
    fn not_yet_due_while_a_is_before_the_deadline() {
        assert_eq!(outcome(traj(&[]), Some("2026-04-19")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(traj(&[]), Some("2026-04-20")), Some(Outcome::Fail));
        // A check dated after A is ignored, even when it is within D.
        assert_eq!(outcome(traj(&["2026-04-10"]), Some("2026-04-09")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(traj(&["2026-04-10"]), Some("2026-04-10")), Some(Outcome::Pass));
        assert_eq!(outcome(traj(&["2026-04-20"]), Some("2026-04-19")), Some(Outcome::NotYetDue));
    }

    #[test]
    fn ended_before_the_deadline_is_not_applicable() {
        let ended = |e: &str| {
            let mut t = traj(&[]);
            t.einde = date(e);
            t
        };
        assert_eq!(outcome(ended("2026-04-19"), None), Some(Outcome::NotApplicable));
        assert_eq!(outcome(ended("2026-04-20"), None), Some(Outcome::Fail));
        // Ending after A does not count yet.
        assert_eq!(outcome(ended("2026-04-10"), Some("2026-04-09")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(ended("2026-04-10"), Some("2026-04-10")), Some(Outcome::NotApplicable));
        // A check still passes.
        let mut t = ended("2026-04-01");
        t.contacts = Ok(vec![contact(ContactKind::FirstCheck, "2026-03-30")]);
        assert_eq!(outcome(t, None), Some(Outcome::Pass));
    }

    #[test]
    fn covered_when_the_deadline_reaches_the_period() {
        // Start 2025-11-13: D = 2026-01-01 = P.start, covered; a day earlier, not.
        let mut t = traj(&[]);
        t.start = date("2025-11-13");
        assert_eq!(outcome(t.clone(), None), Some(Outcome::Fail));
        t.start = date("2025-11-12");
        assert!(run(t, None).is_empty());
        // Not active in P: no result.
        let mut t = traj(&[]);
        t.start = date("2026-07-01");
        assert!(run(t, Some("2026-06-30")).is_empty());
        assert!(run(trajectory("G1"), None).is_empty());
    }

    #[test]
    fn unreadable_or_missing_data_is_not_evaluated() {
        let mut t = traj(&["2026-04-01"]);
        t.start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = traj(&[]);
        t.einde = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = traj(&[]);
        t.contacts = Err(Text::new("blad contacten ontbreekt", "sheet contacten is missing"));
        let results = run(t, None);
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("sheet contacten is missing"));
        let none = config("HS-G04", Scope::Trajectory, Severity::Warning, &[]);
        let results = evaluate(&location(vec![traj(&[])]), &none, &ctx_2026(None));
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("first_check_days"));
    }

    #[test]
    fn unreadable_contacts_only_matter_without_a_passing_check() {
        let mut t = traj(&[]);
        t.unreadable_contacts =
            vec![Text::new("contacten rij 5: datum '31-02-2026'", "contacten row 5: date '31-02-2026'")];
        let results = run(t.clone(), None);
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("1 contact of this family could not be read: contacten row 5"));
        t.contacts = Ok(vec![contact(ContactKind::FirstCheck, "2026-04-01")]);
        assert_eq!(outcome(t.clone(), None), Some(Outcome::Pass));
        t.contacts = Ok(Vec::new());
        t.einde = date("2026-03-20");
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
    }

    #[test]
    fn other_deadline_parameters() {
        let params =
            [("first_check_days", ParamValue::Integer(28)), ("first_check_grace_days", ParamValue::Integer(0))];
        let short = config("HS-G04", Scope::Trajectory, Severity::Warning, &params);
        let at = |s: &str| outcome_of(&evaluate(&location(vec![traj(&[s])]), &short, &ctx_2026(None)), Some("G1"));
        assert_eq!(at("2026-03-30"), Some(Outcome::Pass));
        assert_eq!(at("2026-03-31"), Some(Outcome::Fail));
    }
}
