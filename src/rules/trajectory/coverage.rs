//! Which trajectories a rule covers: "active in P" (with the two readings of
//! an unreadable `start` or `einde` the rules use), the match date M in the
//! window, and closure coverage.
//!
//! Coverage is `Ok(Some(..))` (covered, with the dates the rule needs),
//! `Ok(None)` (not covered: no result at all) or `Err(reason)` (a date the
//! coverage needs cannot be read, or its column is missing: `not_evaluated`).

use chrono::NaiveDate;

use super::wording::{join, say};
use crate::results::Text;
use crate::rules::context::Context;
use crate::rules::model::Trajectory;

/// `start` and `einde` of a covered trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub einde: Option<NaiveDate>,
}

/// A part of a coverage test: true, false, or unknown with a reason.
pub type Part = Result<bool, Text>;

/// All parts true: false when any part is false (whatever the others are),
/// else unknown when any part is unknown (the reasons joined), else true.
pub fn all(parts: &[Part]) -> Part {
    if parts.iter().any(|p| matches!(p, Ok(false))) {
        return Ok(false);
    }
    let reasons: Vec<&Text> = parts.iter().filter_map(|p| p.as_ref().err()).collect();
    if reasons.is_empty() {
        return Ok(true);
    }
    Err(join(reasons, "; "))
}

/// Active in P: `start` <= W and (`einde` empty or >= P.start); an empty
/// `start` is not active. Gives the span when active.
///
/// An unreadable `start` or `einde` is `not_evaluated` ("every rule whose
/// coverage or test needs that date") only when the coverage needs it: a
/// readable date that already rules the trajectory out (an empty or late
/// `start`, an `einde` before P.start) decides, and the rule gives no result.
/// Otherwise the reasons of the unreadable dates are joined.
pub fn active_in_p(traj: &Trajectory, ctx: &Context) -> Result<Option<Span>, Text> {
    let (start, einde) = (traj.start.known(), traj.einde.known());
    let parts = [
        start.clone().map(|s| s.is_some_and(|s| s <= ctx.window_end())),
        einde.clone().map(|e| e.is_none_or(|e| e >= ctx.period.start)),
    ];
    if !all(&parts)? {
        return Ok(None);
    }
    let (start, einde) = (start?, einde?);
    Ok(match start {
        Some(start) if ctx.trajectory_active(Some(start), einde) => Some(Span { start, einde }),
        _ => None,
    })
}

/// Match date M = `koppeling`, else `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub date: NaiveDate,
    /// True when M is `koppeling`, false when it falls back to `start`.
    pub from_koppeling: bool,
}

impl Match {
    /// Where M comes from, for messages.
    pub fn source(&self) -> Text {
        if self.from_koppeling { say("hs_match_from_koppeling", &[]) } else { say("hs_match_from_start", &[]) }
    }
}

/// Coverage of HS-G03 and HS-G10: active in P, and M in [P.start, W].
pub fn matched_in_window(traj: &Trajectory, ctx: &Context) -> Result<Option<Match>, Text> {
    let Some(span) = active_in_p(traj, ctx)? else {
        return Ok(None);
    };
    let m = match traj.koppeling.known()? {
        Some(date) => Match { date, from_koppeling: true },
        None => Match { date: span.start, from_koppeling: false },
    };
    Ok(ctx.in_window(m.date).then_some(m))
}

/// Closure coverage (HS-G06, HS-G07, HS-G08, HS-G12): `start` filled, `einde`
/// filled and `test(einde)` true. Gives `einde`. An unreadable `start` makes
/// coverage unknown (the rule needs that date), unless `einde` already rules
/// the trajectory out; an unreadable `einde` is unknown unless `start` is
/// empty.
pub fn closure(t: &Trajectory, test: impl FnOnce(NaiveDate) -> Part) -> Result<Option<NaiveDate>, Text> {
    let start_filled = t.start.known().map(|s| s.is_some());
    let einde = t.einde.known();
    let einde_part = match &einde {
        Ok(Some(e)) => test(*e),
        Ok(None) => Ok(false),
        Err(r) => Err(r.clone()),
    };
    Ok(match (all(&[start_filled, einde_part])?, einde) {
        (true, Ok(Some(e))) => Some(e),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::model::Cell;
    use crate::rules::testkit::*;

    fn active(t: &Trajectory) -> Result<bool, Text> {
        active_in_p(t, &ctx_2026(None)).map(|s| s.is_some())
    }

    #[test]
    fn an_unreadable_date_the_coverage_needs_is_unknown() {
        let mut t = trajectory("G1");
        t.start = date("2026-03-01");
        assert_eq!(active(&t), Ok(true));
        t.einde = unreadable();
        assert!(active(&t).is_err());
        t.einde = Cell::Empty;
        t.start = unreadable();
        assert!(active(&t).is_err());
    }

    #[test]
    fn unless_ruled_out_a_readable_date_decides() {
        let mut t = trajectory("G1");
        t.start = date("2027-03-01");
        t.einde = unreadable();
        assert_eq!(active(&t), Ok(false));
        t.start = Cell::Empty;
        assert_eq!(active(&t), Ok(false));
        t.start = unreadable();
        t.einde = date("2025-12-31");
        assert_eq!(active(&t), Ok(false));
        t.einde = date("2026-01-01");
        assert!(active(&t).is_err());
        // Both unreadable: both reasons.
        t.einde = unreadable();
        let reason = active_in_p(&t, &ctx_2026(None)).err().map(|r| r.en);
        assert_eq!(reason.as_deref(), Some("unreadable; unreadable"));
        t.start = date("2026-02-01");
        t.einde = Cell::Empty;
        let span = active_in_p(&t, &ctx_2026(None));
        assert_eq!(span, Ok(Some(Span { start: d("2026-02-01"), einde: None })));
    }

    #[test]
    fn match_date_falls_back_to_start_and_must_lie_in_the_window() {
        let c = ctx_2026(Some("2026-06-30"));
        let mut t = trajectory("G1");
        t.start = date("2026-02-01");
        let m = matched_in_window(&t, &c).ok().flatten().map(|m| (m.date, m.from_koppeling));
        assert_eq!(m, Some((d("2026-02-01"), false)));
        t.koppeling = date("2026-06-30");
        let m = matched_in_window(&t, &c).ok().flatten().map(|m| (m.date, m.from_koppeling));
        assert_eq!(m, Some((d("2026-06-30"), true)));
        t.koppeling = date("2026-07-01");
        assert_eq!(matched_in_window(&t, &c), Ok(None));
        t.koppeling = date("2025-12-31");
        assert_eq!(matched_in_window(&t, &c), Ok(None));
        t.koppeling = unreadable();
        assert!(matched_in_window(&t, &c).is_err());
    }

    #[test]
    fn closure_needs_start_filled_and_einde_passing_the_test() {
        let in_2026 = |e: NaiveDate| Ok(e >= d("2026-01-01"));
        let mut t = trajectory("G1");
        t.start = date("2025-05-01");
        t.einde = date("2026-03-01");
        assert_eq!(closure(&t, in_2026), Ok(Some(d("2026-03-01"))));
        t.einde = date("2025-12-31");
        assert_eq!(closure(&t, in_2026), Ok(None));
        t.start = unreadable();
        assert_eq!(closure(&t, in_2026), Ok(None));
        t.einde = date("2026-03-01");
        assert!(closure(&t, in_2026).is_err());
        t.start = Cell::Empty;
        t.einde = unreadable();
        assert_eq!(closure(&t, in_2026), Ok(None));
    }
}
