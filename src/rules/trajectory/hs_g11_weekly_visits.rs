//! HS-G11: weekly visits.
//!
//! # What it checks
//! That the volunteer visited the family about once a week: at least
//! `min_visit_ratio` (0,75) visits per week of the trajectory's overlap with
//! the period.
//!
//! # Why
//! The referrer guide: "a volunteer visits one half-day a week". Support that
//! comes far less often is not the support Home-Start offers.
//!
//! # How exactly
//! Covers the trajectories active in P. Overlap days: the days, both ends
//! counted, of [max(`start`, P.start), min(`einde` or W, W)].
//! `not_applicable` when the overlap is under `min_visit_overlap_days` (28);
//! else `not_evaluated` when `bezoeken` is empty or unreadable; else `pass`
//! when `bezoeken` >= ratio × overlap days / 7, else `fail`. The comparison
//! is `bezoeken` × 7 >= ratio × overlap days, with a tolerance of 1e-9
//! (relative) in favour of equality, so that a ratio such as 1,1 that binary
//! numbers cannot hold exactly still passes a family exactly on the norm.
//! The result reports the visits and the smallest whole number of visits
//! that passes. `not_evaluated` too when `start` or `einde` cannot be read
//! (unless the other already rules the trajectory out) or a parameter is
//! missing.
//!
//! # Parameters
//! - `min_visit_overlap_days` (integer, 28): shorter overlaps are not judged.
//! - `min_visit_ratio` (number, 0,75): visits per week required.

use super::cells::filled;
use super::coverage::{Span, active_in_p};
use super::wording::{number, plain, say};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::Location;
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec, Unit};

const MIN_OVERLAP: &str = "min_visit_overlap_days";
const RATIO: &str = "min_visit_ratio";

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G11",
    scope: Scope::Trajectory,
    params: &[
        ParamSpec { name: MIN_OVERLAP, kind: ParamKind::Integer, per_municipality: false },
        ParamSpec { name: RATIO, kind: ParamKind::Number, per_municipality: false },
    ],
    evaluate,
    facts: RuleFacts::unit(Unit::Count),

    counts: Counts::Families,
};

/// True when `visits` meets `ratio` × `overlap` / 7, equality favoured.
fn enough(visits: i64, ratio: f64, overlap: i64) -> bool {
    let need = ratio * overlap as f64;
    (visits * 7) as f64 >= need - 1e-9 * need.abs().max(1.0)
}

/// The smallest whole number of visits that passes.
fn least_passing(ratio: f64, overlap: i64) -> i64 {
    let guess = (ratio * overlap as f64 / 7.0).ceil() as i64;
    if enough(guess - 1, ratio, overlap) { guess - 1 } else { guess }
}

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    judge_each(loc, cfg, ctx, |t| active_in_p(t, ctx), check)
}

fn check(j: &Judge, Span { start, einde }: Span) -> Judged {
    let (min_overlap, ratio) = (j.cfg.int(MIN_OVERLAP)?, j.cfg.num(RATIO)?);
    let overlap = j.ctx.overlap_days(start, einde);
    let result = |o, m| j.result(o, m).fact("overlap_days", overlap);
    if overlap < min_overlap {
        let msg = say("hs_g11_too_short", &[("days", &plain(overlap)), ("min", &plain(min_overlap))]);
        return Ok(result(Outcome::NotApplicable, msg));
    }
    let visits = match filled(&j.traj.bezoeken, "bezoeken") {
        Ok(v) => v,
        Err(reason) => return Ok(j.not_evaluated(reason).fact("overlap_days", overlap)),
    };
    let least = least_passing(ratio, overlap);
    let per_week = visits as f64 * 7.0 / overlap as f64;
    let (outcome, verdict) = if enough(visits, ratio, overlap) {
        (Outcome::Pass, say("hs_g11_at_least", &[]))
    } else {
        (Outcome::Fail, say("hs_g11_fewer_than", &[]))
    };
    let (per_week, ratio_shown) = (number(per_week, 2), number(ratio, 9));
    let key = if visits == 1 { "hs_g11_visits_one" } else { "hs_g11_visits_many" };
    let msg = say(
        key,
        &[
            ("visits", &plain(visits)),
            ("days", &plain(overlap)),
            ("per_week", &per_week),
            ("verdict", &verdict),
            ("least", &plain(least)),
            ("ratio", &ratio_shown),
        ],
    );
    Ok(result(outcome, msg).measured(visits as f64, format!(">= {least}")).fact("visits", visits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg(ratio: f64) -> RuleConfig {
        let params = [(MIN_OVERLAP, ParamValue::Integer(28)), (RATIO, ParamValue::Number(ratio))];
        config("HS-G11", Scope::Trajectory, Severity::Warning, &params)
    }

    fn traj(start: &str, einde: Option<&str>, visits: Option<i64>) -> Trajectory {
        let mut t = trajectory("G11");
        t.start = date(start);
        t.einde = einde.map_or(Cell::Empty, date);
        t.bezoeken = visits.map_or(Cell::Empty, Cell::Value);
        t
    }

    fn run_with(ratio: f64, t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(ratio), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run_with(0.75, t, as_of), Some("G11"))
    }

    #[test]
    fn overlap_of_27_days_is_not_applicable_28_is_judged() {
        assert_eq!(outcome(traj("2026-03-01", Some("2026-03-27"), Some(0)), None), Some(Outcome::NotApplicable));
        // 28 days at 0,75 a week: 3 visits needed.
        assert_eq!(outcome(traj("2026-03-01", Some("2026-03-28"), Some(3)), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2026-03-01", Some("2026-03-28"), Some(2)), None), Some(Outcome::Fail));
        // The overlap runs to W = A: 27 days on 27 January, 28 on the 28th.
        assert_eq!(outcome(traj("2025-10-01", None, Some(0)), Some("2026-01-27")), Some(Outcome::NotApplicable));
        assert_eq!(outcome(traj("2025-10-01", None, Some(0)), Some("2026-01-28")), Some(Outcome::Fail));
    }

    #[test]
    fn visits_exactly_at_the_ratio_pass() {
        // A whole year (365 days, trajectory from before P): 0,75 × 365 / 7 = 39,1...: 40 needed.
        assert_eq!(outcome(traj("2025-06-01", None, Some(40)), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2025-06-01", None, Some(39)), None), Some(Outcome::Fail));
        // 364 days: exactly 39.
        assert_eq!(outcome(traj("2026-01-02", None, Some(39)), None), Some(Outcome::Pass));
        assert_eq!(outcome(traj("2026-01-02", None, Some(38)), None), Some(Outcome::Fail));
        let r = run_with(0.75, traj("2026-01-02", None, Some(38)), None);
        assert_eq!((r[0].measured, r[0].expected.as_deref()), (Some(38.0), Some(">= 39")));
        assert!(r[0].message.nl().contains("0,73 per week") && r[0].message.nl().contains("0,75 per week"));
    }

    #[test]
    fn equality_survives_binary_rounding() {
        // 210 days at 1,1 a week: 33 visits exactly, though 1.1 × 210 = 231.00000000000003.
        let t = || traj("2026-01-01", Some("2026-07-29"), Some(33));
        assert_eq!(outcome_of(&run_with(1.1, t(), None), Some("G11")), Some(Outcome::Pass));
        assert_eq!(run_with(1.1, t(), None)[0].expected.as_deref(), Some(">= 33"));
        let t = traj("2026-01-01", Some("2026-07-29"), Some(32));
        assert_eq!(outcome_of(&run_with(1.1, t, None), Some("G11")), Some(Outcome::Fail));
    }

    #[test]
    fn not_evaluated_and_coverage() {
        assert_eq!(outcome(traj("2026-01-01", None, None), None), Some(Outcome::NotEvaluated));
        let mut t = traj("2026-01-01", None, None);
        t.bezoeken = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = traj("2026-01-01", None, Some(50));
        t.einde = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        assert_eq!(outcome(traj("2025-01-01", Some("2025-12-31"), Some(50)), None), None);
        assert_eq!(outcome(traj("2026-07-01", None, Some(50)), Some("2026-06-30")), None);
        let mut no_ratio = cfg(0.75);
        no_ratio.params.remove(RATIO);
        let r = evaluate(&location(vec![traj("2026-01-01", None, Some(50))]), &no_ratio, &ctx_2026(None));
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains(RATIO));
    }
}
