//! HS-G09: the referrer is informed at start and at closure.
//!
//! # What it checks
//! That a family's referrer heard from the coordinator when support started
//! (`bericht_verwijzer_start`) and, once it ended, when it ended
//! (`bericht_verwijzer_einde`), each within `referrer_message_days` (30) of
//! the event.
//!
//! # Why
//! The referrer guide: "the referrer hears from the coordinator at start and
//! at closure". A referring professional who hears nothing loses trust in
//! referring.
//!
//! # How exactly
//! Covers the trajectories active in P with `verwijzer` filled. The start
//! message is due for `start`; the end message only when `einde` <= A, for
//! `einde`. A message that is empty, or dated after A (not yet happened), is
//! `fail` when A >= event + 30 days and `not_yet_due` while A < event + 30.
//! A message dated on or before A passes, whatever its date: rules.md makes
//! only an empty message fail, so a message sent late (after event + 30) or
//! dated before its event still passes. The outcome is `fail` when either
//! message fails, else `not_evaluated` when either message date cannot be
//! read, else `not_yet_due` when either is not yet due, else `pass`.
//! `not_evaluated` too when `start` or `einde` cannot be read (unless the
//! other already rules the trajectory out) or the parameter is missing.
//!
//! # Parameters
//! - `referrer_message_days` (integer, 30): days after the event the message
//!   is due.

use chrono::NaiveDate;

use super::cells::plus_days;
use super::coverage::{Span, active_in_p};
use super::wording::{day, not_evaluated, say, sentence};
use super::{Judge, Judged, judge_each};
use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::{Counts, ParamKind, RuleConfig, Scope};
use crate::rules::context::Context;
use crate::rules::model::{Cell, Location, Trajectory};
use crate::rules::registry::{ParamSpec, RuleFacts, RuleSpec};

const DAYS: &str = "referrer_message_days";

pub const SPEC: RuleSpec = RuleSpec {
    id: "HS-G09",
    scope: Scope::Trajectory,
    params: &[ParamSpec { name: DAYS, kind: ParamKind::Integer, per_municipality: false }],
    evaluate,
    facts: RuleFacts::PLAIN,

    counts: Counts::Families,
};

/// One message's state on A.
enum State {
    Sent(NaiveDate),
    NotYetDue(NaiveDate),
    Late(NaiveDate),
    Unknown(Text),
}

/// The start or the end message: its evidence key, how messages name it and
/// its event, the event's date and the message's state.
struct Message {
    key: &'static str,
    words: Words,
    event: NaiveDate,
    state: State,
}

/// The catalogue keys of (the message, the event).
type Words = [&'static str; 2];

const START: Words = ["hs_g09_start_letter", "hs_g09_start_event"];
const END: Words = ["hs_g09_end_letter", "hs_g09_end_event"];

fn message(
    key: &'static str,
    words: Words,
    event: NaiveDate,
    cell: &Cell<NaiveDate>,
    days: i64,
    ctx: &Context,
) -> Result<Message, Text> {
    let due = plus_days(event, days)?;
    let state = match cell.known() {
        Err(reason) => State::Unknown(reason),
        Ok(Some(d)) if d <= ctx.as_of => State::Sent(d),
        Ok(_) if ctx.as_of >= due => State::Late(due),
        Ok(_) => State::NotYetDue(due),
    };
    Ok(Message { key, words, event, state })
}

/// One message's state, as a fragment.
fn describe(m: &Message) -> Text {
    let [letter, event] = m.words;
    let (letter, event, e) = (say(letter, &[]), say(event, &[]), day(m.event));
    match &m.state {
        State::Sent(d) => say("hs_g09_sent", &[("letter", &letter), ("on", &day(*d))]),
        State::NotYetDue(due) => {
            say("hs_g09_not_yet_due", &[("letter", &letter), ("event", &event), ("on", &e), ("due", &day(*due))])
        }
        State::Late(due) => {
            say("hs_g09_late", &[("letter", &letter), ("event", &event), ("on", &e), ("due", &day(*due))])
        }
        State::Unknown(reason) => say("hs_g09_unreadable", &[("letter", &letter), ("reason", reason)]),
    }
}

pub fn evaluate(loc: &Location, cfg: &RuleConfig, ctx: &Context) -> Vec<RuleResult> {
    let covered = |t: &Trajectory| {
        if t.verwijzer.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Ok(None);
        }
        active_in_p(t, ctx)
    };
    judge_each(loc, cfg, ctx, covered, |j, span| check(j, span, cfg.int(DAYS)?))
}

fn check(j: &Judge, Span { start, einde }: Span, days: i64) -> Judged {
    let (t, ctx) = (j.traj, j.ctx);
    let mut messages = vec![message("start", START, start, &t.bericht_verwijzer_start, days, ctx)?];
    if let Some(e) = einde.filter(|e| *e <= ctx.as_of) {
        messages.push(message("end", END, e, &t.bericht_verwijzer_einde, days, ctx)?);
    }
    let any = |f: fn(&State) -> bool| messages.iter().any(|m| f(&m.state));
    let outcome = if any(|s| matches!(s, State::Late(_))) {
        Outcome::Fail
    } else if any(|s| matches!(s, State::Unknown(_))) {
        Outcome::NotEvaluated
    } else if any(|s| matches!(s, State::NotYetDue(_))) {
        Outcome::NotYetDue
    } else {
        Outcome::Pass
    };
    // One sentence a message; the first is a fragment until the outcome's wording completes it.
    let mut text = describe(&messages[0]);
    for m in &messages[1..] {
        text = say("hs_g09_then", &[("first", &text), ("next", &sentence(&describe(m)))]);
    }
    let text = if outcome == Outcome::NotEvaluated { not_evaluated(&text) } else { sentence(&text) };
    let mut r = j.result(outcome, text).date("start", start);
    for m in &messages {
        r = r.date(&format!("{}_event", m.key), m.event);
        r = match m.state {
            State::Sent(d) => r.date(&format!("{}_message", m.key), d),
            State::NotYetDue(due) | State::Late(due) => r.date(&format!("{}_message_deadline", m.key), due),
            State::Unknown(_) => r,
        };
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Severity;
    use crate::rulebook::ParamValue;
    use crate::rules::model::Trajectory;
    use crate::rules::testkit::*;

    fn cfg() -> RuleConfig {
        config("HS-G09", Scope::Trajectory, Severity::Warning, &[(DAYS, ParamValue::Integer(30))])
    }

    /// Started 2026-03-02 (start message due 2026-04-01), referred by a nurse.
    fn referred(start_msg: Option<&str>) -> Trajectory {
        let mut t = trajectory("G9");
        t.verwijzer = Some("jgz".into());
        t.start = date("2026-03-02");
        t.bericht_verwijzer_start = start_msg.map_or(Cell::Empty, date);
        t
    }

    fn closed(end_msg: Option<&str>) -> Trajectory {
        let mut t = referred(Some("2026-03-10"));
        t.einde = date("2026-06-10"); // end message due 2026-07-10
        t.bericht_verwijzer_einde = end_msg.map_or(Cell::Empty, date);
        t
    }

    fn run(t: Trajectory, as_of: Option<&str>) -> Vec<RuleResult> {
        evaluate(&location(vec![t]), &cfg(), &ctx_2026(as_of))
    }

    fn outcome(t: Trajectory, as_of: Option<&str>) -> Option<Outcome> {
        outcome_of(&run(t, as_of), Some("G9"))
    }

    #[test]
    fn empty_start_message_edges() {
        assert_eq!(outcome(referred(None), Some("2026-03-31")), Some(Outcome::NotYetDue)); // start + 29
        assert_eq!(outcome(referred(None), Some("2026-04-01")), Some(Outcome::Fail)); // start + 30
        let r = run(referred(None), Some("2026-04-01"));
        assert_eq!(r[0].evidence.shown("start_message_deadline"), "2026-04-01");
    }

    #[test]
    fn filled_message_passes_on_day_30_and_later() {
        assert_eq!(outcome(referred(Some("2026-04-01")), None), Some(Outcome::Pass)); // day 30
        // Day 31: late, but only an empty message fails (documented reading).
        assert_eq!(outcome(referred(Some("2026-04-02")), None), Some(Outcome::Pass));
    }

    #[test]
    fn message_dated_after_as_of_has_not_happened() {
        assert_eq!(outcome(referred(Some("2026-04-05")), Some("2026-04-04")), Some(Outcome::Fail));
        assert_eq!(outcome(referred(Some("2026-04-05")), Some("2026-03-31")), Some(Outcome::NotYetDue));
        assert_eq!(outcome(referred(Some("2026-04-05")), Some("2026-04-05")), Some(Outcome::Pass));
    }

    #[test]
    fn end_message_edges() {
        assert_eq!(outcome(closed(None), Some("2026-07-09")), Some(Outcome::NotYetDue)); // einde + 29
        assert_eq!(outcome(closed(None), Some("2026-07-10")), Some(Outcome::Fail)); // einde + 30
        assert_eq!(outcome(closed(Some("2026-06-20")), None), Some(Outcome::Pass));
        // Closure after A: no end message due yet.
        assert_eq!(outcome(closed(None), Some("2026-06-09")), Some(Outcome::Pass));
    }

    #[test]
    fn outcomes_combine() {
        // Start message missing and late, end message not yet due: fail.
        let mut t = closed(None);
        t.bericht_verwijzer_start = Cell::Empty;
        assert_eq!(outcome(t, Some("2026-06-20")), Some(Outcome::Fail));
        // An unreadable message does not hide a failing one ...
        let mut t = closed(None);
        t.bericht_verwijzer_start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::Fail));
        // ... but outweighs a message not yet due.
        let mut t = closed(None);
        t.bericht_verwijzer_start = unreadable();
        let r = run(t, Some("2026-06-20"));
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains("unreadable"));
    }

    #[test]
    fn coverage() {
        let mut self_referred = referred(None);
        self_referred.verwijzer = None;
        let mut blank = referred(None);
        blank.verwijzer = Some("  ".into());
        let mut old = closed(None);
        old.einde = date("2025-12-31");
        let mut not_started = referred(None);
        not_started.start = Cell::Empty;
        for t in [self_referred, blank, old, not_started] {
            assert!(run(t, None).is_empty());
        }
        let mut t = referred(None);
        t.start = unreadable();
        assert_eq!(outcome(t, None), Some(Outcome::NotEvaluated));
        let no_param = config("HS-G09", Scope::Trajectory, Severity::Warning, &[]);
        let r = evaluate(&location(vec![referred(None)]), &no_param, &ctx_2026(None));
        assert_eq!(r[0].outcome, Outcome::NotEvaluated);
        assert!(r[0].message.en().contains(DAYS));
    }
}
