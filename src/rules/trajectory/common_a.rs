//! What trajectory rules HS-G01..HS-G04 and HS-G10 share: coverage ("active
//! in P", match date M in the window), turning a rule's check into one result
//! per covered trajectory, reading cells or giving the reason they cannot be
//! read, and dates in messages.
//!
//! Unreadable `start` or `einde`: rules.md gives `not_evaluated` from "every
//! rule whose coverage or test needs that date". "Active in P" is defined on
//! both dates, so [`active_in_p`] needs both to be readable, even where the
//! other date alone would decide (a `start` after W with an unreadable
//! `einde` is `not_evaluated`, not left out). Other cells are needed only when
//! a rule's test reaches them, in the order rules.md states the test.

use chrono::{Datelike, NaiveDate};

use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::RuleConfig;
use crate::rules::context::Context;
use crate::rules::dates::{add_days, add_months};
use crate::rules::model::{Cell, Contact, Location, Trajectory};

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

    /// `not_evaluated`, with the reason as the message.
    pub fn not_evaluated(&self, reason: Text) -> RuleResult {
        let message =
            Text::new(format!("Niet te beoordelen: {}", reason.nl), format!("Cannot be judged: {}", reason.en));
        self.result(Outcome::NotEvaluated, message)
    }
}

/// Runs a rule over the location's trajectories. `coverage` gives `Ok(None)`
/// for a trajectory the rule does not cover (no result at all), `Ok(Some(c))`
/// for a covered one, handed to `check`, and `Err(reason)` when coverage
/// cannot be decided (`not_evaluated`). Without a `gezinnen` sheet there are
/// no trajectories, so no results.
pub fn judge_each<C>(
    loc: &Location,
    cfg: &RuleConfig,
    ctx: &Context,
    coverage: impl Fn(&Trajectory) -> Result<Option<C>, Text>,
    check: impl Fn(&Judge, C) -> Judged,
) -> Vec<RuleResult> {
    let Ok(trajectories) = &loc.trajectories else {
        return Vec::new();
    };
    trajectories
        .iter()
        .filter_map(|traj| {
            let judge = Judge { cfg, loc, traj, ctx };
            match coverage(traj) {
                Ok(None) => None,
                Ok(Some(c)) => Some(check(&judge, c).unwrap_or_else(|reason| judge.not_evaluated(reason))),
                Err(reason) => Some(judge.not_evaluated(reason)),
            }
        })
        .collect()
}

/// `start` and `einde` of a trajectory active in P.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub einde: Option<NaiveDate>,
}

/// Active in P: `start` <= W and (`einde` empty or >= P.start). `Err` when
/// `start` or `einde` cannot be read.
pub fn active_in_p(traj: &Trajectory, ctx: &Context) -> Result<bool, Text> {
    Ok(active_span(traj, ctx)?.is_some())
}

/// The trajectory's span when it is active in P, `None` when it is not.
pub fn active_span(traj: &Trajectory, ctx: &Context) -> Result<Option<Span>, Text> {
    let start = traj.start.known()?;
    let einde = traj.einde.known()?;
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
        if self.from_koppeling {
            Text::new("koppeling", "match")
        } else {
            Text::new("start (geen koppeling ingevuld)", "start (no match date filled)")
        }
    }
}

/// Coverage of HS-G03 and HS-G10: active in P, and M in [P.start, W].
pub fn matched_in_window(traj: &Trajectory, ctx: &Context) -> Result<Option<Match>, Text> {
    let Some(span) = active_span(traj, ctx)? else {
        return Ok(None);
    };
    let m = match traj.koppeling.known()? {
        Some(date) => Match { date, from_koppeling: true },
        None => Match { date: span.start, from_koppeling: false },
    };
    Ok(ctx.in_window(m.date).then_some(m))
}

/// A cell's value; `Err` naming the column when it is empty, or the cell's
/// reason when it cannot be read.
pub fn filled<T: Clone>(cell: &Cell<T>, column: &str) -> Result<T, Text> {
    cell.known()?.ok_or_else(|| Text::new(format!("`{column}` is leeg"), format!("`{column}` is empty")))
}

/// The trajectory's readable contacts dated on or before A; `Err` when the
/// `contacten` sheet is missing.
pub fn contacts_until_as_of<'t>(traj: &'t Trajectory, ctx: &Context) -> Result<Vec<&'t Contact>, Text> {
    let contacts = traj.contacts.as_ref().map_err(Clone::clone)?;
    Ok(contacts.iter().filter(|c| c.date <= ctx.as_of).collect())
}

/// Why the trajectory's contacts are incomplete, when some could not be read.
pub fn unreadable_contacts(traj: &Trajectory) -> Option<Text> {
    if traj.unreadable_contacts.is_empty() {
        return None;
    }
    let n = traj.unreadable_contacts.len();
    let nl: Vec<&str> = traj.unreadable_contacts.iter().map(|t| t.nl.as_str()).collect();
    let en: Vec<&str> = traj.unreadable_contacts.iter().map(|t| t.en.as_str()).collect();
    Some(Text::new(
        format!("{n} contact(en) van dit gezin kon(den) niet gelezen worden: {}", nl.join("; ")),
        format!("{n} contact(s) of this family could not be read: {}", en.join("; ")),
    ))
}

/// `add_months` with a whole-number parameter; `Err` beyond the calendar.
pub fn plus_months(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    i32::try_from(n).ok().and_then(|n| add_months(d, n)).ok_or_else(|| out_of_range(d, n, "maanden", "months"))
}

/// `add_days` with a whole-number parameter; `Err` beyond the calendar.
pub fn plus_days(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    add_days(d, n).ok_or_else(|| out_of_range(d, n, "dagen", "days"))
}

fn out_of_range(d: NaiveDate, n: i64, nl: &str, en: &str) -> Text {
    Text::new(
        format!("{} plus {n} {nl} valt buiten de kalender", nl_date(d)),
        format!("{} plus {n} {en} falls outside the calendar", en_date(d)),
    )
}

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a Dutch reader writes it: `2 maart 2026`.
pub fn nl_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), NL_MONTHS[d.month0() as usize], d.year())
}

/// A date for an English reader: `2 March 2026`.
pub fn en_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), EN_MONTHS[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn unreadable_einde_makes_activity_unknown_even_with_a_late_start() {
        let c = ctx_2026(None);
        let mut t = trajectory("G1");
        t.start = date("2027-03-01");
        assert_eq!(active_in_p(&t, &c), Ok(false));
        t.einde = unreadable();
        assert!(active_in_p(&t, &c).is_err());
        t.einde = Cell::Empty;
        t.start = unreadable();
        assert!(active_in_p(&t, &c).is_err());
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
    fn dates_read_as_people_write_them() {
        assert_eq!(nl_date(d("2026-03-02")), "2 maart 2026");
        assert_eq!(en_date(d("2026-12-31")), "31 December 2026");
    }

    #[test]
    fn filled_names_the_empty_column() {
        let e = filled(&Cell::<NaiveDate>::Empty, "aanmelding").err().map(|t| t.en);
        assert_eq!(e.as_deref(), Some("`aanmelding` is empty"));
        assert_eq!(filled(&date("2026-01-05"), "aanmelding"), Ok(d("2026-01-05")));
    }
}
