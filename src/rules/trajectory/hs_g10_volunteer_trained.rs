//! HS-G10 The volunteer was trained before the match.
//!
//! ## What it checks
//! The volunteer matched to the family (`vrijwilliger_id`) had completed the
//! basic training (`training_afgerond` in `vrijwilligers`) on or before the
//! match date M.
//!
//! ## Why
//! A location works with trained volunteers (*Gemeenten*); a family is only
//! matched with a volunteer who finished the basic training.
//!
//! ## How exactly
//! - M = `koppeling`, else `start`. Covers the trajectories HS-G03 covers:
//!   active in P with M in [P.start, W].
//! - `not_applicable` when `vrijwilliger_id` is empty.
//! - `pass` when the id is in `vrijwilligers` (the first row with that id)
//!   and its `training_afgerond` is filled and <= M; `fail` when the id is
//!   not there, the training date is empty, or it lies after M.
//! - A missing `vrijwilligers` sheet, or an unreadable `training_afgerond`,
//!   `start`, `einde` or `koppeling`, gives `not_evaluated`.
//!
//! ## Parameters
//! None.

use super::coverage::{Match, matched_in_window};
use super::wording::{day, plain, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{RuleFacts, RuleSpec};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G10",
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
    let Some(id) = j.traj.vrijwilliger_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) else {
        let message = say("hs_g10_no_volunteer", &[]);
        return Ok(j.result(Outcome::NotApplicable, message).date("match", m.date));
    };
    let volunteers = j.loc.volunteers.as_ref().map_err(Clone::clone)?;
    let evidence = |r: RuleResult| r.date("match", m.date).fact("volunteer_id", id);
    let Some(volunteer) = volunteers.iter().find(|v| v.id.trim() == id) else {
        let message = say("hs_g10_unknown_volunteer", &[("id", &plain(id)), ("what", &src), ("on", &at)]);
        return Ok(evidence(j.result(Outcome::Fail, message)));
    };
    let Some(trained) = volunteer.training_afgerond.known()? else {
        let message = say("hs_g10_no_training", &[("id", &plain(id)), ("what", &src), ("on", &at)]);
        return Ok(evidence(j.result(Outcome::Fail, message)));
    };
    let (outcome, message) = if trained <= m.date {
        let message =
            say("hs_g10_pass", &[("id", &plain(id)), ("trained", &day(trained)), ("what", &src), ("on", &at)]);
        (Outcome::Pass, message)
    } else {
        let message =
            say("hs_g10_fail", &[("id", &plain(id)), ("trained", &day(trained)), ("what", &src), ("on", &at)]);
        (Outcome::Fail, message)
    };
    Ok(evidence(j.result(outcome, message)).date("trained", trained))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Severity, Text};
    use crate::rules::model::{Cell, Trajectory, Volunteer};
    use crate::rules::testkit::*;

    fn volunteer(id: &str, trained: Cell<chrono::NaiveDate>) -> Volunteer {
        Volunteer { id: id.to_string(), row: 3, training_afgerond: trained, start: Cell::Empty, einde: Cell::Empty }
    }

    /// Started 2026-03-02, matched with V1 on 2026-02-20.
    fn traj() -> Trajectory {
        let mut t = trajectory("G1");
        t.start = date("2026-03-02");
        t.koppeling = date("2026-02-20");
        t.vrijwilliger_id = Some("V1".into());
        t
    }

    fn run(t: Trajectory, volunteers: Vec<Volunteer>, as_of: Option<&str>) -> Vec<RuleResult> {
        let mut loc = location(vec![t]);
        loc.volunteers = Ok(volunteers);
        let cfg = config("HS-G10", Scope::Trajectory, Severity::Error, &[]);
        evaluate(&loc, &cfg, &ctx_2026(as_of))
    }

    fn trained_on(s: &str) -> Option<Outcome> {
        outcome_of(&run(traj(), vec![volunteer("V1", date(s))], None), Some("G1"))
    }

    #[test]
    fn trained_on_or_before_the_match_passes() {
        assert_eq!(trained_on("2026-02-19"), Some(Outcome::Pass));
        assert_eq!(trained_on("2026-02-20"), Some(Outcome::Pass));
        assert_eq!(trained_on("2026-02-21"), Some(Outcome::Fail));
    }

    #[test]
    fn match_date_falls_back_to_start() {
        let mut t = traj();
        t.koppeling = Cell::Empty;
        let at = |s: &str| outcome_of(&run(t.clone(), vec![volunteer("V1", date(s))], None), Some("G1"));
        assert_eq!(at("2026-03-02"), Some(Outcome::Pass));
        assert_eq!(at("2026-03-03"), Some(Outcome::Fail));
    }

    #[test]
    fn untrained_or_unknown_volunteer_fails() {
        let results = run(traj(), vec![volunteer("V1", Cell::Empty)], None);
        assert_eq!(results[0].outcome, Outcome::Fail);
        let results = run(traj(), vec![volunteer("V2", date("2025-01-01"))], None);
        assert_eq!(results[0].outcome, Outcome::Fail);
        assert!(
            results[0].message.en().contains("V1 is not in the vrijwilligers sheet"),
            "{}",
            results[0].message.en()
        );
        assert_eq!(results[0].evidence.get("volunteer_id").as_ref().map(ToString::to_string).as_deref(), Some("V1"));
    }

    #[test]
    fn no_volunteer_is_not_applicable() {
        let mut t = traj();
        t.vrijwilliger_id = None;
        assert_eq!(outcome_of(&run(t.clone(), vec![], None), Some("G1")), Some(Outcome::NotApplicable));
        t.vrijwilliger_id = Some("  ".into());
        assert_eq!(outcome_of(&run(t, vec![], None), Some("G1")), Some(Outcome::NotApplicable));
    }

    #[test]
    fn covers_what_hs_g03_covers() {
        let v = || vec![volunteer("V1", date("2025-01-01"))];
        // Active, but M after W.
        let mut t = traj();
        t.start = date("2026-02-01");
        t.koppeling = date("2026-03-05");
        assert!(run(t.clone(), v(), Some("2026-03-04")).is_empty());
        assert_eq!(outcome_of(&run(t, v(), Some("2026-03-05")), Some("G1")), Some(Outcome::Pass));
        // M before P.start.
        let mut t = traj();
        t.koppeling = date("2025-12-31");
        assert!(run(t.clone(), v(), None).is_empty());
        t.koppeling = date("2026-01-01");
        assert_eq!(outcome_of(&run(t, v(), None), Some("G1")), Some(Outcome::Pass));
        // Not started: not active.
        let mut t = traj();
        t.start = Cell::Empty;
        assert!(run(t, v(), None).is_empty());
    }

    #[test]
    fn unreadable_or_missing_data_is_not_evaluated() {
        let mut t = traj();
        t.start = unreadable();
        assert_eq!(outcome_of(&run(t, vec![], None), Some("G1")), Some(Outcome::NotEvaluated));
        let results = run(traj(), vec![volunteer("V1", unreadable())], None);
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        let mut loc = location(vec![traj()]);
        loc.volunteers = Err(Text::new("blad vrijwilligers ontbreekt", "sheet vrijwilligers is missing"));
        let cfg = config("HS-G10", Scope::Trajectory, Severity::Error, &[]);
        let results = evaluate(&loc, &cfg, &ctx_2026(None));
        assert_eq!(results[0].outcome, Outcome::NotEvaluated);
        assert!(results[0].message.en().contains("sheet vrijwilligers is missing"));
    }
}
