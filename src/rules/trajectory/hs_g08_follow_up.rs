//! HS-G08: follow-up call three months after closure.
//!
//! # What it checks
//! That a family whose support ended was phoned about three months later: a
//! `follow_up` contact in the window [F - 14, F + 30] days around the due date
//! F = add_months(`einde`, 3).
//!
//! # Why
//! The referrer guide: "families are phoned for a follow-up after three
//! months". It shows whether what the support achieved lasted, and whether
//! the family needs anything else.
//!
//! # How exactly
//! F = add_months(`einde`, `follow_up_months`); the window is
//! [F - `follow_up_early_days`, F + `follow_up_late_days`]. Covers the
//! trajectories with `start` and `einde` filled whose window starts <= A and
//! ends >= P.start (so closures in the year before P are included). `pass`
//! when a `follow_up` contact dated <= A lies in the window; else
//! `not_yet_due` when A < F + `follow_up_late_days`; else `fail`.
//! `not_evaluated` when `start` or `einde` cannot be read (unless the other
//! already rules the trajectory out), when the contacts sheet is missing, and
//! when no call is found but some contacts could not be read. When a parameter
//! is missing the window cannot be placed: every trajectory with `start`
//! filled and `einde` <= A gets `not_evaluated` naming the parameter.
//!
//! # Parameters
//! - `follow_up_months` (integer, 3): months from `einde` to the due date F.
//! - `follow_up_early_days` (integer, 14): days before F the window opens.
//! - `follow_up_late_days` (integer, 30): days after F the window closes.

use chrono::NaiveDate;

use super::cells::{contact_dates, plus_days, plus_months, unreadable_contacts};
use super::coverage::closure;
use super::wording::{day, plain, say, sentence};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{ContactKind, Location, Trajectory};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

const MONTHS: &str = "follow_up_months";
const EARLY: &str = "follow_up_early_days";
const LATE: &str = "follow_up_late_days";

const fn int_param(name: &'static str) -> ParamSpec {
    ParamSpec { name, kind: ParamKind::Integer, per_municipality: false }
}

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G08",
    scope: Scope::Trajectory,
    params: &[int_param(MONTHS), int_param(EARLY), int_param(LATE)],
    evaluate,
    facts: RuleFacts::PLAIN,

    counts: Counts::Families,
};

/// The closure, its due date F and the window of one covered trajectory.
struct Window {
    einde: NaiveDate,
    months: i64,
    due: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
}

fn window(einde: NaiveDate, (months, early, late): (i64, i64, i64)) -> Result<Window, Text> {
    let due = plus_months(einde, months)?;
    Ok(Window { einde, months, due, from: plus_days(due, -early)?, to: plus_days(due, late)? })
}

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    let params = cfg.int(MONTHS).and_then(|m| Ok((m, cfg.int(EARLY)?, cfg.int(LATE)?)));
    let covered = |t: &Trajectory| {
        let params = match &params {
            Ok(p) => *p,
            // Without the window, every closure up to A is one it might cover.
            Err(reason) => return closure(t, |e| Ok(e <= ctx.as_of))?.map_or(Ok(None), |_| Err(reason.clone())),
        };
        let einde = closure(t, |e| window(e, params).map(|w| w.from <= ctx.as_of && w.to >= ctx.period.start))?;
        einde.map(|e| window(e, params)).transpose()
    };
    judge_each(loc, cfg, ctx, covered, check)
}

fn check(j: &Judge, w: Window) -> Judged {
    let (ctx, einde) = (j.ctx, w.einde);
    let dates = contact_dates(j.traj, &[ContactKind::FollowUp], ctx)?;
    let base = |o, m: Text| {
        j.result(o, sentence(&m))
            .date("einde", einde)
            .date("follow_up_date", w.due)
            .date("window_from", w.from)
            .date("window_to", w.to)
    };
    let (e, f, from, to, months) = (day(einde), day(w.due), day(w.from), day(w.to), w.months);
    if let Some(&found) = dates.iter().find(|d| **d >= w.from && **d <= w.to) {
        let msg = say("hs_g08_pass", &[("on", &day(found)), ("from", &from), ("to", &to), ("end", &e)]);
        return Ok(base(Outcome::Pass, msg).date("contact", found));
    }
    if let Some(unreadable) = unreadable_contacts(j.traj) {
        return Err(unreadable);
    }
    if ctx.as_of < w.to {
        let msg = say("hs_g08_not_yet_due", &[("end", &e), ("due", &f), ("from", &from), ("to", &to)]);
        return Ok(base(Outcome::NotYetDue, msg).date("deadline", w.to));
    }
    let msg = say("hs_g08_fail", &[("from", &from), ("to", &to), ("due", &f), ("months", &plain(months)), ("end", &e)]);
    Ok(base(Outcome::Fail, msg).date("deadline", w.to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::{Cell, Trajectory};
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        let p = |n: &'static str, v| (n, ParamValue::Integer(v));
        config("HS-G08", Scope::Trajectory, Severity::Warning, &[p(MONTHS, 3), p(EARLY, 14), p(LATE, 30)])
    }

    /// Closed on `einde`, with follow-up calls on `calls`.
    fn closed(einde: &str, calls: &[&str]) -> Trajectory {
        let mut t = trajectory("G8");
        t.start = date("2025-01-06");
        t.einde = date(einde);
        t.contacts = Ok(calls.iter().map(|s| contact(ContactKind::FollowUp, s)).collect());
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G8"))
    }

    #[test]
    fn window_edges_with_month_end_clamping() {
        // einde 31 March: F = 30 June, window 16 June .. 30 July.
        assert_eq!(outcome(closed("2026-03-31", &["2026-06-15"]), None), Some(Outcome::Fail)); // F - 15
        assert_eq!(outcome(closed("2026-03-31", &["2026-06-16"]), None), Some(Outcome::Pass)); // F - 14
        assert_eq!(outcome(closed("2026-03-31", &["2026-07-30"]), None), Some(Outcome::Pass)); // F + 30
        assert_eq!(outcome(closed("2026-03-31", &["2026-07-31"]), None), Some(Outcome::Fail)); // F + 31
        let r = run(closed("2026-03-31", &[]), None);
        assert_eq!(r[0].evidence.shown("follow_up_date"), "2026-06-30");
        assert_eq!(r[0].evidence.shown("window_from"), "2026-06-16");
    }

    #[test]
    fn not_yet_due_until_the_window_closes() {
        assert_eq!(outcome(closed("2026-03-31", &[]), Some("2026-07-29")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(closed("2026-03-31", &[]), Some("2026-07-30")), Some(Outcome::Fail));
        // A call dated after A has not happened yet.
        assert_eq!(outcome(closed("2026-03-31", &["2026-07-01"]), Some("2026-06-30")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(closed("2026-03-31", &["2026-06-30"]), Some("2026-06-30")), Some(Outcome::Pass));
    }

    #[test]
    fn coverage_needs_the_window_to_start_by_as_of() {
        // einde 15 June: window opens 1 September.
        assert_eq!(outcome(closed("2026-06-15", &[]), Some("2026-08-31")), None);
        assert_eq!(outcome(closed("2026-06-15", &[]), Some("2026-09-01")), Some(Outcome::NotYetDue));
    }

    #[test]
    fn closures_in_the_year_before_the_period() {
        // einde 2025-09-01: F = 2025-12-01, window ends 2025-12-31, before P.
        assert_eq!(outcome(closed("2025-09-01", &[]), None), None);
        // einde 2025-09-02: the window ends on P.start itself.
        assert_eq!(outcome(closed("2025-09-02", &[]), None), Some(Outcome::Fail));
        assert_eq!(outcome(closed("2025-11-15", &["2026-02-10"]), None), Some(Outcome::Pass));
    }

    #[test]
    fn uncovered_and_not_evaluated() {
        let mut running = closed("2026-03-31", &[]);
        running.einde = Cell::Empty;
        let mut never_started = closed("2026-03-31", &[]);
        never_started.start = Cell::Empty;
        assert!(evaluate(&location(vec![running, never_started]), &cfg(), &ctx_2026(None)).is_empty());
        let mut t = closed("2026-03-31", &[]);
        t.einde = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed("2026-03-31", &[]);
        t.contacts = Err(Text::new("geen contacten", "no contacts sheet"));
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let mut t = closed("2026-03-31", &["2026-08-15"]);
        t.unreadable_contacts = vec![Text::new("rij 3", "row 3")];
        let r = run(t, None);
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.nl().contains("rij 3"));
        let mut t = closed("2026-03-31", &["2026-07-01"]);
        t.unreadable_contacts = vec![Text::new("rij 3", "row 3")];
        assert_eq!(outcome(t, None), Some(Outcome::Pass));
    }

    #[test]
    fn missing_parameter() {
        let no_late = config("HS-G08", Scope::Trajectory, Severity::Warning, &[(MONTHS, ParamValue::Integer(3))]);
        let r = evaluate(&location(vec![closed("2026-03-31", &[])]), &no_late, &ctx_2026(None));
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains(EARLY));
        let later = evaluate(&location(vec![closed("2027-01-31", &[])]), &no_late, &ctx_2026(None));
        assert!(later.is_empty());
    }
}
