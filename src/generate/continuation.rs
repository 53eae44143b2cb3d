//! Families that go on into the next year (`generate --history N`): a
//! trajectory still running on the last day of one year is the same family
//! the next year (same id, registration, start, age, municipality, referrer,
//! volunteer) and ends in that year or runs on; one closed in the second half
//! of the year is still in the next export (its follow-up call is due then).
//!
//! Of the rules, only HS-G01 (the age at registration) and HS-G09's start
//! message carry over: neither changes once support started. HS-G03 and
//! HS-G10 cover matches in the period only; HS-G02 is never broken by a
//! continuation (it ends, or is still running, within 18 months of its
//! start); the contacts, ratings, visits and hours of the new year are drawn
//! for that year as for any family.
//!
//! Cost: O(trajectories log trajectories) per location and year.

use chrono::NaiveDate;
use rand::rngs::SmallRng;

use super::calendar::{Period, add_months, chance, date_between, int, plus, ymd};
use super::model::{Location, Trajectory, Volunteer};
use super::people::match_volunteer;
use super::trajectories::Drafted;
use super::violations::{end_message_due, rate};

/// What a location's families bring into the next year.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    /// Running on the last day of the year before: the trajectory, and
    /// whether HS-G01 and HS-G09 failed for it then.
    pub running: Vec<(Trajectory, bool, bool)>,
    /// Closed in the second half of the year before.
    pub closed: Vec<Trajectory>,
    /// The next free family number (`G-0001` is 1).
    pub next_id: usize,
}

impl Carried {
    /// What `loc`, generated for the year before `next`, brings into `next`.
    pub fn of(loc: &Location, next: &Period) -> Carried {
        let broken: std::collections::BTreeSet<(&str, &str)> =
            loc.violations.iter().filter_map(|v| v.subject.as_deref().map(|s| (v.rule, s))).collect();
        let broke = |rule: &str, id: &str| broken.contains(&(rule, id));
        let prev_year = next.year - 1;
        let mut carried = Carried { next_id: next_id(loc), ..Carried::default() };
        for t in &loc.trajectories {
            let Some(start) = t.start else { continue };
            match t.end {
                // Still within 18 months of its start some weeks into the new year, and never broke HS-G02.
                None if add_months(start, 18) >= plus(next.start, 30) && !broke("HS-G02", &t.id) => {
                    carried.running.push((t.clone(), broke("HS-G01", &t.id), broke("HS-G09", &t.id)));
                }
                Some(end) if end >= ymd(prev_year, 7, 1) && end <= ymd(prev_year, 12, 31) => {
                    carried.closed.push(t.clone());
                }
                _ => {}
            }
        }
        carried
    }
}

/// One more than the highest family number of a location.
fn next_id(loc: &Location) -> usize {
    let number = |id: &str| id.strip_prefix("G-").and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
    loc.trajectories.iter().map(|t| number(&t.id)).max().unwrap_or(0) + 1
}

/// A family running on the last day of the year before, in period `p`: it
/// ends within 18 months of its start (in `p`), or is still running.
pub fn continued(
    rng: &mut SmallRng,
    p: &Period,
    volunteers: &[Volunteer],
    (before, g01, g09): &(Trajectory, bool, bool),
) -> Drafted {
    let mut t = before.clone();
    let a = p.as_of();
    let start = t.start.unwrap_or(p.start);
    let limit = add_months(start, 18).min(a);
    let planned = plus(add_months(start, planned_months(rng)), int(rng, 0, 27));
    let end = if planned > a {
        // Running on A too, when that stays within 18 months of the start.
        (add_months(start, 18) < a).then(|| date_between(rng, plus(p.start, 14), limit))
    } else {
        Some(planned.clamp(date_between(rng, p.start, plus(p.start, 60)).min(limit), limit))
    };
    t.end = end;
    t.end_reason = end.map(|e| super::trajectories::end_reason(rng, start, e));
    t.hours = None;
    t.visits = None;
    keep_volunteer(rng, volunteers, &mut t);
    let mut breaches = Vec::new();
    if *g01 {
        breaches.push("HS-G01");
    }
    if t.referrer.is_some() {
        if t.referrer_told_start.is_none() && !g09 {
            // Not yet sent on the last day of the year before: sent since.
            t.referrer_told_start = Some(plus(start, int(rng, 0, 14)));
        }
        t.referrer_told_end = end.map(|e| plus(e, int(rng, 0, 14))).filter(|d| *d <= a);
        let end_due = end_message_due(end, p);
        if *g09 {
            breaches.push("HS-G09");
        } else if end_due && chance(rng, rate("HS-G09")) {
            t.referrer_told_end = None;
            breaches.push("HS-G09");
        }
    }
    Drafted { trajectory: t, breaches }
}

/// A family closed in the second half of the year before, as it stands: no
/// hours or visits in the new period; its end message sent by now.
pub fn closed(rng: &mut SmallRng, volunteers: &[Volunteer], before: &Trajectory) -> Drafted {
    let mut t = before.clone();
    t.hours = None;
    t.visits = None;
    keep_volunteer(rng, volunteers, &mut t);
    if t.referrer.is_some() && t.referrer_told_end.is_none() {
        t.referrer_told_end = t.end.map(|e| plus(e, int(rng, 0, 14)));
    }
    Drafted { trajectory: t, breaches: Vec::new() }
}

/// The volunteer as matched, when this year's list still knows them; else
/// one of this year's who fits the match (no rule judges a match before the period).
fn keep_volunteer(rng: &mut SmallRng, volunteers: &[Volunteer], t: &mut Trajectory) {
    if !t.volunteer.as_ref().is_none_or(|v| volunteers.iter().any(|x| &x.id == v)) {
        let matched = t.matched.or(t.start).unwrap_or_default();
        t.volunteer = match_volunteer(rng, volunteers, matched, false);
    }
}

/// A planned duration in whole months, as for new families.
fn planned_months(rng: &mut SmallRng) -> i32 {
    if chance(rng, 0.15) { int(rng, 3, 6) as i32 } else { ((int(rng, 8, 17) + int(rng, 8, 17) + 1) / 2) as i32 }
}

/// The earliest start of a new family in a continued year: the period's
/// start (those who started before are in last year's export).
pub fn earliest_start(p: &Period) -> NaiveDate {
    p.start
}
