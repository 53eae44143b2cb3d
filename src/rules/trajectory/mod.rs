//! Trajectory rules (subject: one row of `gezinnen`), one file per rule, and
//! how every one of them runs: one result per covered trajectory.
//!
//! Shared modules, one concept each:
//! - [`coverage`]: which trajectories a rule covers (active in P, match date
//!   M in the window, closure);
//! - [`cells`]: reading cells and contacts, or the reason they cannot be
//!   read, and date arithmetic that names its failure;
//! - [`wording`]: how messages are written in Dutch and English: dates and
//!   numbers as people write them, full sentences, the `not_evaluated`
//!   wording (the location rules write theirs with it too).
//!
//! This file holds [`Judge`], which builds one rule's results for one
//! trajectory, and [`judge_each`], which runs a rule over a location.

use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::RuleConfig;
use crate::rules::context::Context;
use crate::rules::model::{Location, Trajectory};

pub mod cells;
pub mod coverage;
pub mod hs_g01_target_group;
pub mod hs_g02_duration;
pub mod hs_g03_intake_before_match;
pub mod hs_g04_first_check;
pub mod hs_g05_evaluation_gaps;
pub mod hs_g06_final_evaluation;
pub mod hs_g07_volunteer_debrief;
pub mod hs_g08_follow_up;
pub mod hs_g09_referrer_informed;
pub mod hs_g10_volunteer_trained;
pub mod hs_g11_weekly_visits;
pub mod hs_g12_outcome_measured;
pub mod wording;

/// A rule's verdict on one covered trajectory, or why it cannot be given.
pub type Judged = Result<RuleResult, Text>;

/// One rule judging one trajectory: builds its results.
pub struct Judge<'a> {
    pub cfg: &'a RuleConfig,
    pub loc: &'a Location,
    pub traj: &'a Trajectory,
    pub ctx: &'a Context,
}

impl Judge<'_> {
    /// A result for this trajectory with the rule's severity.
    pub fn result(&self, outcome: Outcome, message: Text) -> RuleResult {
        let subject = Some((self.traj.id.as_str(), self.traj.row));
        RuleResult::new(&self.cfg.id, &self.loc.id, subject, outcome, self.cfg.severity, message)
    }

    /// `not_evaluated`, with the reason in the message.
    pub fn not_evaluated(&self, reason: Text) -> RuleResult {
        self.result(Outcome::NotEvaluated, wording::not_evaluated(&reason))
    }
}

/// Runs a rule over the location's trajectories. `coverage` gives `Ok(None)`
/// for a trajectory the rule does not cover (no result at all), `Ok(Some(c))`
/// for a covered one, handed to `check`, and `Err(reason)` when coverage
/// cannot be decided; an `Err` from either is `not_evaluated` with that
/// reason. Without a `gezinnen` sheet there are no trajectories, so no
/// results (the location rules report the missing sheet).
pub fn judge_each<'a, C>(
    loc: &'a Location,
    cfg: &'a RuleConfig,
    ctx: &'a Context,
    coverage: impl Fn(&'a Trajectory) -> Result<Option<C>, Text>,
    check: impl Fn(&Judge<'a>, C) -> Judged,
) -> Vec<RuleResult> {
    let Ok(trajectories) = &loc.trajectories else {
        return Vec::new();
    };
    trajectories
        .iter()
        .filter_map(|traj| {
            let judge = Judge { cfg, loc, traj, ctx };
            let judged = || {
                let judged = coverage(traj).and_then(|c| c.map(|c| check(&judge, c)).transpose());
                judged.unwrap_or_else(|reason| Some(judge.not_evaluated(reason)))
            };
            // Most results are passes, whose message nobody reads: judge
            // quietly first, and aloud only what is not a pass (cost: the
            // logic twice for those, the wording once).
            if aloud() {
                return judged();
            }
            match wording::quietly(judged) {
                Some(r) if r.outcome != Outcome::Pass => judged(),
                quiet => quiet,
            }
        })
        .collect()
}

#[cfg(test)]
thread_local! {
    static ALOUD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every trajectory judged aloud, passes too (tests of what a
/// pass would say; a run never keeps it).
#[cfg(test)]
pub fn judge_aloud<T>(f: impl FnOnce() -> T) -> T {
    ALOUD.with(|a| a.set(true));
    let out = f();
    ALOUD.with(|a| a.set(false));
    out
}

/// True inside [`judge_aloud`] (tests only).
fn aloud() -> bool {
    #[cfg(test)]
    return ALOUD.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::Scope;
    use crate::rules::testkit::*;

    /// Covers trajectories whose id starts with `G`; fails `coverage` for `?`
    /// and `check` for `!`.
    fn run(loc: &Location) -> Vec<RuleResult> {
        let cfg = config("HS-GXX", Scope::Trajectory, Severity::Warning, &[]);
        let reason = |s: &str| Text::new(format!("{s} nl"), format!("{s} en"));
        judge_each(
            loc,
            &cfg,
            &ctx_2026(None),
            |t| match t.id.as_str() {
                "?" => Err(reason("coverage")),
                id => Ok(id.starts_with(['G', '!']).then_some(id.len())),
            },
            |j, len| match j.traj.id.as_str() {
                "!" => Err(reason("check")),
                _ => Ok(j.result(Outcome::Pass, Text::new("ja", "yes")).fact("len", len)),
            },
        )
    }

    #[test]
    fn one_result_per_covered_trajectory_and_not_evaluated_with_the_reason() {
        let loc = location(["G1", "X", "?", "!"].into_iter().map(trajectory).collect());
        let results = run(&loc);
        let got: Vec<_> = results.iter().map(|r| (r.subject_id.as_deref(), r.outcome)).collect();
        assert_eq!(
            got,
            [(Some("G1"), Outcome::Pass), (Some("?"), Outcome::NotEvaluated), (Some("!"), Outcome::NotEvaluated)]
        );
        assert_eq!((results[0].row, results[0].severity), (Some(2), Severity::Warning));
        // A pass is made quietly: only the evidence a pass keeps.
        assert!(results[0].evidence.is_empty());
        let aloud = judge_aloud(|| run(&loc));
        assert_eq!(aloud[0].evidence.get("len").as_ref().map(ToString::to_string).as_deref(), Some("2"));
        assert_eq!(aloud[0].message, Text::new("ja", "yes"));
        assert_eq!(aloud[1..], results[1..]);
        assert!(results[1].message.en().contains("coverage en"), "{}", results[1].message.en());
        assert!(results[2].message.nl().contains("check nl"), "{}", results[2].message.nl());
    }

    #[test]
    fn no_gezinnen_sheet_no_results() {
        let loc = Location { trajectories: Err(Text::new("blad ontbreekt", "sheet missing")), ..location(vec![]) };
        assert!(run(&loc).is_empty());
    }
}
