//! The coordinator's moments of the Home-Start process, per trajectory: checks, evaluations, debrief, follow-up.
//!
//! The schedule keeps every gap between evaluations under 6 months even when
//! one contact is left out (HS-G04's first check, HS-G06's final evaluation),
//! so each injected breach breaks its own rule only. Nothing is dated after
//! the as-of date.

use chrono::NaiveDate;
use rand::rngs::SmallRng;

use super::calendar::{Period, chance, int, plus};
use super::model::{Contact, ContactKind, Trajectory};
use super::violations::{closure_due, follow_up_due_date, g04_due, g05_due, g08_due, horizon, rate};

/// Days between interim evaluations: 3 to 4,5 months.
const INTERIM_GAP: (i64, i64) = (90, 140);
/// HS-G05 breach: the days without any evaluation before the horizon (> 6 months).
const G05_GAP: (i64, i64) = (190, 230);

/// The contacts of one trajectory; pushes the rules broken onto `breaches`.
pub fn contacts(rng: &mut SmallRng, p: &Period, t: &Trajectory, breaches: &mut Vec<&'static str>) -> Vec<Contact> {
    let Some(start) = t.start else {
        return Vec::new();
    };
    let a = p.as_of();
    let active = t.active_in(p);
    let mut planned: Vec<(Option<NaiveDate>, ContactKind)> = Vec::new();
    let mut add = |date: Option<NaiveDate>, kind: ContactKind| planned.push((date, kind));

    // HS-G04: the first check, due 35 (+14 grace) days after start.
    let g04 = active && g04_due(start, p) && chance(rng, rate("HS-G04"));
    let check = if !g04 {
        Some(plus(start, int(rng, 28, 42)))
    } else if chance(rng, 0.5) {
        None
    } else {
        Some(plus(start, int(rng, 50, 75)))
    };
    add(check, ContactKind::FirstCheck);
    if g04 {
        breaches.push("HS-G04");
    }

    // HS-G05: interim evaluations every 3 to 4,5 months; a breach stops them
    // 190-230 days before the horizon, with no final evaluation on or before it.
    let g05 = active && g05_due(start, t.end, p) && chance(rng, rate("HS-G05"));
    let last = match (g05, t.end) {
        (true, end) => plus(horizon(end, p), -int(rng, G05_GAP.0, G05_GAP.1)),
        (false, Some(end)) => plus(end, -30),
        (false, None) => a,
    };
    let mut next = plus(start, int(rng, INTERIM_GAP.0, INTERIM_GAP.1));
    while next <= last {
        add(Some(next), ContactKind::Interim);
        next = plus(next, int(rng, INTERIM_GAP.0, INTERIM_GAP.1));
    }
    if g05 {
        breaches.push("HS-G05");
    }

    if let Some(end) = t.end {
        closure(rng, p, end, active, g05, &mut add, breaches);
    }
    planned
        .into_iter()
        .filter_map(|(date, kind)| date.filter(|d| *d <= a).map(|date| Contact { family: t.id.clone(), date, kind }))
        .collect()
}

/// The contacts at and after closure: final evaluation, debrief, follow-up.
fn closure(
    rng: &mut SmallRng,
    p: &Period,
    end: NaiveDate,
    active: bool,
    g05: bool,
    add: &mut impl FnMut(Option<NaiveDate>, ContactKind),
    breaches: &mut Vec<&'static str>,
) {
    // HS-G06: the final evaluation at closure (within 30 days).
    let g06 = active && closure_due(Some(end), p) && chance(rng, rate("HS-G06"));
    let final_eval = if g06 {
        if chance(rng, 0.7) { None } else { Some(plus(end, int(rng, 35, 60))) }
    } else if g05 {
        Some(plus(end, int(rng, 1, 25)))
    } else {
        Some(plus(end, -int(rng, 0, 7)))
    };
    add(final_eval, ContactKind::Final);
    if g06 {
        breaches.push("HS-G06");
    }

    // HS-G07: coordinator and volunteer discuss the final evaluation.
    let g07 = active && closure_due(Some(end), p) && chance(rng, rate("HS-G07"));
    if g07 {
        breaches.push("HS-G07");
    } else {
        add(Some(plus(end, int(rng, 0, 14))), ContactKind::VolunteerDebrief);
    }

    // HS-G08: the follow-up call three months after closure.
    let due = follow_up_due_date(end);
    let g08 = g08_due(Some(end), p) && chance(rng, rate("HS-G08"));
    let follow_up = if !g08 {
        Some(plus(due, int(rng, -7, 14)))
    } else if chance(rng, 0.7) {
        None
    } else {
        Some(plus(due, int(rng, 35, 60)))
    };
    add(follow_up, ContactKind::FollowUp);
    if g08 {
        breaches.push("HS-G08");
    }
}
