//! HS-G03 Intake home visit before the match.
//!
//! ## What it checks
//! The coordinator's intake home visit (`kennismaking`) took place after the
//! family registered and no later than the match date M.
//!
//! ## Why
//! The coordinator visits the family at home for the intake after the family
//! registers, before a volunteer is matched (*Stappenplan voor verwijzers*).
//!
//! ## How exactly
//! - M = `koppeling`, else `start`.
//! - Covers trajectories active in P whose M lies in [P.start, W]; `start` or
//!   `einde` unreadable, or `koppeling` unreadable, gives `not_evaluated`.
//! - `pass` when `kennismaking` is filled and `aanmelding` <= `kennismaking`
//!   <= M (both ends included); `fail` otherwise.
//! - `kennismaking` empty is `fail` without reading `aanmelding`; an
//!   unreadable `kennismaking`, or (with `kennismaking` filled) an unreadable
//!   or empty `aanmelding`, gives `not_evaluated`.
//!
//! ## Parameters
//! None.

use super::cells::filled;
use super::coverage::{Match, matched_in_window};
use super::wording::{day, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{RuleFacts, RuleSpec};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G03",
    scope: Scope::Trajectory,
    params: &[],
    evaluate,
    facts: RuleFacts::PLAIN,
    counts: Counts::Families,
};

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| matched_in_window(t, ctx), check)
}

fn check(j: &Judge, m: Match) -> Judged {
    let (src, at) = (m.source(), day(m.date));
    let Some(intake) = j.traj.kennismaking.known()? else {
        let message = say("hs_g03_missing", &[("what", &src), ("on", &at)]);
        return Ok(j.result(Outcome::Fail, message).date("match", m.date));
    };
    let registered = filled(&j.traj.aanmelding, "aanmelding")?;
    let (k, r) = (day(intake), day(registered));
    let (outcome, message) = if intake < registered {
        let message = say("hs_g03_before_registration", &[("intake", &k), ("registration", &r)]);
        (Outcome::Fail, message)
    } else if intake > m.date {
        let message = say("hs_g03_fail", &[("intake", &k), ("what", &src), ("on", &at)]);
        (Outcome::Fail, message)
    } else {
        let message = say("hs_g03_pass", &[("intake", &k), ("registration", &r), ("what", &src), ("on", &at)]);
        (Outcome::Pass, message)
    };
    Ok(j.result(outcome, message).date("registered", registered).date("intake", intake).date("match", m.date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    /// Registered 2026-02-01, started 2026-03-02, matched `koppeling`.
    fn traj(kennismaking: Option<&str>, koppeling: Option<&str>) -> Trajectory {
        let mut t = trajectory("G1");
        t.aanmelding = date("2026-02-01");
        t.start = date("2026-03-02");
        t.kennismaking = kennismaking.map_or(Cell::Empty, date);
        t.koppeling = koppeling.map_or(Cell::Empty, date);
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        let cfg = config("HS-G03", Scope::Trajectory, Severity::Error, &[]);
        evaluate(&location(vec![t]), &cfg, &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory) -> Option<Outcome> {
        outcome_of(&run(t, None), Some("G1"))
    }

    #[test]
    fn intake_between_registration_and_match_both_ends_included() {
        let m = Some("2026-02-20");
        assert_eq!(outcome(traj(Some("2026-01-31"), m)), Some(Outcome::Fail));
        assert_eq!(outcome(traj(Some("2026-02-01"), m)), Some(Outcome::Pass));
        assert_eq!(outcome(traj(Some("2026-02-19"), m)), Some(Outcome::Pass));
        assert_eq!(outcome(traj(Some("2026-02-20"), m)), Some(Outcome::Pass));
        assert_eq!(outcome(traj(Some("2026-02-21"), m)), Some(Outcome::Fail));
    }

    #[test]
    fn match_date_falls_back_to_start() {
        assert_eq!(outcome(traj(Some("2026-03-02"), None)), Some(Outcome::Pass));
        assert_eq!(outcome(traj(Some("2026-03-03"), None)), Some(Outcome::Fail));
        let results = run(traj(Some("2026-03-03"), None), None);
        assert!(results[0].message.en().contains("start (no match date filled) on 2 March 2026"), "{:?}", results[0]);
    }

    #[test]
    fn no_intake_fails_even_without_registration_date() {
        let mut t = traj(None, Some("2026-02-20"));
        t.aanmelding = Cell::Empty;
        assert_eq!(outcome(t), Some(Outcome::Fail));
    }

    #[test]
    fn match_must_lie_in_the_window() {
        // A = 2026-06-30: W = A.
        let mut t = traj(Some("2026-02-01"), Some("2026-06-30"));
        t.start = date("2026-06-30");
        assert_eq!(outcome_of(&run(t.clone(), Some("2026-06-30")), Some("G1")), Some(Outcome::Pass));
        t.koppeling = date("2026-07-01");
        assert!(run(t, Some("2026-06-30")).is_empty());
        // Matched the year before: active in P, but not covered.
        let mut t = traj(Some("2025-11-01"), Some("2025-12-31"));
        t.aanmelding = date("2025-10-01");
        t.start = date("2026-01-05");
        assert!(run(t.clone(), None).is_empty());
        t.koppeling = date("2026-01-01");
        assert_eq!(outcome(t), Some(Outcome::Pass));
    }

    #[test]
    fn only_trajectories_active_in_p_are_covered() {
        // Matched in P but closed before P.start (inconsistent, yet not active).
        let mut t = traj(Some("2026-02-01"), Some("2026-02-20"));
        t.start = date("2025-03-01");
        t.einde = date("2025-12-31");
        assert!(run(t, None).is_empty());
        // Never started: not active.
        let mut t = traj(Some("2026-02-01"), Some("2026-02-20"));
        t.start = Cell::Empty;
        assert!(run(t, None).is_empty());
    }

    #[test]
    fn unreadable_cells_are_not_evaluated() {
        let spoilers: [fn(&mut Trajectory); 5] = [
            |t| t.start = unreadable(),
            |t| t.einde = unreadable(),
            |t| t.koppeling = unreadable(),
            |t| t.kennismaking = unreadable(),
            |t| t.aanmelding = unreadable(),
        ];
        for spoil in spoilers {
            let mut t = traj(Some("2026-02-10"), Some("2026-02-20"));
            spoil(&mut t);
            assert_eq!(outcome(t), Some(Outcome::NotEvaluated));
        }
        let mut t = traj(Some("2026-02-10"), Some("2026-02-20"));
        t.aanmelding = Cell::Empty;
        let results = run(t, None);
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("`aanmelding` is empty"), "{:?}", results[0].message);
    }

    #[test]
    fn result_carries_subject_and_evidence() {
        let results = run(traj(Some("2026-02-21"), Some("2026-02-20")), None);
        let r = &results[0];
        assert_eq!((r.rule_id.as_str(), r.subject_id.as_deref(), r.severity), ("HS-G03", Some("G1"), Severity::Error));
        assert_eq!(r.evidence.get("match").as_ref().map(ToString::to_string).as_deref(), Some("2026-02-20"));
        assert_eq!(r.evidence.get("intake").as_ref().map(ToString::to_string).as_deref(), Some("2026-02-21"));
        assert!(r.message.nl().contains("21 februari 2026"), "{}", r.message.nl());
    }
}
