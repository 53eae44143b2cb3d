//! Families and their trajectories: dates from registration to closure, age, referral, volunteer, visits and hours.

use chrono::NaiveDate;
use rand::rngs::SmallRng;

use super::calendar::{Period, add_months, chance, date_between, int, pick, plus, real, ymd};
use super::continuation::{self, Carried};
use super::model::{Age, Trajectory, Volunteer};
use super::people::match_volunteer;
use super::places::{REASONS_COMPLETED, REASONS_EARLY, REFERRERS, Region};
use super::violations::{MIN_VISIT_OVERLAP_DAYS, end_message_due, overlap_days, rate, start_message_due};

/// How many trajectories of each kind a location has.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    /// Active in the period: these are HS-L04/HS-L05's families.
    pub active: i64,
    /// Closed in the year before the period (HS-G08 still follows some up).
    pub closed_before: i64,
    /// Registered near the end of the period, support not yet started.
    pub waiting: i64,
}

/// A trajectory with the rules the generator broke on it (ids not yet assigned).
pub struct Drafted {
    pub trajectory: Trajectory,
    pub breaches: Vec<&'static str>,
}

/// All trajectories of a location, sorted by registration. `hours_per_family_year`
/// is the HS-L06 figure the `uren` add up to. With `carried` (a year of a
/// history after the first), the families of the year before that go on are
/// among the active ones, those closed in its second half are the closed
/// ones, and new families start in the period.
pub fn generate(
    rng: &mut SmallRng,
    p: &Period,
    region: &Region,
    volunteers: &[Volunteer],
    counts: Counts,
    hours_per_family_year: f64,
    carried: Option<&Carried>,
) -> Vec<Drafted> {
    let mut list = Vec::new();
    let going_on = carried.map_or(&[][..], |c| &c.running[..]);
    let kept = going_on.len().min(usize::try_from(counts.active).unwrap_or(0));
    for c in going_on.iter().take(kept) {
        list.push(continuation::continued(rng, p, volunteers, c));
    }
    let earliest = carried.map(|_| continuation::earliest_start(p));
    for _ in kept as i64..counts.active {
        let long = chance(rng, rate("HS-G02"));
        let (start, end) = active_dates(rng, p, long, earliest);
        let mut d = started(rng, p, region, volunteers, start, end);
        if long {
            d.breaches.push("HS-G02");
        }
        list.push(d);
    }
    match carried {
        Some(c) => list.extend(c.closed.iter().map(|t| continuation::closed(rng, volunteers, t))),
        None => {
            for _ in 0..counts.closed_before {
                let end = date_between(rng, ymd(p.year - 1, 7, 1), ymd(p.year - 1, 12, 31));
                let start = add_months(end, -planned_months(rng));
                let start = plus(start, -int(rng, 0, 27));
                list.push(started(rng, p, region, volunteers, start, Some(end)));
            }
        }
    }
    for _ in 0..counts.waiting {
        list.push(waiting(rng, p, region));
    }
    set_hours(rng, p, &mut list, hours_per_family_year);
    list.sort_by_key(|d| (d.trajectory.registered, d.trajectory.start));
    list
}

/// Start and end (empty: still running on A) of a trajectory active in P.
/// `long`: it runs longer than 18 months (HS-G02 is to fail). `earliest`:
/// no start before it (a history's later year; a long one excepted).
fn active_dates(
    rng: &mut SmallRng,
    p: &Period,
    long: bool,
    earliest: Option<NaiveDate>,
) -> (NaiveDate, Option<NaiveDate>) {
    let a = p.as_of();
    if long {
        let over = int(rng, 10, 60);
        let closed = chance(rng, 0.5);
        let until = if closed { date_between(rng, p.start, a) } else { a };
        let start = plus(add_months(until, -18), -over);
        return (start, closed.then_some(until));
    }
    for _ in 0..200 {
        let start = date_between(rng, earliest.unwrap_or(add_months(p.start, -17)), plus(a, -3));
        let months = planned_months(rng);
        let end = plus(add_months(start, months), int(rng, 0, 27));
        if end >= p.start {
            return (start, (end <= a).then_some(end));
        }
    }
    (date_between(rng, p.start, plus(a, -3)), None)
}

/// A planned duration in whole months: mostly 8-17 (about a year), some 3-6.
/// With up to 27 days more, never beyond 18 months.
fn planned_months(rng: &mut SmallRng) -> i32 {
    let months = if chance(rng, 0.15) { int(rng, 3, 6) } else { (int(rng, 8, 17) + int(rng, 8, 17) + 1) / 2 };
    months as i32
}

/// A trajectory whose support started: everything from registration to closure, except hours.
fn started(
    rng: &mut SmallRng,
    p: &Period,
    region: &Region,
    volunteers: &[Volunteer],
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Drafted {
    let mut breaches = Vec::new();
    let a = p.as_of();
    let matched = chance(rng, 0.9).then(|| plus(start, -int(rng, 0, 14)));
    let m = matched.unwrap_or(start);
    let mut intake = Some(plus(m, -int(rng, 10, 40)));
    let registered = plus(m, -int(rng, 15, 65));
    let registered = registered.min(intake.unwrap_or(registered));
    let mut t = Trajectory {
        id: String::new(),
        municipality: municipality(rng, region),
        registered,
        referrer: referrer(rng),
        age: Age::Months(0),
        intake,
        matched,
        volunteer: None,
        start: Some(start),
        end,
        end_reason: None,
        hours: None,
        visits: None,
        referrer_told_start: None,
        referrer_told_end: None,
    };
    let active = t.active_in(p);
    let g01 = (active || (registered >= p.start && registered <= a)) && chance(rng, rate("HS-G01"));
    t.age = age(rng, registered, g01);
    // HS-G03 and HS-G10 cover the trajectories matched within the period.
    let matched_in_p = active && m >= p.start && m <= a;
    if matched_in_p && chance(rng, rate("HS-G03")) {
        intake = if chance(rng, 0.6) { None } else { Some(plus(m, int(rng, 1, 20))).filter(|d| *d <= a) };
        t.intake = intake;
        breaches.push("HS-G03");
    }
    let g10 = matched_in_p && chance(rng, rate("HS-G10"));
    t.volunteer = match (g10, match_volunteer(rng, volunteers, m, g10)) {
        (true, Some(v)) => {
            breaches.push("HS-G10");
            Some(v)
        }
        (true, None) => match_volunteer(rng, volunteers, m, false),
        (false, v) => v,
    };
    t.end_reason = end.map(|e| end_reason(rng, start, e));
    if t.referrer.is_some() {
        t.referrer_told_start = Some(plus(start, int(rng, 0, 14))).filter(|d| *d <= a);
        t.referrer_told_end = end.map(|e| plus(e, int(rng, 0, 14))).filter(|d| *d <= a);
        let start_due = start_message_due(start, p);
        let end_due = end_message_due(end, p);
        if active && (start_due || end_due) && chance(rng, rate("HS-G09")) {
            if start_due && (!end_due || chance(rng, 0.5)) {
                t.referrer_told_start = None;
            } else {
                t.referrer_told_end = None;
            }
            breaches.push("HS-G09");
        }
    }
    if g01 {
        breaches.push("HS-G01");
    }
    Drafted { trajectory: t, breaches }
}

/// A family registered late in the period, waiting for the start of support.
fn waiting(rng: &mut SmallRng, p: &Period, region: &Region) -> Drafted {
    let a = p.as_of();
    let registered = date_between(rng, plus(a, -50), plus(a, -5));
    let g01 = chance(rng, rate("HS-G01"));
    let intake = chance(rng, 0.6).then(|| plus(registered, int(rng, 5, 25))).filter(|d| *d <= a);
    let trajectory = Trajectory {
        id: String::new(),
        municipality: municipality(rng, region),
        registered,
        referrer: referrer(rng),
        age: age(rng, registered, g01),
        intake,
        matched: None,
        volunteer: None,
        start: None,
        end: None,
        end_reason: None,
        hours: None,
        visits: None,
        referrer_told_start: None,
        referrer_told_end: None,
    };
    Drafted { trajectory, breaches: if g01 { vec!["HS-G01"] } else { Vec::new() } }
}

/// Half the families live in the town's own municipality, the rest spread over the others.
fn municipality(rng: &mut SmallRng, region: &Region) -> &'static str {
    let all = region.municipalities;
    let i = if chance(rng, 0.5) { 0 } else { int(rng, 0, all.len() as i64 - 1) as usize };
    all.get(i).copied().unwrap_or("Utrecht")
}

/// The referring professional; a quarter of the families registered themselves.
fn referrer(rng: &mut SmallRng) -> Option<&'static str> {
    if chance(rng, 0.25) { None } else { pick(rng, REFERRERS).copied() }
}

/// The youngest child's age data at registration R. `too_old`: HS-G01 is to
/// fail (7-9 years old, or a pregnancy, which the default rulebook does not allow).
fn age(rng: &mut SmallRng, r: NaiveDate, too_old: bool) -> Age {
    if too_old && chance(rng, 0.5) {
        // Registered in week 28-38 of the pregnancy.
        return Age::DueDate(plus(r, int(rng, 14, 84)));
    }
    let months = match (too_old, chance(rng, 0.6)) {
        (true, _) => int(rng, 84, 110),
        (false, true) => int(rng, 0, 24),
        (false, false) => int(rng, 25, 70),
    };
    if chance(rng, 0.82) {
        Age::BirthDate(plus(add_months(r, -(months as i32)), -int(rng, 1, 27)))
    } else {
        Age::Months(months)
    }
}

pub(super) fn end_reason(rng: &mut SmallRng, start: NaiveDate, end: NaiveDate) -> &'static str {
    let completed = end >= add_months(start, 9) && chance(rng, 0.85);
    let list = if completed { REASONS_COMPLETED } else { REASONS_EARLY };
    pick(rng, list).copied().unwrap_or("afgerond volgens plan")
}

/// Visits and hours of the trajectories active in P. Visits meet HS-G11's
/// norm (75% of weekly) unless it is to fail; hours add up to `per_family_year`
/// per family-year (HS-L06), in half hours.
fn set_hours(rng: &mut SmallRng, p: &Period, list: &mut [Drafted], per_family_year: f64) {
    let mut weights = Vec::new();
    for d in list.iter_mut() {
        let t = &mut d.trajectory;
        let Some(start) = t.start.filter(|_| t.active_in(p)) else {
            weights.push(0.0);
            continue;
        };
        let overlap = overlap_days(start, t.end, p);
        let weeks = overlap as f64 / 7.0;
        let few = overlap >= MIN_VISIT_OVERLAP_DAYS && chance(rng, rate("HS-G11"));
        if few {
            t.visits = Some((weeks * real(rng, 0.30, 0.65)).floor() as i64);
            weights.push(overlap as f64 * real(rng, 0.4, 0.65));
            d.breaches.push("HS-G11");
        } else {
            t.visits = Some((weeks * real(rng, 0.80, 1.0)).ceil() as i64);
            weights.push(overlap as f64 * real(rng, 0.85, 1.15));
        }
    }
    let family_years: f64 = list
        .iter()
        .filter_map(|d| d.trajectory.start.filter(|_| d.trajectory.active_in(p)).map(|s| (s, d.trajectory.end)))
        .map(|(s, e)| overlap_days(s, e, p) as f64 / 365.0)
        .sum();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return;
    }
    let scale = per_family_year * family_years / total;
    for (d, w) in list.iter_mut().zip(weights) {
        if d.trajectory.visits.is_some() {
            d.trajectory.hours = Some((w * scale * 2.0).round() / 2.0);
        }
    }
}
