//! Helpers shared by the trajectory rules HS-G05..HS-G09, HS-G11 and HS-G12:
//! three-valued coverage, contacts up to the as-of date, date arithmetic that
//! names its failure, and the result builders.
//!
//! Coverage is `Ok(Some(..))` (covered, with the dates the rule needs),
//! `Ok(None)` (not covered: no result at all) or `Err(reason)` (a date the
//! test needs is unreadable or its column missing: `not_evaluated`). A false
//! part decides even when another part is unknown: a trajectory closed before
//! P is not covered, however unreadable its `start`.

use chrono::NaiveDate;

use crate::results::{Outcome, RuleResult, Text};
use crate::rulebook::RuleConfig;
use crate::rules::context::Context;
use crate::rules::dates::{add_days, add_months};
use crate::rules::model::{ContactKind, Location, Trajectory};

/// A date as Dutch readers write it.
pub fn nl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A date as `YYYY-MM-DD`.
pub fn en(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A number as Dutch readers write it: a decimal comma.
pub fn nl_num(x: impl std::fmt::Display) -> String {
    x.to_string().replace('.', ",")
}

/// A part of a coverage test: true, false, or unknown with a reason.
type Part = Result<bool, Text>;

/// All parts true: false when any part is false (whatever the others are),
/// else unknown when any part is unknown (the reasons joined), else true.
fn all(parts: &[Part]) -> Part {
    if parts.iter().any(|p| matches!(p, Ok(false))) {
        return Ok(false);
    }
    let reasons: Vec<&Text> = parts.iter().filter_map(|p| p.as_ref().err()).collect();
    if reasons.is_empty() {
        return Ok(true);
    }
    let join = |f: fn(&Text) -> &str| reasons.iter().map(|r| f(r)).collect::<Vec<_>>().join("; ");
    Err(Text::new(join(|t| &t.nl), join(|t| &t.en)))
}

/// Active in P, three-valued: `start` <= W and (`einde` empty or >= P.start).
/// An empty `start` is not active. Gives (`start`, `einde`).
pub fn active_in_p(t: &Trajectory, ctx: &Context) -> Result<Option<(NaiveDate, Option<NaiveDate>)>, Text> {
    let (start, einde) = (t.start.known(), t.einde.known());
    let parts = [
        start.clone().map(|s| s.is_some_and(|s| s <= ctx.window_end())),
        einde.clone().map(|e| e.is_none_or(|e| e >= ctx.period.start)),
    ];
    Ok(match (all(&parts)?, start, einde) {
        (true, Ok(Some(s)), Ok(e)) => Some((s, e)),
        _ => None,
    })
}

/// Closure coverage (HS-G06, HS-G07, HS-G08, HS-G12): `start` filled, `einde`
/// filled and `test(einde)` true. Gives `einde`. An unreadable `start` makes
/// coverage unknown (the rule needs that date), unless `einde` already rules
/// the trajectory out.
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

/// Dates of this trajectory's readable contacts of the given kinds, dated on
/// or before A (later ones have not happened yet), sorted. `Err` when the
/// contacts sheet is missing.
pub fn contact_dates(t: &Trajectory, kinds: &[ContactKind], ctx: &Context) -> Result<Vec<NaiveDate>, Text> {
    let contacts = t.contacts.as_ref().map_err(Clone::clone)?;
    let mut dates: Vec<NaiveDate> =
        contacts.iter().filter(|c| kinds.contains(&c.kind) && c.date <= ctx.as_of).map(|c| c.date).collect();
    dates.sort();
    Ok(dates)
}

/// The reason for `not_evaluated` when the trajectory has contacts that could
/// not be read (one of them might be the contact the rule looks for).
pub fn unreadable_contacts(t: &Trajectory) -> Option<Text> {
    if t.unreadable_contacts.is_empty() {
        return None;
    }
    let join = |f: fn(&Text) -> &str| t.unreadable_contacts.iter().map(f).collect::<Vec<_>>().join("; ");
    let n = t.unreadable_contacts.len();
    Some(Text::new(
        format!("{n} contact(en) van dit gezin konden niet gelezen worden: {}", join(|t| &t.nl)),
        format!("{n} contact(s) of this family could not be read: {}", join(|t| &t.en)),
    ))
}

fn out_of_range(d: NaiveDate) -> Text {
    Text::new(
        format!("datumberekening vanaf {} valt buiten het bereik van de kalender", nl(d)),
        format!("date arithmetic from {} falls outside the calendar's range", en(d)),
    )
}

/// `d` plus `n` days, or the reason it cannot be computed.
pub fn plus_days(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    add_days(d, n).ok_or_else(|| out_of_range(d))
}

/// add_months(`d`, `n`), or the reason it cannot be computed.
pub fn plus_months(d: NaiveDate, n: i64) -> Result<NaiveDate, Text> {
    i32::try_from(n).ok().and_then(|n| add_months(d, n)).ok_or_else(|| out_of_range(d))
}

/// A result for the trajectory, with the rule's severity.
pub fn result(loc: &Location, cfg: &RuleConfig, t: &Trajectory, outcome: Outcome, message: Text) -> RuleResult {
    RuleResult::new(&cfg.id, &loc.id, Some((&t.id, t.row)), outcome, cfg.severity, message)
}

/// `not_evaluated` for the trajectory, with the reason.
pub fn not_evaluated(loc: &Location, cfg: &RuleConfig, t: &Trajectory, reason: Text) -> RuleResult {
    let message = Text::new(format!("niet beoordeeld: {}", reason.nl), format!("not evaluated: {}", reason.en));
    result(loc, cfg, t, Outcome::NotEvaluated, message)
}

/// Runs `one` over every trajectory of the location (none when the
/// `gezinnen` sheet is missing: location rules report that). `Ok(None)`: not
/// covered; `Err(reason)`: `not_evaluated` with that reason.
pub fn each(
    loc: &Location,
    cfg: &RuleConfig,
    mut one: impl FnMut(&Trajectory) -> Result<Option<RuleResult>, Text>,
) -> Vec<RuleResult> {
    let Ok(ts) = &loc.trajectories else { return Vec::new() };
    ts.iter().filter_map(|t| one(t).unwrap_or_else(|reason| Some(not_evaluated(loc, cfg, t, reason)))).collect()
}
