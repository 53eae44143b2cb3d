//! HS-G07: coordinator and volunteer discuss the final evaluation.
//!
//! # What it checks
//! That after a family's support ended, the coordinator talked the closure
//! through with the volunteer: a `nabespreking_vrijwilliger` contact within
//! `closure_window_days` (30) of `einde`, before or after.
//!
//! # Why
//! The referrer guide: "coordinator and volunteer discuss the final
//! evaluation". The volunteer learns from it and is ready for the next family.
//!
//! # How exactly
//! As HS-G06, with `nabespreking_vrijwilliger` in place of `eindevaluatie`:
//! covers the trajectories with `start` filled and `einde` in [P.start, A];
//! `pass` when such a contact dated <= A lies in [`einde` - 30, `einde` + 30];
//! else `not_yet_due` when A < `einde` + 30; else `fail`. `not_evaluated` as
//! in HS-G06 (unreadable `start` or `einde`, contacts sheet missing, or no
//! debrief found while some contacts could not be read).
//!
//! # Parameters
//! - `closure_window_days` (integer, 30): days before and after `einde`.

use super::hs_g06_final_evaluation::{ClosureContact, WINDOW_PARAM, evaluate_closure_contact};
use crate::results::RuleResult;
use crate::rulebook::{Counts, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{ContactKind, Location};
use crate::rules::registry::{RuleFacts, RuleSpec};

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G07",
    scope: Scope::Trajectory,
    params: WINDOW_PARAM,
    evaluate,
    facts: RuleFacts::PLAIN,
    counts: Counts::Families,
};

const DEBRIEF: ClosureContact = ClosureContact { kind: ContactKind::VolunteerDebrief, name: "hs_g07_debrief" };

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    evaluate_closure_contact(loc, cfg, ctx, &DEBRIEF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Outcome, Severity, Text};
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        config("HS-G07", Scope::Trajectory, Severity::Warning, &[("closure_window_days", ParamValue::Integer(30))])
    }

    /// Closed 2026-03-31 (window 2026-03-01 .. 2026-04-30).
    fn closed(contacts: &[(ContactKind, &str)]) -> Trajectory {
        let mut t = trajectory("G7");
        t.start = date("2025-04-01");
        t.einde = date("2026-03-31");
        t.contacts = Ok(contacts.iter().map(|(k, s)| contact(*k, s)).collect());
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G7"))
    }

    use ContactKind::*;

    #[test]
    fn window_edges() {
        assert_eq!(outcome(closed(&[(VolunteerDebrief, "2026-02-28")]), None), Some(Outcome::Fail));
        assert_eq!(outcome(closed(&[(VolunteerDebrief, "2026-03-01")]), None), Some(Outcome::Pass));
        assert_eq!(outcome(closed(&[(VolunteerDebrief, "2026-04-30")]), None), Some(Outcome::Pass));
        assert_eq!(outcome(closed(&[(VolunteerDebrief, "2026-05-01")]), None), Some(Outcome::Fail));
    }

    #[test]
    fn only_the_debrief_counts() {
        let r = run(closed(&[(FinalEvaluation, "2026-03-31"), (FollowUp, "2026-04-01")]), None);
        assert_eq!(r[0].outcome, Outcome::Fail);
        assert!(r[0].message.en().contains("debrief with the volunteer"));
        assert_eq!(r[0].rule_id, "HS-G07");
    }

    #[test]
    fn not_yet_due_edges() {
        assert_eq!(outcome(closed(&[]), Some("2026-04-29")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(closed(&[]), Some("2026-04-30")), Some(Outcome::Fail));
        assert_eq!(outcome(closed(&[(VolunteerDebrief, "2026-04-30")]), Some("2026-04-29")), Some(Outcome::NotYetDue));
    }

    #[test]
    fn coverage_and_not_evaluated() {
        let mut running = closed(&[]);
        running.einde = Cell::Empty;
        assert!(run(running, None).is_empty());
        let mut early = closed(&[]);
        early.einde = date("2025-12-31");
        assert!(run(early, None).is_empty());
        let mut t = closed(&[]);
        t.contacts = Err(Text::new("geen contacten", "no contacts sheet"));
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed(&[]);
        t.unreadable_contacts = vec![Text::new("rij 4", "row 4")];
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
    }
}
